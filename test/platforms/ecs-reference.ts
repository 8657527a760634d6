/**
 * The ECS field reference (test/vendor/ecs/ecs_flat.yml, ECS 8.11.0 at a pinned commit, vendored
 * unchanged) and a check of a whole document against it: every field an `ecs` line writes must
 * be an ECS field whose value has the field's type, or a custom field outside every ECS name.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

/** The vendored reference (test/vendor/ecs/README.md). */
export const ECS_REFERENCE = "v8.11.0 (ce703ab38f0c128c0dfeeb2daf0893ff3021cdff)";

interface EcsField {
  readonly type: string;
  readonly normalize?: readonly string[];
}

const FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../vendor/ecs/ecs_flat.yml");

/** Every ECS field by its flat name. */
export const ECS_FIELDS: ReadonlyMap<string, EcsField> = new Map(Object.entries(parse(fs.readFileSync(FILE, "utf8")) as Record<string, EcsField>));

/** The top-level names of every ECS field (field sets and base fields). */
export const ECS_TOP_NAMES: ReadonlySet<string> = new Set([...ECS_FIELDS.keys()].map((k) => k.split(".")[0]!));

const STRINGS = new Set(["keyword", "constant_keyword", "wildcard", "match_only_text", "text"]);
const INTEGERS = new Set(["long", "integer", "short", "byte", "unsigned_long"]);
const FLOATS = new Set(["float", "double", "scaled_float", "half_float"]);
/** ECS field types whose value is an object with free keys: nothing under them is checked. */
const OPEN = new Set(["object", "flattened", "nested"]);

function typeProblem(value: unknown, field: EcsField): string | undefined {
  if (Array.isArray(value)) {
    if (!(field.normalize ?? []).includes("array")) return "is an array, the field is not";
    for (const v of value) {
      const p = typeProblem(v, { type: field.type });
      if (p !== undefined) return p;
    }
    return undefined;
  }
  const t = field.type;
  if (STRINGS.has(t)) return typeof value === "string" ? undefined : `is ${typeof value}, the field is a ${t} (string)`;
  if (INTEGERS.has(t)) return Number.isInteger(value) ? undefined : `is not an integer (${t})`;
  if (FLOATS.has(t)) return typeof value === "number" ? undefined : `is not a number (${t})`;
  if (t === "boolean") return typeof value === "boolean" ? undefined : "is not a boolean";
  if (t === "date") return typeof value === "string" && !Number.isNaN(Date.parse(value)) ? undefined : "is not a date";
  if (t === "ip") return typeof value === "string" && /^[0-9a-fA-F:.]+$/.test(value) ? undefined : "is not an ip";
  if (OPEN.has(t)) return value !== null && typeof value === "object" ? undefined : `is not an object (${t})`;
  return undefined;
}

/**
 * Every way `doc` departs from ECS, as `path: problem` sentences: a field under an ECS name
 * that is not an ECS field, or whose value has another type; a field that is both a value and
 * an object (which Elasticsearch rejects). Empty when the document conforms.
 */
export function ecsProblems(doc: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const leaves = new Map<string, unknown>();
  const walk = (prefix: string, value: unknown): void => {
    if (prefix !== "" && !ECS_TOP_NAMES.has(prefix.split(".")[0]!)) {
      leaves.set(prefix, value); // custom: the user's namespace, not descended
      return;
    }
    const field = ECS_FIELDS.get(prefix);
    if (field !== undefined || value === null || typeof value !== "object" || Array.isArray(value)) {
      leaves.set(prefix, value);
      return;
    }
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (prefix === "") walk(k, v);
      else leavesUnder(prefix + "." + k, v);
    }
  };
  // Inside an ECS object, keys are names too: a user's object under a custom key is not descended.
  const leavesUnder = (name: string, v: unknown): void => walk(name, v);
  walk("", doc);
  for (const [name, value] of leaves) {
    const top = name.split(".")[0]!;
    // Elasticsearch splits names at dots and refuses empty or blank parts.
    if (name.split(".").some((part) => part.trim() === "")) problems.push(`${JSON.stringify(name)}: a name Elasticsearch refuses`);
    // Elasticsearch expands dotted names: a value at a.b beside a.b.c is rejected.
    for (const other of leaves.keys()) if (other.startsWith(name + ".")) problems.push(`${name}: a value, and also the object of ${other}`);
    if (!ECS_TOP_NAMES.has(top)) continue;
    const field = ECS_FIELDS.get(name);
    if (field === undefined) {
      const open = [...ECS_FIELDS.entries()].find(([k, f]) => OPEN.has(f.type) && name.startsWith(k + "."));
      if (open === undefined) problems.push(`${name}: not an ECS field, under the ECS name ${top}`);
      continue;
    }
    const p = typeProblem(value, field);
    if (p !== undefined) problems.push(`${name}: ${JSON.stringify(value)?.slice(0, 80)} ${p}`);
  }
  return problems;
}

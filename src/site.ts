/**
 * Call sites: the static metadata of one logger call in the source, a first-class value
 * separate from the values of any one call (as Rust tracing's `Callsite`/`Metadata`).
 *
 * The transformer hoists one `callSite({...})` per call to module scope, with the message and
 * static fields already escaped as JSON text. At run time a site is compiled once per
 * configuration (redaction, limits, core-key renaming are applied to its static parts then),
 * and each call only serializes its dynamic values, passed positionally.
 */
import { eventId } from "./event-id.js";
import { CORE_KEYS, userKey } from "./fields.js";
import { jsonFormat } from "./format/json.js";
import type { LineFormat } from "./format/line-format.js";
import { quote } from "./json-string.js";
import { LEVEL_VALUES } from "./levels.js";
import type { SiteSampling } from "./sampling.js";
import { censorValue, serializeField, serializeString, type SerializeConfig } from "./serialize.js";

/** How the transformer describes one field of a call. */
export type FieldSpec =
  /** A static field: its value as JSON text, escaped at build time. */
  | { readonly key: string; readonly json: string }
  /** A dynamic field: its value is passed positionally; `type` is what the type checker proved. */
  | { readonly key: string; readonly type: DynamicType };

/** What the type checker proved about a dynamic value (`any`: nothing, use the safe serializer). */
export type DynamicType = "string" | "number" | "boolean" | "any";

/**
 * The static description of one call site, as emitted by the transformer.
 *
 * Positional values passed with each call, in source order: the template holes (when `template`
 * is set) or the message value (when neither `msg` nor `template` is set); then the dynamic
 * field values in `fields` order, or the whole fields argument when `fields` is `"object"`.
 */
export interface CallSiteSpec {
  /** Level number (10…60). */
  readonly level: number;
  /** A static message as JSON text, quotes included. */
  readonly msg?: string;
  /** A template-literal message: its static parts, JSON-escaped, without quotes (holes + 1 parts). */
  readonly template?: readonly string[];
  /** The fields, in written order, or `"object"` when the fields argument is passed whole. */
  readonly fields?: readonly FieldSpec[] | "object";
  /** Source file, relative to the build root. */
  readonly file?: string;
  /** 1-based line of the call in the original source. */
  readonly line?: number;
  /** 1-based column of the call in the original source. */
  readonly column?: number;
  /** Qualified name of the enclosing function (`AuthService.login`, `<anonymous>`). */
  readonly function?: string;
}

/** A dynamic field slot of a compiled site. */
export interface DynamicSlot {
  /** `,"key":` */
  readonly prefix: string;
  /** The key as written. */
  readonly key: string;
  /**
   * 0 string, 1 number, 2 boolean, 3 any (safe serializer), 4 censored; 5: `inner`'s JSON text,
   * then `encode` (a format that is not JSON).
   */
  readonly kind: 0 | 1 | 2 | 3 | 4 | 5;
  /** For kind 5: the kind that writes the JSON text. */
  readonly inner?: 0 | 1 | 2 | 3 | 4;
  /** For kind 5: the format's value encoding. */
  readonly encode?: (json: string) => string;
}

/** What a call site becomes under one configuration. */
export interface CompiledSite {
  /** `null` when fields must go through the object path (passed whole, or keys that collide). */
  readonly parts: readonly (string | DynamicSlot)[] | null;
  /**
   * `parts` with the first one's leading comma cut, for a format that opens an object with the
   * fields (`LineFormat.bareFields`) at a site without site text; `undefined` otherwise.
   */
  readonly bareParts: readonly (string | DynamicSlot)[] | undefined;
  /** Keys written by static parts (always present on the line). */
  readonly staticKeys: readonly string[];
  /** Static message JSON text (quotes included), or `undefined`. */
  readonly msgJson: string | undefined;
  /** Escaped template parts (no quotes), when the fast template path applies. */
  readonly template: readonly string[] | undefined;
  /** Raw template parts, when the message must be built raw and serialized whole. */
  readonly rawTemplate: readonly string[] | undefined;
  /** Static field values, parsed, for rebuilding the fields object on the object path. */
  readonly staticValues: ReadonlyMap<string, unknown>;
  /** The format's static text for this site (caller location, event id), or `""`. */
  readonly siteText: string;
  /** `siteText` + `}` + newline: everything after the fields, in the `json` format. */
  readonly tail: string;
  /** The logger middle (`,"pid":…,"msg":`) that {@link CompiledSite.midMsg} was built for. */
  midFor: string | undefined;
  /** `midFor` + the static message in the format: one concatenation saved per call. */
  midMsg: string;
}

const NO_NEWLINES = /[\n\r\u2028\u2029]/;

/** What compiling a site depends on: a resolved configuration (one object per configuration). */
export interface SiteConfig {
  readonly serialize: SerializeConfig;
  /** The line format (default `json`). */
  readonly format?: LineFormat;
  /** Whether lines carry the site's event id. */
  readonly eventIds?: boolean;
}

/** A call site: static metadata, plus a cache of its compiled form. */
export class CallSite {
  /** Level number. */
  readonly level: number;
  /** The static description the transformer emitted. */
  readonly spec: CallSiteSpec;
  /** Number of template holes (or 1 for a dynamic message, 0 for a static one). */
  readonly messageValues: number;
  /** Source file, or `undefined` without caller metadata. */
  readonly file: string | undefined;
  /** 1-based line, or `undefined`. */
  readonly line: number | undefined;
  /** 1-based column, or `undefined`. */
  readonly column: number | undefined;
  /** Enclosing function, or `undefined`. */
  readonly function: string | undefined;
  /** `{"level":N,"time":` for this site's level. */
  readonly head: string;
  /** Sampling state under the current configuration (see sampling.ts), set on first use. */
  sampling: SiteSampling | undefined;
  private compiledFor: SiteConfig | undefined;
  private compiled: CompiledSite | undefined;
  private eventIdText: string | undefined;

  constructor(spec: CallSiteSpec) {
    this.spec = spec;
    const level = spec.level;
    this.level = Object.values(LEVEL_VALUES).includes(level) ? level : LEVEL_VALUES.info;
    const template = Array.isArray(spec.template) && spec.template.length > 0 ? spec.template : undefined;
    this.messageValues = template ? template.length - 1 : typeof spec.msg === "string" ? 0 : 1;
    this.file = typeof spec.file === "string" ? spec.file : undefined;
    this.line = typeof spec.line === "number" ? spec.line : undefined;
    this.column = typeof spec.column === "number" ? spec.column : undefined;
    this.function = typeof spec.function === "string" ? spec.function : undefined;
    this.head = `{"level":${this.level},"time":`;
  }

  /** The site compiled for `cfg` (cached: a site usually meets one configuration). */
  compile(cfg: SiteConfig): CompiledSite {
    if (this.compiledFor === cfg && this.compiled !== undefined) return this.compiled;
    this.compiled = compileSite(this, cfg.serialize, cfg.format ?? jsonFormat, cfg.eventIds === true);
    this.compiledFor = cfg;
    return this.compiled;
  }

  /**
   * The site's event id: a hash of its file and message template (template holes as `{}`), or of
   * file and line when the message is a dynamic value. Computed once.
   */
  get eventId(): string {
    if (this.eventIdText === undefined) {
      const spec = this.spec;
      let template: string;
      if (typeof spec.msg === "string" && this.messageValues === 0) {
        const raw = parseStatic(spec.msg);
        template = typeof raw === "string" ? raw : String(raw);
      } else if (Array.isArray(spec.template) && spec.template.length > 0) {
        template = spec.template.map((p) => { const r = parseStatic('"' + p + '"'); return typeof r === "string" ? r : String(p); }).join("{}");
      } else {
        template = "\u0000line:" + String(this.line ?? 0);
      }
      this.eventIdText = eventId(String(this.file ?? "") + "\u0000" + template);
    }
    return this.eventIdText;
  }
}

/**
 * Creates the call site for a transformer-emitted spec. Called once per call site, at module
 * load. Never throws: a malformed spec still gives a site whose lines are valid JSON.
 */
export function callSite(spec: CallSiteSpec): CallSite {
  return new CallSite(spec !== null && typeof spec === "object" ? spec : { level: LEVEL_VALUES.info });
}

/** Parses build-time JSON text; text that is not one JSON value on one line is kept as a string. */
function parseStatic(json: unknown): unknown {
  if (typeof json !== "string" || NO_NEWLINES.test(json)) return String(json);
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
}

function compileSite(site: CallSite, cfg: SerializeConfig, format: LineFormat, eventIds: boolean): CompiledSite {
  const spec = site.spec;
  const redactor = cfg.redactor;
  const maxLen = cfg.limits.maxStringLength;

  // Message.
  let msgJson: string | undefined;
  let template: readonly string[] | undefined;
  let rawTemplate: readonly string[] | undefined;
  if (site.messageValues === 0 && typeof spec.msg === "string") {
    const raw = parseStatic(spec.msg);
    msgJson = typeof raw === "string" && raw.length <= maxLen && redactor.scrub === null && quote(raw) === spec.msg
      ? spec.msg
      : serializeString(typeof raw === "string" ? raw : String(raw), cfg);
  } else if (Array.isArray(spec.template) && spec.template.length > 0) {
    const raws = spec.template.map((p) => {
      const r = parseStatic('"' + p + '"');
      return typeof r === "string" ? r : String(p);
    });
    const safe = spec.template.every((p, i) => typeof p === "string" && '"' + p + '"' === quote(raws[i]));
    // With patterns on, a secret can span static text and a hole: build the whole string first.
    if (safe && redactor.scrub === null) template = spec.template;
    else rawTemplate = raws;
  }

  // Caller location and event id, in the format, once.
  const siteText = format.site(
    site.file !== undefined || site.line !== undefined ? { file: site.file, line: site.line, column: site.column, function: site.function } : undefined,
    eventIds ? site.eventId : undefined,
  );

  const staticValues = new Map<string, unknown>();
  const fields = spec.fields;
  if (!Array.isArray(fields)) {
    // No fields at all is the simplest precomputed case; only a whole fields argument needs the object path.
    return { parts: fields === undefined ? [] : null, bareParts: undefined, staticKeys: [], msgJson, template, rawTemplate, staticValues, siteText, tail: siteText + "}\n", midFor: undefined, midMsg: "" };
  }

  const parts: (string | DynamicSlot)[] = [];
  const staticKeys: string[] = [];
  const seen = new Set<string>();
  let objectPath = false;
  let run = "";
  for (const f of fields as readonly FieldSpec[]) {
    const rawKey = String(f.key);
    const key = userKey(rawKey, cfg);
    if (seen.has(key)) objectPath = true; // keys that collide after renaming: let the object path decide
    seen.add(key);
    const prefix = "," + quote(key) + ":";
    if ("json" in f) {
      const value = parseStatic(f.json);
      staticValues.set(rawKey, value);
      let text: string | undefined;
      if (typeof f.json === "string" && !NO_NEWLINES.test(f.json) && !needsRuntimeSerialization(f.json, key, cfg)) {
        text = f.json;
      } else {
        text = serializeField(value, key, cfg);
      }
      if (text === undefined) continue;
      run += prefix + text;
      staticKeys.push(key);
    } else {
      if (run !== "") parts.push(run);
      run = "";
      let kind: DynamicSlot["kind"];
      if (redactor.rootPaths !== null && redactor.step(redactor.rootPaths, key) !== null) kind = 3;
      else if (redactor.isSensitive(key)) kind = 4;
      else kind = f.type === "string" ? 0 : f.type === "number" ? 1 : f.type === "boolean" ? 2 : 3;
      parts.push({ prefix, key, kind });
    }
  }
  if (run !== "") parts.push(run);
  // A format that is not JSON gets its static runs and key prefixes in its own encoding, once.
  const enc = format.encoding;
  if (enc !== undefined) {
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      parts[i] = typeof p === "string" ? enc.members(p) : { prefix: enc.prefix(p.key), key: p.key, kind: 5, inner: p.kind as 0 | 1 | 2 | 3 | 4, encode: enc.value };
    }
  }
  return {
    parts: objectPath ? null : parts,
    // Only a site without text of its own can have its fields open the format's object.
    bareParts: format.bareFields === true && siteText === "" && !objectPath && parts.length > 0 ? withFirstBare(parts) : undefined,
    staticKeys,
    msgJson,
    template,
    rawTemplate,
    staticValues,
    siteText,
    tail: siteText + "}\n",
    midFor: undefined,
    midMsg: "",
  };
}

/** `parts` with the leading comma of the first one cut. */
function withFirstBare(parts: readonly (string | DynamicSlot)[]): (string | DynamicSlot)[] {
  const first = parts[0];
  return [typeof first === "string" ? first.slice(1) : { ...first, prefix: first.prefix.slice(1) }, ...parts.slice(1)];
}

/** True when a static value's build-time JSON cannot be used as is under this configuration. */
function needsRuntimeSerialization(json: string, key: string, cfg: SerializeConfig): boolean {
  const r = cfg.redactor;
  if (r.isSensitive(key)) return true;
  if (r.rootPaths !== null && r.step(r.rootPaths, key) !== null) return true;
  const c = json.charCodeAt(0);
  // Objects and arrays may hold sensitive keys or exceed limits; strings may hold patterns.
  if (c === 123 /* { */ || c === 91 /* [ */) return true;
  if (c === 34 /* " */ && (r.scrub !== null || json.length > cfg.limits.maxStringLength)) return true;
  try {
    JSON.parse(json);
    return false;
  } catch {
    return true;
  }
}

/** The censored JSON text for a dynamic slot of kind 4. */
export function censorSlot(value: unknown, key: string, cfg: SerializeConfig): string {
  return censorValue(value, [key], cfg);
}

/** True when `key` is a core key (exported for the transformer's planning tests). */
export function isCoreKey(key: string): boolean {
  return CORE_KEYS.has(key);
}

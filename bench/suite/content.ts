/**
 * The content check: every variant's lines must carry what pino's lines carry (or, where pino
 * has no such scenario, what the untransformed build writes), so no variant is faster for doing
 * less. Each line is parsed, flattened to dotted keys, and stripped of what legitimately differs
 * between processes and loggers; the rest must be equal, line for line.
 *
 * Set aside: time and its ECS/OTel/GCP spellings, pid and hostname (and `process.pid`,
 * `host.hostname`, `host.name`), `caller`, `ecs.version`, and an empty message (pino writes no
 * `msg` for `log.info({ hello })`, logweave writes `"msg":""`). logweave writes a user key that
 * collides with one of its own as `fields.<key>` (pino writes the key twice); that is read back as
 * `<key>`. Errors: pino folds the cause into `err.message` and `err.stack` (`caused by:`),
 * logweave nests it under `err.cause`; both must carry the two messages and the two stacks.
 */

/** Keys (flattened) that differ between processes or are metadata only. */
const ASIDE = new Set(["time", "pid", "hostname", "@timestamp", "timestamp", "ecs.version", "process.pid", "host.hostname", "host.name", "timeUnixNano", "observedTimeUnixNano", "resource.process.pid", "resource.host.name"]);
/** The call site in each format: `caller` (json, logfmt), ECS `log.origin`, OTel `code.*`, GCP `sourceLocation`. */
const CALLER = /^(caller|caller_function|log\.origin|attributes\.code|logging\.googleapis\.com\/sourceLocation)(\.|$)/;

/** How to read a line: JSON fields, JSON with an error, or logfmt. */
export type ContentKind = "fields" | "error" | "logfmt";

/**
 * A logfmt line as an object of strings (`key=value`, `key="quoted \"value\""`). Throws on a line
 * with text that is not a pair.
 */
function logfmtObject(line: string): Record<string, string> {
  const out: Record<string, string> = {};
  const pair = /\s*([^\s=]+)=("(?:[^"\\]|\\.)*"|\S*)/y;
  const text = line.trimEnd();
  let at = 0;
  while (at < text.length) {
    pair.lastIndex = at;
    const m = pair.exec(text);
    if (m === null) throw new Error("not a pair");
    out[m[1]] = m[2].startsWith('"') ? (JSON.parse(m[2]) as string) : m[2];
    at = pair.lastIndex;
  }
  return out;
}

/** An OTLP/JSON `AnyValue` as the plain value it stands for. */
function anyValue(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  const v = value as Record<string, unknown>;
  if ("stringValue" in v) return v.stringValue;
  if ("intValue" in v) return Number(v.intValue);
  if ("doubleValue" in v) return v.doubleValue;
  if ("boolValue" in v) return v.boolValue;
  if ("bytesValue" in v) return v.bytesValue;
  if ("arrayValue" in v) return (((v.arrayValue as { values?: unknown[] }).values ?? []) as unknown[]).map(anyValue);
  if ("kvlistValue" in v) return keyValues((v.kvlistValue as { values?: unknown[] }).values);
  return value;
}

/** An OTLP/JSON `KeyValue` list as an object. */
function keyValues(list: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (Array.isArray(list)) for (const kv of list as { key: string; value: unknown }[]) out[kv.key] = anyValue(kv.value);
  return out;
}

/**
 * An `otel` line (one OTLP/JSON `ExportLogsServiceRequest` holding one record) as a plain object:
 * the resource's attributes under `resource`, the record's members, its body and attributes as
 * plain values — so it compares like the other formats' lines.
 */
function otlpRecord(request: { resourceLogs?: unknown }): Record<string, unknown> {
  const resourceLogs = (request.resourceLogs as { resource?: { attributes?: unknown }; scopeLogs?: { logRecords?: Record<string, unknown>[] }[] }[])[0];
  const record = resourceLogs?.scopeLogs?.[0]?.logRecords?.[0] ?? {};
  return { ...record, resource: keyValues(resourceLogs?.resource?.attributes), body: anyValue(record.body), attributes: keyValues(record.attributes) };
}

/** One line's comparable content, or why it has none. */
export type Content = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problem: string };

function flatten(value: unknown, prefix: string, out: Map<string, unknown>): void {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix === "" ? k : `${prefix}.${k}`, out);
  } else out.set(prefix, value);
}

/** The strings under `err` joined, to look for the two messages and stacks in whatever shape. */
function errorText(flat: Map<string, unknown>): string {
  return [...flat].filter(([k, v]) => k.startsWith("err.") && typeof v === "string").map(([, v]) => v as string).join("\n");
}

/** What an error line must carry: the messages, and both stacks (a first line then `at` frames). */
function errorContent(text: string): string {
  const cause = /issuer timeout (\d+)/.exec(text);
  const parts = [
    text.includes("card declined") ? "message" : "NO message",
    /Error: card declined\n\s+at /.test(text) ? "stack" : "NO stack",
    cause ? `cause message ${cause[1]}` : "NO cause message",
    cause && new RegExp(`Error: issuer timeout ${cause[1]}\\n\\s+at `).test(text) ? "cause stack" : "NO cause stack",
  ];
  return parts.join(", ");
}

/**
 * The content of one line (a JSON object, with or without its newline), as comparable text.
 * Never throws: a line that is not a JSON object is returned as a problem.
 */
export function lineContent(line: string, kind: ContentKind): Content {
  let parsed: unknown;
  try {
    parsed = kind === "logfmt" ? logfmtObject(line) : JSON.parse(line);
  } catch {
    return { ok: false, problem: `not ${kind === "logfmt" ? "logfmt" : "JSON"}: ${line.slice(0, 120)}` };
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return { ok: false, problem: `not a JSON object: ${line.slice(0, 120)}` };
  if ("resourceLogs" in parsed) parsed = otlpRecord(parsed);
  const flat = new Map<string, unknown>();
  flatten(parsed, "", flat);
  const kept: [string, unknown][] = [];
  for (const [key, value] of flat) {
    if (ASIDE.has(key) || CALLER.test(key)) continue;
    if ((key === "msg" || key === "message") && value === "") continue;
    if (kind === "error" && key.startsWith("err.")) continue;
    kept.push([key.startsWith("fields.") ? key.slice("fields.".length) : key, value]);
  }
  if (kind === "error") kept.push(["err", errorContent(errorText(flat))]);
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { ok: true, text: JSON.stringify(kept) };
}

/** The first difference between two variants' lines (compared index by index), or `undefined`. */
export function firstDifference(reference: readonly string[], lines: readonly string[], kind: ContentKind): string | undefined {
  const n = Math.min(reference.length, lines.length);
  if (n === 0 && reference.length !== lines.length) return `no lines to compare (${lines.length} vs ${reference.length})`;
  for (let k = 0; k < n; k++) {
    const want = lineContent(reference[k], kind);
    const got = lineContent(lines[k], kind);
    if (!got.ok) return `line ${k + 1}: ${got.problem}`;
    if (!want.ok) return `reference line ${k + 1}: ${want.problem}`;
    if (got.text !== want.text) return `line ${k + 1}: ${got.text} ≠ ${want.text}`;
  }
  return undefined;
}

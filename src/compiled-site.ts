/**
 * What a call site becomes under one configuration: its static parts checked against that
 * configuration's redaction, limits and core keys, put in its line format, once. The result
 * belongs to the configuration (`ResolvedConfig.sites`, indexed by site id), never to the site:
 * a site reached through loggers with different configurations has one compiled form in each.
 */
import { lineKey, userKey } from "./fields.js";
import { jsonFormat } from "./format/json.js";
import type { LineFormat } from "./format/line-format.js";
import { quote } from "./json-string.js";
import { serializeField, serializeString, type SerializeConfig } from "./serialize.js";
import { parseStatic, type CallSite, type FieldSpec } from "./site.js";

/** How a dynamic field's value is written. */
export const SlotKind = {
  /** Proven a string: escaped as one (checked again at run time: types can lie). */
  String: 0,
  /** Proven a number. */
  Number: 1,
  /** Proven a boolean. */
  Boolean: 2,
  /** Anything: the safe serializer. */
  Any: 3,
  /** A sensitive key: the censor, whatever the value. */
  Censored: 4,
} as const;

/** A {@link SlotKind} value. */
export type SlotKind = (typeof SlotKind)[keyof typeof SlotKind];

/** A dynamic field slot of a compiled site. */
export interface DynamicSlot {
  /** `,"key":` in the format's encoding. */
  readonly prefix: string;
  /** The key as written on the line (after core-key renaming). */
  readonly key: string;
  readonly kind: SlotKind;
  /**
   * For a format with a member encoding: its encoding of one JSON value, or for a key it writes
   * its own way (`err`) the writer of that key's members (see `MemberEncoding.special`).
   */
  readonly encode: ((json: string) => string) | undefined;
}

/** A call site compiled for one configuration. */
export interface CompiledSite {
  /**
   * The fields as static text runs and dynamic slots, in written order; `null` when the call
   * must go through the object path (fields passed whole, a dynamic message, keys that collide
   * after renaming, more keys than `maxKeys`): its original arguments, rebuilt, are written as
   * an untransformed call's would be.
   */
  readonly parts: readonly (string | DynamicSlot)[] | null;
  /**
   * True when the fields open the format's object (`LineFormat.bareFields`) at this site, which
   * has no site text to come first: they are written without their leading comma when no lower
   * layer comes first either.
   */
  readonly bareFields: boolean;
  /** Keys written by static parts (always present on the line). */
  readonly staticKeys: readonly string[];
  /** Static message JSON text (quotes included), or `undefined`. */
  readonly msgJson: string | undefined;
  /** A template message's parts, JSON-escaped without quotes, when they can be joined as they are. */
  readonly template: readonly string[] | undefined;
  /** A template message's parts as text, for joining raw and serializing whole (patterns, limits). */
  readonly rawTemplate: readonly string[] | undefined;
  /** The format's static text for this site (caller location, event id), or `""`. */
  readonly siteText: string;
  /** `siteText` + `}` + newline: everything after the fields, in the `json` format. */
  readonly tail: string;
  /** The format's text before the time for the site's level (`{"level":30,"time":`). */
  readonly head: string;
  /**
   * True when a line of this site is fragments and values only: the `json` format with nothing
   * dynamic beyond fields (`ResolvedConfig.fast`), a static message, planned fields.
   */
  readonly fastJson: boolean;
  /** The static message in the format (`""` without one). */
  readonly msgText: string;
  /**
   * The logger middles (`,"pid":…,"name":"auth","msg":`) of the first two loggers that wrote
   * through this site under this configuration, and each with {@link CompiledSite.msgText}
   * joined on: one concatenation saved per call (see {@link midMessage}).
   */
  midFor: string | undefined;
  midMsg: string;
  midFor2: string | undefined;
  midMsg2: string;
}

/** What compiling a site depends on: one resolved configuration. */
export interface SiteConfig {
  readonly serialize: SerializeConfig;
  /** `json` with nothing dynamic beyond fields (see `ResolvedConfig.fast`). */
  readonly fast?: boolean;
  /** The format's text before the time, by level number. */
  readonly heads?: readonly string[];
  /** The line format (default `json`). */
  readonly format?: LineFormat;
  /** Whether lines carry the site's event id. */
  readonly eventIds?: boolean;
  /** The compiled sites of this configuration, by site id. */
  readonly sites: (CompiledSite | undefined)[];
}

/** `site` compiled for `cfg`, made once per configuration. */
export function compiledSite(cfg: SiteConfig, site: CallSite): CompiledSite {
  let c = cfg.sites[site.id];
  if (c === undefined) {
    const format = cfg.format ?? jsonFormat;
    const compiled = compileSite(site, cfg.serialize, format, cfg.eventIds === true);
    const head = cfg.heads?.[site.level] ?? format.head(site.level);
    const msgText = compiled.msgJson === undefined ? "" : format.message(compiled.msgJson);
    c = cfg.sites[site.id] = { ...compiled, head, msgText, fastJson: cfg.fast === true && compiled.msgJson !== undefined && compiled.parts !== null };
  }
  return c;
}

const NO_NEWLINES = /[\n\r\u2028\u2029]/;

/**
 * A logger's middle with the site's static message: kept for the first two loggers (a helper
 * that gets its logger as a parameter is usually called with one or two), joined per call for
 * any further one.
 */
export function midMessage(c: CompiledSite, mid: string): string {
  if (c.midFor === mid) return c.midMsg;
  if (c.midFor2 === mid) return c.midMsg2;
  const midMsg = mid + c.msgText;
  if (c.midFor === undefined) {
    c.midFor = mid;
    c.midMsg = midMsg;
  } else if (c.midFor2 === undefined) {
    c.midFor2 = mid;
    c.midMsg2 = midMsg;
  }
  return midMsg;
}

function compileSite(site: CallSite, cfg: SerializeConfig, format: LineFormat, eventIds: boolean): Omit<CompiledSite, "head" | "fastJson" | "msgText"> {
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
    rawTemplate = raws;
    const safe = spec.template.every((p, i) => typeof p === "string" && '"' + p + '"' === quote(raws[i]));
    // With patterns on, a secret can span static text and a hole: the whole string is built first.
    if (safe && redactor.scrub === null) template = spec.template;
  }

  // Caller location and event id, in the format, once.
  const siteText = format.site(
    site.file !== undefined || site.line !== undefined ? { file: site.file, line: site.line, column: site.column, function: site.function } : undefined,
    eventIds ? site.eventId : undefined,
  );
  const tail = siteText + "}\n";
  const fields = spec.fields;
  const messageKnown = msgJson !== undefined || rawTemplate !== undefined;
  if (!messageKnown || fields === "object" || (fields !== undefined && !Array.isArray(fields))) {
    // A dynamic message or fields passed whole: the untransformed call's rules apply to both.
    return { parts: null, bareFields: false, staticKeys: [], msgJson, template, rawTemplate, siteText, tail, midFor: undefined, midMsg: "", midFor2: undefined, midMsg2: "" };
  }
  if (fields === undefined || fields.length === 0) {
    return { parts: [], bareFields: false, staticKeys: [], msgJson, template, rawTemplate, siteText, tail, midFor: undefined, midMsg: "", midFor2: undefined, midMsg2: "" };
  }

  const parts: (string | DynamicSlot)[] = [];
  const staticKeys: string[] = [];
  const seen = new Set<string>();
  // More keys than the limit: the object path cuts and counts them as an untransformed call does.
  let objectPath = fields.length > cfg.limits.maxKeys;
  let run = "";
  const enc = format.encoding;
  for (const f of fields as readonly FieldSpec[]) {
    const key = userKey(String(f.key), cfg);
    if (seen.has(key)) objectPath = true; // keys that collide after renaming: the object path decides
    // A key that patterns censor or the string limit cuts: the object path keeps keys unique.
    if (lineKey(String(f.key), cfg) !== key) objectPath = true;
    seen.add(key);
    const prefix = "," + quote(key) + ":";
    if ("json" in f) {
      let text: string | undefined;
      if (typeof f.json === "string" && !NO_NEWLINES.test(f.json) && !needsRuntimeSerialization(f.json, key, cfg)) text = f.json;
      else text = serializeField(parseStatic(f.json), key, cfg);
      if (text === undefined) continue;
      run += prefix + text;
      staticKeys.push(key);
    } else {
      if (run !== "") parts.push(enc === undefined ? run : enc.members(run));
      run = "";
      let kind: SlotKind;
      if (redactor.rootPaths !== null && redactor.step(redactor.rootPaths, key) !== null) kind = SlotKind.Any;
      else if (redactor.isSensitive(key)) kind = SlotKind.Censored;
      else kind = f.type === "string" ? SlotKind.String : f.type === "number" ? SlotKind.Number : f.type === "boolean" ? SlotKind.Boolean : SlotKind.Any;
      // A format with a member encoding gets its key prefixes in it, once; a key it writes its
      // own way (`err`) gets only the comma, and the writer of its members.
      const special = enc?.special?.(key);
      parts.push({ prefix: special !== undefined ? "," : enc === undefined ? prefix : enc.prefix(key), key, kind, encode: special ?? enc?.value });
    }
  }
  if (run !== "") parts.push(enc === undefined ? run : enc.members(run));
  if (objectPath) {
    return { parts: null, bareFields: false, staticKeys: [], msgJson, template, rawTemplate, siteText, tail, midFor: undefined, midMsg: "", midFor2: undefined, midMsg2: "" };
  }
  return {
    parts,
    // Only a site without text of its own can have its fields open the format's object.
    bareFields: format.bareFields === true && siteText === "",
    staticKeys,
    msgJson,
    template,
    rawTemplate,
    siteText,
    tail,
    midFor: undefined,
    midMsg: "",
    midFor2: undefined,
    midMsg2: "",
  };
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
  // A number with patterns on: a card number held as a number is censored.
  if ((c === 45 /* - */ || (c >= 48 && c <= 57)) && r.scrub !== null) return true;
  try {
    JSON.parse(json);
    return false;
  } catch {
    return true;
  }
}

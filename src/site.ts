/**
 * Call sites: the static metadata of one logger call in the source, a first-class value separate
 * from the values of any one call and from any configuration (as Rust tracing's
 * `Callsite`/`Metadata`). A site never changes after it is made; what is derived from it under
 * one configuration (its compiled form, its sampling state) belongs to that configuration
 * (`compiled-site.ts`, `sampling.ts`), so one site serves any number of loggers.
 *
 * The transformer emits each site as a function declaration (hoisted, so a site exists before
 * its module's body runs, even in an import cycle) returning the {@link CallSiteSpec}: the
 * message and static fields already escaped as JSON text, the call's location, and `args`, which
 * rebuilds the call's original arguments from its positional values. `siteOf` turns that
 * function into a {@link CallSite} once.
 */
import { eventId } from "./event-id.js";
import { LEVEL_NAMES, LEVEL_VALUES, type LevelName } from "./levels.js";

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
 * Positional values passed with each call, in source order: the template holes, each already
 * converted to a string where the template literal would convert it (when `template` is set), or
 * the message value (when neither `msg` nor `template` is set); then the dynamic field values in
 * `fields` order, or the whole fields argument when `fields` is `"object"` — the other way round
 * for a call written in pino's order (`fieldsFirst`).
 */
export interface CallSiteSpec {
  /** Level number (10…60). */
  readonly level: number;
  /** The logger method the call was written with (`"info"`); the level's name. */
  readonly method?: string;
  /** A static message as JSON text, quotes included. */
  readonly msg?: string;
  /** A template-literal message: its static parts, JSON-escaped, without quotes (holes + 1 parts). */
  readonly template?: readonly string[];
  /** The fields, in written order, or `"object"` when the fields argument is passed whole. */
  readonly fields?: readonly FieldSpec[] | "object";
  /**
   * The call was written in pino's order (`log.info({ a }, "msg")`): the field values come first
   * among the positional values, then the template holes.
   */
  readonly fieldsFirst?: boolean;
  /** Source file, relative to the build root. */
  readonly file?: string;
  /** 1-based line of the call in the original source. */
  readonly line?: number;
  /** 1-based column of the call in the original source. */
  readonly column?: number;
  /** Qualified name of the enclosing function (`AuthService.login`, `<anonymous>`). */
  readonly function?: string;
  /**
   * A call on a `logweave/pino` logger, planned in pino's terms (only `logweave/pino` answers
   * it): `"members"` — the values are the first argument's members (an object literal, keys in
   * `fields`), then the message and the format arguments; `"args"` — the values are the
   * arguments as written.
   */
  readonly pino?: "members" | "args";
  /**
   * The call's arguments exactly as written, from the positional values: what a receiver that
   * is not a genuine logweave logger is called with, and what the runtime's object path reads.
   */
  readonly args?: (...values: unknown[]) => unknown[];
}

/** The emitted form of a site: a function that returns its spec (see the module comment). */
export type SiteHolder = () => CallSiteSpec;

let nextId = 0;

/** A call site: immutable static metadata. */
export class CallSite {
  /** A small number unique to this site in this process: configurations index their state by it. */
  readonly id: number;
  /** Level number. */
  readonly level: number;
  /** The logger method of the level (`"info"`). */
  readonly method: LevelName;
  /** The static description the transformer emitted. */
  readonly spec: CallSiteSpec;
  /** Number of template holes (or 1 for a dynamic message, 0 for a static one). */
  readonly messageValues: number;
  /** Where the template holes start among the positional values. */
  readonly holesAt: number;
  /** Where the field values (or the whole fields argument) start among the positional values. */
  readonly fieldsAt: number;
  /** Source file, or `undefined` without caller metadata. */
  readonly file: string | undefined;
  /** 1-based line, or `undefined`. */
  readonly line: number | undefined;
  /** 1-based column, or `undefined`. */
  readonly column: number | undefined;
  /** Enclosing function, or `undefined`. */
  readonly function: string | undefined;
  /**
   * The site's event id: a hash of its file and message template (template holes as `{}`), or of
   * file and line when the message is a dynamic value.
   */
  readonly eventId: string;
  /** A site planned for a `logweave/pino` logger (see {@link CallSiteSpec.pino}): a logweave logger never takes it. */
  readonly pino: boolean;

  constructor(spec: CallSiteSpec) {
    this.id = nextId++;
    this.spec = spec;
    const level = spec.level;
    this.level = LEVEL_NAMES.some((n) => LEVEL_VALUES[n] === level) ? level : LEVEL_VALUES.info;
    this.method = LEVEL_NAMES.find((n) => LEVEL_VALUES[n] === this.level)!;
    const template = Array.isArray(spec.template) && spec.template.length > 0 ? spec.template : undefined;
    this.messageValues = template ? template.length - 1 : typeof spec.msg === "string" ? 0 : 1;
    const fields = spec.fields;
    const fieldValues = fields === undefined ? 0 : Array.isArray(fields) ? fields.filter((f) => !("json" in f)).length : 1;
    const fieldsFirst = spec.fieldsFirst === true;
    this.holesAt = fieldsFirst ? fieldValues : 0;
    this.fieldsAt = fieldsFirst ? 0 : this.messageValues;
    this.file = typeof spec.file === "string" ? spec.file : undefined;
    this.line = typeof spec.line === "number" ? spec.line : undefined;
    this.column = typeof spec.column === "number" ? spec.column : undefined;
    this.function = typeof spec.function === "string" ? spec.function : undefined;
    this.pino = spec.pino === "members" || spec.pino === "args";
    this.eventId = eventId(String(this.file ?? "") + "\u0000" + this.#eventTemplate());
  }

  /**
   * The call's original arguments from its positional values (`spec.args`). Without an `args`
   * in the spec (a hand-made one), the values themselves. Runs no user code but the spec's own.
   */
  rebuild(values: readonly unknown[]): unknown[] {
    const spec = this.spec;
    if (typeof spec.args === "function") return spec.args(...values);
    // A spec without `args` (made by hand): the arguments as its message and fields describe them.
    let message: unknown;
    if (typeof spec.msg === "string" && this.messageValues === 0) message = parseStatic(spec.msg);
    else if (Array.isArray(spec.template) && spec.template.length > 0) {
      message = spec.template.map((p, i) => { const r = parseStatic('"' + p + '"'); return (i === 0 ? "" : String(values[this.holesAt + i - 1])) + (typeof r === "string" ? r : String(p)); }).join("");
    } else message = values[0];
    const fields = spec.fields;
    let obj: unknown;
    if (fields === undefined) obj = undefined;
    else if (!Array.isArray(fields)) obj = values[this.fieldsAt];
    else {
      const built: Record<string, unknown> = {};
      let slot = this.fieldsAt;
      for (const f of fields as readonly FieldSpec[]) {
        const value = "json" in f ? parseStatic(f.json) : values[slot++];
        Object.defineProperty(built, String(f.key), { value, enumerable: true, writable: true, configurable: true });
      }
      obj = built;
    }
    if (spec.fieldsFirst === true) return message === "" && typeof spec.msg === "string" && spec.msg === '""' ? [obj] : [obj, message];
    return fields === undefined ? [message] : [message, obj];
  }

  #eventTemplate(): string {
    const spec = this.spec;
    if (typeof spec.msg === "string" && this.messageValues === 0) {
      const raw = parseStatic(spec.msg);
      return typeof raw === "string" ? raw : String(raw);
    }
    if (Array.isArray(spec.template) && spec.template.length > 0) {
      return spec.template.map((p) => { const r = parseStatic('"' + p + '"'); return typeof r === "string" ? r : String(p); }).join("{}");
    }
    return "\u0000line:" + String(this.line ?? 0);
  }
}

/** Where a holder keeps its site: private to this copy of the runtime. */
const SITE = Symbol("logweave.site");

/**
 * The site of an emitted holder (made on first use, then kept on the holder), or of a spec or
 * site given directly. Never throws: anything malformed still gives a site whose lines are valid.
 */
export function siteOf(holder: unknown): CallSite {
  if (typeof holder === "function") {
    const known = (holder as { [SITE]?: CallSite })[SITE];
    if (known !== undefined) return known;
    let spec: unknown;
    try {
      spec = (holder as () => unknown)();
    } catch {
      spec = undefined;
    }
    const site = callSite(spec as CallSiteSpec);
    try {
      Object.defineProperty(holder, SITE, { value: site });
    } catch {
      // A frozen holder: the site is made again next time, still correct.
    }
    return site;
  }
  return holder instanceof CallSite ? holder : callSite(holder as CallSiteSpec);
}

/** The site for a spec. Never throws: a malformed spec gives an `info` site without fields. */
export function callSite(spec: CallSiteSpec): CallSite {
  return new CallSite(spec !== null && typeof spec === "object" ? spec : { level: LEVEL_VALUES.info });
}

const NO_NEWLINES = /[\n\r\u2028\u2029]/;

/** Parses build-time JSON text; text that is not one JSON value on one line is kept as a string. */
export function parseStatic(json: unknown): unknown {
  if (typeof json !== "string" || NO_NEWLINES.test(json)) return String(json);
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
}

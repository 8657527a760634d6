/**
 * The logger: level methods, children, and the two ways a call reaches the line assembler —
 * an untransformed call (`log.info(msg, fields)`), and a transformer call site, which enters
 * through `site-entry.ts` and is written here by the logger's site writer.
 *
 * The hot path of a transformed call: the entry reads the receiver's method → generation and
 * threshold checked (arguments not evaluated yet) → the arguments run → the writer checks the
 * generation again (the arguments may have changed the configuration) → the site compiled for
 * the configuration in force → the line assembled → `destination.write`.
 */
import { assembleLine, encodedMembers, jsonLine, sampledMember } from "./assemble.js";
import { objectFields, siteFields, siteFieldsOver } from "./call-fields.js";
import { compiledSite, midMessage, type CompiledSite } from "./compiled-site.js";
import { resolveWith, state, validateOptions, type LoggerOptions, type ResolvedConfig } from "./config.js";
import { currentScope } from "./context.js";
import { warnOnce } from "./diagnostics.js";
import { messageEventId } from "./event-id.js";
import { layerFromObject, mergeLayers, type FieldLayer } from "./fields.js";
import { prettyLine } from "./format/pretty.js";
import { quote } from "./json-string.js";
import { LEVEL_NAMES, LEVEL_VALUES, levelName, parseLevel, type LevelName, type LevelSetting } from "./levels.js";
import { isPinoOrder, messageJson, templateMessageJson } from "./message.js";
import { describeError, readMember } from "./serialize.js";
import { nodeFieldKey } from "./node-objects.js";
import { siteOf, type CallSite } from "./site.js";
import { installSiteEntry, type LoggerAccess, type SiteWriter } from "./site-entry.js";

/**
 * The fields of a call: any object (its own enumerable keys, in order), or an Error (written
 * under `err`). Anything else is written under `value`.
 */
export type Fields = object;

const FATAL = LEVEL_VALUES.fatal;

/** What `api.ts` may do with loggers beyond their public API. */
export let loggerInternals: {
  /** A new top-level logger. */
  readonly create: (name: string | undefined, options: LoggerOptions | undefined) => Logger;
  /** Merges options given again to `getLogger(name, options)`. */
  readonly setOptions: (logger: Logger, options: LoggerOptions) => void;
};

/** How the transformer's entry recognizes this runtime's loggers (see `site-entry.ts`). */
// Set in Logger's static block, where the private state is in reach.
let siteAccess: LoggerAccess;

/**
 * A logger. Get one with `getLogger(name)`; make one with extra fields with `child(bindings)`.
 * Level methods take `(msg, fields?)`, or pino's order `(fields, msg?)`; they never throw.
 */
export class Logger {
  /** The logger's name (the `name` key of its lines), or `undefined` for the root logger. */
  readonly name: string | undefined;
  readonly #parent: Logger | undefined;
  #options: LoggerOptions | undefined;
  readonly #bindings: Readonly<Record<string, unknown>> | undefined;
  #levelOverride: number | undefined;
  /** Library mode: silent until the application calls `configure()` (inherited by children). */
  #library: boolean;

  // Resolved per configuration generation (see #refresh).
  #gen = 0;
  #cfg!: ResolvedConfig;
  #threshold = 0;
  #mid = "";
  #lower!: FieldLayer;
  /** The writer transformed calls on this logger get (made on the first one). */
  #writer: SiteWriter | undefined;

  /** Use `getLogger()` or `child()`. */
  private constructor(
    name: string | undefined,
    options: LoggerOptions | undefined,
    parent?: Logger,
    bindings?: Readonly<Record<string, unknown>>,
  ) {
    this.name = name;
    this.#options = options;
    this.#parent = parent;
    this.#bindings = bindings;
    this.#library = parent !== undefined ? parent.#library : options?.library === true;
    // A child is resolved on its first use (its bindings serialized then): making one per
    // request costs a copy of the bindings, not their serialization.
    if (parent === undefined) this.#refresh();
  }

  /** The lowest level this logger writes. Setting it affects this logger and its children. */
  get level(): LevelSetting {
    if (this.#gen !== state.generation) this.#refresh();
    return levelName(this.#threshold);
  }

  set level(value: LevelSetting) {
    const parsed = parseLevel(value);
    if (parsed === undefined) throw new TypeError(`logweave: unknown level ${JSON.stringify(value)}; levels: ${[...LEVEL_NAMES, "silent"].join(", ")}`);
    this.#levelOverride = parsed;
    state.generation++;
  }

  /** True when a call at `level` would be written now. Unknown names give `false`. */
  isLevelEnabled(level: LevelName | string): boolean {
    if (this.#gen !== state.generation) this.#refresh();
    const n = parseLevel(level);
    return n !== undefined && n !== Infinity && n >= this.#threshold;
  }

  /**
   * A logger whose every line carries `bindings` (serialized once, here). The child shares this
   * logger's name, configuration and level, unless `options` override them. Bindings that are
   * not a plain bag of fields (binary data, a boxed string) bind nothing.
   */
  child(bindings: Fields, options?: Pick<LoggerOptions, "level">): Logger {
    validateOptions(options, "child()");
    if (this.#gen !== state.generation) this.#refresh();
    const child = new Logger(this.name, undefined, this, snapshotOf(bindings, this.#cfg.serialize.limits.maxKeys));
    if (options?.level !== undefined) child.#levelOverride = parseLevel(options.level);
    return child;
  }

  /** Writes at `trace` (10). */
  trace(msg: string, fields?: unknown): void;
  /** Writes at `trace` (10), in pino's argument order: `trace({ a }, "msg")`, `trace(err)`. */
  trace(fields: unknown, msg?: string): void;
  trace(msg: unknown, fields?: unknown): void {
    if (this.#gen !== state.generation) this.#refresh();
    if (this.#threshold <= 10) this.#log(10, msg, fields);
  }

  /** Writes at `debug` (20). */
  debug(msg: string, fields?: unknown): void;
  /** Writes at `debug` (20), in pino's argument order: `debug({ a }, "msg")`, `debug(err)`. */
  debug(fields: unknown, msg?: string): void;
  debug(msg: unknown, fields?: unknown): void {
    if (this.#gen !== state.generation) this.#refresh();
    if (this.#threshold <= 20) this.#log(20, msg, fields);
  }

  /** Writes at `info` (30). */
  info(msg: string, fields?: unknown): void;
  /** Writes at `info` (30), in pino's argument order: `info({ a }, "msg")`, `info(err)`. */
  info(fields: unknown, msg?: string): void;
  info(msg: unknown, fields?: unknown): void {
    if (this.#gen !== state.generation) this.#refresh();
    if (this.#threshold <= 30) this.#log(30, msg, fields);
  }

  /** Writes at `warn` (40). */
  warn(msg: string, fields?: unknown): void;
  /** Writes at `warn` (40), in pino's argument order: `warn({ a }, "msg")`, `warn(err)`. */
  warn(fields: unknown, msg?: string): void;
  warn(msg: unknown, fields?: unknown): void {
    if (this.#gen !== state.generation) this.#refresh();
    if (this.#threshold <= 40) this.#log(40, msg, fields);
  }

  /** Writes at `error` (50). */
  error(msg: string, fields?: unknown): void;
  /** Writes at `error` (50), in pino's argument order: `error({ a }, "msg")`, `error(err)`. */
  error(fields: unknown, msg?: string): void;
  error(msg: unknown, fields?: unknown): void {
    if (this.#gen !== state.generation) this.#refresh();
    if (this.#threshold <= 50) this.#log(50, msg, fields);
  }

  /** Writes at `fatal` (60), then writes out everything buffered, synchronously. */
  fatal(msg: string, fields?: unknown): void;
  /** Writes at `fatal` (60), in pino's argument order: `fatal({ a }, "msg")`, `fatal(err)`. */
  fatal(fields: unknown, msg?: string): void;
  fatal(msg: unknown, fields?: unknown): void {
    if (this.#gen !== state.generation) this.#refresh();
    if (this.#threshold <= 60) this.#log(60, msg, fields);
    this.#flushSync();
  }

  /** The JSON text of this logger's bindings (base fields and every ancestor's), for inspection. */
  bindingsJson(): string {
    if (this.#gen !== state.generation) this.#refresh();
    return "{" + this.#lower.json.slice(1) + "}";
  }

  static {
    // What the rest of the runtime may do with a logger beyond its public API, given out here
    // where the private state is in reach (the logger has no public members for it).
    loggerInternals = {
      create: (name, options) => new Logger(name, options),
      setOptions: (logger, options) => logger.#setOptions(options),
    };
    siteAccess = {
      // For a genuine receiver whose method is the original: its writer when `site` is enabled
      // now (level, then sampling, decided before any argument is evaluated), else `undefined`.
      // Written out in one function: this runs on every transformed call.
      enter: (receiver, method, site) => {
        if (method !== ORIGINAL_METHODS[site.level] || typeof receiver !== "object" || receiver === null || !(#gen in receiver) || site.pino) return null;
        const log = receiver as Logger;
        if (log.#gen !== state.generation) log.#refresh();
        if (site.level >= log.#threshold) {
          const sampling = log.#cfg.sampling;
          if (sampling === undefined || sampling.stateOf(site).keep()) return (log.#writer ??= log.#newWriter());
        }
        // `fatal()` writes out the buffer whether or not its line is written; so does its site.
        if (site.level === FATAL) log.#flushSync();
        return undefined;
      },
    };
  }

  /** The writer transformed calls on this logger get: the site and the positional values. */
  #newWriter(): SiteWriter {
    return (holder: unknown, ...values: unknown[]): void => this.#writeSite(siteOf(holder), values);
  }

  /**
   * Writes one call of `site` with its positional values. Never throws. The common case — a
   * `json` site whose message and fields were planned, on a logger without bindings, outside
   * any context — is written right here, in few enough instructions for the JIT to inline the
   * whole call; everything else goes through {@link Logger.#writeSiteOther}.
   */
  #writeSite(site: CallSite, values: unknown[]): void {
    // The arguments have run: what they changed (level, format, redaction…) applies, as it
    // would to the call as written.
    if (this.#gen !== state.generation) this.#refresh();
    const level = site.level;
    if (level >= this.#threshold) {
      const cfg = this.#cfg;
      const c = cfg.sites[site.id];
      if (c?.fastJson && this.#lower.keys.length === 0 && currentScope() === undefined) {
        try {
          // Before the fields run user code: a call from a toJSON may log through this site with another logger.
          const mid = this.#mid;
          const midMsg = c.midFor === mid ? c.midMsg : midMessage(c, mid);
          this.#write(cfg, jsonLine(c.head, midMsg, "", siteFields(c.parts!, cfg.serialize, values, site.fieldsAt, false), c.tail));
        } catch (e) {
          this.#failed(cfg, level, e);
        }
      } else {
        this.#writeSiteOther(cfg, site, values);
      }
    }
    if (level === FATAL) this.#flushSync();
  }

  /** {@link Logger.#writeSite} for every case but the common one. Never throws. */
  #writeSiteOther(cfg: ResolvedConfig, site: CallSite, values: unknown[]): void {
    try {
      const c = compiledSite(cfg, site);
      if (c.parts === null) {
        // The object path: the original arguments, written as the untransformed call's.
        const args = site.rebuild(values);
        this.#writeCall(cfg, site.level, args[0], args[1], c.siteText, this.#siteDropped(cfg, site));
      } else {
        this.#writePrecomputed(cfg, site, c, values);
      }
    } catch (e) {
      this.#failed(cfg, site.level, e);
    }
  }

  /** A site whose message and fields were planned: static text plus the dynamic values. */
  #writePrecomputed(cfg: ResolvedConfig, site: CallSite, c: CompiledSite, values: unknown[]): void {
    const s = cfg.serialize;
    const scope = currentScope();
    const lower = scope === undefined ? this.#lower : scope.over(this.#lower, s);
    const mid = this.#mid;
    let midMsg: string;
    if (c.msgJson !== undefined) {
      // Before the fields run user code: a call from a toJSON may log through this site with another logger.
      midMsg = midMessage(c, mid);
    } else {
      midMsg = mid + cfg.format.message(templateMessageJson(c, values, site.holesAt, s));
    }
    const offset = site.fieldsAt;
    const parts = c.parts!;
    const dropped = cfg.sampling === undefined ? "" : this.#siteDropped(cfg, site);
    if (lower.keys.length === 0) {
      const bare = c.bareFields;
      const fields = siteFields(parts, s, values, offset, bare);
      this.#write(cfg, cfg.fast ? jsonLine(c.head, midMsg, "", fields, c.tail) : assembleLine(cfg, site.level, midMsg, "", fields, c.siteText, dropped, bare));
    } else {
      const written = siteFieldsOver(c, s, lower, values, offset);
      this.#write(cfg, assembleLine(cfg, site.level, midMsg, written.lower, written.fields, c.siteText, dropped, false));
    }
  }

  /** The sampled-out count member for a site's line (the count restarts at zero), or `""`. */
  #siteDropped(cfg: ResolvedConfig, site: CallSite): string {
    const sampling = cfg.sampling;
    return sampling === undefined ? "" : sampledMember(cfg, sampling.stateOf(site).takeDropped());
  }

  /** An untransformed call, its level already checked. Never throws. */
  #log(level: number, msg: unknown, fields: unknown): void {
    const cfg = this.#cfg;
    let extra = "";
    const sampling = cfg.sampling;
    if (sampling !== undefined) {
      // Decided before anything is serialized; untransformed calls of one name and level share a state.
      const st = sampling.plainState(this.name, level);
      if (!st.keep()) return;
      extra = sampledMember(cfg, st.takeDropped());
    }
    try {
      this.#writeCall(cfg, level, msg, fields, "", extra);
    } catch (e) {
      this.#failed(cfg, level, e);
    }
  }

  /** A call's `(msg, fields)` as written, in either argument order; `siteText` from its site, if any. */
  #writeCall(cfg: ResolvedConfig, level: number, msg: unknown, fields: unknown, siteText: string, extra: string): void {
    const s = cfg.serialize;
    const pinoOrder = isPinoOrder(msg, fields);
    const msgJson = messageJson(msg, fields, pinoOrder, s);
    const scope = currentScope();
    const lower = scope === undefined ? this.#lower : scope.over(this.#lower, s);
    const written = objectFields(pinoOrder ? msg : fields, s, lower);
    const text = siteText !== "" || !cfg.eventIds ? siteText : cfg.format.site(undefined, messageEventId(this.name, msgJson));
    const midMsg = this.#mid + cfg.format.message(msgJson);
    this.#write(cfg, assembleLine(cfg, level, midMsg, written.lower, encodedMembers(cfg, written.fields), text, extra, false));
  }

  #write(cfg: ResolvedConfig, line: string): void {
    try {
      cfg.destination.write(cfg.pretty ? prettyLine(line, cfg.destination.isTTY === true) : line);
    } catch (e) {
      warnOnce("destination-throws", `the destination threw (${describeError(e)}); lines may be lost`);
    }
  }

  /** An internal failure still produces a valid line that says so, and never throws. */
  #failed(cfg: ResolvedConfig, level: number, e: unknown): void {
    warnOnce("internal", `internal error while logging: ${describeError(e)}`);
    try {
      const note = ',"logweaveError":' + quote(describeError(e));
      this.#write(cfg, assembleLine(cfg, level, this.#mid + cfg.format.message('""'), "", encodedMembers(cfg, note), "", "", false));
    } catch {
      // Nothing else to try.
    }
  }

  #flushSync(): void {
    try {
      this.#cfg.destination.flushSync?.();
    } catch (e) {
      warnOnce("flush-throws", `flushSync failed: ${describeError(e)}`);
    }
  }

  /** Re-resolves configuration, level, bindings and the static line middle for the current generation. */
  #refresh(): void {
    const parent = this.#parent;
    let cfg: ResolvedConfig;
    let threshold: number;
    let lowerBase: FieldLayer;
    if (parent !== undefined) {
      if (parent.#gen !== state.generation) parent.#refresh();
      cfg = parent.#cfg;
      threshold = parent.#threshold;
      lowerBase = parent.#lower;
    } else {
      cfg = resolveWith(this.#options, this.#cfg);
      const own = this.#options?.level;
      threshold = own !== undefined ? (parseLevel(own) ?? cfg.threshold) : cfg.threshold;
      lowerBase = cfg.baseLayer;
    }
    if (this.#levelOverride !== undefined) threshold = this.#levelOverride;
    if (this.#library && !state.configured) threshold = Infinity;
    for (const p of cfg.problems) warnOnce("config:" + p, p);
    if (cfg !== this.#cfg || lowerBase !== this.#lowerBase) {
      this.#lower = this.#bindings === undefined ? lowerBase : mergeLayers(lowerBase, layerFromObject(this.#bindings, cfg.serialize));
      this.#lowerBase = lowerBase;
      // A child has its parent's name: the parent's middle serves while they share a configuration.
      this.#mid = parent !== undefined && parent.#cfg === cfg && parent.name === this.name ? parent.#mid : cfg.format.mid(cfg.identity, this.name);
    }
    this.#cfg = cfg;
    this.#threshold = threshold;
    this.#gen = state.generation;
  }

  /** The lower layer {@link Logger.#lower} was built on. */
  #lowerBase: FieldLayer | undefined;

  /** Replaces this logger's own options (from a later `getLogger(name, options)`). */
  #setOptions(options: LoggerOptions): void {
    this.#options = { ...this.#options, ...options, limits: { ...this.#options?.limits, ...options.limits } };
    if (options.library !== undefined && this.#parent === undefined) this.#library = options.library;
    if (options.level !== undefined) this.#levelOverride = undefined;
    this.#cfg = undefined as unknown as ResolvedConfig; // its own options changed: resolved again
    state.generation++;
  }
}

/** The original level methods, by level number: a transformed call takes the fast path only through one of these. */
const ORIGINAL_METHODS: unknown[] = [];
for (const name of LEVEL_NAMES) ORIGINAL_METHODS[LEVEL_VALUES[name]] = Logger.prototype[name];

installSiteEntry(siteAccess);

/**
 * A copy of a child's bindings, taken now (the caller may change its object later): own
 * enumerable keys, each read once (a throwing getter binds its message), at most `maxKeys`.
 * Binary data, a boxed string or anything that is not an object binds nothing. Never throws.
 */
function snapshotOf(bindings: unknown, maxKeys: number): Record<string, unknown> {
  const snapshot: Record<string, unknown> = {};
  if (bindings === null || typeof bindings !== "object") return snapshot;
  try {
    if (ArrayBuffer.isView(bindings) || bindings instanceof ArrayBuffer || bindings instanceof String) return snapshot;
    // A Node request, response or socket binds itself under its key, never its internals.
    const whole = nodeFieldKey(bindings);
    if (whole !== undefined) return { [whole]: bindings };
    const keys = Object.keys(bindings);
    for (let i = 0; i < keys.length && i < maxKeys; i++) {
      const k = keys[i];
      // An own "__proto__" needs defining; any other key is a plain store (defineProperty would
      // turn the snapshot into a slow dictionary object).
      if (k === "__proto__") Object.defineProperty(snapshot, k, { value: readMember(bindings, k), enumerable: true, writable: true, configurable: true });
      else snapshot[k] = readMember(bindings, k);
    }
  } catch {
    // A Proxy that refuses to list its keys binds nothing.
  }
  return snapshot;
}

/**
 * The logger: level methods, children, and the two ways into the line assembler — plain calls
 * (`log.info(msg, fields)`) and transformer call sites (`log.__lwOn(site)?.__lwWrite(site, …)`).
 *
 * The hot path: generation check → threshold check → assemble → destination.write.
 */
import {
  assembleLine,
  encodedMembers,
  formatLine,
  lowerJsonOut,
  normalizeMessage,
  normalizedFields,
  objectFieldsJson,
  rebuildFields,
  sampledMember,
  siteFieldsJson,
  templateMessageJson,
} from "./assemble.js";
import { resolveWith, state, validateOptions, type LoggerOptions, type ResolvedConfig } from "./config.js";
import { currentScope } from "./context.js";
import { warnOnce } from "./diagnostics.js";
import { messageEventId } from "./event-id.js";
import { layerFromObject, mergeLayers, type FieldLayer } from "./fields.js";
import { prettyLine } from "./format/pretty.js";
import { quote } from "./json-string.js";
import { LEVEL_VALUES, levelName, parseLevel, type LevelName, type LevelSetting } from "./levels.js";
import type { Sampling } from "./sampling.js";
import { describeError, readMember } from "./serialize.js";
import type { CallSite } from "./site.js";

/** Fields of one call: any object (keys in order), or an Error (written under `err`). */
export type Fields = Readonly<Record<string, unknown>> | Error;

/** A logger. Get one with `getLogger(name)`; make one with extra fields with `child(bindings)`. */
export class Logger {
  /** The logger's name (the `name` key of its lines), or `undefined` for the root logger. */
  readonly name: string | undefined;
  readonly #parent: Logger | undefined;
  #options: LoggerOptions | undefined;
  readonly #bindings: Readonly<Record<string, unknown>> | undefined;
  #levelOverride: number | undefined;
  /** Library mode: silent until the application calls `configure()` (inherited by children). */
  #library: boolean;

  // Resolved per configuration generation (see _refresh).
  #gen = 0;
  #cfg!: ResolvedConfig;
  #threshold = 0;
  #mid = "";
  #lower!: FieldLayer;
  #sampling: Sampling | undefined;

  /** @internal Use `getLogger()` or `child()`. */
  constructor(
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
    this.#refresh();
  }

  /** The lowest level this logger writes. Setting it affects this logger and its children. */
  get level(): LevelSetting {
    if (this.#gen !== state.generation) this.#refresh();
    return levelName(this.#threshold);
  }

  set level(value: LevelSetting) {
    const parsed = parseLevel(value);
    if (parsed === undefined) throw new TypeError(`logweave: unknown level ${JSON.stringify(value)}`);
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
   * logger's name, configuration and level, unless `options` override them.
   */
  child(bindings: Readonly<Record<string, unknown>>, options?: Pick<LoggerOptions, "level">): Logger {
    validateOptions(options, "child()");
    const snapshot: Record<string, unknown> = {};
    if (bindings !== null && typeof bindings === "object") {
      try {
        for (const k of Object.keys(bindings)) {
          const v = readMember(bindings, k);
          Object.defineProperty(snapshot, k, { value: v, enumerable: true, writable: true, configurable: true });
        }
      } catch {
        // A Proxy that refuses to list its keys binds nothing.
      }
    }
    const child = new Logger(this.name, undefined, this, snapshot);
    if (options?.level !== undefined) {
      child.#levelOverride = parseLevel(options.level);
      child.#refresh();
    }
    return child;
  }

  /** Writes at `trace` (10). */
  trace(msg: string, fields?: Fields): void;
  /** Writes at `trace` (10), in pino's argument order: `trace({ a }, "msg")`, `trace(err)`. */
  trace(fields: Fields, msg?: string): void;
  trace(msg: string | Fields, fields?: Fields | string): void {
    if (this.#gen !== state.generation) this.#refresh();
    if (this.#threshold <= 10) this.#log(10, msg, fields);
  }

  /** Writes at `debug` (20). */
  debug(msg: string, fields?: Fields): void;
  /** Writes at `debug` (20), in pino's argument order: `debug({ a }, "msg")`, `debug(err)`. */
  debug(fields: Fields, msg?: string): void;
  debug(msg: string | Fields, fields?: Fields | string): void {
    if (this.#gen !== state.generation) this.#refresh();
    if (this.#threshold <= 20) this.#log(20, msg, fields);
  }

  /** Writes at `info` (30). */
  info(msg: string, fields?: Fields): void;
  /** Writes at `info` (30), in pino's argument order: `info({ a }, "msg")`, `info(err)`. */
  info(fields: Fields, msg?: string): void;
  info(msg: string | Fields, fields?: Fields | string): void {
    if (this.#gen !== state.generation) this.#refresh();
    if (this.#threshold <= 30) this.#log(30, msg, fields);
  }

  /** Writes at `warn` (40). */
  warn(msg: string, fields?: Fields): void;
  /** Writes at `warn` (40), in pino's argument order: `warn({ a }, "msg")`, `warn(err)`. */
  warn(fields: Fields, msg?: string): void;
  warn(msg: string | Fields, fields?: Fields | string): void {
    if (this.#gen !== state.generation) this.#refresh();
    if (this.#threshold <= 40) this.#log(40, msg, fields);
  }

  /** Writes at `error` (50). */
  error(msg: string, fields?: Fields): void;
  /** Writes at `error` (50), in pino's argument order: `error({ a }, "msg")`, `error(err)`. */
  error(fields: Fields, msg?: string): void;
  error(msg: string | Fields, fields?: Fields | string): void {
    if (this.#gen !== state.generation) this.#refresh();
    if (this.#threshold <= 50) this.#log(50, msg, fields);
  }

  /** Writes at `fatal` (60), then writes out everything buffered, synchronously. */
  fatal(msg: string, fields?: Fields): void;
  /** Writes at `fatal` (60), in pino's argument order: `fatal({ a }, "msg")`, `fatal(err)`. */
  fatal(fields: Fields, msg?: string): void;
  fatal(msg: string | Fields, fields?: Fields | string): void {
    if (this.#gen !== state.generation) this.#refresh();
    if (this.#threshold <= 60) this.#log(60, msg, fields);
    this.#flushSync();
  }

  /**
   * @internal Transformer entry: this logger when `site`'s level is enabled, else `undefined`,
   * so `log.__lwOn?.(site)?.__lwWrite(site, …)` evaluates no argument for a disabled call.
   */
  __lwOn(site: CallSite): this | undefined {
    if (this.#gen !== state.generation) this.#refresh();
    if (site.level < this.#threshold) return undefined;
    const sampling = this.#sampling;
    if (sampling === undefined) return this;
    let st = site.sampling;
    if (st === undefined || st.owner !== sampling) st = site.sampling = sampling.stateFor(site.file, site.line);
    return st.keep() ? this : undefined;
  }

  /** @internal Transformer entry: writes one call of `site` with its dynamic values, positionally. */
  __lwWrite(site: CallSite, ...values: unknown[]): void {
    const cfg = this.#cfg;
    try {
      const s = cfg.serialize;
      const c = site.compile(cfg);
      const scope = currentScope();
      const lower = scope === undefined ? this.#lower : scope.over(this.#lower, s);
      let msgJson: string;
      let fieldsJson: string;
      if (c.msgJson !== undefined && c.parts !== null) {
        // The fast path: a static message and fields the plan could precompute.
        // Bare fields (otel, no site text): no lower layer comes first and the first part is
        // written (a slot is left out only for `undefined`).
        const bareParts = c.bareParts;
        const bare = bareParts !== undefined && lower.json === "" && (typeof bareParts[0] === "string" || values[0] !== undefined);
        const mid = this.#mid;
        if (c.midFor !== mid) {
          c.midMsg = mid + cfg.format.message(c.msgJson);
          c.midFor = mid;
        }
        // Read before the fields run user code: a call from a toJSON may log through this site with another logger.
        const midMsg = c.midMsg;
        fieldsJson = siteFieldsJson(c, bare ? bareParts : c.parts, s, lower, values, 0);
        if (cfg.fast) this.#write(cfg, site.head + Date.now() + midMsg + lowerJsonOut + fieldsJson + c.tail);
        else this.#write(cfg, formatLine(cfg, site.level, midMsg, lowerJsonOut, fieldsJson, c.siteText, this.#siteDropped(cfg, site), bare));
        if (site.level === LEVEL_VALUES.fatal) this.#flushSync();
        return;
      }
      if (c.msgJson !== undefined || c.template !== undefined || c.rawTemplate !== undefined) {
        msgJson = c.msgJson ?? templateMessageJson(c, values, s);
        fieldsJson = c.parts !== null
          ? siteFieldsJson(c, c.parts, s, lower, values, site.messageValues)
          : encodedMembers(cfg, objectFieldsJson(rebuildFields(site, c, values, site.messageValues), s, lower));
      } else {
        // A dynamic message: the runtime path's argument rules apply (pino order, Error as message).
        msgJson = normalizeMessage(values[0], rebuildFields(site, c, values, 1), s);
        fieldsJson = encodedMembers(cfg, objectFieldsJson(normalizedFields, s, lower));
      }
      this.#write(cfg, assembleLine(cfg, site.level, this.#mid, msgJson, lowerJsonOut, fieldsJson, c.siteText, this.#siteDropped(cfg, site)));
    } catch (e) {
      this.#failed(cfg, site.level, e);
    }
    if (site.level === LEVEL_VALUES.fatal) this.#flushSync();
  }

  /** The sampled-out count member for a site's line (the count restarts at zero). */
  #siteDropped(cfg: ResolvedConfig, site: CallSite): string {
    const st = site.sampling;
    return st === undefined || st.owner !== this.#sampling ? "" : sampledMember(cfg, st.takeDropped());
  }

  #log(level: number, msg: unknown, fields: unknown): void {
    const cfg = this.#cfg;
    let extra = "";
    const sampling = this.#sampling;
    if (sampling !== undefined) {
      // Decided before anything is serialized; untransformed calls of one name and level share a state.
      const st = sampling.plainState(this.name, level);
      if (!st.keep()) return;
      extra = sampledMember(cfg, st.takeDropped());
    }
    try {
      const s = cfg.serialize;
      const msgJson = normalizeMessage(msg, fields, s);
      const scope = currentScope();
      const lower = scope === undefined ? this.#lower : scope.over(this.#lower, s);
      let fieldsJson = objectFieldsJson(normalizedFields, s, lower);
      if (!cfg.fast) fieldsJson = encodedMembers(cfg, fieldsJson);
      const siteText = cfg.eventIds ? cfg.format.site(undefined, messageEventId(this.name, msgJson)) : "";
      this.#write(cfg, assembleLine(cfg, level, this.#mid, msgJson, lowerJsonOut, fieldsJson, siteText, extra));
    } catch (e) {
      this.#failed(cfg, level, e);
    }
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
      this.#write(cfg, assembleLine(cfg, level, this.#mid, '""', "", encodedMembers(cfg, note), ""));
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
      cfg = resolveWith(this.#options);
      threshold = cfg.threshold;
      lowerBase = cfg.baseLayer;
    }
    if (this.#levelOverride !== undefined) threshold = this.#levelOverride;
    if (this.#library && !state.configured) threshold = Infinity;
    for (const p of cfg.problems) warnOnce("config:" + p, p);
    this.#cfg = cfg;
    this.#threshold = threshold;
    this.#sampling = cfg.sampling;
    this.#lower = this.#bindings === undefined ? lowerBase : mergeLayers(lowerBase, layerFromObject(this.#bindings, cfg.serialize));
    this.#mid = cfg.format.mid(cfg.identity, this.name);
    this.#gen = state.generation;
  }

  /** @internal Replaces this logger's own options (from a later `getLogger(name, options)`). */
  _setOptions(options: LoggerOptions): void {
    this.#options = { ...this.#options, ...options, limits: { ...this.#options?.limits, ...options.limits } };
    if (options.library !== undefined && this.#parent === undefined) this.#library = options.library;
    if (options.level !== undefined) this.#levelOverride = undefined;
    state.generation++;
  }

  /** The JSON text of this logger's bindings (base fields and every ancestor's), for inspection. */
  bindingsJson(): string {
    if (this.#gen !== state.generation) this.#refresh();
    return "{" + this.#lower.json.slice(1) + "}";
  }
}

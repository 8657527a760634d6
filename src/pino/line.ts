/**
 * The line assembler of `logweave/pino`: one log line as pino's `asJson` writes it —
 * level members, time, bindings, the logged object's members, the message — with pino's rules
 * for serializers (by key; the error key's), `formatters.log`, redaction, `nestedKey` and
 * non-finite numbers, plus logweave's guarantees: it never throws and every line is one valid
 * JSON object with each key once (where pino writes a key twice, the later one is what a JSON
 * reader sees; that one is kept, so readers see what they saw with pino).
 *
 * Static text (level members per level, the bindings) is prepared once per logger and
 * concatenated per call; only the object's members and the message are serialized per line.
 */
import type { Redaction, ValueStringifier } from "./redact.js";
import { quoteString, stringifyValue, type SafeLimits } from "./stringify.js";

/** A user serializer: gets a value, returns what is written instead. */
export type Serializer = (value: unknown) => unknown;

/** Serializers by key (a null-prototype object, symbol keys kept for `pino.serializers`). */
export type Serializers = Record<string | symbol, Serializer | null | undefined>;

/** What a line is built from, fixed when a logger is made (children share it unless their options change it). */
export interface LineSettings {
  readonly limits: SafeLimits;
  readonly serializers: Serializers;
  readonly redaction: Redaction | undefined;
  /** `formatters.log`, or `undefined`. */
  readonly formatLog: ((obj: Record<string, unknown>) => unknown) | undefined;
  readonly messageKey: string;
  /** `,"<messageKey>":` */
  readonly messageKeyText: string;
  readonly errorKey: string;
  /** `,"<nestedKey>":{`, or `""` without `nestedKey`. */
  readonly nestedKeyText: string;
  readonly nestedKey: string | null;
  /** `}\n`, or `}\r\n` with `crlf`. */
  readonly end: string;
  /** The line's start per level number: `{"level":30` (the level formatter's members). */
  readonly heads: ReadonlyMap<number, Head>;
  /** Every key a head or the time can hold: a logged key among these needs the careful path. */
  readonly earlyKeys: ReadonlySet<string>;
}

/** A level's start of line, and its members one by one (for the rare line that must drop one). */
export interface Head {
  readonly text: string;
  readonly keys: readonly string[];
  readonly members: readonly string[];
}

/**
 * A logger's bindings as JSON members, built once per logger: the whole text (what every line
 * appends), and the members by key for the rare line that must drop one. A child's bindings
 * extend its parent's without copying them, unless a child key replaces a parent's.
 */
export class Chindings {
  /** The members' text, `,"key":value…`. */
  readonly text: string;
  /** Binding keys a level member or the time also writes (the binding wins, as in a reader of pino's line). */
  readonly shadowed: readonly string[];
  readonly #parent: Chindings | undefined;
  readonly #ownKeys: readonly string[];
  readonly #ownMembers: readonly string[];
  #ownSet: Set<string> | undefined;
  #keys: string[] | undefined;
  #members: string[] | undefined;

  private constructor(text: string, parent: Chindings | undefined, keys: readonly string[], members: readonly string[], shadowed: readonly string[]) {
    this.text = text;
    this.#parent = parent;
    this.#ownKeys = keys;
    this.#ownMembers = members;
    this.shadowed = shadowed;
  }

  /** No bindings. */
  static readonly NONE: Chindings = new Chindings("", undefined, [], [], []);

  /** True when there are no bindings. */
  get empty(): boolean {
    return this.text === "";
  }

  /** True when a binding has `key`. */
  has(key: string): boolean {
    for (let c: Chindings | undefined = this; c !== undefined; c = c.#parent) {
      const own = c.#ownKeys;
      if (own.length <= 8 ? own.includes(key) : (c.#ownSet ??= new Set(own)).has(key)) return true;
    }
    return false;
  }

  /** Every key, in line order. */
  get keys(): readonly string[] {
    if (this.#keys === undefined) this.#flatten();
    return this.#keys!;
  }

  /** Every member text, parallel to {@link keys}. */
  get members(): readonly string[] {
    if (this.#members === undefined) this.#flatten();
    return this.#members!;
  }

  #flatten(): void {
    const parent = this.#parent;
    this.#keys = parent === undefined ? [...this.#ownKeys] : [...parent.keys, ...this.#ownKeys];
    this.#members = parent === undefined ? [...this.#ownMembers] : [...parent.members, ...this.#ownMembers];
  }

  /**
   * These bindings with more members (`keys` and `members` parallel), a later member replacing
   * an earlier one with the same key; `early`: the keys level members and the time write.
   */
  with(keys: readonly string[], members: readonly string[], early: ReadonlySet<string>): Chindings {
    if (keys.length === 0) return this;
    let replaces = keys.length > 1 && hasDuplicate(keys);
    for (let i = 0; i < keys.length && !replaces; i++) replaces = this.has(keys[i]);
    if (!replaces) {
      let shadowed = this.shadowed;
      for (const key of keys) if (early.has(key)) shadowed = [...shadowed, key];
      return new Chindings(this.text + members.join(""), this.empty ? undefined : this, keys, members, shadowed);
    }
    const outKeys = [...this.keys];
    const outMembers = [...this.members];
    for (let i = 0; i < keys.length; i++) {
      const at = outKeys.indexOf(keys[i]);
      if (at >= 0) {
        outKeys.splice(at, 1);
        outMembers.splice(at, 1);
      }
      outKeys.push(keys[i]);
      outMembers.push(members[i]);
    }
    return new Chindings(outMembers.join(""), undefined, outKeys, outMembers, outKeys.filter((k) => early.has(k)));
  }
}

/** True when a key occurs twice (a quadratic scan for the usual handful of keys). */
function hasDuplicate(keys: readonly string[]): boolean {
  if (keys.length > 16) return new Set(keys).size !== keys.length;
  for (let i = 1; i < keys.length; i++) for (let j = 0; j < i; j++) if (keys[i] === keys[j]) return true;
  return false;
}

/** The head for one level formatter result, or a `TypeError` when it is not an object (pino would write a broken line). */
export function headOf(levelObject: unknown, label: string): Head {
  if (levelObject === null || typeof levelObject !== "object" || Array.isArray(levelObject)) {
    throw new TypeError(`formatters.level must return an object; for "${label}" it returned ${levelObject === null ? "null" : typeof levelObject}`);
  }
  let json: string | undefined;
  try {
    json = JSON.stringify(levelObject);
  } catch {
    json = undefined; // a BigInt or a cycle: the members below are written the safe way
  }
  const keys: string[] = [];
  const members: string[] = [];
  for (const key of Object.keys(levelObject)) {
    const text = stringifyValue((levelObject as Record<string, unknown>)[key], { maximumDepth: 5, maximumBreadth: 100 });
    if (text === undefined) continue;
    keys.push(key);
    members.push("," + quoteString(key) + ":" + text);
  }
  const text = json === undefined || json.charCodeAt(0) !== 123 ? "{" + members.join("").slice(1) : json === "{}" ? "{" : json.slice(0, -1);
  return { text, keys, members };
}

/** The stringifier redaction gives `key`, or `undefined` (no path names it). */
function stringifierFor(r: Redaction | undefined, key: string): ValueStringifier | undefined {
  return r === undefined ? undefined : (r.forKey(key) ?? r.wildcard);
}

/**
 * The JSON text of a top-level value (its serializer already applied), or `undefined` to leave
 * the member out — pino's `asJson` switch. Never throws (a censor function that throws is written
 * as pino's unserializable text).
 */
export function valueText(s: LineSettings, key: string, value: unknown): string | undefined {
  const stringifier = stringifierFor(s.redaction, key);
  switch (typeof value) {
    case "undefined":
    case "function":
      return undefined;
    case "number":
      if (!Number.isFinite(value)) return stringifier === undefined ? "null" : stringifier(null, key);
      return stringifier === undefined ? "" + value : stringifier(value, key);
    case "boolean":
      return stringifier === undefined ? (value ? "true" : "false") : stringifier(value, key);
    case "string":
      return stringifier === undefined ? quoteString(value) : stringifier(value, key);
    default:
      return stringifier === undefined ? stringifyValue(value, s.limits) : stringifier(value, key);
  }
}

/** `value` through the serializer pino picks for `key` (its own, else `err`'s for the error key). Throws what the serializer throws. */
export function serialized(s: LineSettings, key: string, value: unknown): unknown {
  const own = s.serializers[key];
  if (own) return own(value);
  if (key === s.errorKey) {
    const err = s.serializers.err;
    if (err) return err(value);
  }
  return value;
}

/** What a logged object becomes: its members' text, and what the line must know about its keys. */
interface Members {
  text: string;
  /** Keys written that a binding, a level member or the time also writes. */
  clash: string[] | undefined;
  /** Where the member under the message key starts and ends in `text` (-1: none). */
  msgStart: number;
  msgEnd: number;
}

/**
 * The members of the logged object, as `,"key":value…`. Keys are read as pino reads them
 * (`for…in`, own keys only); a member whose getter or serializer throws is written as
 * `"[getter threw: …]"` / `"[serializer threw: …]"` (pino would throw out of the call). `earlier`:
 * the keys written before the object's members (none when they are nested under a key).
 */
function membersOf(s: LineSettings, obj: object, bound: Chindings, early: ReadonlySet<string>, nested: boolean): Members {
  const out: Members = { text: "", clash: undefined, msgStart: -1, msgEnd: -1 };
  try {
    collectMembers(s, obj, bound, early, nested, out);
  } catch (e) {
    // The object's keys cannot even be listed (a revoked Proxy, a throwing `ownKeys` trap):
    // what was read so far stays, and the line says why the rest is missing.
    out.text += ',"logweaveError":' + quoteString("the logged object could not be read: " + describe(e));
  }
  return out;
}

function collectMembers(s: LineSettings, obj: object, bound: Chindings, early: ReadonlySet<string>, nested: boolean, out: Members): void {
  const record = obj as Record<string, unknown>;
  const watch = !nested && (!bound.empty || early.size > 0);
  const messageKey = nested ? undefined : s.messageKey;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    let value: unknown;
    try {
      value = record[key];
    } catch (e) {
      appendText(out, key, "," + quoteString(key) + ":", quoteString("[getter threw: " + describe(e) + "]"), watch, bound, early, messageKey);
      continue;
    }
    appendMember(s, out, key, undefined, value, watch, bound, early, messageKey);
  }
}

/**
 * Appends one member of the logged object: its serializer, pino's rules for its value, the
 * positions of the message key's member, and whether its key was written before (a binding,
 * a level member, the time). `keyText`: `,"key":` when the caller has it already.
 */
function appendMember(
  s: LineSettings,
  out: Members,
  key: string,
  keyText: string | undefined,
  value: unknown,
  watch: boolean,
  bound: Chindings,
  early: ReadonlySet<string>,
  messageKey: string | undefined,
): void {
  if (value === undefined) return;
  let member: string | undefined;
  try {
    member = valueText(s, key, serialized(s, key, value));
  } catch (e) {
    member = quoteString("[serializer threw: " + describe(e) + "]");
  }
  if (member === undefined) return;
  appendText(out, key, keyText ?? "," + quoteString(key) + ":", member, watch, bound, early, messageKey);
}

function appendText(out: Members, key: string, keyText: string, member: string, watch: boolean, bound: Chindings, early: ReadonlySet<string>, messageKey: string | undefined): void {
  if (key === messageKey) out.msgStart = out.text.length;
  out.text += keyText + member;
  if (key === messageKey) out.msgEnd = out.text.length;
  if (watch && (bound.has(key) || early.has(key))) (out.clash ??= []).push(key);
}

/** The message member (`,"msg":…`), or `""`: pino's rules, plus a message JSON cannot hold is left out. */
function messageText(s: LineSettings, msg: unknown): string {
  if (msg === undefined) return "";
  const key = s.messageKey;
  let value: unknown;
  try {
    value = s.serializers[key] ? s.serializers[key]!(msg) : msg;
  } catch (e) {
    return s.messageKeyText + quoteString("[serializer threw: " + describe(e) + "]");
  }
  if (typeof value === "function") return "";
  const text = valueText(s, key, value);
  return text === undefined ? "" : s.messageKeyText + text;
}

/**
 * The whole line for `obj` (already merged with the mixin) and `msg` (already interpolated) at
 * `level`, with `time` (the time member text) and the logger's bindings. May throw only what
 * `formatters.log` throws; the caller turns that into a line of its own.
 */
export function lineOf(s: LineSettings, chindings: Chindings, level: number, obj: object, msg: unknown, time: string): string {
  let fields: object = obj;
  if (s.formatLog !== undefined) {
    const formatted = s.formatLog(obj as Record<string, unknown>);
    fields = formatted !== null && typeof formatted === "object" ? formatted : {};
  }
  // pino serializes the object's members before the message: the same order of user code here.
  return finishLine(s, chindings, level, membersOf(s, fields, chindings, s.earlyKeys, s.nestedKey !== null), msg, time);
}

/**
 * The line for a call site that passes its object's members as parallel `keys` / `values`
 * (`keyTexts[i]`: `,"<keys[i]>":` as `JSON.stringify` writes the key), already evaluated, in
 * the object's order: what {@link lineOf} writes for an object with those own members, without
 * making the object. Not for settings with `formatters.log` (it needs the object). Never throws.
 */
export function lineOfMembers(
  s: LineSettings,
  chindings: Chindings,
  level: number,
  keys: readonly string[],
  keyTexts: readonly string[],
  values: readonly unknown[],
  msg: unknown,
  time: string,
): string {
  const nested = s.nestedKey !== null;
  const out: Members = { text: "", clash: undefined, msgStart: -1, msgEnd: -1 };
  const bound = chindings;
  const early = s.earlyKeys;
  const watch = !nested && (!bound.empty || early.size > 0);
  const messageKey = nested ? undefined : s.messageKey;
  for (let i = 0; i < keys.length; i++) appendMember(s, out, keys[i], keyTexts[i], values[i], watch, bound, early, messageKey);
  return finishLine(s, chindings, level, out, msg, time);
}

/** The line from the object's members, the message and the static parts. */
function finishLine(s: LineSettings, chindings: Chindings, level: number, members: Members, msg: unknown, time: string): string {
  const head = s.heads.get(level)!;
  const nested = s.nestedKey !== null;
  const msgText = messageText(s, msg);
  let body = members.text;
  if (nested) {
    if (body !== "") body = s.nestedKeyText + body.slice(1) + "}";
  } else if (members.msgStart >= 0 && msgText !== "") {
    // The message argument is written after the object's message key: a reader keeps the argument.
    body = body.slice(0, members.msgStart) + body.slice(members.msgEnd);
  }
  const clash = nested ? (body !== "" && (chindings.has(s.nestedKey!) || s.earlyKeys.has(s.nestedKey!)) ? [s.nestedKey!] : undefined) : members.clash;
  const msgClash = msgText !== "" && (chindings.has(s.messageKey) || s.earlyKeys.has(s.messageKey));
  // A head with no members ("{") is followed by pieces that start with a comma: the careful path joins them.
  if (clash === undefined && !msgClash && chindings.shadowed.length === 0 && head.text.length > 1) return head.text + time + chindings.text + body + msgText + s.end;
  const overBindings = new Set<string>(clash);
  if (msgClash) overBindings.add(s.messageKey);
  const overHead = new Set<string>(overBindings);
  for (const key of chindings.shadowed) overHead.add(key);
  return uniqueKeyLine(s, chindings, head, overHead, overBindings, body + msgText, time);
}

/**
 * The careful path for a line whose later keys repeat a key written before them (a binding,
 * `level`, `time`): the earlier member is dropped, so each key is written once and the one a
 * JSON reader of pino's line would keep is the one kept, in pino's order otherwise.
 */
function uniqueKeyLine(s: LineSettings, chindings: Chindings, head: Head, overHead: ReadonlySet<string>, overBindings: ReadonlySet<string>, rest: string, time: string): string {
  let out = "";
  for (let i = 0; i < head.keys.length; i++) if (!overHead.has(head.keys[i])) out += head.members[i];
  out += timeWithout(time, overHead);
  for (let i = 0; i < chindings.keys.length; i++) if (!overBindings.has(chindings.keys[i])) out += chindings.members[i];
  out += rest;
  return "{" + out.slice(1) + s.end;
}

/** The time members without the keys in `drop` (the time text is one or more `,"key":value` members). */
function timeWithout(time: string, drop: ReadonlySet<string>): string {
  if (time === "") return "";
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse("{" + time.slice(1) + "}") as Record<string, unknown>;
  } catch {
    return time;
  }
  let out = "";
  let dropped = false;
  for (const key of Object.keys(parsed)) {
    if (drop.has(key)) {
      dropped = true;
      continue;
    }
    out += "," + quoteString(key) + ":" + JSON.stringify(parsed[key]);
  }
  return dropped ? out : time;
}

/** A short description of something thrown. Never throws. */
export function describe(e: unknown): string {
  try {
    const text = e instanceof Error ? String(e.message) : String(e);
    return text.length > 200 ? text.slice(0, 200) + "…" : text;
  } catch {
    return "unknown";
  }
}

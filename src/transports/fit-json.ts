/**
 * Shrinking one JSON line to a byte budget by cutting its values, never its syntax: a collector
 * with a message size limit (rsyslog: 8096 bytes by default) then still gets a whole JSON object,
 * with a note of how much was cut, instead of a cut frame and a bogus second message.
 *
 * In order, until the line fits: the longest string values of user fields are shortened (the
 * message last), each ending in `…`; then the largest user members' values become `"…"`; then
 * user members are left out, last first. The line gets a `logweave_truncated` member: the number
 * of bytes removed.
 */

/** Characters a string keeps at least when it is shortened (plus the ellipsis). */
const MIN_KEEP = 16;
/** The ellipsis ending a shortened string, as a JSON escape (ASCII, like the syslog MSG). */
const ELLIPSIS = "\\u2026";
/** The key of the note. */
export const TRUNCATED_KEY = "logweave_truncated";

/** Keys a JSON line's own metadata uses: shortened last, never left out. */
const CORE = new Set(["level", "time", "msg", "pid", "hostname", "name", "caller", "err", TRUNCATED_KEY]);

interface Member {
  /** Index of the member's key (its opening quote) and of the end of its value (exclusive). */
  readonly keyStart: number;
  readonly valueStart: number;
  readonly valueEnd: number;
  readonly key: string;
}

interface StringValue {
  /** Index of the opening quote and one past the closing quote. */
  readonly start: number;
  readonly end: number;
  /** True for the value of a core member at the top level. */
  readonly core: boolean;
}

/** Index just past the JSON string that starts (with its quote) at `i`; -1 when it does not end. */
function endOfString(text: string, i: number): number {
  for (i++; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === 0x22) return i + 1;
  }
  return -1;
}

/**
 * The top-level members and every string value (at any depth) of a JSON object text, or
 * `undefined` when `text` is not one. Expects the compact form logweave writes (no whitespace).
 */
function scan(text: string): { members: Member[]; strings: StringValue[] } | undefined {
  if (text.charCodeAt(0) !== 0x7b || text.charCodeAt(text.length - 1) !== 0x7d) return undefined;
  const members: Member[] = [];
  const strings: StringValue[] = [];
  /** For each open container: true for an object (its next string is a key). */
  const stack: boolean[] = [];
  let expectKey = false;
  let memberKey = "";
  let keyStart = -1;
  let valueStart = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const end = endOfString(text, i);
      if (end < 0) return undefined;
      if (expectKey) {
        if (stack.length === 1) {
          keyStart = i;
          memberKey = text.slice(i + 1, end - 1);
          valueStart = end + 1; // past the colon
        }
        expectKey = false;
      } else {
        strings.push({ start: i, end, core: stack.length === 1 && CORE.has(memberKey) });
      }
      i = end - 1;
    } else if (c === 0x7b || c === 0x5b) {
      stack.push(c === 0x7b);
      expectKey = c === 0x7b;
    } else if (c === 0x7d || c === 0x5d) {
      if (stack.length === 1 && keyStart >= 0) members.push({ keyStart, valueStart, valueEnd: i, key: memberKey });
      stack.pop();
      if (stack.length === 0 && i !== text.length - 1) return undefined;
      expectKey = false;
    } else if (c === 0x2c) {
      if (stack.length === 1 && keyStart >= 0) {
        members.push({ keyStart, valueStart, valueEnd: i, key: memberKey });
        keyStart = -1;
      }
      expectKey = stack[stack.length - 1] === true;
    }
  }
  return stack.length === 0 ? { members, strings } : undefined;
}

/** Bytes of `text` in UTF-8. */
function bytes(text: string): number {
  return Buffer.byteLength(text);
}

/**
 * The longest prefix of a JSON string's content (between its quotes), at most `keep` characters,
 * that ends neither inside an escape (`\n`, `\u00e9`) nor between the two halves of a
 * surrogate pair (escaped or raw).
 */
function safeCut(content: string, keep: number): number {
  let i = 0;
  let lastEscape = -1;
  while (i < keep) {
    if (content.charCodeAt(i) === 0x5c) {
      const length = content.charCodeAt(i + 1) === 0x75 /* u */ ? 6 : 2;
      if (i + length > keep) break;
      lastEscape = i;
      i += length;
    } else {
      i++;
    }
  }
  if (lastEscape >= 0 && lastEscape + 6 === i && /^\\u[dD][89abAB]/.test(content.slice(lastEscape, lastEscape + 4))) return lastEscape;
  const last = content.charCodeAt(i - 1);
  if (i > 0 && last >= 0xd800 && last <= 0xdbff) return i - 1;
  return i;
}

/** The result of {@link fitJson}. */
export interface Fitted {
  /** The line, at most the budget in bytes. */
  readonly text: string;
  /** Bytes removed from the original (0: it fitted as it was). */
  readonly removed: number;
}

/**
 * `text` (one compact JSON object, as logweave writes it) shrunk to at most `budget` bytes by
 * cutting values (see the module comment), with the `logweave_truncated` note; `text` itself
 * when it fits; a cut plain string ending in `…` when `text` is not a JSON object; `undefined`
 * when even the line's metadata does not fit. Never throws.
 */
export function fitJson(text: string, budget: number): Fitted | undefined {
  try {
    const size = bytes(text);
    if (size <= budget) return { text, removed: 0 };
    const parsed = scan(text);
    if (parsed === undefined) return fitPlain(text, budget, size);
    return fitObject(text, parsed.members, parsed.strings, budget, size);
  } catch {
    return undefined;
  }
}

/** A non-JSON line cut at a character boundary, ending in `…`. */
function fitPlain(text: string, budget: number, size: number): Fitted | undefined {
  const tail = "\u2026";
  const room = budget - bytes(tail);
  if (room < 0) return undefined;
  let cut = Math.min(text.length, room);
  while (cut > 0 && bytes(text.slice(0, cut)) > room) cut = Math.floor(cut * 0.9);
  if (cut > 0 && /[\ud800-\udbff]/.test(text.charAt(cut - 1))) cut--;
  const out = text.slice(0, cut) + tail;
  return { text: out, removed: size - bytes(out) };
}

/** An edit: replace [start, end) with `text`. */
interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

function apply(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  for (const edit of sorted) {
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}

/** The text with the note: an existing note member's value replaced, or a member appended. */
function withNote(text: string, members: readonly Member[], removed: number): string {
  const note = members.find((m) => m.key === TRUNCATED_KEY);
  if (note !== undefined) return text.slice(0, note.valueStart) + removed + text.slice(note.valueEnd);
  return text.slice(0, -1) + (members.length > 0 ? "," : "") + `"${TRUNCATED_KEY}":${removed}}`;
}

function fitObject(text: string, members: Member[], strings: StringValue[], budget: number, size: number): Fitted | undefined {
  // Room for the note (its number has at most as many digits as the size).
  const noteRoom = `,"${TRUNCATED_KEY}":`.length + String(size).length + 1;
  const edits: Edit[] = [];
  let excess = size - budget + noteRoom;

  // 1. Shorten the longest string values: user fields first, then the core ones (the message).
  const byLength = (a: StringValue, b: StringValue): number => b.end - b.start - (a.end - a.start);
  for (const group of [strings.filter((s) => !s.core).sort(byLength), strings.filter((s) => s.core).sort(byLength)]) {
    for (const s of group) {
      if (excess <= 0) break;
      const content = text.slice(s.start + 1, s.end - 1);
      if (content.length <= MIN_KEEP + ELLIPSIS.length) continue;
      const keep = safeCut(content, Math.max(MIN_KEEP, content.length - ELLIPSIS.length - excess));
      const replacement = '"' + content.slice(0, keep) + ELLIPSIS + '"';
      excess -= s.end - s.start - replacement.length;
      edits.push({ start: s.start, end: s.end, text: replacement });
    }
  }
  // 2. Replace the largest user members' values (objects, arrays, numbers) with "…"; edits
  // inside them are superseded.
  const user = members.filter((m) => !CORE.has(m.key));
  if (excess > 0) {
    for (const m of [...user].sort((a, b) => b.valueEnd - b.valueStart - (a.valueEnd - a.valueStart))) {
      if (excess <= 0) break;
      const stub = `"${ELLIPSIS}"`;
      const inside = edits.filter((e) => e.start >= m.valueStart && e.end <= m.valueEnd);
      const saved = inside.reduce((sum, e) => sum + (e.end - e.start - e.text.length), 0);
      const gain = m.valueEnd - m.valueStart - stub.length - saved;
      if (gain <= 0) continue;
      for (const e of inside) edits.splice(edits.indexOf(e), 1);
      edits.push({ start: m.valueStart, end: m.valueEnd, text: stub });
      excess -= gain;
    }
  }
  // 3. Leave user members out, last first.
  if (excess > 0) {
    for (const m of [...user].reverse()) {
      if (excess <= 0) break;
      const index = members.indexOf(m);
      if (index === 0) continue; // logweave lines open with core members; a line that does not keeps it
      // The member with the comma before it.
      const start = (members[index - 1] as Member).valueEnd;
      const end = m.valueEnd;
      const inside = edits.filter((e) => e.start >= start && e.end <= end);
      const saved = inside.reduce((sum, e) => sum + (e.end - e.start - e.text.length), 0);
      for (const e of inside) edits.splice(edits.indexOf(e), 1);
      edits.push({ start, end, text: "" });
      excess -= end - start - saved;
    }
  }
  if (excess > 0) return undefined;
  const cut = apply(text, edits);
  // Members moved by the edits: find the note again in the edited text.
  const again = scan(cut);
  if (again === undefined) return undefined;
  const out = withNote(cut, again.members, size - bytes(cut));
  return bytes(out) <= budget ? { text: out, removed: size - bytes(cut) } : undefined;
}

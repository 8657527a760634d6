/**
 * What the serializer knows about an object key under one configuration, worked out once per key:
 * whether the redactor censors values under it, and its JSON text. Nested objects repeat the same
 * few keys line after line, so the walk looks both up at once instead of asking the redactor and
 * escaping the key for every member it writes.
 */
import { quote } from "./json-string.js";
import type { Redactor } from "./redact.js";

/** The facts about one key (under one redactor). */
export interface MemberKey {
  /** True when a value under this key is censored wherever it appears (`Redactor.isSensitive`). */
  readonly sensitive: boolean;
  /** The key as a JSON string literal (U+2028/U+2029 escaped). */
  readonly quoted: string;
  /** `"key":` — how the first member of an object starts. */
  readonly head: string;
  /** `,"key":` — how every later member starts. */
  readonly member: string;
}

/** A table of {@link MemberKey}s for one configuration. */
export type MemberKeys = Map<string, MemberKey>;

// Bounded, so that an attacker's ever-new keys cannot grow it: past the bound, facts are worked out
// each time and not kept.
const MAX_KEYS = 10_000;

/** The {@link MemberKey} of `key` from `table` (filled on first sight). Never throws. */
export function memberKey(table: MemberKeys, key: string, redactor: Redactor): MemberKey {
  let facts = table.get(key);
  if (facts === undefined) {
    const quoted = quote(key);
    facts = { sensitive: redactor.isSensitive(key), quoted, head: quoted + ":", member: "," + quoted + ":" };
    if (table.size < MAX_KEYS) table.set(key, facts);
  }
  return facts;
}

/**
 * The set of keys a configuration renames (`fields.<key>`): its format's core keys, the keys its
 * options add (trace ids, event id, sampled-out count), and the keys the format keeps by rule
 * (`LineFormat.reservesKey`: ECS field sets, Cloud Logging's `logging.googleapis.com/` keys).
 */
import type { LineFormat } from "./line-format.js";

/** A set whose `has` also says yes to every key a rule reserves. */
class RuleReservedKeys extends Set<string> {
  constructor(names: Iterable<string>, private readonly rule: (key: string) => boolean) {
    super(names);
  }

  override has(key: string): boolean {
    return super.has(key) || this.rule(key);
  }
}

/** The keys `format` renames, with `extra` (never throws; `has` is what the field writers ask). */
export function coreKeySet(format: LineFormat, extra: readonly string[]): ReadonlySet<string> {
  const names = [...format.coreKeys, ...extra];
  const rule = format.reservesKey;
  return rule === undefined ? new Set(names) : new RuleReservedKeys(names, (key) => rule.call(format, key));
}

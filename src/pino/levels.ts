/**
 * pino's levels: the label/value mappings (`logger.levels`, `pino.levels`), custom levels, the
 * level comparison (`levelComparison`: ascending, descending or a function) and the checks pino
 * makes when a logger or child is created — with pino's error messages.
 */
import { LEVEL_VALUES } from "../levels.js";

/** pino's six levels, lowest first, with their numbers. */
export const DEFAULT_LEVELS: Readonly<Record<string, number>> = LEVEL_VALUES;

/** The standard level names, in the order of their bit in {@link LevelState.mask}. */
export const STANDARD_NAMES = ["trace", "debug", "info", "warn", "error", "fatal"] as const;

/** A standard level name. */
export type StandardLevel = (typeof STANDARD_NAMES)[number];

/** `logger.levels`: numbers by label and labels by number; `silent` (Infinity) is there but not enumerable, as pino's. */
export interface LevelMapping {
  readonly values: Record<string, number>;
  readonly labels: Record<number, string>;
}

/** Compares a level (`current`) with the logger's threshold (`expected`): true when it is written. */
export type LevelComparison = (current: number, expected: number) => boolean;

/**
 * The mapping for `customLevels` (added to pino's six, or alone with `useOnlyCustomLevels`),
 * built as pino's `mappings()` builds it: key order is pino's, then the custom ones.
 */
export function mappings(customLevels?: Readonly<Record<string, number>> | null, useOnlyCustomLevels = false): LevelMapping {
  const labels = Object.create(Object.prototype, { Infinity: { value: "silent" } }) as Record<number, string>;
  const values = Object.create(Object.prototype, { silent: { value: Infinity } }) as Record<string, number>;
  if (!useOnlyCustomLevels) {
    for (const name of STANDARD_NAMES) labels[DEFAULT_LEVELS[name]] = name;
    Object.assign(values, DEFAULT_LEVELS);
  }
  if (customLevels) {
    for (const name of Object.keys(customLevels)) labels[customLevels[name]] = name;
    Object.assign(values, customLevels);
  }
  return { labels, values };
}

/** A child's mapping: its parent's levels plus the child's own custom levels. */
export function extendMapping(parent: LevelMapping, customLevels: Readonly<Record<string, number>>): LevelMapping {
  const labels = Object.create(Object.prototype, { Infinity: { value: "silent" } }) as Record<number, string>;
  const values = Object.create(Object.prototype, { silent: { value: Infinity } }) as Record<string, number>;
  Object.assign(labels, parent.labels);
  Object.assign(values, parent.values);
  for (const name of Object.keys(customLevels)) labels[customLevels[name]] = name;
  Object.assign(values, customLevels);
  return { labels, values };
}

/**
 * Throws pino's error when the configured `level` is not one of the logger's levels
 * (`default level:foo must be included in custom levels`).
 */
export function assertDefaultLevelFound(level: unknown, customLevels: Readonly<Record<string, number>> | null | undefined, useOnlyCustomLevels: boolean): void {
  const custom = customLevels ?? {};
  if (typeof level === "number") {
    const known = [...Object.values(custom), ...(useOnlyCustomLevels ? [] : Object.values(DEFAULT_LEVELS)), Infinity];
    if (!known.includes(level)) throw Error(`default level:${level} must be included in custom levels`);
    return;
  }
  const names = new Set<unknown>(["silent", ...(useOnlyCustomLevels ? [] : STANDARD_NAMES), ...Object.keys(custom)]);
  // pino checks with `in` on an object, so inherited names (`toString`) pass there; they fail at setLevel.
  if (!names.has(level) && !(typeof level === "string" && level in Object.prototype)) {
    throw Error(`default level:${String(level)} must be included in custom levels`);
  }
}

/** Throws pino's error when a child's custom levels reuse a name or a number its logger has. */
export function assertNoLevelCollisions(levels: LevelMapping, customLevels: Readonly<Record<string, number>>): void {
  for (const name of Object.keys(customLevels)) {
    if (name in levels.values) throw Error("levels cannot be overridden");
    if (customLevels[name] in levels.labels) throw Error("pre-existing level values cannot be used for new levels");
  }
}

/** Ascending (pino's default): a level is written when it is at or above the threshold. */
const ascending: LevelComparison = (current, expected) => current >= expected;
/** Descending: a level is written when it is at or below the threshold. */
const descending: LevelComparison = (current, expected) => current <= expected;

/**
 * The comparison for pino's `levelComparison` option: `"ASC"`, `"DESC"` or a function. Throws
 * pino's error for anything else.
 */
export function levelComparison(option: unknown): LevelComparison {
  if (option === undefined || option === "ASC") return ascending;
  if (option === "DESC") return descending;
  if (typeof option === "function") return option as LevelComparison;
  throw new Error('Levels comparison should be one of "ASC", "DESC" or "function" type');
}

/** True for pino's default comparison, which lets the hot path compare numbers directly. */
export function isAscending(compare: LevelComparison): boolean {
  return compare === ascending;
}

/**
 * The threshold number for `level` (a label or a number of the mapping), or pino's error:
 * `unknown level value<n>` / `unknown level <label>`.
 */
export function thresholdOf(levels: LevelMapping, level: unknown): { label: string; value: number } {
  let label = level;
  if (typeof level === "number") {
    if (levels.labels[level] === undefined) throw Error("unknown level value" + level);
    label = levels.labels[level];
  }
  const value = levels.values[label as string];
  if (value === undefined) throw Error("unknown level " + String(label));
  return { label: label as string, value };
}

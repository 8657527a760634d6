/**
 * Log levels: names and numbers as pino's, so pino's tools read our lines.
 */

/** The six level names, lowest first. */
export const LEVEL_NAMES = ["trace", "debug", "info", "warn", "error", "fatal"] as const;

/** A level name. */
export type LevelName = (typeof LEVEL_NAMES)[number];

/** A level threshold: a level name, or `"silent"` to log nothing. */
export type LevelSetting = LevelName | "silent";

/** Level name to number, as pino's. */
export const LEVEL_VALUES: Readonly<Record<LevelName, number>> = Object.freeze({
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
});

/** The number of the `"silent"` threshold: above every level. */
export const SILENT = Infinity;

/**
 * Reads a level setting (case-insensitive, surrounding spaces ignored) and returns its threshold
 * number, or `undefined` when the text is not a level name. Never throws.
 */
export function parseLevel(text: unknown): number | undefined {
  if (typeof text !== "string") return undefined;
  const name = text.trim().toLowerCase();
  if (name === "silent") return SILENT;
  return Object.hasOwn(LEVEL_VALUES, name)
    ? LEVEL_VALUES[name as LevelName]
    : undefined;
}

/** The name of a threshold number (`"silent"` above fatal), e.g. for `logger.level`. */
export function levelName(value: number): LevelSetting {
  for (const name of LEVEL_NAMES) if (LEVEL_VALUES[name] === value) return name;
  return value === SILENT ? "silent" : value < 10 ? "trace" : "silent";
}

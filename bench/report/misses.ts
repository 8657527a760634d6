/**
 * Why a goal is missed: what profiles showed the time goes to, and what would close it. Written
 * from CPU profiles of the scenarios (bench/suite/profile.ts); the run adds its own fresh profile
 * of each missed scenario under "Where the time goes", so a reader can check the reason still
 * holds.
 */

/** By scenario id: the mechanism behind a miss and what would close it. */
export const MISS_HINTS: Readonly<Record<string, string>> = {};

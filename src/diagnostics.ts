/**
 * logweave's own complaints (bad environment values, a destination that throws, an internal
 * error): written once each to stderr, never thrown into the app.
 */
import fs from "node:fs";

const said = new Set<string>();

/** Writes `logweave: <text>` to stderr the first time `key` is seen. Never throws. */
export function warnOnce(key: string, text: string): void {
  if (said.has(key)) return;
  said.add(key);
  try {
    fs.writeSync(2, "logweave: " + text + "\n");
  } catch {
    // stderr is gone too; nothing more can be done.
  }
}

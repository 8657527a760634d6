/**
 * logweave's own version, read from the nearest `package.json` named `logweave` up from this
 * file: the same lookup works from the sources (`transformer/`) and from the build (`dist/transformer/`).
 */
import fs from "node:fs";
import path from "node:path";

/** The version in logweave's `package.json`, or `"unknown"` when none is found. Never throws. */
export function packageVersion(): string {
  for (let dir = import.meta.dirname; ; dir = path.dirname(dir)) {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { name?: unknown; version?: unknown };
      if (manifest.name === "logweave" && typeof manifest.version === "string") return manifest.version;
    } catch {
      // No manifest here: keep looking up.
    }
    if (path.dirname(dir) === dir) return "unknown";
  }
}

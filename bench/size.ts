/**
 * Bundle sizes: logweave's runtime (all of it, and what an app that only calls `getLogger` keeps)
 * and pino, each bundled by esbuild for Node, minified, gzipped.
 */
import { gzipSync } from "node:zlib";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Minified + gzipped bytes of each bundle. */
export async function bundleSizes(): Promise<{ name: string; bytes: number }[]> {
  const entries = [
    { name: "logweave runtime, every export (dist/src/index.js)", entry: path.join(root, "dist/src/index.js") },
    { name: "logweave as an app bundles it (getLogger + info, tree-shaken)", entry: path.join(root, "bench/cases/size-app.mjs") },
    { name: "pino", entry: path.join(root, "node_modules/pino/pino.js") },
  ];
  const out: { name: string; bytes: number }[] = [];
  for (const e of entries) {
    try {
      const r = await build({ entryPoints: [e.entry], bundle: true, minify: true, platform: "node", format: "esm", write: false, logLevel: "silent" });
      out.push({ name: e.name, bytes: gzipSync(r.outputFiles[0].contents).length });
    } catch (err) {
      console.log(`  size of ${e.name}: ${(err as Error).message}`);
    }
  }
  return out;
}

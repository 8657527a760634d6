/**
 * Every format through the real TypeScript plugin: a program built with the transformer prints,
 * in each format, the same lines as the untransformed program (times aside), and with caller
 * metadata each format's location fields point at the calls. Runs the built package (`npm test`
 * builds it first) in child processes.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import logweaveTransformer from "../transformer/typescript/index.js";
import { REPO_ROOT } from "./helpers/compile-fixture.js";
import { logfmtRecord } from "./helpers/logfmt.js";
import { parseStrict } from "./helpers/strict-json.js";
import { readOtelLine } from "./platforms/otlp-line.js";

const DIR = path.join(REPO_ROOT, ".fixture-out", "formats");
const SOURCE = `import { getLogger, withContext } from "logweave";
const log = getLogger("shop").child({ tenant: "t1" });
const user = { id: 7, name: "Ann", tags: ["a b", "c=d"] };
for (let i = 0; i < 3; i++) {
  log.info("Order placed", { orderId: i, sku: "SKU-1", user, note: \`x\${i} y\` });
  log.warn(\`Stock low for \${user.name} at \${i}\`);
  withContext({ requestId: "r-" + i }, () => log.error("Payment failed", { code: "E1", amount: 9.5, ok: false }));
}
log.debug("core keys", { level: "mine", msg: "also", message: "too", severity: "x" });
log.info("message only");
`;
const FORMATS = ["json", "logfmt", "ecs", "otel", "gcp"] as const;

function build(name: string, caller: boolean | undefined): string {
  const src = path.join(DIR, "src", "main.ts");
  const outDir = path.join(DIR, name);
  const program = ts.createProgram([src], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    skipLibCheck: true,
    rootDir: path.join(DIR, "src"),
    outDir,
  });
  const before = caller === undefined ? undefined : [logweaveTransformer(program, { minLevel: "trace", caller, root: DIR })];
  const result = program.emit(undefined, undefined, undefined, false, before === undefined ? undefined : { before });
  if (result.emitSkipped) throw new Error(`building ${name} failed`);
  return path.join(outDir, "main.js");
}

function run(file: string, format: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [file], { cwd: REPO_ROOT, env: { ...process.env, LOG_LEVEL: "trace", LOGWEAVE_FORMAT: format }, timeout: 30_000 }, (error, stdout) => {
      if (error) reject(error);
      else resolve(stdout.split("\n").filter((l) => l !== ""));
    });
  });
}

/** Removes what differs between two runs: times and process ids. */
const withoutTime = (line: string) =>
  line
    .replace(/"time":\d+|"@timestamp":"[^"]+"|"time":"[^"]+"|"(observedT|t)imeUnixNano":"\d+"|time=\S+/g, "T")
    .replace(/"pid":\d+|"process\.pid":\d+|pid=\d+|"key":"process\.pid","value":\{"intValue":"\d+"\}/, "P");

let plain: string;
let transformed: string;
let withCaller: string;

beforeAll(() => {
  fs.rmSync(DIR, { recursive: true, force: true });
  fs.mkdirSync(path.join(DIR, "src"), { recursive: true });
  fs.writeFileSync(path.join(DIR, "src", "main.ts"), SOURCE);
  plain = build("plain", undefined);
  transformed = build("transformed", false);
  withCaller = build("caller", true);
  expect(fs.readFileSync(transformed, "utf8")).toMatch(/__lw_on\(__lw_site_0, log\)/);
});

describe.each(FORMATS)("%s", (format) => {
  it("a transformed build prints the untransformed build's lines", async () => {
    const [a, b] = await Promise.all([run(plain, format), run(transformed, format)]);
    expect(a).toHaveLength(11);
    expect(b.map(withoutTime)).toEqual(a.map(withoutTime));
    for (const line of a) {
      if (format === "logfmt") logfmtRecord(line);
      else if (format === "otel") readOtelLine(line + "\n");
      else parseStrict(line);
    }
  });

  it("with caller metadata, the location fields name the file and line of each call", async () => {
    const lines = await run(withCaller, format);
    const first = lines[0];
    const expectLine = 5;
    if (format === "logfmt") expect(logfmtRecord(first).caller).toMatch(new RegExp(`^src/main\\.ts:${expectLine}:\\d+$`));
    else {
      const r = parseStrict(first) as Record<string, any>;
      if (format === "json") expect(r.caller).toMatchObject({ file: "src/main.ts", line: expectLine });
      if (format === "ecs") expect(r).toMatchObject({ "log.origin.file.name": "src/main.ts", "log.origin.file.line": expectLine });
      if (format === "otel") expect(readOtelLine(first + "\n").attributes).toMatchObject({ "code.file.path": "src/main.ts", "code.line.number": expectLine });
      if (format === "gcp") expect(r["logging.googleapis.com/sourceLocation"]).toMatchObject({ file: "src/main.ts", line: String(expectLine) });
    }
  });
});

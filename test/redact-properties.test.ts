/**
 * Redaction property (issue 13): a random secret under a random sensitive key form — a default
 * name in any case and `-`/`_`/`.` form, a configured key, a configured path's key — held by any
 * container (object, Map with string, symbol, boxed or object keys, class instance, getter, toJSON,
 * error property, null prototype, Proxy, frozen, Node request, response or client request), wrapped
 * at random depth in any container (array, Set, Map pairs, error cause, AggregateError…), never
 * reaches a line: no 8-character piece of it, as written, JSON-escaped or URI-encoded.
 *
 * Checked for every line format and call shape of the plain runtime (fields, pino order, error,
 * child bindings, context); for a program built with the TypeScript plugin, against the same
 * program built without it (same lines, times aside); and for what the syslog and OTLP transports
 * are given and what their collectors receive. The transformed build and the transports run the
 * built package (`npm test` builds it first).
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import fc from "fast-check";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import logweaveTransformer from "../transformer/typescript/index.js";
import { configure, getLogger, withContext, type Destination } from "../src/index.js";
import { REPO_ROOT } from "./helpers/compile-fixture.js";
import { logfmtRecord } from "./helpers/logfmt.js";
import { OtlpReceiver } from "./helpers/otlp-receiver.js";
import { buildContainer, HOLDERS, leakIn, WRAPPERS, type ContainerSpec } from "./helpers/secret-containers.js";
import { parseStrict } from "./helpers/strict-json.js";

const FORMATS = ["json", "logfmt", "ecs", "otel", "gcp"] as const;
/** Redaction every run configures on top of the defaults: a key of its own and a path. */
const REDACT = { keys: ["pin2"], paths: ["**.vault"] };

// Secrets: 12–32 characters, including ones JSON and logfmt leave as they are but URLs encode;
// every 8-character piece varied enough that it cannot turn up in a line by chance.
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/:%=";
const secretArb = fc
  .array(fc.constantFrom(...ALPHABET), { minLength: 12, maxLength: 32 })
  .map((chars) => chars.join(""))
  .filter((s) => Array.from({ length: s.length - 7 }, (_, i) => new Set(s.slice(i, i + 8)).size).every((n) => n >= 5));

const BASES = [
  ["password"], ["passwd"], ["api", "key"], ["access", "token"], ["refresh", "token"], ["authorization"], ["proxy", "authorization"],
  ["client", "secret"], ["set", "cookie"], ["cookie"], ["private", "key"], ["secret"], ["token"], ["x", "api", "key"], ["x", "auth", "token"],
  ["db", "password"], ["session", "id"], ["credit", "card"], ["card", "number"], ["cvv"],
];
const cap = (w: string) => w[0].toUpperCase() + w.slice(1);
/** A default sensitive name in one of the forms people write it. */
const defaultKeyArb = fc.tuple(fc.constantFrom(...BASES), fc.constantFrom("lower", "upper", "camel", "pascal", "snake", "kebab", "dot", "scream", "train")).map(([words, form]) => {
  switch (form) {
    case "lower": return words.join("");
    case "upper": return words.join("").toUpperCase();
    case "camel": return words[0] + words.slice(1).map(cap).join("");
    case "pascal": return words.map(cap).join("");
    case "snake": return words.join("_");
    case "kebab": return words.join("-");
    case "dot": return words.join(".");
    case "scream": return words.join("_").toUpperCase();
    default: return words.map(cap).join("-");
  }
});
const keyArb: fc.Arbitrary<{ key: string; queryKey: boolean }> = fc.oneof(
  { weight: 6, arbitrary: defaultKeyArb.map((key) => ({ key, queryKey: true })) },
  { weight: 1, arbitrary: fc.constantFrom("pin2", "PIN2", "Pin_2", "pin-2").map((key) => ({ key, queryKey: true })) },
  // A path's key is structural: it censors a member, not a query parameter inside a URL string.
  { weight: 1, arbitrary: fc.constant({ key: "vault", queryKey: false }) },
);

const specArb: fc.Arbitrary<ContainerSpec> = fc
  .record({
    secret: secretArb,
    key: keyArb,
    holder: fc.constantFrom(...HOLDERS),
    wrappers: fc.array(fc.constantFrom(...WRAPPERS), { maxLength: 3 }),
    visible: fc.stringMatching(/^[a-z]{6}$/).map((s) => "vis" + s),
  })
  .map(({ key, ...rest }) => ({ ...rest, key: key.key, queryKey: key.queryKey }));

function checkLine(line: string, format: string): void {
  const body = line.endsWith("\n") ? line.slice(0, -1) : line;
  if (format === "logfmt") logfmtRecord(body);
  else parseStrict(body);
}

describe("the plain runtime", () => {
  const lines: string[] = [];
  const collect: Destination = { write: (l) => void lines.push(l) };

  it("no secret reaches a line, in any format and call shape, and what sits beside it stays", () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        for (const format of FORMATS) {
          configure({ level: "trace", destination: collect, format, base: {}, limits: {}, redact: REDACT });
          lines.length = 0;
          const { value, dispose } = buildContainer(spec);
          const log = getLogger("prop");
          try {
            log.info("nested", { data: value });
            log.child({ data: value }).info("child");
            withContext({ data: value }, () => log.warn("context"));
            // The value as the whole fields argument, bindings or context.
            const fields = value as Record<string, unknown>;
            log.info("fields", fields);
            log.info(fields, "pino order");
            log.child(fields).info("bindings");
            withContext(fields, () => log.error("context fields"));
            if (value instanceof Error) log.error(value);
          } finally {
            dispose();
          }
          for (const line of lines) {
            checkLine(line, format);
            expect(leakIn(line, spec.secret), `${format}: ${line}`).toBeUndefined();
          }
          for (const line of lines.slice(0, 3)) expect(line, format).toContain(spec.visible);
        }
      }),
      { numRuns: 250 },
    );
  });
});

describe("a program built with the TypeScript plugin", () => {
  const DIR = path.join(REPO_ROOT, ".fixture-out", "redact-properties");
  const MAIN = `import fs from "node:fs";
import { configure, getLogger, withContext } from "logweave";
import { buildContainer, type ContainerSpec } from "./containers.js";

const specs: ContainerSpec[] = JSON.parse(fs.readFileSync(process.env.SPECS!, "utf8"));
const log = getLogger("prop");
const requests = ["incomingMessage", "serverResponse", "clientRequest"];
for (const format of ${JSON.stringify(FORMATS)} as const) {
  configure({ format, redact: ${JSON.stringify(REDACT)} });
  log.info("format-start-" + format);
  specs.forEach((spec, n) => {
    const { value, dispose } = buildContainer(spec);
    log.info("nested", { data: value, n });
    log.warn(\`template \${n}\`, { data: value, password: spec.secret, apiKey: spec.secret, vault: spec.secret });
    log.child({ data: value }).debug("child", { n });
    withContext({ data: value }, () => log.error("context", { n }));
    if (!requests.includes(spec.holder) || spec.wrappers.length > 0) {
      log.info("fields", value as Record<string, unknown>);
      log.info(value as Record<string, unknown>, "pino order");
    }
    dispose();
  });
}
`;
  let plain = "";
  let transformed = "";

  /** Emits the program once without and once with the plugin; returns the two entry files. */
  function build(): [string, string] {
    const src = path.join(DIR, "src");
    const program = ts.createProgram([path.join(src, "main.ts")], {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
      skipLibCheck: true,
      rootDir: src,
      outDir: path.join(DIR, "out"),
      types: ["node"],
      typeRoots: [path.join(REPO_ROOT, "node_modules/@types")],
    });
    const errors = ts.getPreEmitDiagnostics(program).filter((d) => d.category === ts.DiagnosticCategory.Error);
    expect(errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"))).toEqual([]);
    const entries: string[] = [];
    for (const name of ["plain", "transformed"]) {
      const before = name === "transformed" ? [logweaveTransformer(program, { minLevel: "trace", caller: false, root: DIR })] : undefined;
      const write: ts.WriteFileCallback = (file, text) => {
        const to = path.join(DIR, name, path.relative(path.join(DIR, "out"), file));
        fs.mkdirSync(path.dirname(to), { recursive: true });
        fs.writeFileSync(to, text);
      };
      if (program.emit(undefined, write, undefined, false, before === undefined ? undefined : { before }).emitSkipped) throw new Error(`building ${name} failed`);
      entries.push(path.join(DIR, name, "main.js"));
    }
    return entries as [string, string];
  }

  /** The program's lines, by format. */
  function run(file: string, specsFile: string): Promise<Map<string, string[]>> {
    return new Promise((resolve, reject) => {
      execFile(
        process.execPath,
        [file],
        { cwd: REPO_ROOT, env: { ...process.env, LOG_LEVEL: "trace", SPECS: specsFile }, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
        (error, stdout) => {
          if (error) return reject(error);
          const byFormat = new Map<string, string[]>();
          let current: string[] = [];
          for (const line of stdout.split("\n")) {
            if (line === "") continue;
            const start = FORMATS.find((f) => line.includes("format-start-" + f));
            if (start !== undefined) byFormat.set(start, (current = []));
            else current.push(line);
          }
          resolve(byFormat);
        },
      );
    });
  }

  /** Removes what differs between two runs: times and process ids. */
  const withoutTime = (line: string) =>
    line
      .replace(/"time":\d+|"@timestamp":"[^"]+"|"time":"[^"]+"|"(observedT|t)imeUnixNano":"\d+"|time=\S+/g, "T")
      .replace(/"pid":\d+|"process\.pid":\d+|pid=\d+|"key":"process\.pid","value":\{"intValue":"\d+"\}/, "P");

  beforeAll(() => {
    fs.rmSync(DIR, { recursive: true, force: true });
    fs.mkdirSync(path.join(DIR, "src"), { recursive: true });
    fs.writeFileSync(path.join(DIR, "src", "main.ts"), MAIN);
    fs.copyFileSync(path.join(REPO_ROOT, "test/helpers/secret-containers.ts"), path.join(DIR, "src", "containers.ts"));
    [plain, transformed] = build();
    // The plugin did rewrite the calls (the emitted text differs from the plain build's).
    expect(fs.readFileSync(transformed, "utf8")).not.toBe(fs.readFileSync(plain, "utf8"));
  }, 60_000);

  it("writes no secret in any format, and the same lines as the plain build", async () => {
    let round = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(specArb, { minLength: 15, maxLength: 40 }), async (specs) => {
        const specsFile = path.join(DIR, `specs-${round++}.json`);
        fs.writeFileSync(specsFile, JSON.stringify(specs));
        const [a, b] = await Promise.all([run(plain, specsFile), run(transformed, specsFile)]);
        for (const format of FORMATS) {
          const [linesA, linesB] = [a.get(format) ?? [], b.get(format) ?? []];
          expect(linesB.map(withoutTime), format).toEqual(linesA.map(withoutTime));
          expect(linesA.length).toBeGreaterThanOrEqual(specs.length * 4);
          for (const line of linesB) {
            checkLine(line, format);
            for (const spec of specs) expect(leakIn(line, spec.secret), `${format}: ${line}`).toBeUndefined();
          }
        }
      }),
      { numRuns: 4, endOnFailure: true },
    );
  }, 120_000);
});

describe("what the transports are given and what their collectors receive", () => {
  const dist = (file: string) => {
    const full = path.resolve(REPO_ROOT, "dist/src", file);
    if (!fs.existsSync(full)) throw new Error(`${full} is missing: run \`npm run build\` first`);
    return pathToFileURL(full).href;
  };
  let api: typeof import("../src/index.js");
  let transports: typeof import("../src/transports/index.js");
  let receiver: OtlpReceiver;
  let syslogServer: net.Server;
  let syslogText = "";

  beforeAll(async () => {
    api = (await import(dist("index.js"))) as typeof api;
    transports = (await import(dist("transports/index.js"))) as typeof transports;
    receiver = await OtlpReceiver.start();
    syslogServer = net.createServer((socket) => socket.on("data", (d: Buffer) => (syslogText += d.toString("utf8"))));
    await new Promise<void>((r) => syslogServer.listen(0, "127.0.0.1", r));
  });
  afterAll(async () => {
    await receiver?.close();
    syslogServer?.close();
  });

  async function until(check: () => boolean, what: string): Promise<void> {
    const end = Date.now() + 20_000;
    while (!check()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await sleep(10);
    }
  }

  /** Logs every spec through `destination` (its writes recorded); resolves when `received()` has the end marker. */
  async function ship(destination: Destination & { close(): Promise<void> }, specs: readonly ContainerSpec[], received: () => string, marker: string): Promise<string[]> {
    const given: string[] = [];
    const write = destination.write.bind(destination);
    destination.write = (line: string) => {
      given.push(line);
      return write(line);
    };
    api.configure({ level: "trace", destination, format: "json", base: {}, limits: {}, redact: REDACT });
    const log = api.getLogger("prop");
    for (const spec of specs) {
      const { value, dispose } = buildContainer(spec);
      log.info("nested", { data: value });
      log.child({ data: value }).info("child");
      api.withContext({ data: value }, () => log.warn("context"));
      dispose();
    }
    log.info(marker);
    await api.flush();
    await until(() => received().includes(marker), marker);
    await destination.close();
    return given;
  }

  it("no secret is given to the syslog or OTLP transport, or reaches their collectors", async () => {
    let round = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(specArb, { minLength: 5, maxLength: 15 }), async (specs) => {
        round++;
        // Only what this round sent counts (an earlier round's text stays in the collectors).
        const syslogFrom = syslogText.length;
        const otlpFrom = receiver.requests.length;
        const syslogReceived = () => syslogText.slice(syslogFrom);
        const otlpReceived = () => JSON.stringify(receiver.requests.slice(otlpFrom).map((r) => r.body));
        const syslogGiven = await ship(transports.syslogTransport({ port: (syslogServer.address() as net.AddressInfo).port, protocol: "tcp" }), specs, syslogReceived, `syslog-end-${round}`);
        const otlpGiven = await ship(transports.otlpTransport({ url: receiver.url }), specs, otlpReceived, `otlp-end-${round}`);
        expect(syslogGiven).toHaveLength(specs.length * 3 + 1);
        expect(otlpGiven).toHaveLength(specs.length * 3 + 1);
        expect(receiver.invalid()).toEqual([]);
        const received = [syslogReceived(), otlpReceived()];
        for (const text of [...syslogGiven, ...otlpGiven, ...received]) {
          for (const spec of specs) expect(leakIn(text, spec.secret)).toBeUndefined();
        }
        for (const spec of specs) for (const text of received) expect(text).toContain(spec.visible);
      }),
      { numRuns: 3 },
    );
  }, 120_000);
});

/**
 * The `github` format read as the GitHub Actions runner reads a step's output: a line is a
 * workflow command when it starts with `::` (`::name key=value,key=value::message`), with the
 * escapes of `@actions/core`'s command.ts undone (`%25` `%0D` `%0A` in the message, and `%3A`
 * `%2C` in property values). The annotations are compared with what `@actions/core` itself
 * writes for the same message and properties.
 */
import fs from "node:fs";
import path from "node:path";
import * as core from "@actions/core";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { prettyBody } from "../../src/format/pretty.js";
import { configure, getLogger, type Destination } from "../../src/index.js";
import { enter, site as makeSite } from "../helpers/site-call.js";

const REFERENCES = { "@actions/core": "3.0.1" };

/** One workflow command as the runner reads it. */
interface WorkflowCommand {
  readonly name: string;
  readonly properties: Record<string, string>;
  readonly message: string;
}

const unescapeData = (s: string) => s.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%25/g, "%");
const unescapeProperty = (s: string) => s.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%3A/g, ":").replace(/%2C/g, ",").replace(/%25/g, "%");

/**
 * The command on `line`, or `undefined` when the line is not one. The runner trims the line
 * before looking for `::` (and reads the older `##[name]` form): both count here, so a line
 * that only looks harmless still fails the tests.
 */
function parseCommand(line: string): WorkflowCommand | undefined {
  const text = line.trim();
  if (text.startsWith("##[")) return { name: text.slice(3, text.indexOf("]")), properties: {}, message: text };
  if (!text.startsWith("::")) return undefined;
  const end = text.indexOf("::", 2);
  if (end === -1) return undefined;
  const head = text.slice(2, end);
  const space = head.indexOf(" ");
  const name = space === -1 ? head : head.slice(0, space);
  const properties: Record<string, string> = {};
  if (space !== -1) {
    for (const pair of head.slice(space + 1).split(",")) {
      const eq = pair.indexOf("=");
      if (eq > 0) properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
    }
  }
  return { name, properties, message: unescapeData(text.slice(end + 2)) };
}

/** Every command in a chunk of output, one per line. */
function commandsIn(text: string): WorkflowCommand[] {
  return text.split("\n").map(parseCommand).filter((c): c is WorkflowCommand => c !== undefined);
}

/** What `@actions/core` writes for `warning`/`error` with these properties. */
function reference(kind: "warning" | "error", message: string, props: core.AnnotationProperties): string {
  const written: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string) => (written.push(String(chunk)), true)) as typeof process.stdout.write;
  try {
    // biome-ignore lint/performance/noDynamicNamespaceImportAccess: the reference function for each annotation kind
    core[kind](message, props);
  } finally {
    process.stdout.write = write;
  }
  return written.join("");
}

const out: string[] = [];
const collect: Destination = { write: (l) => void out.push(l) };
const saved = { FORCE_COLOR: process.env.FORCE_COLOR, NO_COLOR: process.env.NO_COLOR, GITHUB_ACTIONS: process.env.GITHUB_ACTIONS };

beforeEach(() => {
  out.length = 0;
  delete process.env.FORCE_COLOR;
  delete process.env.NO_COLOR;
  configure({ level: "trace", destination: collect, format: "github", base: { pid: 1, hostname: "h" }, limits: {}, redact: {}, eventIds: false, sample: undefined });
});
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

it("the reference is the version this suite was written against", () => {
  const pkg = JSON.parse(fs.readFileSync(path.resolve("node_modules/@actions/core/package.json"), "utf8")) as { version: string };
  expect(pkg.version).toBe(REFERENCES["@actions/core"]);
});

describe("the workflow-command reader", () => {
  it("reads what @actions/core writes back to the same message and properties", () => {
    const message = "a%b\r\nc::d,e:f";
    const line = reference("error", message, { title: "t,1:2", file: "src/a b.ts", startLine: 3, startColumn: 4 });
    expect(commandsIn(line)).toEqual([{ name: "error", properties: { title: "t,1:2", file: "src/a b.ts", line: "3", col: "4" }, message }]);
  });
});

describe("the github format", () => {
  const site = makeSite({ level: 40, msg: '"User login failed"', fields: [{ key: "userId", type: "number" }], file: "src/auth.ts", line: 12, column: 5, function: "login" });

  it("writes a warn call site as its pretty line plus the annotation @actions/core writes for it", () => {
    enter(getLogger("auth"), site)?.(site, 7);
    const text = out.join("");
    const [pretty, annotation, rest] = text.split("\n");
    expect(pretty).toMatch(/^\d\d:\d\d:\d\d\.\d{3} WARN  auth: User login failed userId=7 \(src\/auth\.ts:12 login\)$/);
    expect(annotation + "\n").toBe(reference("warning", "User login failed userId=7", { title: "auth", file: "src/auth.ts", startLine: 12, startColumn: 5 }));
    expect(rest).toBe("");
  });

  it("makes error and fatal lines error annotations, and info and below none", () => {
    const log = getLogger("x");
    log.trace("t"); log.debug("d"); log.info("i");
    expect(commandsIn(out.join(""))).toEqual([]);
    log.error("e", { err: new Error("boom") });
    log.fatal("f");
    const commands = commandsIn(out.join(""));
    expect(commands.map((c) => c.name)).toEqual(["error", "error"]);
    // The error's stack comes with the annotation, on lines of its own (escaped).
    expect(commands[0]!.message).toMatch(/^e err=[^\n]*\n\s+err: Error: boom\n\s+at /);
    expect(commands[0]!.properties).toEqual({ title: "x" });
  });

  it("writes no colours unless FORCE_COLOR asks", () => {
    getLogger("c").warn("w");
    expect(out.join("")).not.toContain("\u001b[");
    process.env.FORCE_COLOR = "1";
    getLogger("c").warn("w");
    expect(out.at(-1)).toContain("\u001b[");
  });

  it("lets nothing logged start a command or end an annotation early, whatever the message, fields, logger name and file (fast-check)", () => {
    const hostile = fc.string({ unit: fc.constantFrom("a", ":", ",", "%", "\n", "\r", " ", "=", "#", "[", "]", "0", "A", "D", "\u2028") });
    fc.assert(
      fc.property(hostile, hostile, hostile, hostile, fc.constantFrom(30, 40, 50), (msg, value, name, file, level) => {
        out.length = 0;
        // As the transformer writes a static message: a JSON literal with U+2028/U+2029 escaped.
        const s = makeSite({ level, msg: JSON.stringify(msg).replace(/\u2028/g, "\\u2028"), fields: [{ key: "v", type: "string" }], file: file === "" ? "f" : file, line: 2, column: 3, function: "fn" });
        const log = getLogger(name === "" ? "n" : name);
        enter(log, s)?.(s, value);
        log.error(new Error(msg + "\n::error::injected\n##[error]old"));
        const commands = commandsIn(out.join(""));
        const expected = (level >= 40 ? 1 : 0) + 1;
        expect(commands).toHaveLength(expected);
        if (level >= 40) {
          const c = commands[0]!;
          expect(c.name).toBe(level >= 50 ? "error" : "warning");
          expect(c.properties).toEqual({ title: name === "" ? "n" : name, file: file === "" ? "f" : file, line: "2", col: "3" });
          const record = { level, msg, v: value };
          expect(c.message).toBe(prettyBody(record, false).text);
          // Byte for byte what @actions/core writes.
          const line = out.join("").split("\n").find((l) => l.startsWith("::"))! + "\n";
          expect(line).toBe(reference(level >= 50 ? "error" : "warning", c.message, { title: c.properties.title, file: c.properties.file, startLine: 2, startColumn: 3 }));
        }
        expect(commands.at(-1)!.name).toBe("error");
      }),
      { numRuns: 200 },
    );
  });
});

describe("auto under GitHub Actions", () => {
  it("is github when GITHUB_ACTIONS=true, json with a destination that reads json", () => {
    process.env.GITHUB_ACTIONS = "true";
    configure({ format: "auto" });
    getLogger("a").warn("w");
    expect(out.join("")).toMatch(/WARN  a: +w\n::warning title=a::w\n$/);
    out.length = 0;
    configure({ destination: { write: (l) => void out.push(l), readsJson: true } as Destination });
    getLogger("a").warn("w");
    expect(JSON.parse(out[0]!)).toMatchObject({ level: 40, msg: "w" });
    delete process.env.GITHUB_ACTIONS;
    out.length = 0;
    configure({ format: "auto", destination: collect });
    getLogger("a").warn("w");
    expect(JSON.parse(out[0]!)).toMatchObject({ level: 40, msg: "w" });
  });
});

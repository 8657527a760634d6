/**
 * Which receivers the SWC step proves to be logweave loggers without a type checker, and which
 * it leaves alone. Each test states one way in (or one lookalike) and checks exactly which calls
 * were rewritten and which were left as written.
 */
import { describe, expect, it } from "vitest";
import { callsIn, swcSnippet } from "./helpers/swc-build.js";
import { REPO_ROOT } from "./helpers/compile-fixture.js";

/** The rewritten and left messages of `code` after the SWC step. */
function calls(code: string, options: Parameters<typeof swcSnippet>[1] = {}): { rewritten: string[]; left: string[] } {
  return callsIn(swcSnippet(code, options).code);
}

describe("loggers made in the file", () => {
  it("getLogger imported by name, renamed, or through a namespace", () => {
    expect(
      calls(`
        import { getLogger, getLogger as gl } from "logweave";
        import * as lw from "logweave";
        getLogger("a").info("direct");
        gl("b").info("renamed");
        lw.getLogger("c").info("namespace");
      `),
    ).toEqual({ rewritten: ["direct", "renamed", "namespace"], left: [] });
  });

  it("const aliases, children, and children of aliases", () => {
    expect(
      calls(`
        import { getLogger } from "logweave";
        const log = getLogger("a");
        const alias = log;
        const child = alias.child({ k: 1 });
        (log as unknown as import("logweave").Logger).info("cast through import type is not followed");
        alias.info("alias");
        child.child({ j: 2 }).warn("grandchild");
        log?.child({})?.debug("optional child");
      `),
    ).toEqual({ rewritten: ["alias", "grandchild", "optional child"], left: ["cast through import type is not followed"] });
  });

  it("a let or var counts only when every value it is given is a logger", () => {
    expect(
      calls(`
        import { getLogger } from "logweave";
        let kept = getLogger("a");
        kept = getLogger("b");
        let reassigned = getLogger("c");
        reassigned = { info() {} } as any;
        var compound = getLogger("d");
        compound ||= other;
        kept.info("always a logger");
        reassigned.info("reassigned to something else");
        compound.info("compound assignment");
      `),
    ).toEqual({ rewritten: ["always a logger"], left: ["reassigned to something else", "compound assignment"] });
  });

  it("a name that shadows a logger is not one, unless it is itself resolved", () => {
    expect(
      calls(`
        import { getLogger } from "logweave";
        const log = getLogger("outer");
        function takesAnything(log) { log.info("shadowed by a parameter"); }
        function inner() { const log = console; log.info("shadowed by a local"); }
        function again() { const log = getLogger("inner"); log.info("shadowed by another logger"); }
        { let log = { info() {} }; log.info("shadowed in a block"); }
        try {} catch (log) { log.info("shadowed by a catch binding"); }
        for (const log of [console]) log.info("shadowed by a loop variable");
        log.info("outer logger");
      `),
    ).toEqual({
      rewritten: ["shadowed by another logger", "outer logger"],
      left: ["shadowed by a parameter", "shadowed by a local", "shadowed in a block", "shadowed by a catch binding", "shadowed by a loop variable"],
    });
  });

  it("a use before the declaration, as hoisting allows", () => {
    expect(
      calls(`
        import { getLogger } from "logweave";
        function later() { log.info("declared below"); }
        const log = getLogger("a");
      `),
    ).toEqual({ rewritten: ["declared below"], left: [] });
  });

  it("getLogger from another package, a local getLogger, and a global are not logweave's", () => {
    expect(
      calls(`
        import { getLogger } from "some-other-logger";
        import { getLogger as lwGet } from "logweave";
        function make() { const lwGet = (n: string) => console; return lwGet("x"); }
        getLogger("a").info("other package");
        make().info("local function");
        window.log.info("global");
        log.info("undeclared");
      `),
    ).toEqual({ rewritten: [], left: ["other package", "local function", "global", "undeclared"] });
  });
});

describe("class fields", () => {
  it("this.field from an initializer or a constructor assignment, private and static fields, Class.static", () => {
    expect(
      calls(`
        import { getLogger } from "logweave";
        class Service {
          log = getLogger("field");
          #secret = getLogger("private");
          static shared = getLogger("static");
          late;
          constructor() { this.late = getLogger("ctor"); }
          run() {
            this.log.info("initializer");
            this.#secret.info("private field");
            this.late.info("assigned in the constructor");
            Service.shared.info("static through the class");
            const arrow = () => this.log.info("arrow keeps this");
            function plain() { this.log.info("a plain function has its own this"); }
          }
          static boot() { this.shared.info("static through this"); }
        }
      `),
    ).toEqual({
      rewritten: ["initializer", "private field", "assigned in the constructor", "static through the class", "arrow keeps this", "static through this"],
      left: ["a plain function has its own this"],
    });
  });

  it("a field given anything else anywhere in the class is not a logger", () => {
    expect(
      calls(`
        import { getLogger } from "logweave";
        class Service {
          log = getLogger("field");
          swap(other) { this.log = other; }
          run() { this.log.info("reassigned in a method"); }
        }
        class FromParameter {
          constructor(private log) {}
          run() { this.log.info("parameter property without a type"); }
        }
      `),
    ).toEqual({ rewritten: [], left: ["reassigned in a method", "parameter property without a type"] });
  });

  it("a subclass in the same file sees its parent's fields", () => {
    expect(
      calls(`
        import { getLogger } from "logweave";
        class Base { log = getLogger("base"); }
        class Child extends Base { run() { this.log.info("inherited field"); } }
        class Unknown extends SomethingElse { run() { this.log.info("parent not visible"); } }
      `),
    ).toEqual({ rewritten: ["inherited field"], left: ["parent not visible"] });
  });

  it("a subclass that gives the field something else makes it no logger in the parent either", () => {
    expect(
      calls(`
        import { getLogger } from "logweave";
        class Base { log = getLogger("base"); run() { this.log.info("parent method"); } }
        class Quiet extends Base { log = console; }
      `),
    ).toEqual({ rewritten: [], left: ["parent method"] });
  });
});

describe("written types", () => {
  it("an annotation or assertion naming logweave's Logger makes a logger; any other written type does not", () => {
    expect(
      calls(`
        import { getLogger, type Logger } from "logweave";
        import type { Logger as L } from "logweave";
        import * as lw from "logweave";
        interface LoggerLike { info(msg: string): void }
        const real = getLogger("real");
        function param(log: Logger) { log.info("typed parameter"); }
        function optional(log?: L | undefined) { log?.info("optional renamed type"); }
        function qualified(log: lw.Logger | null) { log?.info("namespace type"); }
        function returns(): Logger { return real; }
        const arrow = (): lw.Logger => real;
        returns().info("declared return type");
        arrow().info("arrow return type");
        (thing as Logger).info("asserted");
        const like: LoggerLike = real;
        like.info("structural interface");
        const anyLog: any = real;
        anyLog.info("any");
        (real as any).info("cast to any");
        const holder: { log?: Logger } | undefined = { log: real };
        holder?.log?.info("annotated object type");
        const inferred = { log: real };
        inferred.log.info("inferred object type");
      `),
    ).toEqual({
      rewritten: ["typed parameter", "optional renamed type", "namespace type", "declared return type", "arrow return type", "asserted", "annotated object type"],
      left: ["structural interface", "any", "cast to any", "inferred object type"],
    });
  });

  it("a class named Logger of your own is not logweave's", () => {
    expect(
      calls(`
        class Logger { info(m: string) {} }
        function use(log: Logger) { log.info("local Logger type"); }
        new Logger().info("local Logger instance");
      `),
    ).toEqual({ rewritten: [], left: ["local Logger type", "local Logger instance"] });
  });

  it("a field declared with the Logger type, including a parameter property", () => {
    expect(
      calls(`
        import { type Logger } from "logweave";
        class Service {
          declared!: Logger;
          constructor(private readonly injected: Logger) {}
          run() { this.declared.info("declared field"); this.injected.info("parameter property"); }
        }
      `),
    ).toEqual({ rewritten: ["declared field", "parameter property"], left: [] });
  });
});

describe("call shapes", () => {
  it("only receiver.method(…) and receiver?.method(…) are rewritten", () => {
    expect(
      calls(`
        import { getLogger } from "logweave";
        const log = getLogger("a");
        log.info?.("optional call");
        log["info"]("element access");
        (log.info)("parenthesized callee");
        log?.info("optional receiver");
      `),
    ).toEqual({ rewritten: ["optional receiver"], left: ["optional call", "element access", "parenthesized callee"] });
  });
});

describe("the loggers option", () => {
  const importer = `${REPO_ROOT}/src/feature/use.ts`;

  it("names exports of a module, as a file relative to root or a package", () => {
    const code = `
      import { log, other } from "../log.js";
      import shared from "@app/logging";
      import * as ns from "../log";
      import { log as notListed } from "./log";
      log.info("named export");
      other.info("export not listed");
      shared.info("default export of a package");
      ns.log.info("through a namespace import");
      notListed.info("same name, other module");
    `;
    expect(calls(code, { filename: importer, loggers: { "./src/log": ["log"], "@app/logging": ["default"] } })).toEqual({
      rewritten: ["named export", "default export of a package", "through a namespace import"],
      left: ["export not listed", "same name, other module"],
    });
  });

  it("keeps a loggers module imported when every use of it was elided", () => {
    const { code } = swcSnippet(`import { log } from "./log.js";\nlog.debug("gone");\nexport {};\n`, {
      filename: `${REPO_ROOT}/src/use.ts`,
      loggers: { "./src/log": ["log"] },
      minLevel: "info",
    });
    expect(code).not.toContain("gone");
    expect(code).toMatch(/^import "\.\/log\.js";$/m);
  });
});

describe("logweave/pino loggers, by binding", () => {
  /** The messages (first argument) of the rewritten and of the left pino calls of `code`. */
  function pinoCalls(code: string): { rewritten: string[]; left: string[] } {
    const output = swcSnippet(code).code;
    return {
      rewritten: [...output.matchAll(/\?\.\(__lw_site_\d+, "([^"\\]*)"/g)].map((m) => m[1]),
      left: callsIn(output).left,
    };
  }

  it("the factory imported by default, by name, through a namespace, or required; its calls and their children", () => {
    expect(
      pinoCalls(`
        import pino from "logweave/pino";
        import { pino as named } from "logweave/pino";
        import * as ns from "logweave/pino";
        const required = require("logweave/pino");
        const log = pino();
        const child = log.child({ a: 1 });
        log.info("default import");
        named({ level: "debug" }).warn("named import");
        ns.pino().error("namespace");
        ns.default().error("namespace default");
        required().info("required");
        required.pino().info("required .pino");
        child.child({ b: 2 }).debug("grandchild");
        let reassigned = pino();
        reassigned = child;
        reassigned.info("every value a pino logger");
      `),
    ).toEqual({ rewritten: ["default import", "named import", "namespace", "namespace default", "required", "required .pino", "grandchild", "every value a pino logger"], left: [] });
  });

  it("class fields: from an initializer or a constructor assignment, private and static, or declared Logger", () => {
    expect(
      pinoCalls(`
        import pino, { type Logger } from "logweave/pino";
        const root = pino();
        class Repo {
          log = root.child({ repo: 1 });
          #own;
          static shared = pino();
          declared: Logger;
          mixed = root;
          constructor(given: Logger) { this.#own = root.child({}); this.declared = given; this.mixed = { info() {} } as never; }
          find() {
            this.log.info("initializer");
            this.#own.warn("constructor assignment");
            Repo.shared.error("static");
            this.declared.debug("declared");
            this.mixed.info("not always a logger");
          }
        }
      `),
    ).toEqual({ rewritten: ["initializer", "constructor assignment", "static", "declared"], left: ["not always a logger"] });
  });

  it("annotated with logweave/pino's Logger, or asserted to be one", () => {
    expect(
      pinoCalls(`
        import pino, { type Logger } from "logweave/pino";
        function handle(log: Logger, other: pino.Logger | undefined) {
          log.info("annotated");
          other?.warn("qualified, optional");
        }
        (globalThis.x as Logger).info("asserted");
      `),
    ).toEqual({ rewritten: ["annotated", "qualified, optional", "asserted"], left: [] });
  });

  it("real pino, another package, a local pino, a shadowing name, a value that is not always a logger, a custom level: left as written", () => {
    expect(
      pinoCalls(`
        import realPino from "pino";
        import other from "not-logweave/pino";
        import pino from "logweave/pino";
        realPino().info("real pino");
        other().info("another package");
        function inner(pino: () => { info(m: string): void }) { pino().info("a parameter named pino"); }
        const local = (() => ({ info: (m: string) => m }))();
        local.info("a local object");
        let mixed = pino();
        mixed = { info() {} } as never;
        mixed.info("not always a logger");
        const log = pino({ customLevels: { audit: 35 } });
        log.audit("a custom level");
        const require = (m: string) => pino;
        require("logweave/pino")().info("a local require");
      `),
    ).toEqual({ rewritten: [], left: ["real pino", "another package", "a parameter named pino", "a local object", "not always a logger", "a local require"] });
  });
});

/**
 * Differential: one program with every naming and position case we know of, through both front
 * ends. Each call site's spec (level, message, fields, file, line, column, function) must be the
 * same in the SWC step's output as in the TypeScript plugin's — read from the emitted site
 * constants, in source order.
 */
import fs from "node:fs";
import path from "node:path";
import { emittedSites, rebuiltArguments, specData } from "./helpers/emitted-sites.js";
import { describe, expect, it } from "vitest";
import logweaveTransformer from "../transformer/typescript/index.js";
import { createFixtureProgram, emitInMemory, programErrors, REPO_ROOT } from "./helpers/compile-fixture.js";
import { swcSnippet } from "./helpers/swc-build.js";

const PROGRAM = `// Naming and position cases, for both front ends.
import { getLogger, type Logger } from "logweave";
const log = getLogger("parity");

export default function () { log.info("default export function"); }
export const arrowDefault = () => log.info("arrow in a const");
const o = {
  method() { log.info("object method"); },
  get getter() { log.info("object getter"); return 1; },
  set setter(v: number) { log.info("object setter", { v }); },
  prop: function () { log.info("function expression property"); },
  "quoted key": () => log.info("quoted key arrow"),
  42: () => log.info("numeric key arrow"),
  [String("computed")]: () => log.info("computed key arrow"),
  nested: { inner() { log.info("nested object method"); } },
};
class Service {
  static #count = 0;
  field = log.info("field initializer");
  arrow = () => log.info("field arrow");
  named = function named() { log.info("named function expression field"); };
  klass = class { run() { log.info("class expression in a field"); } };
  static { log.info("static block"); }
  #priv() { log.info("private method"); }
  get acc() { log.info("getter"); return 1; }
  static make(cb = () => log.info("parameter default")) { cb(); }
  constructor(readonly id: number) { log.info("constructor", { id }); }
  async *gen() { log.info("async generator"); }
}
function outer() {
  const inner = () => { [1].forEach(function () { log.info("anonymous callback in arrow"); }); };
  let later: () => void;
  later = () => log.info("assigned arrow");
  const holder: { fn?: () => void } = {};
  holder.fn = () => log.info("member-assigned arrow");
  return [inner, later, holder];
}
(function () { log.info("anonymous iife"); })();
const Named = class Inner { m() { log.info("named class expression"); } };
const Anon = class { m() { log.info("anonymous class expression bound to a const"); } };
block: { log.info("labeled block"); }
const é = 1; /* 日本 */ log.info("after non-ASCII", { é });
log.info(\`template \${é} \${"x"}\`, { t: \`a\${é}\` });
void [o, Service, outer, Named, Anon];
`;

interface Spec {
  readonly fields?: readonly { readonly key: string; readonly type?: string; readonly json?: string }[];
  readonly [key: string]: unknown;
}

describe("the SWC step and the TypeScript plugin", () => {
  it("emit the same call sites for every naming and position case", () => {
    const dir = path.join(REPO_ROOT, ".fixture-out", "swc-parity");
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, "parity.ts");
    fs.writeFileSync(file, PROGRAM);
    const program = createFixtureProgram([file]);
    expect(programErrors(program)).toEqual([]);
    const ts = emitInMemory(program, [logweaveTransformer(program, { root: REPO_ROOT })]).get(".fixture-out/swc-parity/parity.js")!;
    const swc = swcSnippet(PROGRAM, { filename: file, root: REPO_ROOT }).code;

    // Each site function evaluated: compare values, not printing; `args` by what it rebuilds.
    const specs = (js: string) =>
      [...emittedSites(js).values()].map((spec) => ({ ...specData(spec), args: rebuiltArguments(spec, 8) }) as Spec);
    const fromTs = specs(ts);
    const fromSwc = specs(swc);
    expect(fromTs.length).toBe(PROGRAM.split("log.info(").length - 1);
    // Field types are the one difference by design: the checker proves more than syntax. The SWC
    // step never claims a type the checker does not (the runtime re-checks anyway).
    const untyped = (spec: Spec) => ({ ...spec, fields: spec.fields?.map(({ type: _type, ...rest }) => rest) });
    expect(fromSwc.map(untyped)).toEqual(fromTs.map(untyped));
    fromSwc.forEach((spec, i) =>
      spec.fields?.forEach((f, j) => {
        if (f.type !== undefined && f.type !== "any") expect(f.type).toBe(fromTs[i].fields![j].type);
      }),
    );
  });
});

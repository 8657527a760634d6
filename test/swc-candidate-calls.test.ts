/**
 * The SWC step's candidate calls (`transformer/swc/candidate-calls.ts`, read by the module walk):
 * which call owns an expression statement (eliding that call may remove the statement), and a
 * tree shape SWC does not write is read as no call instead of hanging the build.
 */
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { readModule } from "../transformer/swc/module-reader.js";
import { parseModuleSync } from "../transformer/swc/parse.js";

/** Runs `f` under a deadline that also ends a synchronous endless loop (V8 stops the script and whatever it calls). */
function withinDeadline<T>(f: () => T): T {
  return vm.runInNewContext("f()", { f }, { timeout: 10_000 }) as T;
}

const HEADER = 'import { getLogger } from "logweave";\nconst log = getLogger("a");\n';

describe("the call an expression statement consists of", () => {
  it("is found through parentheses and through an optional chain that ends with it; an operand owns no statement", () => {
    const code = HEADER + '(log.info("paren"));\nlog?.info("chain");\n((log.info("twice")));\nvoid log.info("operand");\n';
    const { module, positions } = parseModuleSync(code, { syntax: "typescript" });
    const owns = readModule(module, positions).candidates.map((c) => [code.slice(c.range.start, c.range.end), c.statement !== undefined]);
    expect(owns).toEqual([
      ['log.info("paren")', true],
      ['log?.info("chain")', true],
      ['log.info("twice")', true],
      ['log.info("operand")', false],
    ]);
  });

  it("a parenthesis without its expression (a shape SWC does not write) is no call, and reading it ends", () => {
    const code = HEADER + '(log.info("x"));\n';
    const { module, positions } = parseModuleSync(code, { syntax: "typescript" });
    const statement = (module.body as { type: string; expression: Record<string, unknown> }[]).find((s) => s.type === "ExpressionStatement");
    expect(statement?.expression.type).toBe("ParenthesisExpression");
    delete statement!.expression.expression;
    expect(withinDeadline(() => readModule(module, positions).candidates)).toEqual([]);
  });
});

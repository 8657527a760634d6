/**
 * The per-file visitor: finds logweave calls, asks the core for each call's plan, and applies
 * it — removes elided calls, folds `isLevelEnabled`, rewrites the rest into positional calls
 * and appends their site functions and the file's helpers (hoisted declarations) at the end.
 *
 * A file without a logweave call is returned as the very same node, so it is emitted exactly as
 * without the transformer.
 */
import ts from "typescript";
import { MAYBE_LOGGER_CALL } from "../core/call.js";
import { callerFile } from "../core/caller.js";
import { generatedNames } from "../core/names.js";
import type { ResolvedOptions } from "../core/options.js";
import { planCall, type CallPlan } from "../core/plan.js";
import { countPlan, emptyCounts, type FileCounts } from "../core/report.js";
import { describeCall, lastOptionalLink } from "./describe-call.js";
import { elidedExpression, fileHelpers, receiverOnTemp, siteFunction, writeCall } from "./emit.js";
import { loggerMethodOf, pinoLoggerMethodOf, type LoggerDeclarations } from "./logger-resolution.js";
import { planPinoCall } from "../core/pino-plan.js";

/** What the visitor needs from the program, shared by every file. */
export interface FileTransformEnv {
  readonly checker: ts.TypeChecker;
  readonly compilerOptions: ts.CompilerOptions;
  readonly options: ResolvedOptions;
  readonly declarations: LoggerDeclarations;
}

/** The transformed file and what happened to its logger calls. */
export interface FileTransformResult {
  readonly file: ts.SourceFile;
  readonly counts: FileCounts;
}


/** Transforms one source file (a parse-tree node of the program `env.checker` belongs to). */
export function transformFile(
  sourceFile: ts.SourceFile,
  context: ts.TransformationContext,
  env: FileTransformEnv,
): FileTransformResult {
  const counts = emptyCounts();
  if (sourceFile.isDeclarationFile || !MAYBE_LOGGER_CALL.test(sourceFile.text)) return { file: sourceFile, counts };

  const f = context.factory;
  const { checker, options, declarations } = env;
  const isModule = ts.isExternalModule(sourceFile);
  const plans = new Map<ts.CallExpression, CallPlan<ts.Expression> | undefined>();
  const siteFunctions: ts.Statement[] = [];
  const names = generatedNames(sourceFile.text);

  const planFor = (call: ts.CallExpression): CallPlan<ts.Expression> | undefined => {
    if (plans.has(call)) return plans.get(call);
    let plan: CallPlan<ts.Expression> | undefined;
    // Only parse-tree nodes have positions and types (another transformer may have run first).
    const parsed = ts.getParseTreeNode(call) === call;
    const method = parsed ? loggerMethodOf(call, checker, declarations) : undefined;
    // Else a `logweave/pino` logger's call, planned in pino's terms.
    const pinoMethod = parsed && method === undefined ? pinoLoggerMethodOf(call, checker, declarations) : undefined;
    if (method !== undefined || pinoMethod !== undefined) {
      try {
        plan = method !== undefined ? planCall(describeCall(call, method, sourceFile, checker), options) : planPinoCall(describeCall(call, pinoMethod!, sourceFile, checker), options);
      } catch (e) {
        // Never break a build over one call: a call the transformer cannot read stays as written.
        plan = { action: "leave", reason: `internal error: ${e instanceof Error ? e.message : String(e)}` };
      }
      // A script (no import/export) would make its site functions globals, shared with every other script.
      if (plan.action === "site" && !isModule) plan = { action: "leave", reason: "not a module" };
      countPlan(counts, plan);
    }
    plans.set(call, plan);
    return plan;
  };

  const visit = (node: ts.Node): ts.VisitResult<ts.Node | undefined> => {
    if (ts.isExpressionStatement(node)) {
      let inner = node.expression;
      while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
      if (ts.isCallExpression(inner) && planFor(inner)?.action === "elide") {
        // Where a statement is required (`if (x) log.debug(…);`), an empty one keeps the syntax.
        return canDropStatement(node) ? undefined : f.createEmptyStatement();
      }
    }
    if (ts.isCallExpression(node)) {
      const plan = planFor(node);
      if (plan !== undefined && plan.action !== "leave") {
        if (plan.action === "elide") return elidedExpression(f);
        if (plan.action === "fold") return plan.value ? f.createTrue() : f.createFalse();
        const siteName = names.site(siteFunctions.length);
        siteFunctions.push(siteFunction(f, context, names, siteName, plan.spec, node.arguments, plan.values));
        const written = (node.expression as ts.PropertyAccessExpression).expression;
        const link = plan.receiverChain ? lastOptionalLink(written) : undefined;
        // With a chain through the receiver, the part before its last `?.` is evaluated first, into the temporary.
        const heldBase = link === undefined ? undefined : visitExpression(link.node.expression);
        const receiver = link === undefined ? visitExpression(written) : receiverOnTemp(f, written, link.node, names.temp, visitExpression);
        const values = plan.values.map((v) => ({ expr: visitExpression(v.expr), hole: v.hole }));
        return writeCall(f, node, names, siteName, receiver, plan.optionalMethod, values, heldBase);
      }
    }
    return ts.visitEachChild(node, visit, context);
  };
  // The visitor only ever drops statements, so an expression always comes back as one.
  const visitExpression = (e: ts.Expression): ts.Expression => ts.visitNode(e, visit, ts.isExpression) as ts.Expression;

  const visited = ts.visitEachChild(sourceFile, visit, context);
  if (siteFunctions.length === 0) return { file: visited, counts };
  // Hoisted declarations: at the end, where they move no line of the file.
  return { file: f.updateSourceFile(visited, [...visited.statements, ...siteFunctions, ...fileHelpers(names)]), counts };
}

/** The file's path as reported by `verbose`: relative to the root. */
export function reportedPath(sourceFile: ts.SourceFile, options: ResolvedOptions): string {
  return callerFile(options.root, sourceFile.fileName);
}

function canDropStatement(node: ts.Statement): boolean {
  const p = node.parent as ts.Node | undefined;
  // A statement another transformer made has no parent: keep an empty one, always valid.
  if (p === undefined) return false;
  return ts.isBlock(p) || ts.isSourceFile(p) || ts.isModuleBlock(p) || ts.isCaseOrDefaultClause(p);
}

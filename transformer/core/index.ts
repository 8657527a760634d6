/**
 * The transformer core: front-end-agnostic planning of logger calls. Front ends describe calls
 * (`call.ts`), ask for a plan (`plan.ts`), and emit it (`site-source.ts` for text editors, or
 * their own syntax trees with the names of `names.ts`).
 *
 * This module only re-exports.
 */
export type {
  AnonymousFunctionValue,
  ArgumentDescription,
  ArrayValue,
  CallDescription,
  CallLocation,
  EnclosingFunction,
  ExpressionValue,
  LiteralValue,
  LoggerMethod,
  MemberDescription,
  ObjectValue,
  TemplateValue,
  ValueDescription,
} from "./call.js";
export { LOGGER_METHODS } from "./call.js";
export { planCall, planFields, type CallPlan, type ElidePlan, type FoldPlan, type LeavePlan, type PlannedValue, type PlanOptions, type SitePlan } from "./plan.js";
export { staticJson, literalJson, isReorderedKey } from "./static-json.js";
export { callerFile, functionName, ANONYMOUS, MODULE_LEVEL } from "./caller.js";
export { resolveOptions, TransformerOptionError, type ResolvedOptions, type TransformerOptions } from "./options.js";
export { generatedNames, RUNTIME_MODULE, SITE_ENTRY_KEY, type GeneratedNames } from "./names.js";
export { emptyCounts, countPlan, hasCalls, formatReport, type FileCounts } from "./report.js";
export { argsFunctionSource, callPieces, fileHelpersSource, siteFunctionSource, writeCallSource, valueSource } from "./site-source.js";

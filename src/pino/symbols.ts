/**
 * `pino.symbols`: the symbols pino exports. The public ones (`Symbol.for(…)`: serializers,
 * formatters, hooks, metadata) are the same global symbols, and a `logweave/pino` logger answers
 * to them as pino's does (`logger[symbols.serializersSym]`). Of the others, those that name plain
 * state read the same on a `logweave/pino` logger (`streamSym`, `chindingsSym`, `messageKeySym`,
 * `errorKeySym`, `nestedKeySym`, `levelValSym`, `msgPrefixSym`, `useOnlyCustomLevelsSym`,
 * `mixinSym`, `mixinMergeStrategySym`); those that name pino's internal functions and caches give
 * `undefined`.
 */
const internal = (name: string): symbol => Symbol("pino." + name);

/** pino's symbol table. */
export const symbols = Object.freeze({
  setLevelSym: internal("setLevel"),
  getLevelSym: internal("getLevel"),
  levelValSym: internal("levelVal"),
  levelCompSym: internal("levelComp"),
  useLevelLabelsSym: internal("useLevelLabels"),
  useOnlyCustomLevelsSym: internal("useOnlyCustomLevels"),
  mixinSym: internal("mixin"),
  lsCacheSym: internal("lsCache"),
  chindingsSym: internal("chindings"),
  asJsonSym: internal("asJson"),
  writeSym: internal("write"),
  redactFmtSym: internal("redactFmt"),
  timeSym: internal("time"),
  timeSliceIndexSym: internal("timeSliceIndex"),
  streamSym: internal("stream"),
  stringifySym: internal("stringify"),
  stringifySafeSym: internal("stringifySafe"),
  stringifiersSym: internal("stringifiers"),
  endSym: internal("end"),
  formatOptsSym: internal("formatOpts"),
  messageKeySym: internal("messageKey"),
  errorKeySym: internal("errorKey"),
  nestedKeySym: internal("nestedKey"),
  nestedKeyStrSym: internal("nestedKeyStr"),
  mixinMergeStrategySym: internal("mixinMergeStrategy"),
  msgPrefixSym: internal("msgPrefix"),
  wildcardFirstSym: internal("wildcardFirst"),
  serializersSym: Symbol.for("pino.serializers"),
  formattersSym: Symbol.for("pino.formatters"),
  hooksSym: Symbol.for("pino.hooks"),
  needsMetadataGsym: Symbol.for("pino.metadata"),
  transportUsesMultistreamSym: Symbol.for("pino.transport.usesMultistream"),
});

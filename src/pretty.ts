/**
 * `logweave/pretty`: the pretty printer, for your own tools (a log viewer, a test reporter). The
 * `pretty` format and the `logweave-pretty` command use it; a logger needs none of it.
 */
export { formatPretty, prettyLine, PrettyPrinter, type LogRecord, type PrettyOptions, type PrettyPrinterOptions } from "./format/pretty.js";

/**
 * The line that stands in for lines a destination could not write, in the format of the lines
 * around it: `{"level":40,…,"msg":"logweave dropped lines","dropped":N}` in `json`, and the same
 * record in `logfmt`, `ecs`, `otel` or `gcp` when that is what the stream holds.
 *
 * A destination is shared by loggers and knows no format; the lines it was given do. The
 * format of the last line taken is recognized by the text every format opens its lines with
 * (`LineFormat.opening`).
 */
import { LINE_FORMATS } from "../format/formats.js";
import type { LineFormat } from "../format/line-format.js";
import { prettyLine } from "../format/pretty.js";
import { quote } from "../json-string.js";
import { LEVEL_VALUES } from "../levels.js";

const WARN = LEVEL_VALUES.warn;
const FORMATS: readonly LineFormat[] = Object.values(LINE_FORMATS);

/** The line format `line` was written in, or `undefined` (pretty text, a custom line). Never throws. */
export function formatOfLine(line: string | undefined): LineFormat | undefined {
  if (line === undefined) return undefined;
  return FORMATS.find((format) => format.opening !== undefined && line.startsWith(format.opening));
}

/**
 * The report of `count` dropped lines, ending in `\n`, in the format of `sample` (the last line
 * the destination took); `json` when that format is not known — pretty when `tty`, as a
 * terminal gets pretty lines. Carries `pid` and `name: "logweave"`. Never throws.
 */
export function dropReportLine(count: number, sample: string | undefined, tty: boolean): string {
  const known = formatOfLine(sample);
  const format = known ?? LINE_FORMATS.json;
  try {
    const fields = ',"dropped":' + count;
    const members = format.encoding === undefined ? fields : format.encoding.members(fields);
    const midMsg = format.mid({ pid: String(process.pid) }, "logweave") + format.message(quote("logweave dropped lines"));
    const line = format.line(format.head(WARN), midMsg, "", members, "", "", "");
    if (known !== undefined || !tty) return line;
    const pretty = prettyLine(line.slice(0, -1), true);
    return pretty.endsWith("\n") ? pretty : pretty + "\n";
  } catch {
    return `{"level":${WARN},"time":${Date.now()},"name":"logweave","msg":"logweave dropped lines","dropped":${count}}\n`;
  }
}

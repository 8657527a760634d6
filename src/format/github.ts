/**
 * The `github` format, for GitHub Actions logs (chosen by `auto` when `GITHUB_ACTIONS=true`):
 * every line as `pretty` writes it, without colours unless `FORCE_COLOR` asks for them; a warn,
 * error or fatal line is also a workflow annotation at its call site, which GitHub shows on the
 * run's summary and on the line of the pull request's diff:
 *
 *   12:00:00.000 WARN  auth: User login failed userId=1 (src/auth.ts:12 login)
 *   ::warning title=auth,file=src/auth.ts,line=12,col=5::User login failed userId=1
 *
 * Escaping follows the workflow-command grammar (`@actions/core`'s `command.ts`): `%`, CR and LF
 * in the message, and also `:` and `,` in properties, are percent-encoded, so nothing logged can
 * end the annotation or start a command of its own. Commands are read only at the start of a
 * line: a pretty line that would start with `::` (or the older `##[`), say a stack line made
 * from a hostile error message, is written behind `| `.
 */
import { colorsEnabled, processEnvironment } from "./color-choice.js";
import { jsonFormat } from "./json.js";
import type { LineFormat } from "./line-format.js";
import { formatPretty, parseRecord, prettyBody, recordLevel, widenNameColumn, type LogRecord } from "./pretty.js";

/** The workflow command of each level that becomes an annotation. */
function commandOf(level: number | undefined): string | undefined {
  if (level === undefined || level < 40) return undefined;
  return level >= 50 ? "error" : "warning";
}

/** A workflow command's message, escaped as `@actions/core` escapes it (`escapeData`). */
export function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** A workflow command's property value, escaped as `@actions/core` escapes it (`escapeProperty`). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/**
 * The annotation for a record at warn level or above (`::warning …::…` / `::error …::…`, with the
 * line break), or `""`. Properties in `@actions/core`'s order: title (the logger name), file,
 * line, col (from the call site the build recorded). The message is the pretty line's message
 * and fields, then its error blocks (stack, causes) on further lines. Never throws.
 */
export function annotation(record: LogRecord): string {
  const command = commandOf(recordLevel(record));
  if (command === undefined) return "";
  const props: string[] = [];
  if (typeof record.name === "string" && record.name !== "") props.push("title=" + escapeProperty(record.name));
  const caller = record.caller;
  if (caller !== null && typeof caller === "object") {
    const { file, line, column } = caller as Record<string, unknown>;
    if (typeof file === "string" && file !== "") {
      props.push("file=" + escapeProperty(file));
      if (typeof line === "number" && line > 0) props.push("line=" + line);
      if (typeof column === "number" && column > 0) props.push("col=" + column);
    }
  }
  const body = prettyBody(record, false);
  const message = [body.text, ...body.blocks].join("\n");
  return "::" + command + (props.length > 0 ? " " + props.join(",") : "") + "::" + escapeData(message) + "\n";
}

/** `text` with every line that a runner would read as a command put behind `| `. */
export function defused(text: string): string {
  if (text.indexOf("::") === -1 && text.indexOf("##[") === -1) return text;
  return text
    .split("\n")
    .map((l) => {
      const t = l.trimStart();
      return t.startsWith("::") || t.startsWith("##[") ? "| " + l : l;
    })
    .join("\n");
}

let nameWidth = 0;

/** A `json` line as the `github` format writes it. Never throws: a line it cannot read is written defused. */
export function githubText(jsonLine: string): string {
  try {
    const record = parseRecord(jsonLine);
    if (record === undefined) return defused(jsonLine);
    nameWidth = widenNameColumn(nameWidth, record.name);
    const pretty = formatPretty(record, { colors: colorsEnabled(false, processEnvironment()), nameWidth });
    return defused(pretty) + annotation(record);
  } catch {
    return defused(jsonLine);
  }
}

/** The `github` format: the `json` line's pieces, written as pretty text plus annotations. */
export const githubFormat: LineFormat = {
  ...jsonFormat,
  name: "github",
  opening: undefined,
  line: (head, midMsg, lower, fields, site, extra, trace) => githubText(jsonFormat.line(head, midMsg, lower, fields, site, extra, trace)),
};

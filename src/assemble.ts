/**
 * The line assembler: the one place a log line is put together, for untransformed calls and for
 * transformer call sites alike.
 *
 * A line is static text (the level head; the logger's middle — pid, hostname, name, message key;
 * the site's caller text) around what is only known per call: the time, the message when it is
 * not static, the lower field layers left after the call's fields, and the call's fields.
 */
import type { ResolvedConfig } from "./config.js";

/**
 * Finishes a line from its pieces: `midMsg` is the logger's middle and the message, in the
 * format; `lower` the lower layers' members left after the call took its keys (JSON); `fields`
 * the call's members in the format's encoding; `siteText` the site's static text in the format;
 * `extra` JSON members only some lines have (the sampled-out count); `fieldsBare`: `fields`
 * comes without its leading comma (see `LineFormat.bareFields`).
 *
 * In the `json` format with nothing dynamic beyond fields (`cfg.fast`) it is fragments and
 * `Date.now()` only; otherwise the format joins the same pieces, with the active span's ids when
 * OpenTelemetry is there.
 */
export function assembleLine(
  cfg: ResolvedConfig,
  level: number,
  midMsg: string,
  lower: string,
  fields: string,
  siteText: string,
  extra: string,
  fieldsBare: boolean,
): string {
  if (cfg.fast) return jsonLine(cfg.heads[level], midMsg, lower, fields, siteText + "}\n");
  const enc = cfg.format.encoding;
  const trace = cfg.trace === undefined ? "" : cfg.trace();
  if (enc === undefined) return cfg.format.line(cfg.heads[level], midMsg, lower, fields, siteText, extra, trace, fieldsBare);
  return cfg.format.line(cfg.heads[level], midMsg, lower === "" ? "" : enc.lower(lower), fields, siteText, extra === "" ? "" : enc.members(extra), trace, fieldsBare);
}

/**
 * A `json` line when nothing beyond the fields is dynamic (`cfg.fast`): `head` (`{"level":N,"time":`)
 * + the time + the logger's middle and message + the lower layers + the call's fields + `tail`
 * (the site text and `}` + newline). The shortest path: fragments and `Date.now()` only.
 */
export function jsonLine(head: string, midMsg: string, lower: string, fields: string, tail: string): string {
  return head + Date.now() + midMsg + lower + fields + tail;
}

/** JSON members in the configuration's member encoding (unchanged for JSON formats). */
export function encodedMembers(cfg: ResolvedConfig, json: string): string {
  const enc = cfg.format.encoding;
  return enc === undefined || json === "" ? json : enc.members(json);
}

/** The member that reports how many calls of a site sampling left out before this line, or `""`. */
export function sampledMember(cfg: ResolvedConfig, dropped: number): string {
  return dropped === 0 ? "" : ',"' + cfg.format.sampledKey + '":' + dropped;
}

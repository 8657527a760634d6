/**
 * The line formats by name.
 */
import { ecsFormat } from "./ecs.js";
import { gcpFormat } from "./gcp.js";
import { githubFormat } from "./github.js";
import { jsonFormat } from "./json.js";
import type { LineFormat, LineFormatName } from "./line-format.js";
import { logfmtFormat } from "./logfmt.js";
import { otelFormat } from "./otel.js";

/** Every line format, by name. */
export const LINE_FORMATS: Readonly<Record<LineFormatName, LineFormat>> = Object.freeze({
  json: jsonFormat,
  logfmt: logfmtFormat,
  ecs: ecsFormat,
  otel: otelFormat,
  gcp: gcpFormat,
  github: githubFormat,
});

/**
 * The OTLP logs endpoint: which URLs are accepted, and how reports name one.
 */

/** `text` as an http: or https: URL, or `undefined`. Never throws. */
export function httpUrl(text: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  return url.protocol === "http:" || url.protocol === "https:" ? url : undefined;
}

/**
 * How reports name the endpoint: `OTLP <origin><path>`, never its user, password or query
 * (they may hold credentials). Never throws.
 */
export function endpointName(url: string): string {
  const parsed = httpUrl(url);
  return parsed === undefined ? "OTLP endpoint" : `OTLP ${parsed.origin}${parsed.pathname}`;
}

/**
 * Event ids: a short stable hash of a call site's file and message template, so a log platform
 * can group every line of one call site even when the message has dynamic parts.
 */

/**
 * 12 hex digits (48 bits) of cyrb53 over `text`: stable across processes and versions of Node,
 * cheap, and with collisions negligible at the scale of one program's call sites.
 */
export function eventId(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return ((h2 >>> 0) & 0xffff).toString(16).padStart(4, "0") + (h1 >>> 0).toString(16).padStart(8, "0");
}

const byMessage = new Map<string, string>();

/**
 * The event id of an untransformed call: its logger name and message text (there is no file or
 * template at run time). Cached per message, bounded.
 */
export function messageEventId(name: string | undefined, msg: string): string {
  const key = (name ?? "") + "\u0000" + msg;
  let id = byMessage.get(key);
  if (id === undefined) {
    id = eventId(key);
    if (byMessage.size < 2000) byMessage.set(key, id);
  }
  return id;
}

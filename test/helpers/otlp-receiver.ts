/**
 * A loopback OTLP/HTTP logs receiver for tests: checks every request body strictly against the
 * official protos (`otlp-proto.ts`), keeps what it received, and answers as a test says: a
 * status, a `Retry-After`, a slow answer, a trickled one, none at all, or a reset connection.
 */
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { gunzipSync } from "node:zlib";
import { otlpJsonProblems } from "./otlp-proto.js";

/** One request as the receiver saw it. */
export interface ReceivedRequest {
  /** When the request arrived (epoch ms). */
  readonly at: number;
  /** The status answered (0 when the receiver hung or reset instead). */
  readonly status: number;
  readonly path: string | undefined;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: unknown;
  /** Problems with the request; empty when it is a valid OTLP/JSON logs export. */
  readonly errors: string[];
  /** True once the whole answer went out (a trickled answer the client gave up on never is). */
  answered: boolean;
}

/** How the receiver answers one request. */
export interface Answer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  /** The answer's body (default `{}`). */
  readonly body?: string;
  /** Wait this long before answering. */
  readonly delayMs?: number;
  /** Send the headers, then the body one byte every this many milliseconds. */
  readonly trickleMs?: number;
  /** Never answer (the connection stays open until the receiver closes). */
  readonly hang?: boolean;
  /** Reset the connection instead of answering. */
  readonly reset?: boolean;
}

/** A running receiver. */
export class OtlpReceiver {
  /** Every request, valid or not, in arrival order. */
  readonly requests: ReceivedRequest[] = [];
  /** Answers to give, first to last; then {@link fallback}. */
  readonly script: Answer[] = [];
  /** The answer once the script is used up: a 200 unless a test says otherwise (a 400 to an invalid body). */
  fallback: Answer | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();

  private constructor(
    private readonly server: http.Server,
    /** The logs endpoint URL. */
    readonly url: string,
  ) {
    server.on("connection", (socket: Socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
  }

  /** Starts a receiver on loopback, on `port` or a free one. */
  static async start(port = 0): Promise<OtlpReceiver> {
    let receiver: OtlpReceiver | undefined;
    const server = http.createServer((req, res) => receiver!.handle(req, res));
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
    receiver = new OtlpReceiver(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/logs`);
    return receiver;
  }

  /**
   * Log records of every accepted request (2xx, valid, the whole answer sent: what the client
   * can know was delivered), in order, with their scope and resource.
   */
  records(): Array<{ record: Record<string, unknown>; scope: string; resource: Record<string, unknown> }> {
    const out: Array<{ record: Record<string, unknown>; scope: string; resource: Record<string, unknown> }> = [];
    for (const request of this.requests) {
      if (request.status < 200 || request.status >= 300 || request.errors.length > 0 || !request.answered) continue;
      const body = request.body as { resourceLogs: Array<{ resource: { attributes: Array<{ key: string; value: Record<string, unknown> }> }; scopeLogs: Array<{ scope: { name: string }; logRecords: Record<string, unknown>[] }> }> };
      for (const rl of body.resourceLogs) {
        const resource = Object.fromEntries(rl.resource.attributes.map((kv) => [kv.key, Object.values(kv.value)[0]]));
        for (const sl of rl.scopeLogs) for (const record of sl.logRecords) out.push({ record, scope: sl.scope.name, resource });
      }
    }
    return out;
  }

  /** Problems with every request so far. */
  invalid(): string[] {
    return this.requests.flatMap((r) => r.errors);
  }

  /** Stops listening and drops every connection, hung ones included. */
  close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    for (const socket of this.sockets) socket.destroy();
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const at = Date.now();
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const errors: string[] = [];
      let body: unknown;
      try {
        let raw = Buffer.concat(chunks);
        if (req.headers["content-encoding"] === "gzip") raw = gunzipSync(raw);
        body = JSON.parse(raw.toString("utf8"));
      } catch (err) {
        errors.push(`body is not JSON: ${String(err)}`);
      }
      if (req.method !== "POST") errors.push(`method ${req.method}`);
      if (req.headers["content-type"] !== "application/json") errors.push(`content-type ${req.headers["content-type"]}`);
      if (errors.length === 0) errors.push(...otlpJsonProblems(body));
      const next = this.script.shift() ?? this.fallback ?? { status: errors.length > 0 ? 400 : 200 };
      const record = (status: number): void => {
        const request: ReceivedRequest = { at, status, path: req.url, headers: req.headers, body, errors, answered: false };
        this.requests.push(request);
        res.on("finish", () => (request.answered = true));
      };
      if (next.reset === true) {
        record(0);
        req.socket.resetAndDestroy();
        return;
      }
      if (next.hang === true) {
        record(0);
        return;
      }
      const answer = (): void => {
        record(next.status);
        const text = next.body ?? "{}";
        res.writeHead(next.status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...next.headers });
        if (next.trickleMs === undefined) {
          res.end(text);
          return;
        }
        let sent = 0;
        const drip = (): void => {
          if (sent >= text.length) {
            res.end();
            return;
          }
          res.write(text[sent++]);
          this.later(drip, next.trickleMs as number);
        };
        drip();
      };
      if (next.delayMs === undefined) answer();
      else this.later(answer, next.delayMs);
    });
  }

  private later(fn: () => void, ms: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }
}

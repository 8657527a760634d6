/**
 * A real rsyslog for the syslog transport tests: own config in a temp dir, TCP (imtcp, octet
 * counting on by default) and UDP (imudp) inputs on loopback, everything written by omfile to
 * one file with the parsed RFC 5424 header fields, run in the foreground by the test. It can be
 * hung (SIGSTOP), resumed, killed (SIGKILL) and started again on the same ports; it can run with
 * its default message size limit and parse every message with `mmjsonparse`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import dgram from "node:dgram";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const CANDIDATES = ["/usr/sbin/rsyslogd", "/sbin/rsyslogd", "/usr/local/sbin/rsyslogd"];

/** Path of rsyslogd; throws with the install command when it is not there. */
export function findRsyslogd(): string {
  const onPath = (process.env.PATH ?? "").split(path.delimiter).map((dir) => path.join(dir, "rsyslogd"));
  for (const file of [...CANDIDATES, ...onPath]) if (fs.existsSync(file)) return file;
  throw new Error(
    "rsyslogd not found: the syslog transport is tested against a real rsyslog. " +
      "Install it with `apt-get install -y rsyslog` (Debian/Ubuntu; .ci/run does this), then run the tests again.",
  );
}

/** A free loopback port for both TCP and UDP (asked from the kernel, then released). */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = net.createServer();
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const udpFree = await new Promise<boolean>((resolve) => {
      const socket = dgram.createSocket("udp4");
      socket.once("error", () => resolve(false));
      socket.bind(port, "127.0.0.1", () => socket.close(() => resolve(true)));
    });
    if (udpFree) return port;
  }
}

/** One record as rsyslog parsed it. */
export interface Received {
  severity: number;
  facility: number;
  appName: string;
  procId: string;
  hostname: string;
  timestamp: string;
  /** mmjsonparse's verdict (`"OK"`, `"FAIL"`), or `""` when it does not run. */
  json: string;
  msg: string;
}

/** How the rsyslog under test is set up. */
export interface RsyslogOptions {
  /** `maxMessageSize`: `"default"` leaves rsyslog's own (8096 bytes). Default `"256k"`. */
  maxMessageSize?: string;
  /** Run `mmjsonparse` on every message; `cookie` as its parameter (its default is `"@cee:"`). */
  mmjsonparse?: { cookie?: string };
}

/** A running rsyslogd, restartable on the same ports. */
export class Rsyslog {
  private child: ChildProcess | undefined;
  private output = "";
  readonly file: string;
  private readonly conf: string;
  private readonly pidFile: string;

  private constructor(
    private readonly binary: string,
    dir: string,
    readonly tcpPort: number,
    readonly udpPort: number,
    options: RsyslogOptions,
  ) {
    this.file = path.join(dir, "received.log");
    this.conf = path.join(dir, "rsyslog.conf");
    this.pidFile = path.join(dir, "rsyslogd.pid");
    const size = options.maxMessageSize ?? "256k";
    const json = options.mmjsonparse;
    const cookie = json?.cookie === undefined ? "" : ` cookie="${json.cookie}"`;
    // The template puts one record on one line: parsed header fields, mmjsonparse's verdict,
    // then MSG as received.
    fs.writeFileSync(
      this.conf,
      `global(workDirectory="${dir}"${size === "default" ? "" : ` maxMessageSize="${size}"`})
module(load="imtcp")
module(load="imudp")
${json === undefined ? "" : 'module(load="mmjsonparse")'}
template(name="fields" type="string" string="%syslogseverity%|%syslogfacility%|%app-name%|%procid%|%hostname%|%timereported:::date-rfc3339%|%$.json%|%msg%\\n")
input(type="imtcp" port="${tcpPort}" address="127.0.0.1")
input(type="imudp" port="${udpPort}" address="127.0.0.1" rcvBufSize="8m")
${json === undefined ? "" : `action(type="mmjsonparse"${cookie})\nset $.json = $parsesuccess;`}
*.* action(type="omfile" file="${this.file}" template="fields")
`,
    );
  }

  /** Starts rsyslogd in `dir` on fresh ports and waits until both inputs take messages. */
  static async start(dir: string, options: RsyslogOptions = {}): Promise<Rsyslog> {
    const rsyslog = new Rsyslog(findRsyslogd(), dir, await freePort(), await freePort(), options);
    await rsyslog.startAgain();
    return rsyslog;
  }

  /** The process id of the running rsyslogd (for reading its sockets), or `undefined`. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Hangs rsyslogd (SIGSTOP): it keeps its connections open and reads nothing. */
  hang(): void {
    this.child?.kill("SIGSTOP");
  }

  /** Lets a hung rsyslogd run again (SIGCONT). */
  resume(): void {
    this.child?.kill("SIGCONT");
  }

  /** Kills rsyslogd (SIGKILL, also when hung) and waits for it to exit: what it had not read is lost. */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGKILL");
    await exited;
  }

  /** Starts rsyslogd (again) on the same ports and waits until it takes messages. */
  async startAgain(): Promise<void> {
    fs.rmSync(this.pidFile, { force: true });
    const child = spawn(this.binary, ["-n", "-f", this.conf, "-i", this.pidFile], { stdio: ["ignore", "pipe", "pipe"] });
    child.stdout?.on("data", (d: Buffer) => (this.output += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (this.output += d.toString()));
    this.child = child;
    await this.waitReady();
  }

  /** Stops rsyslogd with SIGTERM and waits for it to exit. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    await exited;
  }

  /** Records received so far (probe messages left out). */
  received(): Received[] {
    let text: string;
    try {
      text = fs.readFileSync(this.file, "utf8");
    } catch {
      return [];
    }
    const out: Received[] = [];
    for (const line of text.split("\n")) {
      if (line === "") continue;
      const parts = line.split("|");
      const [severity, facility, appName, procId, hostname, timestamp, json] = parts;
      const record = {
        severity: Number(severity),
        facility: Number(facility),
        appName: appName ?? "",
        procId: procId ?? "",
        hostname: hostname ?? "",
        timestamp: timestamp ?? "",
        json: json ?? "",
        msg: parts.slice(7).join("|"),
      };
      if (record.appName !== "probe") out.push(record);
    }
    return out;
  }

  /** Waits until `check` holds for the records received, failing after `ms` with what arrived. */
  async waitFor(
    check: (records: Received[]) => boolean,
    ms = 20_000,
    summary: (records: Received[]) => string = (records) => `${records.length} records`,
  ): Promise<Received[]> {
    const end = Date.now() + ms;
    for (;;) {
      const records = this.received();
      if (check(records)) return records;
      if (Date.now() > end) {
        throw new Error(`rsyslog did not receive what was expected in ${ms} ms (${summary(records)}; rsyslogd said: ${this.output.trim() || "nothing"})`);
      }
      await sleep(25);
    }
  }

  /** Both inputs answer: TCP accepts a connection, and a UDP probe reaches the file. */
  private async waitReady(): Promise<void> {
    const end = Date.now() + 15_000;
    const probe = `probe-${Date.now()}-${Math.random()}`;
    const udp = dgram.createSocket("udp4");
    try {
      for (;;) {
        if (this.child === undefined || this.child.exitCode !== null) {
          throw new Error(`rsyslogd exited at start: ${this.output.trim()}`);
        }
        const tcpUp = await new Promise<boolean>((resolve) => {
          const socket = net.connect(this.tcpPort, "127.0.0.1", () => {
            socket.destroy();
            resolve(true);
          });
          socket.once("error", () => resolve(false));
        });
        if (tcpUp) {
          await new Promise<void>((resolve) => udp.send(`<14>1 - - probe - - - ${probe}`, this.udpPort, "127.0.0.1", () => resolve()));
          await sleep(20);
          if (fs.existsSync(this.file) && fs.readFileSync(this.file, "utf8").includes(probe)) return;
        } else {
          await sleep(20);
        }
        if (Date.now() > end) throw new Error(`rsyslogd did not come up in 15 s: ${this.output.trim()}`);
      }
    } finally {
      udp.close();
    }
  }
}

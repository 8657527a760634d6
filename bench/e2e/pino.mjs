// pino's documented fast setups on stdout: `node pino.mjs N async|sync|minLength`.
// async: SonicBoom with sync: false; sync: sync: true; minLength: minLength 4096, sync: false.
import pino from "pino";
const mode = process.argv[3] ?? "async";
const options = mode === "sync" ? { dest: 1, sync: true } : mode === "minLength" ? { dest: 1, minLength: 4096, sync: false } : { dest: 1, sync: false };
const log = pino({ name: "auth" }, pino.destination(options));
const n = Number(process.argv[2]);
for (let i = 0; i < n; i++) log.info({ userId: i, ip: "192.168.1.1", success: true }, "User login");

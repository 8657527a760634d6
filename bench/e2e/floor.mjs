// The floor: hand-built lines from precomputed strings, written in 64 KiB batches with writeSync.
import fs from "node:fs";
import os from "node:os";
const core = `,"pid":${process.pid},"hostname":${JSON.stringify(os.hostname())},"name":"auth","msg":"User login","userId":`;
const n = Number(process.argv[2]);
let buf = "";
for (let i = 0; i < n; i++) {
  buf += '{"level":30,"time":' + Date.now() + core + i + ',"ip":"192.168.1.1","success":true}\n';
  if (buf.length > 65536) {
    fs.writeSync(1, buf);
    buf = "";
  }
}
fs.writeSync(1, buf);

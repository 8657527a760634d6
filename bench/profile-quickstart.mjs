// A profiling loop for the untransformed quickstart call: `node --cpu-prof bench/profile-quickstart.mjs`.
import { configure, getLogger } from "logweave";
let bytes = 0;
configure({ destination: { write(s) { bytes += s.length; } }, format: "json", level: "info" });
const log = getLogger("auth");
const n = Number(process.argv[2] ?? 3_000_000);
const t = process.hrtime.bigint();
for (let i = 0; i < n; i++) log.info("User login", { userId: i, ip: "192.168.1.1", success: true });
console.log(`untransformed quickstart: ${(Number(process.hrtime.bigint() - t) / n).toFixed(1)} ns/call (${bytes} chars)`);

// pino's recommended fast production setup: an async SonicBoom destination on stdout.
import pino from "pino";
const log = pino({ name: "auth" }, pino.destination({ dest: 1, sync: false }));
const n = Number(process.argv[2]);
for (let i = 0; i < n; i++) log.info({ userId: i, ip: "192.168.1.1", success: true }, "User login");
process.on("exit", () => process.stderr.write(`maxRSS=${process.resourceUsage().maxRSS}\n`));

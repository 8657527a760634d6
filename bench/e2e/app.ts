/**
 * Case 9 as a program: N quickstart lines to stdout with logweave's zero-config destination.
 * Built by the bench through the TypeScript plugin (`bench/.out/e2e/app.js`).
 */
import { configure, getLogger } from "logweave";

configure({ format: "json", level: "info" });
const log = getLogger("auth");
const n = Number(process.argv[2]);
for (let i = 0; i < n; i++) log.info("User login", { userId: i, ip: "192.168.1.1", success: true });

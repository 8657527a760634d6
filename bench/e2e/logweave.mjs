// logweave zero-config to stdout (JSON since stdout is a file), untransformed calls.
import { configure, getLogger } from "logweave";
configure({ format: "json", level: "info" });
const log = getLogger("auth");
const n = Number(process.argv[2]);
for (let i = 0; i < n; i++) log.info("User login", { userId: i, ip: "192.168.1.1", success: true });

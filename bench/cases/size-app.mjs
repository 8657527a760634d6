// The smallest real use of logweave, for the bundle-size row: what tree-shaking leaves.
import { getLogger } from "../../dist/src/index.js";

getLogger("app").info("User login", { userId: 1 });

/**
 * The CommonJS entry of `logweave/pino`: `require("logweave/pino")` is the factory itself, with
 * `.default` and `.pino`, as `require("pino")`. It loads the ES module build, which needs a
 * Node.js that can `require()` ES modules (20.19+, 22.12+).
 */
import entry = require("./index.js");
// An import alias keeps every meaning of `pino`: the function and its `pino.Logger`… types.
import pino = entry.pino;

export = pino;

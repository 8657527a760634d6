/**
 * The CommonJS entry of `logweave/transformer`, for hosts that `require()` plugins (ts-patch
 * does). It loads the ES module build, which needs a Node.js that can `require()` ES modules
 * (20.19+, 22.12+).
 */
import plugin = require("./index.js");

export = plugin;

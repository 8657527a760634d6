'use strict'
// pino's internal module lib/levels is not part of logweave/pino (levels.test.js loads it for one
// test of pino's internals). Any use of it fails with this reason, so that test fails visibly and
// is listed in exclusions.json.
module.exports = new Proxy({}, {
  get (_target, key) {
    throw new Error(`pino internal lib/levels (.${String(key)}) is not part of logweave/pino`)
  }
})

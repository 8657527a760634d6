import { defineConfig } from "vitest/config";

/**
 * Tests that run real programs and services: bundlers and compilers on fixture apps, child
 * processes counting what reached a pipe, rsyslog, OTLP over loopback, the real-world corpus,
 * random programs, the packed package installed with npm, the documentation's examples. Each
 * runs alone with `npm run test:integration`; everything else is the fast `unit` project
 * (`npm run test:unit`). `npm test` runs both.
 */
const INTEGRATION = [
  "test/bundlers.test.ts",
  "test/bundler-plugin.test.ts",
  "test/delivery-api.test.ts",
  "test/demo.test.ts",
  "test/destinations-exit.test.ts",
  "test/exit-api.test.ts",
  "test/faults/**/*.test.ts",
  "test/fidelity.test.ts",
  "test/formats-transformed.test.ts",
  "test/otlp-transport.test.ts",
  "test/packaging.test.ts",
  "test/pino-entry.test.ts",
  "test/pino-sample-app.test.ts",
  "test/pino-transformed.test.ts",
  "test/pino-vendored.test.ts",
  "test/pino-vendored-transformed.test.ts",
  "test/pino-pretty-compat.test.ts",
  "test/pretty-cli.test.ts",
  "test/random-programs.test.ts",
  "test/readme-snippets.test.ts",
  "test/real-world.test.ts",
  "test/real-world-injected.test.ts",
  "test/register.test.ts",
  "test/register-diagnostics.test.ts",
  "test/register-projects.test.ts",
  "test/register-tsconfig.test.ts",
  "test/swc-cli.test.ts",
  "test/swc-fixtures.test.ts",
  "test/syslog-transport.test.ts",
  "test/transformer-fixtures.test.ts",
  "test/transformer-tspc.test.ts",
];

export default defineConfig({
  test: {
    // A missing or changed snapshot fails the run instead of being written: a changed golden is
    // reasoned about in the commit that changes it (`npx vitest run -u` writes them on purpose).
    update: "none",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: "unit", include: ["test/**/*.test.ts"], exclude: INTEGRATION } },
      { extends: true, test: { name: "integration", include: INTEGRATION } },
    ],
  },
});

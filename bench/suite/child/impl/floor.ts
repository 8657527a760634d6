/**
 * The floor: each scenario's line built by hand from precomputed text + `Date.now()` + the
 * dynamic values (numbers as `String`, strings and objects through `JSON.stringify`, the fastest
 * serializer in the runtime), written to the same sink, or to a file through the minimal
 * batching writer. No logger can do less for the same line; it is the limit of the "static
 * fragments + dynamic values" design. The lines carry pino's content (the content check compares
 * every variant with pino).
 */
import fs from "node:fs";
import os from "node:os";
import { deepNested } from "../fixtures/deep-nested.js";
import { longString } from "../fixtures/long-string.js";
import { pinoPackageJson } from "../fixtures/pino-package.js";
import { errorWithCause } from "../fixtures/values.js";
import { MinimalWriter } from "../minimal-writer.js";
import type { LineSink, Make, Prepared } from "../target.js";

const host = JSON.stringify(os.hostname());
/** pid and hostname, after the time. */
const core = `,"pid":${process.pid},"hostname":${host}`;
const INFO = '{"level":30,"time":';

/** Every floor scenario. */
export const make: Make = async (id, target) => {
  let out: LineSink;
  let flushSync = (): void => {};
  if (target.kind === "sink") out = target.sink;
  else {
    const writer = new MinimalWriter(fs.openSync(target.path, "a"));
    out = writer;
    flushSync = () => writer.flushSync();
  }
  const prepared = (op: (i: number) => void, linesPerOp = 1): Prepared => ({ op, linesPerOp, flushSync });
  const world = "world";
  const obj = { obj: true };
  const four = 4;
  const auth = core + ',"name":"auth"';
  switch (id) {
    case "basic":
      return prepared(() => out.write(INFO + Date.now() + core + ',"msg":"hello world"}\n'));
    case "object":
      return prepared(() => out.write(INFO + Date.now() + core + ',"hello":"world"}\n'));
    case "deep-object":
      return prepared(() => out.write(INFO + Date.now() + core + "," + JSON.stringify(pinoPackageJson).slice(1) + "\n"));
    case "long-string":
      return prepared(() => out.write(INFO + Date.now() + core + ',"msg":' + JSON.stringify(longString) + "}\n"));
    case "multi-arg-interpolate":
      return prepared(() => out.write(INFO + Date.now() + core + ',"msg":' + JSON.stringify("hello " + world) + "}\n"));
    case "multi-arg-all":
    case "multi-arg-extra":
      return prepared(() => out.write(INFO + Date.now() + core + ',"msg":' + JSON.stringify(`hello ${world} ${JSON.stringify(obj)} ${four}`) + "}\n"));
    case "multi-arg-deep":
      return prepared(() => out.write(INFO + Date.now() + core + ',"msg":' + JSON.stringify("hello " + JSON.stringify(deepNested)) + "}\n"));
    case "child":
      return prepared(() => out.write(INFO + Date.now() + core + ',"a":"property","hello":"world"}\n'));
    case "child-child":
      return prepared(() => out.write(INFO + Date.now() + core + ',"a":"property","sub":"child","hello":"world"}\n'));
    case "child-creation":
      return prepared(() => {
        // The child's bindings serialized once, when it is made.
        const bindings = core + "," + JSON.stringify({ a: "property" }).slice(1, -1);
        for (let k = 0; k < 10; k++) out.write(INFO + Date.now() + bindings + ',"hello":"world"}\n');
      }, 10);
    case "formatters": {
      const middle = `,"process":{"pid":${process.pid}},"host":{"name":${host}},"foo":"bar","hello":"world"}\n`;
      return prepared(() => out.write('{"log":{"level":"info"},"time":' + Date.now() + middle));
    }
    case "quickstart":
    case "quickstart-pino-order":
      return prepared((i) => out.write(INFO + Date.now() + auth + ',"msg":"User login","userId":' + i + ',"ip":"192.168.1.1","success":true}\n'));
    case "shared-site-configs":
    case "shared-site-names": {
      // One call site, two loggers taken in turn: their names alternate.
      const other = core + (id === "shared-site-configs" ? ',"name":"auth-other"' : ',"name":"auth-2"');
      return prepared((i) => out.write(INFO + Date.now() + (i % 2 === 0 ? auth : other) + ',"msg":"User login","userId":' + i + ',"ip":"192.168.1.1","success":true}\n'));
    }
    case "caller":
      return prepared((i) =>
        out.write(INFO + Date.now() + auth + ',"msg":"User login","caller":"bench/suite/child/impl/logweave.ts:120","userId":' + i + ',"ip":"192.168.1.1","success":true}\n'),
      );
    case "error-cause":
      return prepared((i) => {
        const err = errorWithCause(i);
        const cause = err.cause as Error;
        out.write(
          '{"level":50,"time":' + Date.now() + auth + ',"msg":"Payment failed","err":{"type":"Error","message":' + JSON.stringify(err.message) +
            ',"stack":' + JSON.stringify(err.stack) + ',"cause":{"type":"Error","message":' + JSON.stringify(cause.message) + ',"stack":' + JSON.stringify(cause.stack) + "}}}\n",
        );
      });
    case "request-scope": {
      const api = core + ',"name":"api","requestId":';
      return prepared((i) => {
        // The request id serialized once per request.
        const head = api + JSON.stringify(`req-${i}`);
        out.write(INFO + Date.now() + head + ',"method":"GET","url":"/api/orders","msg":"request received"}\n');
        out.write(INFO + Date.now() + head + ',"userId":' + i + ',"msg":"user loaded"}\n');
        out.write(INFO + Date.now() + head + ',"key":' + JSON.stringify("orders:" + i) + ',"msg":"cache miss"}\n');
        out.write(INFO + Date.now() + head + ',"rows":12,"ms":3,"msg":"query done"}\n');
        out.write(INFO + Date.now() + head + ',"status":200,"durationMs":7,"msg":"request completed"}\n');
      }, 5);
    }
    case "ten-fields":
      return prepared((i) =>
        out.write(
          INFO + Date.now() + auth + ',"msg":"Order placed","orderId":' + i + ',"sku":"SKU-123","customer":' + JSON.stringify(`c-${i}`) + ',"qty":2,"total":' + i * 2.5 +
            ',"express":true,"gift":' + (i % 2 === 0) + ',"currency":"EUR","region":{"zone":"eu-west-1","dc":' + (i % 3) + '},"channel":"web"}\n',
        ),
      );
    case "template":
      return prepared((i) => out.write(INFO + Date.now() + auth + ',"msg":"User ' + i + " bought " + (i % 7) + ' items"}\n'));
    case "disabled-debug":
      // An empty operation: the cost of one loop iteration.
      return prepared(() => {}, 0);
    default:
      return undefined;
  }
};

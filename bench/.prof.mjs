const counter = { lines: 0, chars: 0 };
const sink = { write(line) { counter.lines++; counter.chars += line.length; return true; } };
const m = await import("./.out/transformed/logweave-cases.js");
m.setup(sink);
const f = m.cases.quickstart;
const t0 = performance.now();
for (let i = 0; i < 2e7; i++) f(i);
console.log(((performance.now() - t0) / 2e7 * 1e6).toFixed(1), "ns/call");

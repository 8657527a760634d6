// Usage: node .icount.mjs <cases module> <case> <N>: runs the case N times after a warm-up.
const [, , mod, name, n] = process.argv;
const sink = { write(line) { return line.length > 0; } };
const m = await import(mod);
m.setup(sink);
const f = m.cases[name];
for (let i = 0; i < 200000; i++) f(i);
const N = Number(n);
for (let i = 0; i < N; i++) f(i);

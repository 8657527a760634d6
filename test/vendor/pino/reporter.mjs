// A node:test reporter for the vendored pino tests: one JSON line per finished test (suites
// left out), named by file and by its suites and test names joined with " > ".
// Tests of one file run one after the other, so the names of the tests started and not yet
// finished are the enclosing suites of the test that finishes.
import path from 'node:path'

export default async function * reporter (source) {
  const open = new Map() // file -> names by nesting
  for await (const event of source) {
    const data = event.data ?? {}
    const file = data.file ? path.basename(data.file) : '?'
    if (event.type === 'test:start') {
      const names = open.get(file) ?? []
      names[data.nesting] = data.name
      names.length = data.nesting + 1
      open.set(file, names)
    } else if (event.type === 'test:pass' || event.type === 'test:fail') {
      if (data.details?.type === 'suite') continue
      const names = (open.get(file) ?? []).slice(0, data.nesting)
      const error = data.details?.error
      const reason = error?.cause?.message ?? error?.message
      yield JSON.stringify({
        file,
        name: [...names, data.name].join(' > '),
        ok: event.type === 'test:pass',
        error: reason === undefined ? undefined : String(reason).split('\n')[0].slice(0, 300)
      }) + '\n'
    }
  }
}

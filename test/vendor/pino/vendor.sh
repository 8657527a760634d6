#!/bin/sh
# Re-creates the vendored copy of pino's tests from an installed pino (default: the repository's
# node_modules/pino, version 10.4.0). The only edits are the lines that load pino itself —
# require('..'), require('../'), require('../..'), require('../../..'), and the same paths given
# to require.resolve() — which now name 'logweave/pino'. Everything else is byte-for-byte pino's.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=${1:-"$here/../../../node_modules/pino"}
adapt() {
  sed -e "s#require(require\.resolve('\(\./\)\{0,1\}\(\.\./\)\{1,3\}'))#require('logweave/pino')#g" \
      -e "s#require('\.\.\(/\.\.\)\{0,2\}/\{0,1\}')#require('logweave/pino')#g" \
      -e "s#require\.resolve('\.\./')#require.resolve('logweave/pino')#g" "$1" > "$2"
}
rm -rf "$here/test"
mkdir -p "$here/test/fixtures/broken-pipe"
cp "$src/LICENSE" "$here/LICENSE"
for name in basic levels serializers redact error error-key escaping is-level-enabled mixin mixin-merge-strategy formatters \
  timestamp timestamp-nano custom-levels hooks exit complex-objects crlf metadata http syncfalse stdout-protection broken-pipe; do
  adapt "$src/test/$name.test.js" "$here/test/$name.test.js"
done
cp "$src/test/helper.js" "$here/test/helper.js"
for name in default-exit destination-exit syncfalse syncfalse-child syncfalse-exit syncfalse-flush-exit stdout-hack-protection \
  transport-with-on-exit to-file-transport broken-pipe/basic broken-pipe/destination broken-pipe/syncfalse; do
  adapt "$src/test/fixtures/$name.js" "$here/test/fixtures/$name.js"
done

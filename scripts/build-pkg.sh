#!/usr/bin/env bash
# Builds the npm package in pkg/: the engine as WebAssembly (wasm-pack, --target web), optimised
# with binaryen's wasm-opt from npm (Debian's 108 breaks modern rustc output), plus the
# <efa-rechner> element, TypeScript types, package.json, README and licence.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

wasm-pack build --target web --release --out-dir pkg --out-name efa_rechner --no-pack 2>&1 \
  | grep -v -e '^\[INFO\]: Optional field missing' -e 'wasm-opt' || true
test -f pkg/efa_rechner_bg.wasm || { echo "build-pkg: wasm-pack produced no module" >&2; exit 1; }

# Features rustc enables by default for wasm32-unknown-unknown; wasm-opt must accept them.
before=$(stat -c %s pkg/efa_rechner_bg.wasm)
wasm-opt -O2 --strip-debug --strip-producers \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-reference-types --enable-multivalue --enable-mutable-globals \
  pkg/efa_rechner_bg.wasm -o pkg/efa_rechner_bg.wasm
after=$(stat -c %s pkg/efa_rechner_bg.wasm)
gz=$(gzip -9 -c pkg/efa_rechner_bg.wasm | wc -c)
echo "build-pkg: efa_rechner_bg.wasm $before → $after bytes ($gz gzip)"

# The element, with its engine import pointed at the package root.
if [ -d www/element ]; then
  rm -rf pkg/element
  cp -r www/element pkg/element
  # In the published package the engine sits one folder up from the element.
  sed 's#\.\./\.\./pkg/#../#g' www/element/engine.js > pkg/element/engine.js
fi

rm -f pkg/.gitignore  # wasm-pack writes "*", which npm pack would honour
cp LICENSE pkg/LICENSE
cp scripts/pkg-README.md pkg/README.md
node scripts/pkg-json.mjs > pkg/package.json
echo "build-pkg: pkg/ ready"

#!/usr/bin/env bash
# Tests the Rust door on a machine without Node: a fresh clone builds with `cargo build --release`
# alone, and the binary computes with its built-in data tables.
#
#   bash scripts/test-no-node.sh        (make test-no-node; needs root for unshare -m and mount)
#
# Inside a private mount namespace /dev/null is bind-mounted over node, npm and npx (every one on
# PATH), the clone has no node_modules, and PATH has no node_modules/.bin. The build uses its own
# target directory (target/no-node, kept between runs: only the first run compiles dependencies).
# The last line is "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
SRC=$PWD

if [ "$(id -u)" -ne 0 ] || ! command -v unshare >/dev/null; then
  echo "test-no-node: needs root and unshare (util-linux) for a private mount namespace" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

work=$(mktemp -d /tmp/test-no-node.XXXXXX)
trap 'rm -rf "$work"' EXIT
git clone -q --no-hardlinks "$SRC" "$work/clone"
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
# every node, npm, npx anywhere on PATH
hide=()
IFS=: read -r -a dirs <<< "$PATH"
for d in "${dirs[@]}"; do
  for b in node nodejs npm npx corepack; do [ -e "$d/$b" ] && hide+=("$(readlink -f "$d/$b")" "$d/$b"); done
done
mkdir -p target/no-node

passed=0
failed=0
check() {
  local name=$1 msg=$2
  shift 2
  if "$@"; then passed=$((passed + 1)); echo "ok   - $name"; else failed=$((failed + 1)); echo "FAIL - $name: $msg"; fi
}

t0=$(date +%s)
unshare -m --propagation private env HIDE="${hide[*]}" WORK="$work" CARGO_TARGET_DIR="$SRC/target/no-node" \
  PATH="$CARGO_BIN:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" bash -c '
  for f in $HIDE; do [ -e "$f" ] && { mount --bind /dev/null "$f" || exit 90; }; done
  cd "$WORK/clone"
  { command -v node && node --version; } > "$WORK/node-check" 2>&1 && echo visible >> "$WORK/node-check"
  [ ! -e node_modules ] || exit 92
  cargo build --release --locked > "$WORK/build.log" 2>&1; echo "$?" > "$WORK/build.rc"
  bin="$CARGO_TARGET_DIR/release/efa-rechner"
  "$bin" allocate tests/fixtures/contract/02-itplr-2023-35.json > "$WORK/02.json" 2> "$WORK/02.err"; echo "$?" > "$WORK/02.rc"
  printf "%s" "{\"year\":2025,\"costs\":\"500000.00\",\"alliance\":[\"HE\",\"RP\",\"SL\"],\"model\":\"itplr-2023-35\",\"kommunen\":{\"land\":\"HE\"}}" \
    | "$bin" allocate - > "$WORK/kreise.json" 2> "$WORK/kreise.err"; echo "$?" > "$WORK/kreise.rc"
'
ns=$?
check "node, npm and npx are hidden in the namespace (${#hide[@]} paths)" "$(cat "$work/node-check" 2>/dev/null)" \
  bash -c "[ $ns -eq 0 ] && [ ${#hide[@]} -gt 0 ] && ! grep -q visible '$work/node-check'"
check "cargo build --release --locked succeeds in a fresh clone without Node" "$(tail -20 "$work/build.log" 2>/dev/null)" \
  bash -c "[ \"\$(cat '$work/build.rc' 2>/dev/null)\" = 0 ]"
# the payers' ids and amounts, in order (the first "amount" after each payer's "id"), both sides
payers() { awk '/"payers": \[/ { on = 1 } on && /"id": "/ { id = $2; want = 1; next } want && /"amount": "/ { printf "%s%s ", id, $2; want = 0 }' "$1" | tr -d '",'; }
want=$(payers tests/fixtures/contract/02-itplr-2023-35.expected.json)
got=$(payers "$work/02.json" 2>/dev/null)
check "the binary computes example 02 to the cent" "want [$want], got [$got] $(cat "$work/02.err" 2>/dev/null)" \
  bash -c "[ \"\$(cat '$work/02.rc')\" = 0 ] && [ -n '$want' ] && [ '$got' = '$want' ]"
check "the built-in Kreis table is embedded (Hessen's Kreise without a GV100AD file)" "$(head -c 400 "$work/kreise.json") $(cat "$work/kreise.err")" \
  bash -c "[ \"\$(cat '$work/kreise.rc')\" = 0 ] && grep -q '\"06411\"' '$work/kreise.json' && [ \$(grep -oE '\"ags\": *\"06[0-9]{3}\"' '$work/kreise.json' | wc -l) -eq 26 ]"
echo "test-no-node: $(( $(date +%s) - t0 )) s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

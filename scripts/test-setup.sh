#!/usr/bin/env bash
# Tests scripts/setup.sh on "a machine that lacks every tool it installs", in seconds:
#
#   bash scripts/test-setup.sh        (make test-setup; needs root for unshare -m and mount)
#
# A fresh clone of this repository (with the working tree's setup.sh, so a change is tested
# before it is committed) runs setup.sh inside a private mount namespace in which every installed
# tool is hidden: /dev/null is bind-mounted over the browsers, drivers, Xvfb and the cargo-installed
# binaries, and the clone has no node_modules. Stand-ins first on PATH play the installers: they log
# each call, and "install" by unmounting what they were asked for (inside the namespace only, so the
# real binary comes back), which is exactly what setup.sh must then find working:
#   apt-get      update / install PKG...   -> unhides the package's binaries
#   cargo        install CRATE ...         -> unhides the crate's binaries; anything else: real cargo
#   rustup       target list --installed   -> the real list without wasm32 until `target add` ran
#   npm          ci                        -> links the source checkout's node_modules; else real npm
# Cases:
#   1. cold: every install branch runs (each one seen in the stand-in log), setup succeeds and says
#      what it installed, the Debian install ran in the background while cargo installed;
#   2. again: a second run is a no-op (no install call at all);
#   3. no root and no sudo: setup stops at once with the apt-get command to run, before compiling;
#   4. a failing apt-get: setup fails, shows the end of the apt log, waits for nothing left running.
# The last line is "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
SRC=$PWD

if [ "$(id -u)" -ne 0 ] || ! command -v unshare >/dev/null; then
  echo "test-setup: needs root and unshare (util-linux) for a private mount namespace" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

work=$(mktemp -d /tmp/test-setup.XXXXXX)
trap 'rm -rf "$work"' EXIT
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
REAL_CARGO=$(command -v cargo || echo "$CARGO_BIN/cargo")
REAL_RUSTUP=$(command -v rustup || echo "$CARGO_BIN/rustup")
REAL_NPM=$(command -v npm)

# ---- the fresh clone ---------------------------------------------------------------------------
git clone -q --no-hardlinks "$SRC" "$work/clone"
cp scripts/setup.sh "$work/clone/scripts/setup.sh"

# ---- stand-ins -----------------------------------------------------------------------------------
mkdir -p "$work/bin" "$work/state"
cat > "$work/bin/apt-get" <<'EOF'
#!/usr/bin/env bash
echo "apt-get $*" >> "$STANDIN_LOG"
[ -n "${STANDIN_APT_FAIL:-}" ] && { echo "E: Unable to locate package chromium (stand-in failure)"; exit 100; }
[ "$1" = update ] && exit 0
# Holds the install until setup has started a cargo install (the event the "background" check
# looks for), at most 120 s: a setup that waited for apt-get first would get there only after the
# timeout, and that check fails. (A fixed sleep here failed a rehearsal under load.)
for _ in $(seq 1200); do grep -q '^cargo install' "$STANDIN_LOG" && break; sleep 0.1; done
for p in "$@"; do
  case "$p" in
    chromium) f=(/usr/bin/chromium) ;;
    chromium-driver) f=(/usr/bin/chromedriver) ;;
    firefox-esr) f=(/usr/bin/firefox-esr) ;;
    webkit2gtk-driver) f=(/usr/bin/WebKitWebDriver) ;;
    xvfb) f=(/usr/bin/xvfb-run /usr/bin/Xvfb) ;;
    xauth) f=(/usr/bin/xauth) ;;
    libreoffice-calc-nogui) f=(/usr/bin/soffice) ;;
    python3-venv) f=(/usr/lib/python3*/ensurepip/__init__.py) ;;
    *) continue ;;
  esac
  for x in "${f[@]}"; do umount "$x" 2>/dev/null || true; done
  echo "apt-get: installed $p" >> "$STANDIN_LOG"
done
EOF
cat > "$work/bin/cargo" <<'EOF'
#!/usr/bin/env bash
if [ "${1:-}" = install ]; then
  echo "cargo $* (CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-}, opt-level ${CARGO_PROFILE_RELEASE_OPT_LEVEL:-default})" >> "$STANDIN_LOG"
  crate=""; shift
  while [ $# -gt 0 ]; do case "$1" in --version|--root|--target-dir|--profile) shift 2 ;; -*) shift ;; *) crate=$1; break ;; esac; done
  case "$crate" in
    wasm-bindgen-cli) b=(wasm-bindgen wasm-bindgen-test-runner wasm2es6js) ;;
    *) b=("$crate") ;;
  esac
  for x in "${b[@]}"; do umount "$STANDIN_CARGO_BIN/$x" 2>/dev/null || true; done
  exit 0
fi
exec "$REAL_CARGO" "$@"
EOF
cat > "$work/bin/rustup" <<'EOF'
#!/usr/bin/env bash
if [ "${1:-} ${2:-} ${3:-}" = "target list --installed" ]; then
  if [ -f "$STANDIN_STATE/wasm32" ]; then "$REAL_RUSTUP" "$@"; else "$REAL_RUSTUP" "$@" | grep -vx wasm32-unknown-unknown; fi
  exit 0
fi
if [ "${1:-} ${2:-}" = "target add" ]; then
  echo "rustup $*" >> "$STANDIN_LOG"
  touch "$STANDIN_STATE/wasm32"
  exit 0
fi
exec "$REAL_RUSTUP" "$@"
EOF
cat > "$work/bin/npm" <<'EOF'
#!/usr/bin/env bash
if [ "${1:-}" = ci ]; then
  echo "npm $*" >> "$STANDIN_LOG"
  mkdir -p node_modules
  for e in "$STANDIN_SRC"/node_modules/* "$STANDIN_SRC"/node_modules/.bin; do ln -s "$e" node_modules/; done
  cp "$STANDIN_SRC/node_modules/.package-lock.json" node_modules/.package-lock.json
  exit 0
fi
exec "$REAL_NPM" "$@"
EOF
# case 3: a user who is not root and has no sudo
cat > "$work/bin/id" <<'EOF'
#!/usr/bin/env bash
if [ -n "${STANDIN_NOT_ROOT:-}" ] && [ "${1:-}" = -u ]; then echo 1000; exit 0; fi
exec /usr/bin/id "$@"
EOF
chmod +x "$work/bin"/*

# What is hidden: Debian's browsers, drivers, Xvfb, LibreOffice and Python's venv, and the
# cargo-installed tools. (openpyxl lives in the clone's target/py, so it is always missing.)
HIDE=(/usr/bin/chromium /usr/bin/chromedriver /usr/bin/firefox-esr /usr/bin/WebKitWebDriver /usr/bin/xvfb-run /usr/bin/Xvfb /usr/bin/xauth
      /usr/bin/soffice /usr/lib/python3*/ensurepip/__init__.py
      "$CARGO_BIN/wasm-bindgen" "$CARGO_BIN/wasm-bindgen-test-runner" "$CARGO_BIN/wasm2es6js" "$CARGO_BIN/wasm-pack" "$CARGO_BIN/geckodriver")
for f in "${HIDE[@]}"; do
  [ -e "$f" ] || { echo "test-setup: $f is not installed here; run scripts/setup.sh once first"; echo "0 passed, 1 failed"; exit 1; }
done
[ -d node_modules ] || { echo "test-setup: node_modules is missing; run scripts/setup.sh once first"; echo "0 passed, 1 failed"; exit 1; }

# Runs `setup.sh` (twice when $2 = twice) in a private mount namespace with everything hidden.
# $1: a name for the logs. Environment: STANDIN_* switches.
run_case() {
  local name=$1 twice=${2:-}
  : > "$work/$name.calls"
  rm -rf "$work/state"/* "$work/clone/node_modules" "$work/clone/target"
  unshare -m --propagation private env \
    PATH="$work/bin:$CARGO_BIN:$PATH" STANDIN_LOG="$work/$name.calls" STANDIN_STATE="$work/state" \
    STANDIN_SRC="$SRC" STANDIN_CARGO_BIN="$CARGO_BIN" REAL_CARGO="$REAL_CARGO" REAL_RUSTUP="$REAL_RUSTUP" \
    REAL_NPM="$REAL_NPM" HIDE="${HIDE[*]} ${EXTRA_HIDE:-}" TWICE="$twice" WORK="$work" NAME="$name" \
    bash -c '
      for f in $HIDE; do mount --bind /dev/null "$f" || exit 90; done
      # proof that the hiding works: nothing is there before setup runs
      for f in $HIDE; do [ -x "$f" ] && { echo "test-setup: $f still visible" >&2; exit 91; }; done
      cd "$WORK/clone"
      bash scripts/setup.sh > "$WORK/$NAME.out" 2>&1; rc=$?
      echo "rc=$rc" >> "$WORK/$NAME.out"
      [ $rc -eq 0 ] || exit $rc
      if [ -n "$TWICE" ]; then
        cp "$WORK/$NAME.calls" "$WORK/$NAME.calls.first"; : > "$WORK/$NAME.calls"
        bash scripts/setup.sh > "$WORK/$NAME.again" 2>&1; rc=$?
        echo "rc=$rc" >> "$WORK/$NAME.again"
        exit $rc
      fi'
}

passed=0
failed=0
check() { # name, condition (a command), message
  local name=$1 msg=$2
  shift 2
  if "$@"; then passed=$((passed + 1)); echo "ok   - $name"; else failed=$((failed + 1)); echo "FAIL - $name: $msg"; fi
}
has() { grep -q -- "$2" "$1"; }
lacks() { ! grep -q -- "$2" "$1"; }
show() { sed 's/^/       /' "$@" >&2; }

t0=$(date +%s)
# 1 + 2. cold, then again
run_case cold twice
rc=$?
check "cold: setup succeeds with every tool hidden" "exit $rc" test $rc -eq 0 || { show "$work/cold.out"; }
calls="$work/cold.calls.first"
[ -f "$calls" ] || calls="$work/cold.calls"
check "cold: the wasm32 target was added" "no rustup target add" has "$calls" 'rustup target add wasm32-unknown-unknown'
check "cold: apt-get update, then install of all six packages" "$(cat "$calls")" \
  bash -c "grep -q '^apt-get update' '$calls' && grep -q '^apt-get install -y -qq chromium chromium-driver firefox-esr webkit2gtk-driver xvfb xauth' '$calls'"
wb=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
check "cold: cargo install wasm-bindgen-cli $wb (the Cargo.lock version)" "$(grep cargo "$calls")" has "$calls" "cargo install wasm-bindgen-cli --version $wb"
check "cold: cargo install wasm-pack" "$(grep cargo "$calls")" has "$calls" 'cargo install wasm-pack --locked'
check "cold: cargo install geckodriver" "$(grep cargo "$calls")" has "$calls" 'cargo install geckodriver --locked'
check "cold: the cargo installs share one target directory, at opt-level 1" "$(grep cargo "$calls")" \
  bash -c "[ \$(grep '^cargo install' '$calls' | grep -c 'CARGO_TARGET_DIR=$work/clone/target/cargo-install, opt-level 1)') -eq 3 ]"
check "cold: npm ci" "no npm ci" has "$calls" '^npm ci'
check "cold: LibreOffice Calc and Python's venv from Debian" "$(grep apt-get "$calls")" \
  bash -c "grep '^apt-get install' '$calls' | grep -q 'libreoffice-calc-nogui python3-venv'"
check "cold: openpyxl installed into the clone's target/py" "$(tail -3 "$work/cold.out")" \
  bash -c "[ -x '$work/clone/target/py/bin/python' ] && grep -q 'openpyxl 3.1.5' '$work/cold.out'"
check "cold: the browsers were installed in the background while cargo installed" "$(cat "$calls")" \
  bash -c "awk '/^apt-get/ && !s {s=NR} /^apt-get: installed xauth/{d=NR} /^cargo install/{c[NR]=1} END{for (n in c) if (s < n+0 && n+0 < d) ok=1; exit !ok}' '$calls'"
check "cold: setup reports what it installed" "$(tail -3 "$work/cold.out")" \
  has "$work/cold.out" 'toolchain ready (installed: rust target wasm32-unknown-unknown, Debian chromium'
check "again: a second run installs nothing" "$(cat "$work/cold.calls" 2>/dev/null)" \
  bash -c "[ -f '$work/cold.again' ] && [ ! -s '$work/cold.calls' ] && grep -q 'toolchain ready (nothing to install)' '$work/cold.again' && grep -q '^rc=0' '$work/cold.again'"

# 3. not root, no sudo (sudo is not on this machine; a stand-in PATH without it makes sure)
EXTRA_HIDE=$(command -v sudo || true) STANDIN_NOT_ROOT=1 run_case noroot
rc=$?
check "no root, no sudo: setup stops with the command to run" "rc $rc: $(cat "$work/noroot.out")" \
  bash -c "[ $rc -ne 0 ] && grep -q 'needs root' '$work/noroot.out' && grep -q 'apt-get install -y chromium' '$work/noroot.out' && ! grep -q '^cargo install' '$work/noroot.calls'"

# 4. apt-get fails: setup fails and shows why
STANDIN_APT_FAIL=1 run_case aptfail
rc=$?
check "apt-get fails: setup fails and shows the apt error" "rc $rc: $(tail -5 "$work/aptfail.out")" \
  bash -c "[ $rc -ne 0 ] && grep -q 'Unable to locate package chromium' '$work/aptfail.out' && grep -q 'installing chromium .* failed' '$work/aptfail.out'"

# the namespace really was private: everything is still installed out here
check "the real machine is untouched" "a hidden binary is missing outside the namespace" \
  bash -c "for f in ${HIDE[*]}; do [ -e \"\$f\" ] || exit 1; done"

echo "test-setup: $(( $(date +%s) - t0 )) s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

#!/usr/bin/env bash
# Installs what `make build`, `make test` and `make demo` need, idempotently:
# every step checks first and skips what is already there. Safe to run again.
# Only package registries are reachable here, so nothing downloads prebuilt
# binaries: wasm-bindgen and wasm-pack come from crates.io, wasm-opt from the
# npm package binaryen, Chromium from Debian (see ../shared/docs/toolchain.md).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
have() { command -v "$1" >/dev/null 2>&1; }

export PATH="$HOME/.cargo/bin:$PATH"

if ! have cargo; then
  echo "setup: cargo is missing; install Rust with rustup first (https://rustup.rs)" >&2
  exit 1
fi

# 1. Rust target and components.
if have rustup; then
  rustup target list --installed | grep -qx wasm32-unknown-unknown \
    || { say "adding the wasm32-unknown-unknown target"; rustup target add wasm32-unknown-unknown; }
  for c in rustfmt clippy; do
    rustup component list --installed | grep -q "^$c" || rustup component add "$c"
  done
fi

# 2. Browsers and their drivers from Debian, in the background while the cargo installs below
#    compile: Chromium + ChromeDriver, Firefox ESR, WebKitGTK's WebDriver + MiniBrowser, and
#    Xvfb (WebKitGTK needs a display even when headless).
mkdir -p target
apt_pid=""
apt_pkgs=()
[ -x /usr/bin/chromium ] || apt_pkgs+=(chromium)
[ -x /usr/bin/chromedriver ] || apt_pkgs+=(chromium-driver)
[ -x /usr/bin/firefox-esr ] || apt_pkgs+=(firefox-esr)
[ -x /usr/bin/WebKitWebDriver ] || apt_pkgs+=(webkit2gtk-driver)
[ -x /usr/bin/xvfb-run ] || apt_pkgs+=(xvfb)
[ -x /usr/bin/xauth ] || apt_pkgs+=(xauth)
if [ ${#apt_pkgs[@]} -gt 0 ]; then
  if have apt-get; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    say "installing Debian's ${apt_pkgs[*]} (background)"
    ( $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${apt_pkgs[@]}" ) \
      > target/setup-apt.log 2>&1 &
    apt_pid=$!
  else
    echo "setup: no apt-get: install ${apt_pkgs[*]} (Debian names) yourself" >&2
  fi
fi

# 3. wasm-bindgen CLI: must equal the wasm-bindgen version in Cargo.lock.
wb_version=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wb_version" ]; then
  say "installing wasm-bindgen-cli $wb_version (about 8 minutes on 2 cores)"
  # --locked fails for this crate (a pinned dependency is gone from the registry).
  cargo install wasm-bindgen-cli --version "$wb_version" --force
fi

# 4. wasm-pack.
if ! have wasm-pack; then
  say "installing wasm-pack (about 7 minutes on 2 cores)"
  cargo install wasm-pack --locked
fi

# 5. geckodriver (Firefox's WebDriver) from crates.io: the npm package downloads a binary.
if [ "$(geckodriver --version 2>/dev/null | awk 'NR==1{print $2}')" = "" ]; then
  say "installing geckodriver (about 8 minutes on 2 cores)"
  cargo install geckodriver --locked
fi

# 6. npm development dependencies (Playwright core, axe-core, binaryen's
#    wasm-opt, benchmark baselines, the default Kreis data).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm development dependencies"
  npm ci --no-audit --no-fund --loglevel=error
fi

if [ -n "$apt_pid" ]; then
  say "waiting for the browser installs"
  if ! wait "$apt_pid"; then
    cat target/setup-apt.log >&2
    echo "setup: installing the browsers failed (see above)" >&2
    exit 1
  fi
fi
say "toolchain ready"

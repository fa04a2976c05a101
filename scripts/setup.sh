#!/usr/bin/env bash
# Installs what `make build`, `make test` and `make demo` need, idempotently:
# every step checks first and skips what is already there. Safe to run again.
# Only package registries are reachable here, so nothing downloads prebuilt
# binaries: wasm-bindgen, wasm-pack and geckodriver come from crates.io, wasm-opt
# from the npm package binaryen, the browsers from Debian (see
# ../shared/docs/toolchain.md). The Debian install runs in the background while
# the cargo installs compile; all cargo installs share one target directory
# (target/cargo-install), so crates they have in common compile once.
#
# Tested by scripts/test-setup.sh (make test-setup): every install branch, in a
# fresh clone, with the installed tools hidden.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
die() { printf 'setup: %s\n' "$*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }

cargo_bin="${CARGO_HOME:-$HOME/.cargo}/bin"
# Appended, not prepended, when PATH lacks it: a tool the caller put first on PATH stays first.
case ":$PATH:" in *":$cargo_bin:"*) ;; *) export PATH="$PATH:$cargo_bin" ;; esac

have cargo || die "cargo is missing; install Rust with rustup first (https://rustup.rs)"
have node && have npm || die "Node.js 20+ with npm is missing (Debian: apt-get install nodejs npm)"

mkdir -p target
installed=()

# 1. Rust target and components.
if have rustup; then
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
    installed+=("rust target wasm32-unknown-unknown")
  fi
  for c in rustfmt clippy; do
    if ! rustup component list --installed | grep -q "^$c"; then
      rustup component add "$c"
      installed+=("rustup component $c")
    fi
  done
fi

# 2. Browsers and their drivers from Debian, in the background while the cargo installs below
#    compile: Chromium + ChromeDriver, Firefox ESR, WebKitGTK's WebDriver + MiniBrowser, and
#    Xvfb (WebKitGTK needs a display even when headless). Also LibreOffice Calc (headless) and
#    Python's venv: the independent workbook writers of tests/sheet.rs.
apt_pid=""
apt_log=target/setup-apt.log
apt_pkgs=()
[ -x /usr/bin/chromium ] || apt_pkgs+=(chromium)
[ -x /usr/bin/chromedriver ] || apt_pkgs+=(chromium-driver)
[ -x /usr/bin/firefox-esr ] || apt_pkgs+=(firefox-esr)
[ -x /usr/bin/WebKitWebDriver ] || apt_pkgs+=(webkit2gtk-driver)
[ -x /usr/bin/xvfb-run ] || apt_pkgs+=(xvfb)
[ -x /usr/bin/xauth ] || apt_pkgs+=(xauth)
[ -x /usr/bin/soffice ] || apt_pkgs+=(libreoffice-calc-nogui)
have_venv() { local f; for f in /usr/lib/python3*/ensurepip/__init__.py; do [ -f "$f" ] && return 0; done; return 1; }
have_venv || apt_pkgs+=(python3-venv)
if [ ${#apt_pkgs[@]} -gt 0 ]; then
  have apt-get || die "no apt-get: install the Debian packages ${apt_pkgs[*]} (or your system's equivalents) yourself"
  # Decided before anything long starts: without root or a usable sudo, say so now, not after
  # twenty minutes of compiling (and never let sudo wait for a password in the background).
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then
    have sudo || die "installing ${apt_pkgs[*]} needs root and sudo is missing: run as root
  apt-get update && apt-get install -y ${apt_pkgs[*]}
then run this again"
    if ! sudo -n true 2>/dev/null; then
      if [ -t 0 ]; then sudo -v || die "sudo failed: install ${apt_pkgs[*]} as root, then run this again"
      else die "installing ${apt_pkgs[*]} needs root: sudo asks for a password and there is no terminal; run as root
  apt-get update && apt-get install -y ${apt_pkgs[*]}
then run this again"
      fi
    fi
    SUDO=(sudo -n)
  fi
  say "installing Debian's ${apt_pkgs[*]} (background, log $apt_log)"
  ( "${SUDO[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq "${apt_pkgs[@]}" ) \
    > "$apt_log" 2>&1 < /dev/null &
  apt_pid=$!
  installed+=("Debian ${apt_pkgs[*]}")
fi

# Waits for the Debian install; on failure shows the end of its log and stops.
wait_apt() {
  [ -n "$apt_pid" ] || return 0
  local pid=$apt_pid
  apt_pid=""
  say "waiting for the browser installs"
  if ! wait "$pid"; then
    tail -n 40 "$apt_log" >&2
    die "installing ${apt_pkgs[*]} failed (the end of $apt_log is above)"
  fi
}
# Whatever stops this script, never leave the package manager running unattended behind it.
trap 'rc=$?; if [ -n "$apt_pid" ]; then echo "setup: waiting for the background apt-get before exiting" >&2; wait "$apt_pid" || true; fi; exit $rc' EXIT

# The cargo installs: one shared target directory (common crates compile once, and an interrupted
# install resumes where it stopped), optimised at level 1 instead of 3: 16 % less CPU time for
# wasm-bindgen-cli, and its output is byte for byte the same, as fast (README, "Cold timings").
# CARGO_INSTALL_FLAGS adds flags; a CARGO_PROFILE_RELEASE_OPT_LEVEL of the caller wins.
export CARGO_TARGET_DIR="$PWD/target/cargo-install"
export CARGO_PROFILE_RELEASE_OPT_LEVEL="${CARGO_PROFILE_RELEASE_OPT_LEVEL:-1}"
cargo_install() {
  local what=$1
  shift
  say "installing $what"
  # shellcheck disable=SC2086
  cargo install ${CARGO_INSTALL_FLAGS:-} "$@" || die "cargo install $* failed (see above)"
  installed+=("$what")
}

# 3. wasm-bindgen CLI: must equal the wasm-bindgen version in Cargo.lock.
wb_version=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
[ -n "$wb_version" ] || die "no wasm-bindgen version in Cargo.lock"
wb_now() { wasm-bindgen --version 2>/dev/null | awk '{print $2}'; }
if [ "$(wb_now)" != "$wb_version" ]; then
  # --locked fails for this crate (a pinned dependency is gone from the registry).
  cargo_install "wasm-bindgen-cli $wb_version (a few minutes on 2 cores)" wasm-bindgen-cli --version "$wb_version" --force
fi

# 4. wasm-pack.
if ! wasm-pack --version >/dev/null 2>&1; then
  cargo_install "wasm-pack (a few minutes on 2 cores)" wasm-pack --locked --force
fi

# 5. geckodriver (Firefox's WebDriver) from crates.io: the npm package downloads a binary.
if ! geckodriver --version >/dev/null 2>&1; then
  cargo_install "geckodriver (a few minutes on 2 cores)" geckodriver --locked --force
fi

# 6. npm development dependencies (Playwright core, selenium-webdriver, axe-core, binaryen's
#    wasm-opt, benchmark baselines, the default Kreis data).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm development dependencies"
  npm ci --no-audit --no-fund --loglevel=error || die "npm ci failed (see above)"
  installed+=("npm packages")
fi

wait_apt

# 7. openpyxl from PyPI, pinned, in its own venv (target/py): the second independent workbook
#    writer of tests/sheet.rs (tests/fixtures/sheet/make.py).
openpyxl_version=3.1.5
et_xmlfile_version=2.0.0
py_ok() { target/py/bin/python -c "import openpyxl, sys; sys.exit(openpyxl.__version__ != '$openpyxl_version')" 2>/dev/null; }
if ! py_ok; then
  [ -x /usr/bin/python3 ] || die "Debian's python3 is missing (apt-get install python3 python3-venv)"
  say "installing openpyxl $openpyxl_version into target/py"
  rm -rf target/py
  /usr/bin/python3 -m venv target/py || die "python3 -m venv failed (Debian: apt-get install python3-venv)"
  target/py/bin/pip install -q --disable-pip-version-check "openpyxl==$openpyxl_version" "et-xmlfile==$et_xmlfile_version" \
    || die "pip install openpyxl==$openpyxl_version failed (see above)"
  installed+=("openpyxl $openpyxl_version")
fi

# 8. Everything there and working (an install that "succeeded" without leaving a working tool
#    would otherwise show up much later as a confusing test failure).
problems=()
[ "$(wb_now)" = "$wb_version" ] || problems+=("wasm-bindgen $wb_version (found: $(wb_now || true))")
wasm-pack --version >/dev/null 2>&1 || problems+=(wasm-pack)
geckodriver --version >/dev/null 2>&1 || problems+=(geckodriver)
for f in /usr/bin/chromium /usr/bin/chromedriver /usr/bin/firefox-esr /usr/bin/WebKitWebDriver /usr/bin/xvfb-run /usr/bin/xauth /usr/bin/soffice; do
  [ -x "$f" ] || problems+=("$f")
done
[ -f node_modules/.package-lock.json ] || problems+=(node_modules)
py_ok || problems+=("openpyxl $openpyxl_version in target/py")
[ ${#problems[@]} -eq 0 ] || die "still missing after the installs: ${problems[*]}"

if [ ${#installed[@]} -eq 0 ]; then
  say "toolchain ready (nothing to install)"
else
  say "toolchain ready (installed: $(IFS=,; echo "${installed[*]}" | sed 's/,/, /g'))"
fi

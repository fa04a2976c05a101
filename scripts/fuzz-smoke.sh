#!/usr/bin/env bash
# Fuzz smoke test: each cargo-fuzz target in fuzz/ for a short time (default 30 s, all targets in
# parallel), starting from the committed seed corpora. Exits non-zero if a target crashes,
# panics, breaks an invariant, times out (10 s for one input) or runs out of memory (2 GiB).
#
#   bash scripts/fuzz-smoke.sh            # 30 s per target
#   FUZZ_SECONDS=600 bash scripts/fuzz-smoke.sh
#
# Installs cargo-fuzz if missing. cargo-fuzz needs nightly flags (-Zsanitizer); on the stable
# toolchain RUSTC_BOOTSTRAP=1 allows them. New corpus entries go to a temporary directory, so the
# committed seeds stay small; a crashing input is kept in fuzz/artifacts/<target>/ (not committed).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export RUSTC_BOOTSTRAP=1

seconds="${FUZZ_SECONDS:-30}"
targets=(allocate_json gv100ad plan_text)

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz-smoke: installing cargo-fuzz (a few minutes)"
  # as scripts/setup.sh's cargo installs: their target directory (crates they share compile
  # once) and optimisation level 1
  CARGO_TARGET_DIR="$PWD/target/cargo-install" CARGO_PROFILE_RELEASE_OPT_LEVEL="${CARGO_PROFILE_RELEASE_OPT_LEVEL:-1}" \
    cargo install cargo-fuzz --version 0.13.2
fi

# One build for all targets (overflow checks on: cargo-fuzz's default), then run them.
(cd fuzz && cargo fuzz build)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
pids=()
for t in "${targets[@]}"; do
  mkdir -p "$work/$t"
  (cd fuzz && exec cargo fuzz run "$t" "$work/$t" "corpus/$t" -- \
      -dict="$t.dict" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
      -print_final_stats=1) >"$work/$t.log" 2>&1 &
  pids+=($!)
done

status=0
for i in "${!targets[@]}"; do
  t="${targets[$i]}"
  if wait "${pids[$i]}"; then
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/$t.log" | grep -o '[0-9]*$' || echo '?')
    echo "fuzz-smoke: $t: ${seconds} s, $runs runs, no findings"
  else
    status=1
    echo "fuzz-smoke: $t FAILED; last lines of its log:" >&2
    tail -n 60 "$work/$t.log" >&2
    echo "fuzz-smoke: reproduce with: (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run $t artifacts/$t/<file>)" >&2
  fi
done
exit $status

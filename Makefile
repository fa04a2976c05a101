# The two commands a new user runs: `make demo` and `make test`. Both set up what is missing.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
# node_modules/.bin first: binaryen's wasm-opt must win over Debian's broken one.
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
export GECKODRIVER ?= $(HOME)/.cargo/bin/geckodriver
WEBKITDRIVER ?= /usr/bin/WebKitWebDriver
# WebKitGTK needs a display even when headless: its own Xvfb for each run (-a: a free number).
XVFB := xvfb-run -a -s "-screen 0 1280x1024x24"

.PHONY: setup data build test demo bench soak fuzz-smoke hostile lint test-rust test-wasm test-node test-e2e test-browsers test-packaging test-setup test-no-node clean

setup:
	@bash scripts/setup.sh

# The built-in data tables src/data/kreise.tsv and src/data/gemeinden.tsv, made from a Destatis
# GV100AD file (same file, same bytes). They are committed: building never needs this step.
GV100AD ?= ../shared/data/gv100ad/GV100AD_30112025.txt
data:
	@[ -f "$(GV100AD)" ] || { echo "make data: $(GV100AD) not found; give the file: make data GV100AD=path/to/GV100AD_DDMMYYYY.txt" >&2; exit 1; }
	cargo run --locked --quiet --example gen-data -- "$(GV100AD)"

build: setup
	cargo build --release --locked
	bash scripts/build-pkg.sh

lint: setup
	cargo fmt --check
	cargo clippy --all-targets --locked -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --locked -- -D warnings
	RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --locked
	node scripts/check-licences.mjs

test-rust: setup
	@[ -d ../shared ] || echo "make test: ../shared is not present beside the repository: the tests that read its contract examples and GV100AD files skip (the project's own fixtures still run)"
	cargo test --locked

# The engine's WASM door (tests/wasm.rs) in headless Chromium, Firefox ESR and WebKitGTK (Debian's
# browsers; the drivers' capabilities are in webdriver.json). One build, three runs.
test-wasm: setup
	node scripts/gen-wasm-test-data.mjs
	wasm-pack test --headless --chrome -- --test wasm
	wasm-pack test --headless --firefox --geckodriver $(GECKODRIVER) -- --test wasm
	$(XVFB) wasm-pack test --headless --safari --safaridriver $(WEBKITDRIVER) -- --test wasm

# node:test files, all with one reporter whose last line is "N passed, N failed" (like every runner).
NODE_TEST := node --test --test-reporter=./tests/node/summary-reporter.mjs

# The independent JS reference, the package, the server, the pure www modules, and the hostile
# catalogue through the CLI and the WASM module (tests/hostile/README.md).
test-node: build
	$(NODE_TEST) tests/reference/ tests/node/ tests/www/

# What only Chromium's DevTools protocol can do (Playwright): print media emulation, the
# layout-shift metric, full-page screenshots. Everything else runs in test-browsers.
test-e2e: build
	$(NODE_TEST) tests/e2e/

# Every page check of both elements in Chromium, Firefox ESR and WebKitGTK over WebDriver, and the
# cross-engine differential (tests/browsers/README.md).
test-browsers: build
	node tests/browsers/run.mjs

# The npm package as consumers get it (tests/packaging/README.md): packed once, then Node ESM and
# CommonJS, Bun, Deno, TypeScript --strict, Vite, webpack and esbuild builds in Chromium, a plain
# page with both elements; publint and attw; `cargo publish --dry-run` for the crate.
test-packaging: build
	node --test tests/packaging/packaging.test.mjs

# scripts/setup.sh in a fresh clone with every tool it installs hidden (a private mount namespace,
# stand-in installers): each install branch runs, a second run is a no-op. Seconds; needs root.
test-setup: setup
	bash scripts/test-setup.sh

# A fresh clone builds with `cargo build --release` alone with node/npm hidden, and computes.
test-no-node:
	bash scripts/test-no-node.sh

test: test-setup test-no-node lint test-rust test-wasm test-node test-packaging test-e2e test-browsers
	@echo "make test: all suites passed"

demo: build
	node scripts/serve.mjs

# Native engine (cargo bench, profile `native`), then the WASM engine against JavaScript
# baselines in Chromium; writes target/bench/results.json.
bench: build
	cargo bench --profile native --locked
	node tests/bench/run.mjs

# 100,000 random requests and 10,000 random plans (JSON and CSV forms) through the WASM engine
# and the independent JS implementation.
soak: build
	DIFF_N=100000 node tests/node/differential.test.mjs
	PLAN_DIFF_N=10000 node tests/node/plan-differential.test.mjs

# Both cargo-fuzz targets for 30 s each (installs cargo-fuzz if missing; FUZZ_SECONDS=600 for a
# long run). CI runs it after make test.
fuzz-smoke: setup
	bash scripts/fuzz-smoke.sh

# The hostile-input catalogue through the CLI and the WASM module, and what only Rust can give.
hostile: build
	cargo test --locked --test hostile
	$(NODE_TEST) tests/node/hostile.test.mjs

clean:
	cargo clean
	rm -rf pkg node_modules

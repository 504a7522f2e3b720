# Pakta — two commands: `make run` and `make test`. Every step installs what it needs, idempotently.
SHELL := /bin/bash
.DEFAULT_GOAL := run

CARGO_LEPTOS_VERSION := 0.3.11
# Must equal the `wasm-bindgen = "=X.Y.Z"` pin in Cargo.toml.
WASM_BINDGEN_VERSION := $(shell sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' Cargo.toml)
BINARYEN_VERSION := 132.0.0
AXE_CORE_VERSION := 4.14.1
# The page-weight benchmark (make bench-web): Lighthouse and the Chromium driver it runs beside.
LIGHTHOUSE_VERSION := 13.5.0
PUPPETEER_CORE_VERSION := 25.19.0
CHROME_LAUNCHER_VERSION := 1.2.2
TOOLS := $(CURDIR)/.tools
# wasm-opt from npm first on PATH: Debian's (108) produces bundles that fail to hydrate.
export PATH := $(TOOLS)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

PAKTA_DATABASE_URL ?= sqlite://data/pakta.db?mode=rwc
PAKTA_ADDR ?= 127.0.0.1:3000
export PAKTA_DATABASE_URL PAKTA_ADDR

.PHONY: run test tools tools-build tools-browser build fmt-check clippy site unit-and-integration bench bench-web load clean

## Build (release), migrate, seed the demo city on an empty database, serve: in demo mode
## (PAKTA_DEMO=1), which only this target turns on. A production server runs `pakta serve`
## without it, and then refuses a database holding the demo accounts.
run: export PAKTA_DEMO = 1
run: tools-build build
	./target/release/pakta migrate
	./target/release/pakta demo --if-empty
	@echo
	@echo "  Pakta (MODE DEMO): http://$(PAKTA_ADDR)/masuk"
	@echo "  Akun demo (kata sandi: pakta-demo): admin · dprd · setiap pejabat dengan NIP-nya"
	@echo "  (daftar NIP contoh ada di halaman masuk)"
	@echo
	./target/release/pakta serve

## Everything CI checks.
test: tools tools-browser fmt-check clippy site unit-and-integration

tools:
	@rustup target list --installed | grep -q wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
	@rustup component list --installed | grep -q '^clippy' || rustup component add clippy
	@cargo leptos --version 2>/dev/null | grep -q "$(CARGO_LEPTOS_VERSION)" || \
		cargo install cargo-leptos --locked --ignore-rust-version --version $(CARGO_LEPTOS_VERSION)
	@wasm-bindgen --version 2>/dev/null | grep -q "$(WASM_BINDGEN_VERSION)" || \
		cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)

tools-build: tools
	@$(TOOLS)/node_modules/.bin/wasm-opt --version 2>/dev/null | grep -q "version 132" || \
		npm install --prefix $(TOOLS) --no-audit --no-fund binaryen@$(BINARYEN_VERSION)

## Headless Chromium for the browser tests; qpdf and pdftotext (poppler-utils) for the PDF checks;
## axe-core for the accessibility checks the browser tests run in Chromium.
tools-browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null && command -v qpdf >/dev/null && \
		command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null || \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			chromium chromium-driver qpdf poppler-utils; }
	@test -f $(TOOLS)/node_modules/axe-core/axe.min.js || \
		npm install --prefix $(TOOLS) --no-audit --no-fund axe-core@$(AXE_CORE_VERSION)

## Release bundle: file names carry a hash of their content (cached for a year), each file
## beside its Brotli and gzip copies; the hashes go into the site root for the server to read.
## `--split`: each lazy island (`#[island(lazy)]`) is its own wasm chunk, loaded by the pages
## that have it (issue 15).
build:
	LEPTOS_HASH_FILES=true cargo leptos build --release --precompress --split
	cp target/release/hash.txt target/site/hash.txt

fmt-check:
	cargo fmt --all -- --check

clippy:
	cargo clippy -p app -p pakta -p migration --features app/ssr --all-targets -- -D warnings
	cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

## The browser bundle (debug) the browser tests load, split like the release bundle.
site:
	cargo leptos build --frontend-only --split

## Test runtimes' threads get the stack the server's own runtime has (server/src/main.rs): in a
## debug build, rendering a page recurses deeply through the view tree.
unit-and-integration:
	RUST_MIN_STACK=8388608 cargo test -p app -p pakta -p migration --features app/ssr

## Benchmarks (release builds; not part of `test`): the engine (issue 3), pact PDFs (issue 4).
bench:
	cargo bench -p app --bench engine
	cargo bench -p pakta --bench pdf
	cargo bench -p pakta --bench tpp_run

## Page weight on a phone (issue 15; release build, a few minutes): bytes of a first and a repeat
## visit, wasm bytes, and Lighthouse's mobile scores of six pages, as one table (README).
bench-web: tools-build tools-browser build
	@test -f $(TOOLS)/node_modules/lighthouse/package.json && grep -q '"version": "$(LIGHTHOUSE_VERSION)"' $(TOOLS)/node_modules/lighthouse/package.json || \
		npm install --prefix $(TOOLS) --no-audit --no-fund lighthouse@$(LIGHTHOUSE_VERSION) \
			puppeteer-core@$(PUPPETEER_CORE_VERSION) chrome-launcher@$(CHROME_LAUNCHER_VERSION)
	@ln -sfn $(TOOLS)/node_modules bench/node_modules
	bench/page_weight.sh

## Load test of the real HTTP server (release; not part of `test`): the DPRD dashboard and /saya
## under 50 clients (issue 6), then the month-end surge of 200 clients (issue 7).
load:
	PAKTA_LOAD_MODE=all cargo bench -p pakta --bench load

clean:
	cargo clean
	rm -rf $(TOOLS)

# softone-go: `make demo` runs the demo against the embedded simulator, `make test` runs
# every suite (Rust, Python, Node, C, C#), `make bench` the benchmarks. See README.md.

CARGO ?= cargo
PYTHON ?= python3
VENV := $(CURDIR)/.venv
VPY := $(VENV)/bin/python
TARGET := $(or $(CARGO_TARGET_DIR),$(CURDIR)/target)
export CARGO_TERM_COLOR ?= never
# Rust crates that cargo tests directly (the Python and Node addons are built by their tools).
RUST_CRATES := --workspace --exclude softone-go-python --exclude softone-go-node

.PHONY: all demo test test-rust lint test-python test-node test-c test-dotnet bench \
        python-dev node-dev c-lib c-lib-release header clean

all: test

## demo: the CLI demo, then the same small program in every language, against the simulator
demo: python-dev node-dev c-lib
	$(CARGO) run --quiet -p softone-go-cli -- demo
	@echo; echo "== Python: examples/python/fetch.py"; $(VPY) examples/python/fetch.py
	@echo; echo "== Node: examples/node/fetch.mjs"; node examples/node/fetch.mjs
	@echo; echo "== C: examples/c/fetch.c"; bash examples/c/run.sh
	@if command -v mcs >/dev/null && command -v mono >/dev/null || command -v dotnet >/dev/null; then \
	  echo; echo "== C#: examples/dotnet"; bash examples/dotnet/run.sh; \
	else echo; echo "== C#: skipped (neither Mono nor dotnet is installed)"; fi

## test: every suite
test: test-rust lint test-python test-node test-c test-dotnet

## test-rust: unit and integration tests of the core, simulator, CLI, C ABI and header freshness
test-rust:
	$(CARGO) test $(RUST_CRATES) --exclude softone-go-bench

## lint: formatting and clippy (warnings are errors) over every crate
lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

$(VPY):
	$(PYTHON) -m venv $(VENV)
	$(VPY) -m pip install --quiet --upgrade pip
	$(VPY) -m pip install --quiet "maturin>=1.7,<2" pytest mypy requests

## python-dev: build the Python extension into .venv (debug profile: fast to build, shares target/)
python-dev: $(VPY)
	cd bindings-python && VIRTUAL_ENV=$(VENV) $(VENV)/bin/maturin develop --quiet --profile dev

## test-python: the pytest suite of the Python binding
test-python: python-dev
	$(VPY) -m pytest -q bindings-python/tests

bindings-node/node_modules: bindings-node/package-lock.json
	cd bindings-node && npm ci --no-audit --no-fund
	@touch $@

## node-dev: build the Node addon (debug profile)
node-dev: bindings-node/node_modules
	cd bindings-node && npm run --silent build:debug

## test-node: the node:test suite of the Node binding (under three time zones)
test-node: node-dev
	cd bindings-node && npm test

## c-lib: the C library (shared and static), debug profile
c-lib:
	$(CARGO) build -p softone-go-c

## test-c: the C tests under valgrind, against the shared and the static library
test-c: c-lib
	bash tests/c/run.sh $(TARGET)/debug

## test-dotnet: the C# wrapper's tests under Mono
test-dotnet: c-lib
	bash bindings-dotnet/run-tests.sh $(TARGET)/debug

## header: regenerate include/softone_go.h from the C ABI crate
header:
	UPDATE_HEADER=1 $(CARGO) test -p softone-go-c --test header

## bench: every benchmark (release builds), one table; see BENCHMARKS.md
bench: $(VPY) bindings-node/node_modules
	$(VPY) -m pip install --quiet requests
	$(CARGO) build --release -p softone-go-bench -p softone-go-c
	cd bindings-python && VIRTUAL_ENV=$(VENV) $(VENV)/bin/maturin develop --quiet --release
	cd bindings-node && npm run --silent build
	bash benches/contenders/build-c.sh
	$(CARGO) bench -p softone-go-bench --bench parse -- --noplot
	$(PYTHON) benches/run.py

clean:
	$(CARGO) clean
	rm -rf $(VENV) bindings-node/node_modules bindings-node/*.node

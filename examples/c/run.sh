#!/usr/bin/env bash
# Compile examples/c/fetch.c against the C library and run it (used by `make demo`).
#   examples/c/run.sh [LIB_DIR]   (default: ${CARGO_TARGET_DIR:-target}/debug)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
lib_dir="$(cd "${1:-${CARGO_TARGET_DIR:-$root/target}/debug}" && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
gcc -std=c11 -Wall -Wextra -Werror -pedantic -I"$root/include" "$root/examples/c/fetch.c" \
    -o "$out/fetch" -L"$lib_dir" -lsoftone_go -lpthread
LD_LIBRARY_PATH="$lib_dir" "$out/fetch"

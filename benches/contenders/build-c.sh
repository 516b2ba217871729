#!/usr/bin/env bash
# Build the C benchmark contender against the release C library.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
mkdir -p "$target/bench"
gcc -O2 -std=c11 -Wall -Wextra -Werror -I"$root/include" "$root/benches/contenders/c_softone.c" \
    -o "$target/bench/c_softone" -L"$target/release" -lsoftone_go -Wl,-rpath,"$target/release"

#!/usr/bin/env bash
# Build and run the C tests of the softone-go C ABI.
#
#   tests/c/run.sh [LIB_DIR]
#
# LIB_DIR holds libsoftone_go.so and libsoftone_go.a (default: $SOFTONE_LIB_DIR, else
# ${CARGO_TARGET_DIR:-<repo>/target}/release; built with `cargo build --release -p
# softone-go-c` when missing). Builds into $BUILD_DIR (default: a temporary directory).
# Runs the main test program under valgrind (set SOFTONE_NO_VALGRIND=1 to skip valgrind),
# the statically linked program, the header compiled as C++17, and examples/c/fetch.c.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
lib_dir="${1:-${SOFTONE_LIB_DIR:-${CARGO_TARGET_DIR:-$root/target}/release}}"
if [[ ! -f "$lib_dir/libsoftone_go.so" || ! -f "$lib_dir/libsoftone_go.a" ]]; then
    echo "== building libsoftone_go (release)"
    (cd "$root" && cargo build --release -p softone-go-c)
fi
lib_dir="$(cd "$lib_dir" && pwd)"
build="${BUILD_DIR:-$(mktemp -d)}"
mkdir -p "$build"

CFLAGS=(-std=c11 -Wall -Wextra -Werror -pedantic -g -I"$root/include")
CXXFLAGS=(-std=c++17 -Wall -Wextra -Werror -pedantic -g -I"$root/include")
# What the Rust standard library needs from the system when linked statically.
STATIC_LIBS=(-lpthread -ldl -lm -lrt -lgcc_s)

echo "== compiling (gcc -std=c11 -Wall -Wextra -Werror -pedantic; g++ -std=c++17)"
gcc "${CFLAGS[@]}" "$here/test_softone.c" -o "$build/test_softone" -L"$lib_dir" -lsoftone_go -lpthread
gcc "${CFLAGS[@]}" "$here/test_static.c" -o "$build/test_static" "$lib_dir/libsoftone_go.a" "${STATIC_LIBS[@]}"
g++ "${CXXFLAGS[@]}" "$here/header_check.cpp" -o "$build/header_check" -L"$lib_dir" -lsoftone_go
gcc "${CFLAGS[@]}" "$root/examples/c/fetch.c" -o "$build/fetch" -L"$lib_dir" -lsoftone_go
if ldd "$build/test_static" | grep -q softone_go; then
    echo "test_static is not statically linked" >&2
    exit 1
fi

python3 "$here/fixtures_to_lines.py" "$root/tests/fixtures" "$build/fixtures.txt"
export LD_LIBRARY_PATH="$lib_dir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
# The tests build their own configuration; the caller's SOFTONE_* must not leak in.
for v in $(env | grep -o '^SOFTONE_[A-Z_]*' || true); do unset "$v"; done

run() {
    if [[ "${SOFTONE_NO_VALGRIND:-0}" == 1 ]]; then
        "$@"
    else
        valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite,indirect,possible \
            --error-exitcode=1 --suppressions="$here/valgrind.supp" "$@"
    fi
}

echo "== C++17 header check"
"$build/header_check"
echo "== static library"
run "$build/test_static"
echo "== C tests (valgrind --leak-check=full)"
run "$build/test_softone" "$build/fixtures.txt"
echo "== examples/c/fetch.c"
"$build/fetch" > "$build/fetch.out"
grep -q "^6 entries" "$build/fetch.out" || { cat "$build/fetch.out"; echo "fetch.c did not print 6 entries" >&2; exit 1; }
echo "C tests: ok"

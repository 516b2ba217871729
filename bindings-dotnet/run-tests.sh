#!/usr/bin/env bash
# Build the C# wrapper and its tests with Mono's mcs and run them with mono against the
# native library.
#
#   bindings-dotnet/run-tests.sh [LIB_DIR]
#
# LIB_DIR holds libsoftone_go.so (default: $SOFTONE_LIB_DIR, else
# ${CARGO_TARGET_DIR:-<repo>/target}/release; built with `cargo build --release -p
# softone-go-c` when missing). Output goes to $BUILD_DIR (default: a temporary directory).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
lib_dir="${1:-${SOFTONE_LIB_DIR:-${CARGO_TARGET_DIR:-$root/target}/release}}"
if [[ ! -f "$lib_dir/libsoftone_go.so" ]]; then
    echo "== building libsoftone_go (release)"
    (cd "$root" && cargo build --release -p softone-go-c)
fi
lib_dir="$(cd "$lib_dir" && pwd)"
build="${BUILD_DIR:-$(mktemp -d)}"
mkdir -p "$build"
command -v mcs >/dev/null || { echo "mcs not found: apt-get install -y mono-mcs mono-runtime" >&2; exit 1; }

echo "== mcs: SoftOne.Go.dll, tests, example"
mcs -nologo -warnaserror -target:library -doc:"$build/SoftOne.Go.xml" -out:"$build/SoftOne.Go.dll" "$here"/src/SoftOne.Go/*.cs
mcs -nologo -out:"$build/SoftOne.Go.Tests.exe" -r:"$build/SoftOne.Go.dll" -r:System.Core.dll "$here/tests/Program.cs"
mcs -nologo -out:"$build/Fetch.exe" -r:"$build/SoftOne.Go.dll" "$root/examples/dotnet/Program.cs"
python3 "$root/tests/c/fixtures_to_lines.py" "$root/tests/fixtures" "$build/fixtures.txt"

export LD_LIBRARY_PATH="$lib_dir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
# The tests build their own configuration; the caller's SOFTONE_* must not leak in.
for v in $(env | grep -o '^SOFTONE_[A-Z_]*' || true); do unset "$v"; done
echo "== C# tests (mono)"
mono "$build/SoftOne.Go.Tests.exe" "$build/fixtures.txt"
echo "== examples/dotnet"
mono "$build/Fetch.exe" > "$build/fetch.out"
grep -q "^6 entries" "$build/fetch.out" || { cat "$build/fetch.out"; echo "the example did not print 6 entries" >&2; exit 1; }
echo "C# tests: ok"

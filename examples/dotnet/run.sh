#!/usr/bin/env bash
# Compile the C# wrapper and examples/dotnet/Program.cs with Mono and run it (used by `make demo`).
#   examples/dotnet/run.sh [LIB_DIR]   (default: ${CARGO_TARGET_DIR:-target}/debug)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
lib_dir="$(cd "${1:-${CARGO_TARGET_DIR:-$root/target}/debug}" && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
mcs -nologo -target:library -out:"$out/SoftOne.Go.dll" "$root"/bindings-dotnet/src/SoftOne.Go/*.cs
mcs -nologo -out:"$out/Fetch.exe" -r:"$out/SoftOne.Go.dll" "$root/examples/dotnet/Program.cs"
LD_LIBRARY_PATH="$lib_dir" mono "$out/Fetch.exe"

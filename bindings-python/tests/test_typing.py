"""The typed example runs, and passes `mypy --strict` against the shipped stubs."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
EXAMPLE = ROOT / "examples" / "python" / "fetch.py"


def test_example_runs_against_the_simulator() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SOFTONE_")}
    out = subprocess.run([sys.executable, str(EXAMPLE)], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "Employee 107 on 2026-05-07: 6 punches" in out.stdout


def test_example_passes_mypy_strict() -> None:
    pytest.importorskip("mypy")
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(EXAMPLE)],
        capture_output=True, text=True, timeout=120, cwd=str(ROOT),
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_stubs_and_marker_ship_with_the_package() -> None:
    import softone_go

    pkg = pathlib.Path(softone_go.__file__).parent
    assert (pkg / "py.typed").is_file()
    assert (pkg / "__init__.pyi").is_file()

"""Shared fixtures: an in-process simulator per test, and the conformance fixtures."""

from __future__ import annotations

import json
import pathlib
from typing import Any, Dict, Iterator, List

import pytest

from softone_go import Simulator

#: The repository's cross-language conformance fixtures.
FIXTURES = pathlib.Path(__file__).resolve().parent.parent.parent / "tests" / "fixtures"


def load_fixtures() -> List[Dict[str, Any]]:
    """Every conformance fixture, with its file name as ``name``."""
    out = []
    for p in sorted(FIXTURES.glob("*.json")):
        case = json.loads(p.read_text(encoding="utf-8"))
        case["name"] = p.stem
        out.append(case)
    return out


@pytest.fixture
def sim() -> Iterator[Simulator]:
    """A fresh simulator (no delay on failed logins)."""
    with Simulator(login_failure_delay=0) as s:
        yield s

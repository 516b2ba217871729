"""Every conformance fixture through the real client, over HTTP, against the simulator."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Dict

import pytest

import softone_go
from softone_go import DecodeError, EntryType, Simulator, SoftOneError

from conftest import FIXTURES, load_fixtures

CASES = load_fixtures()

KIND_TO_CLASS = {
    "INVALID_ARGUMENT": softone_go.ConfigurationError,
    "AUTHENTICATION": softone_go.AuthenticationError,
    "RATE_LIMITED": softone_go.RateLimitError,
    "API": softone_go.ApiError,
    "TIMEOUT": softone_go.TimeoutError,
    "TRANSPORT": softone_go.TransportError,
    "DECODE": softone_go.DecodeError,
}


def test_fixtures_exist() -> None:
    assert FIXTURES.is_dir(), FIXTURES
    assert len(CASES) >= 10


def expected_datetime(iso: str) -> dt.datetime:
    """The Python datetime of a canonical ISO timestamp: fraction truncated to microseconds."""
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})?", iso)
    assert m, iso
    base = dt.datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S")
    micro = int((m.group(2) or "0")[:6].ljust(6, "0"))
    base = base.replace(microsecond=micro)
    off = m.group(3)
    if off is None:
        return base
    if off == "Z":
        return base.replace(tzinfo=dt.timezone.utc)
    sign = -1 if off[0] == "-" else 1
    delta = dt.timedelta(hours=int(off[1:3]), minutes=int(off[4:6]))
    return base.replace(tzinfo=dt.timezone(sign * delta))


def check_entry(got: softone_go.TimeStampEntry, want: Dict[str, Any]) -> None:
    assert got.employee_nr == want["employee_nr"]
    assert got.employee_external_code == want["employee_external_code"]
    assert got.time_stamp_iso == want["time_stamp"]
    ts = got.time_stamp
    exp = expected_datetime(want["time_stamp"])
    assert ts == exp
    assert (ts.tzinfo is None) == (exp.tzinfo is None)
    if exp.tzinfo is not None:
        assert ts.utcoffset() == exp.utcoffset()
    assert got.entry_type is EntryType(want["entry_type"])
    assert got.is_break is want["is_break"]
    assert got.account_nr == want["account_nr"]
    assert got.sie_account_dim == want["sie_account_dim"]
    assert got.time_terminal_id == want["time_terminal_id"]
    assert [(a.account_nr, a.sie_account_dim) for a in got.accounts] == [
        (a["account_nr"], a["sie_account_dim"]) for a in want["accounts"]
    ]
    assert got.time_schedule_type_codes == want["time_schedule_type_codes"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_fixture(case: Dict[str, Any]) -> None:
    with Simulator(login_failure_delay=0) as sim:
        sim.inject({"fault": "status", "status": 200, "body": case["body"], "endpoint": "data", "times": 1})
        client = sim.client(chunk_days=0, max_retries=0)
        q = case["query"]
        if "expected_error" in case:
            want = case["expected_error"]
            with pytest.raises(SoftOneError) as info:
                client.time_stamp_entries(q["date_from"], q["date_to"], employees=q["employees"])
            assert type(info.value) is KIND_TO_CLASS[want["kind"]], repr(info.value)
            if isinstance(info.value, DecodeError):
                assert info.value.entry_index == want.get("entry_index")
                assert info.value.field == want.get("field")
        else:
            got = client.time_stamp_entries(q["date_from"], q["date_to"], employees=q["employees"])
            assert len(got) == len(case["expected"]), [e.to_dict() for e in got]
            for g, w in zip(got, case["expected"]):
                check_entry(g, w)
        assert sim.data_request_count == 1

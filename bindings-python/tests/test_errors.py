"""Every exception class from a real provoked failure, and no secret in any of them."""

from __future__ import annotations

import builtins
import datetime as dt
import pickle
import socket
import traceback
from typing import Callable, List, Type

import pytest

import softone_go
from softone_go import (
    ApiError,
    AuthenticationError,
    Client,
    ConfigurationError,
    DecodeError,
    RateLimitError,
    Simulator,
    SoftOneError,
    TimeoutError,
    TransportError,
)

DAY = "2026-05-07"
USER_TOKEN = "tok-SECRET-4711"


def test_hierarchy() -> None:
    for cls in (ConfigurationError, AuthenticationError, ApiError, RateLimitError, TransportError, TimeoutError, DecodeError):
        assert issubclass(cls, SoftOneError)
    assert issubclass(SoftOneError, Exception)
    assert issubclass(ConfigurationError, ValueError)
    assert issubclass(RateLimitError, ApiError)
    assert issubclass(TimeoutError, TransportError) and issubclass(TimeoutError, builtins.TimeoutError)
    assert softone_go.TimeoutError is not builtins.TimeoutError


def fetch(client: Client) -> None:
    client.time_stamp_entries(DAY, DAY, employees=["107"])


def provoke(sim: Simulator, what: str) -> SoftOneError:
    """Make the failure happen for real and return the exception raised."""
    try:
        if what == "configuration":
            sim.client().time_stamp_entries(dt.datetime(2026, 5, 7, 8), DAY)
        elif what == "login_refused":
            sim.inject({"fault": "login_failure", "message": "Felaktigt lösenord", "endpoint": "login"})
            fetch(sim.client())
        elif what == "token_refused":
            creds = sim.credentials
            fetch(Client(company_api_key=creds["company_api_key"], connect_api_key=creds["connect_api_key"],
                         token=USER_TOKEN, base_url=sim.url, max_retries=0))
        elif what == "api":
            sim.inject({"fault": "status", "status": 500, "times": 5})
            fetch(sim.client(max_retries=0))
        elif what == "rate_limited":
            sim.inject({"fault": "status", "status": 429, "retry_after": "1", "times": 5})
            fetch(sim.client(max_retries=0))
        elif what == "transport_drop":
            sim.inject({"fault": "drop_mid_body", "times": 5})
            fetch(sim.client(max_retries=0))
        elif what == "transport_refused":
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
            s.close()
            fetch(sim.client(base_url=f"http://127.0.0.1:{port}", max_retries=0, connect_timeout=2))
        elif what == "timeout":
            sim.inject({"fault": "delay", "ms": 3000, "times": 5})
            fetch(sim.client(timeout=0.3, max_retries=0))
        elif what == "decode_malformed":
            sim.inject({"fault": "malformed"})
            fetch(sim.client(max_retries=0))
        elif what == "decode_wrong_shape":
            sim.inject({"fault": "wrong_shape"})
            fetch(sim.client(max_retries=0))
        else:
            raise AssertionError(what)
    except SoftOneError as e:
        return e
    raise AssertionError(f"{what}: no exception")


CASES: List[tuple[str, Type[SoftOneError]]] = [
    ("configuration", ConfigurationError),
    ("login_refused", AuthenticationError),
    ("token_refused", AuthenticationError),
    ("api", ApiError),
    ("rate_limited", RateLimitError),
    ("transport_drop", TransportError),
    ("transport_refused", TransportError),
    ("timeout", TimeoutError),
    ("decode_malformed", DecodeError),
    ("decode_wrong_shape", DecodeError),
]


@pytest.mark.parametrize("what,cls", CASES, ids=[c[0] for c in CASES])
def test_each_exception_class_from_a_real_failure(sim: Simulator, what: str, cls: Type[SoftOneError]) -> None:
    e = provoke(sim, what)
    assert type(e) is cls, f"{what}: {type(e).__name__}: {e}"
    assert str(e)
    # no secret in the message, repr, traceback, attributes or pickled form
    creds = sim.credentials
    secrets = [creds["company_api_key"], creds["connect_api_key"], creds["password"], USER_TOKEN]
    try:
        raise e
    except SoftOneError:
        tb = traceback.format_exc()
    texts = [str(e), repr(e), tb, repr(vars(e)), repr(pickle.loads(pickle.dumps(e)).__dict__)]
    for text in texts:
        for s in secrets:
            assert s not in text, f"{what} leaks a secret: {text}"
    if e.url is not None:
        assert "token=***" in e.url or "/Login/Token" in e.url, e.url
        assert "companyApiKey=***" in e.url


def test_api_error_details(sim: Simulator) -> None:
    e = provoke(sim, "api")
    assert isinstance(e, ApiError) and not isinstance(e, RateLimitError)
    assert e.status_code == 500
    assert e.url is not None and "/Personell/Time/TimeStampEntry" in e.url


def test_rate_limit_details(sim: Simulator) -> None:
    e = provoke(sim, "rate_limited")
    assert isinstance(e, RateLimitError)
    assert e.status_code == 429
    assert e.retry_after == 1.0


def test_login_refused_carries_the_server_message(sim: Simulator) -> None:
    e = provoke(sim, "login_refused")
    assert e.server_message == "Felaktigt lösenord"
    assert "Felaktigt lösenord" in str(e)
    assert sim.login_count == 1  # a failed login is not retried


def test_timeout_is_builtin_timeout(sim: Simulator) -> None:
    e = provoke(sim, "timeout")
    assert isinstance(e, builtins.TimeoutError) and isinstance(e, TransportError)
    with pytest.raises(builtins.TimeoutError):
        raise e


def test_decode_error_location(sim: Simulator) -> None:
    e = provoke(sim, "decode_malformed")
    assert isinstance(e, DecodeError)
    # where it failed is always present (values are checked by the conformance fixtures)
    assert e.entry_index is None or isinstance(e.entry_index, int)
    assert e.field is None or e.field in str(e)


def test_guard_drops_unrequested_employees(sim: Simulator) -> None:
    sim.inject({"fault": "extra_employee"})
    entries = sim.client().time_stamp_entries(DAY, DAY, employees=["107"])
    assert {e.employee_nr for e in entries} == {"107"}
    assert len(entries) == 6


def test_retries_then_success(sim: Simulator) -> None:
    sim.inject({"fault": "status", "status": 503, "retry_after": "0", "times": 2})
    entries = sim.client().time_stamp_entries(DAY, DAY, employees=["107"])
    assert len(entries) == 6
    assert sim.data_request_count == 3


def test_relogin_after_revoked_token(sim: Simulator) -> None:
    c = sim.client()
    c.time_stamp_entries(DAY, DAY, employees=["107"])
    sim.revoke_tokens()
    assert len(c.time_stamp_entries(DAY, DAY, employees=["107"])) == 6
    assert sim.login_count == 2


def test_simulator_log_is_redacted(sim: Simulator) -> None:
    sim.client().time_stamp_entries(DAY, DAY, employees=["107"])
    reqs = sim.requests()
    assert [r["method"] for r in reqs] == ["POST", "GET"]
    data = reqs[1]
    assert data["employees"] == ["107"] and data["date_from"] == DAY
    assert sim.credentials["company_api_key"] not in data["query"]


def test_bad_fault_is_refused(sim: Simulator) -> None:
    with pytest.raises(ConfigurationError):
        sim.inject({"fault": "no-such-fault"})
    with pytest.raises(ConfigurationError):
        sim.inject_json("not json")

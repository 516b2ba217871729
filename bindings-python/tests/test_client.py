"""The blocking client: queries, entries as Python objects, threads, fork, Ctrl-C."""

from __future__ import annotations

import datetime as dt
import os
import pickle
import signal
import subprocess
import sys
import textwrap
import threading
import time
from typing import List, Tuple

import pytest

import softone_go
from softone_go import Account, Client, ConfigurationError, EntryType, Simulator, TimeStampEntry

DAY = dt.date(2026, 5, 7)


def test_document_example_employee_107(sim: Simulator) -> None:
    entries = sim.client().time_stamp_entries(DAY, DAY, employees=["107"])
    assert len(entries) == 6
    assert all(e.employee_nr == "107" for e in entries)
    stamps = [e.time_stamp for e in entries]
    assert stamps == sorted(stamps)
    assert all(isinstance(t, dt.datetime) and t.tzinfo is None for t in stamps)
    assert all(t.date() == DAY for t in stamps)
    assert all(isinstance(e.entry_type, EntryType) for e in entries)


def test_employee_without_punches_and_int_employee(sim: Simulator) -> None:
    c = sim.client()
    assert c.time_stamp_entries("2026-05-06", "2026-05-06", employees=[101]) == []
    # ints are their decimal form; a generator is an iterable too
    got = c.time_stamp_entries("2026-05-07", "2026-05-07", employees=(x for x in [107]))
    assert len(got) == 6


def test_all_employees_week_is_sorted_and_chunked(sim: Simulator) -> None:
    c = sim.client(chunk_days=2)
    entries = c.time_stamp_entries(dt.date(2026, 5, 1), dt.date(2026, 5, 7))
    assert len(entries) > 100
    keys = [(len(e.employee_nr), e.employee_nr, e.time_stamp) for e in entries if e.employee_nr.isdigit()]
    assert keys == sorted(keys)
    assert sim.data_request_count == 4  # 7 days in windows of 2


def test_progress_callback(sim: Simulator) -> None:
    calls: List[Tuple[int, int]] = []
    sim.client(chunk_days=1).time_stamp_entries(
        "2026-05-01", "2026-05-03", on_progress=lambda d, t: calls.append((d, t))
    )
    assert calls == [(1, 3), (2, 3), (3, 3)]


def test_progress_callback_exception_propagates(sim: Simulator) -> None:
    class Stop(Exception):
        pass

    def boom(done: int, total: int) -> None:
        raise Stop("from the callback")

    sim.set_latency(0.1)
    with pytest.raises(Stop):
        sim.client(chunk_days=1, max_concurrency=1).time_stamp_entries("2026-05-01", "2026-05-20", on_progress=boom)
    assert sim.data_request_count < 20


@pytest.mark.parametrize(
    "bad",
    [
        dt.datetime(2026, 5, 7, 8, 0),
        "2026-5-7",
        "2026-05-07T00:00:00",
        "2026-02-30",
        20260507,
    ],
)
def test_bad_dates_are_configuration_errors(sim: Simulator, bad: object) -> None:
    with pytest.raises(ConfigurationError) as info:
        sim.client().time_stamp_entries(bad, DAY)  # type: ignore[arg-type]
    assert isinstance(info.value, ValueError)
    assert sim.login_count == 0 and sim.data_request_count == 0


def test_datetime_refusal_explains_work_date(sim: Simulator) -> None:
    with pytest.raises(ConfigurationError, match="work date"):
        sim.client().time_stamp_entries(DAY, dt.datetime(2026, 5, 7, 12))


def test_reversed_range_and_bad_employees(sim: Simulator) -> None:
    c = sim.client()
    with pytest.raises(ConfigurationError, match="after"):
        c.time_stamp_entries("2026-05-08", "2026-05-07")
    for bad in ["107", ["1,2"], [""], [1.5], [None]]:
        with pytest.raises(ConfigurationError):
            c.time_stamp_entries(DAY, DAY, employees=bad)  # type: ignore[arg-type]
    assert sim.data_request_count == 0


def test_bad_options() -> None:
    with pytest.raises(ConfigurationError, match="company_api_key"):
        Client(connect_api_key="x", token="t")
    with pytest.raises(ConfigurationError, match="unencrypted"):
        Client(company_api_key="a", connect_api_key="b", token="t", base_url="http://example.com")
    with pytest.raises(ConfigurationError, match="timeout"):
        Client(company_api_key="a", connect_api_key="b", token="t", timeout=-1)
    with pytest.raises(ConfigurationError, match="max_concurrency"):
        Client(company_api_key="a", connect_api_key="b", token="t", max_concurrency=0)
    with pytest.raises(ConfigurationError):
        Client(company_api_key="a", connect_api_key="b", token="t", max_retries=-1)


def test_client_repr_shows_no_secrets(sim: Simulator) -> None:
    c = sim.client(token="tok-SECRET-123")
    r = repr(c)
    assert sim.url in r
    assert "login=set" in r and "token=set" in r
    for v in list(sim.credentials.values())[:5] + ["tok-SECRET-123"]:
        if v != sim.url:
            assert v not in r, r


def test_from_env(sim: Simulator, monkeypatch: pytest.MonkeyPatch) -> None:
    creds = sim.credentials
    monkeypatch.setenv("SOFTONE_COMPANY_API_KEY", creds["company_api_key"])
    monkeypatch.setenv("SOFTONE_CONNECT_API_KEY", creds["connect_api_key"])
    monkeypatch.setenv("SOFTONE_LICENSE", creds["license"])
    monkeypatch.setenv("SOFTONE_USERNAME", creds["username"])
    monkeypatch.setenv("SOFTONE_PASSWORD", creds["password"])
    monkeypatch.setenv("SOFTONE_BASE_URL", sim.url)
    c = Client.from_env()
    assert c.base_url == sim.url
    assert len(c.time_stamp_entries(DAY, DAY, employees=["107"])) == 6
    monkeypatch.delenv("SOFTONE_PASSWORD")
    with pytest.raises(ConfigurationError, match="go together"):
        Client.from_env()


def test_entry_objects(sim: Simulator) -> None:
    entries = sim.client().time_stamp_entries("2026-05-01", "2026-05-03")
    e = entries[0]
    with pytest.raises(AttributeError):
        e.employee_nr = "x"  # type: ignore[misc]
    again = sim.client().time_stamp_entries("2026-05-01", "2026-05-03")
    assert entries == again
    assert hash(entries[0]) == hash(again[0])
    assert entries[0] != entries[1]
    assert len(set(entries)) == len(entries)
    assert pickle.loads(pickle.dumps(entries)) == entries
    d = e.to_dict()
    assert d["employee_nr"] == e.employee_nr and d["time_stamp"] == e.time_stamp
    assert d["entry_type"] is e.entry_type
    assert d["accounts"] == [a.to_dict() for a in e.accounts]
    assert set(d) == {
        "employee_nr", "employee_external_code", "time_stamp", "entry_type", "is_break",
        "account_nr", "sie_account_dim", "time_terminal_id", "accounts", "time_schedule_type_codes",
    }
    r = repr(e)
    assert r.startswith("TimeStampEntry(employee_nr=") and repr(e.employee_nr) in r
    # the lists handed out are copies: the entry stays frozen
    accts = e.accounts
    accts.append(Account("x", 1))
    assert e.accounts != accts
    # repeated strings are shared, not copied per entry
    same = [x for x in entries if x.employee_nr == e.employee_nr]
    assert all(x.employee_nr is same[0].employee_nr for x in same)
    with_accounts = [x for x in entries if x.accounts]
    assert with_accounts and isinstance(with_accounts[0].accounts[0], Account)


def test_entry_construction_and_precision() -> None:
    e = TimeStampEntry("7", "2026-05-07T08:00:04.1234567+02:00", EntryType.IN, accounts=[Account("4001", 1)])
    assert e.time_stamp == dt.datetime(2026, 5, 7, 8, 0, 4, 123456, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert e.time_stamp_iso == "2026-05-07T08:00:04.1234567+02:00"
    assert pickle.loads(pickle.dumps(e)).time_stamp_iso == e.time_stamp_iso
    n = TimeStampEntry("7", dt.datetime(2026, 5, 7, 8, 0), "Out")
    assert n.time_stamp.tzinfo is None and n.entry_type is EntryType.OUT
    assert Account("4001", 1) == Account("4001", 1) and hash(Account("4001", 1)) == hash(Account("4001", 1))
    assert repr(Account("4001", 1)) == "Account(account_nr='4001', sie_account_dim=1)"
    assert pickle.loads(pickle.dumps(Account("4001", None))) == Account("4001", None)
    assert [m.value for m in EntryType] == ["In", "Out", "Unknown"]


def test_threads_share_one_client_and_one_login(sim: Simulator) -> None:
    c = sim.client()
    results: List[int] = []
    errors: List[BaseException] = []

    def work() -> None:
        try:
            results.append(len(c.time_stamp_entries(DAY, DAY, employees=["107"])))
        except BaseException as e:  # noqa: BLE001
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors
    assert results == [6] * 8
    assert sim.login_count == 1


def test_gil_is_released_during_fetch(sim: Simulator) -> None:
    sim.inject({"fault": "delay", "ms": 800})
    c = sim.client()
    ticks = 0
    done = threading.Event()

    def count() -> None:
        nonlocal ticks
        while not done.is_set():
            ticks += 1
            time.sleep(0.01)

    t = threading.Thread(target=count)
    t.start()
    c.time_stamp_entries(DAY, DAY, employees=["107"])
    done.set()
    t.join()
    assert ticks > 20  # the other thread ran while this one waited


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_client_works_after_fork(sim: Simulator) -> None:
    c = sim.client()
    assert len(c.time_stamp_entries(DAY, DAY, employees=["107"])) == 6
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        code = 1
        try:
            n = len(c.time_stamp_entries(DAY, DAY, employees=["107"]))
            os.write(w, str(n).encode())
            code = 0
        finally:
            os._exit(code)
    os.close(w)
    deadline = time.monotonic() + 20
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            pytest.fail("the child hung")
        time.sleep(0.05)
    out = os.read(r, 100).decode()
    os.close(r)
    assert os.WEXITSTATUS(status) == 0 and out == "6"
    # the parent's client still works too
    assert len(c.time_stamp_entries(DAY, DAY, employees=["107"])) == 6


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigint_interrupts_a_slow_fetch() -> None:
    script = textwrap.dedent(
        """
        import sys, time
        from softone_go import Simulator
        with Simulator(login_failure_delay=0) as sim:
            sim.inject({"fault": "delay", "ms": 30000})
            c = sim.client()
            print("ready", flush=True)
            t = time.monotonic()
            try:
                c.time_stamp_entries("2026-05-07", "2026-05-07", employees=["107"])
                print("finished", flush=True)
            except KeyboardInterrupt:
                print("interrupted %.2f" % (time.monotonic() - t), flush=True)
        """
    )
    p = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert p.stdout is not None
    assert p.stdout.readline().strip() == "ready"
    time.sleep(0.5)
    sent = time.monotonic()
    p.send_signal(signal.SIGINT)
    try:
        line = p.stdout.readline().strip()
        p.wait(10)
    finally:
        p.kill()
    assert line.startswith("interrupted"), line
    assert time.monotonic() - sent < 5  # far below the 30 s the request would take


def test_user_agent_suffix_is_python() -> None:
    assert softone_go.__version__ == softone_go.VERSION

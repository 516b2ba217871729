"""The asyncio client: concurrency, not blocking the loop, cancellation, async with."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from typing import List

import pytest

from softone_go import AsyncClient, AuthenticationError, ConfigurationError, Simulator

DAY = dt.date(2026, 5, 7)


def test_async_fetch_and_context_manager(sim: Simulator) -> None:
    async def main() -> int:
        async with sim.async_client() as c:
            assert isinstance(c, AsyncClient)
            entries = await c.time_stamp_entries(DAY, DAY, employees=["107"])
        assert c.closed
        with pytest.raises(RuntimeError):
            await c.time_stamp_entries(DAY, DAY)
        return len(entries)

    assert asyncio.run(main()) == 6


def test_twenty_concurrent_calls_one_login(sim: Simulator) -> None:
    async def main() -> List[int]:
        c = sim.async_client()
        days = [dt.date(2026, 5, 1) + dt.timedelta(days=i % 10) for i in range(20)]
        results = await asyncio.gather(*(c.time_stamp_entries(d, d) for d in days))
        await c.aclose()
        return [len(r) for r in results]

    counts = asyncio.run(main())
    assert len(counts) == 20 and all(n > 0 for n in counts)
    assert sim.login_count == 1
    assert sim.data_request_count == 20


def test_event_loop_is_not_blocked(sim: Simulator) -> None:
    sim.inject({"fault": "delay", "ms": 800})

    async def main() -> int:
        ticks = 0

        async def ticker() -> None:
            nonlocal ticks
            while True:
                ticks += 1
                await asyncio.sleep(0.01)

        t = asyncio.ensure_future(ticker())
        await sim.async_client().time_stamp_entries(DAY, DAY, employees=["107"])
        t.cancel()
        return ticks

    assert asyncio.run(main()) > 20


def test_cancelling_the_task_cancels_the_request(sim: Simulator) -> None:
    # The simulator logs a request when it answers it; a request whose connection was
    # dropped is never answered, so it never shows up in the log.
    sim.inject({"fault": "delay", "ms": 1500})

    async def main() -> float:
        c = sim.async_client()
        task = asyncio.ensure_future(c.time_stamp_entries(DAY, DAY, employees=["107"]))
        await asyncio.sleep(0.5)
        assert sim.login_count == 1  # the fetch is under way: logged in, data request waiting
        assert not task.done()
        start = time.monotonic()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        return time.monotonic() - start

    assert asyncio.run(main()) < 0.5
    time.sleep(1.5)  # past the delay: a request still in flight would be answered and logged
    assert sim.data_request_count == 0

    # control: the same delayed request, not cancelled, is answered and logged
    sim.inject({"fault": "delay", "ms": 300})

    async def uncancelled() -> int:
        return len(await sim.async_client().time_stamp_entries(DAY, DAY, employees=["107"]))

    assert asyncio.run(uncancelled()) == 6
    assert sim.data_request_count == 1


def test_async_errors_and_validation(sim: Simulator) -> None:
    async def main() -> None:
        c = sim.async_client()
        with pytest.raises(ConfigurationError):
            await c.time_stamp_entries(dt.datetime(2026, 5, 7, 8), DAY)
        sim.inject({"fault": "login_failure", "message": "nope", "endpoint": "login"})
        with pytest.raises(AuthenticationError):
            await c.time_stamp_entries(DAY, DAY)

    asyncio.run(main())


def test_async_progress(sim: Simulator) -> None:
    calls: List[tuple[int, int]] = []

    async def main() -> None:
        c = sim.async_client(chunk_days=1)
        await c.time_stamp_entries("2026-05-01", "2026-05-02", on_progress=lambda d, t: calls.append((d, t)))

    asyncio.run(main())
    assert sorted(calls) == [(1, 2), (2, 2)]

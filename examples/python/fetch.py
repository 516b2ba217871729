"""Fetch punch-clock entries with softone-go and print them as a small table.

Runs against the real SoftOne GO API when the SOFTONE_* environment variables are set
(SOFTONE_COMPANY_API_KEY, SOFTONE_CONNECT_API_KEY, SOFTONE_LICENSE, SOFTONE_USERNAME,
SOFTONE_PASSWORD, optionally SOFTONE_BASE_URL), else against the built-in simulator.

    python examples/python/fetch.py
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections import Counter
from datetime import date, timedelta
from typing import Iterator, List

from softone_go import Client, Simulator, SoftOneError, TimeStampEntry


@contextlib.contextmanager
def make_client() -> Iterator[Client]:
    """A client for the real service when configured, else for a local simulator."""
    if os.environ.get("SOFTONE_COMPANY_API_KEY"):
        print("Using the SoftOne GO service from the SOFTONE_* environment variables")
        yield Client.from_env()
        return
    with Simulator() as sim:
        print(f"Using the built-in simulator at {sim.url}")
        yield sim.client()


def print_table(entries: List[TimeStampEntry]) -> None:
    """One line per punch: employee, time, type, break flag, account."""
    print(f"{'employee':<10} {'time stamp':<26} {'type':<8} {'break':<6} account")
    for e in entries:
        print(
            f"{e.employee_nr:<10} {e.time_stamp.isoformat():<26} {e.entry_type.value:<8} "
            f"{'yes' if e.is_break else 'no':<6} {e.account_nr or '-'}"
        )


def main() -> int:
    day = date(2026, 5, 7)
    try:
        with make_client() as client:
            one = client.time_stamp_entries(day, day, employees=["107"])
            print(f"\nEmployee 107 on {day}: {len(one)} punches")
            print_table(one)

            week_start = day - timedelta(days=6)
            week = client.time_stamp_entries(week_start, day)
            per_employee = Counter(e.employee_nr for e in week)
            print(f"\nAll employees, {week_start} to {day}: {len(week)} punches, {len(per_employee)} employees")
            print(f"{'employee':<10} punches")
            for nr, n in sorted(per_employee.items(), key=lambda kv: (len(kv[0]), kv[0]))[:10]:
                print(f"{nr:<10} {n}")
            if len(per_employee) > 10:
                print(f"... and {len(per_employee) - 10} more")
    except SoftOneError as e:
        print(f"error ({type(e).__name__}): {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""What a Python user would write instead: requests + json, then dataclasses or plain dicts."""
import os
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Optional, Tuple

import requests

E = os.environ
MODE = sys.argv[1] if len(sys.argv) > 1 else "dataclasses"


@dataclass(frozen=True, slots=True)
class Account:
    account_nr: Optional[str]
    sie_account_dim: Optional[int]


@dataclass(frozen=True, slots=True)
class Entry:
    employee_nr: str
    employee_external_code: Optional[str]
    time_stamp: datetime
    entry_type: str
    is_break: bool
    account_nr: Optional[str]
    sie_account_dim: Optional[int]
    time_terminal_id: Optional[int]
    accounts: Tuple[Account, ...]
    time_schedule_type_codes: Tuple[str, ...]


TYPES = {0: "Unknown", 1: "In", 2: "Out", "In": "In", "Out": "Out", "Unknown": "Unknown"}


def to_entry(d: dict) -> Entry:
    return Entry(
        employee_nr=d["EmployeeNr"],
        employee_external_code=d.get("EmployeeExternalCode"),
        time_stamp=datetime.fromisoformat(d["TimeStamp"]),
        entry_type=TYPES[d.get("TimeStampEntryType") or 0],
        is_break=bool(d.get("IsBreak")),
        account_nr=d.get("AccountNr"),
        sie_account_dim=d.get("SieAccountDim"),
        time_terminal_id=d.get("TimeTerminalId"),
        accounts=tuple(Account(a.get("AccountNr"), a.get("SieAccountDim")) for a in d.get("Accounts") or ()),
        time_schedule_type_codes=tuple(t["TimeScheduleTypeCode"] for t in d.get("TimeScheduleTypes") or ()),
    )


def main() -> None:
    base = E["SOFTONE_BASE_URL"]
    keys = {"companyApiKey": E["SOFTONE_COMPANY_API_KEY"], "connectApiKey": E["SOFTONE_CONNECT_API_KEY"]}
    s = requests.Session()
    login = s.post(f"{base}/Login/Token", params=keys,
                   json={"License": E["SOFTONE_LICENSE"], "UserName": E["SOFTONE_USERNAME"], "Password": E["SOFTONE_PASSWORD"]})
    token = login.json()["token"]
    params = dict(keys, token=token, dateFrom=E["BENCH_DATE_FROM"], dateTo=E["BENCH_DATE_TO"], employeeNrsStrings="NULL")
    t = time.perf_counter()
    r = s.get(f"{base}/Personell/Time/TimeStampEntry", params=params)
    r.raise_for_status()
    data = r.json()
    if MODE == "dataclasses":
        entries = [to_entry(d) for d in data]
    else:
        entries = data
    dt = time.perf_counter() - t
    print(f'{{"seconds": {dt:.6f}, "entries": {len(entries)}}}')


main()

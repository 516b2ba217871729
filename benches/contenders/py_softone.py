"""This library's Python Client, fetching the whole range in one request."""
import os
import time

import softone_go

E = os.environ


def main() -> None:
    client = softone_go.Client(
        company_api_key=E["SOFTONE_COMPANY_API_KEY"], connect_api_key=E["SOFTONE_CONNECT_API_KEY"],
        license=E["SOFTONE_LICENSE"], username=E["SOFTONE_USERNAME"], password=E["SOFTONE_PASSWORD"],
        base_url=E["SOFTONE_BASE_URL"], chunk_days=0)
    client.time_stamp_entries("2026-05-07", "2026-05-07", employees=["107"])  # login, connection
    t = time.perf_counter()
    entries = client.time_stamp_entries(E["BENCH_DATE_FROM"], E["BENCH_DATE_TO"])
    dt = time.perf_counter() - t
    print(f'{{"seconds": {dt:.6f}, "entries": {len(entries)}}}')


main()

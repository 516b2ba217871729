#!/usr/bin/env python3
"""Run every benchmark contender against the simulator and print one table.

Each contender is a separate process that makes one measured fetch of the same 200,000
entries and prints {"seconds": ..., "entries": ...}; peak RSS comes from the OS (wait4).
Contenders are run alternately, round after round, and the median is reported.
Usage: python3 benches/run.py [--rounds N] [--json OUT]   (make bench builds what it needs)
"""
import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
BENCH = os.path.join(TARGET, "release", "softone-go-bench")
VENV_PY = os.path.join(ROOT, ".venv", "bin", "python")
C_BIN = os.path.join(TARGET, "bench", "c_softone")
HERE = os.path.join(ROOT, "benches", "contenders")


def start_server(*extra):
    p = subprocess.Popen([BENCH, "serve", "--employees", "200", "--days", "365", *extra],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    info = json.loads(p.stdout.readline())
    return p, info


def measure(cmd, env):
    """Run cmd once; return (seconds, entries, peak RSS in MB)."""
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # Read everything, then reap the process ourselves to get its own rusage.
    out = p.stdout.read()
    err = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({p.returncode}): {err.decode(errors='replace')[-2000:]}")
    r = json.loads(out.decode().strip().splitlines()[-1])
    return r["seconds"], r["entries"], usage.ru_maxrss / 1024.0


def contenders():
    node = shutil.which("node")
    py = VENV_PY if os.path.exists(VENV_PY) else None
    have_py_lib = py and subprocess.run([py, "-c", "import softone_go, requests"], capture_output=True).returncode == 0
    node_addon = os.path.isdir(os.path.join(ROOT, "bindings-node")) and any(
        f.endswith(".node") for f in os.listdir(os.path.join(ROOT, "bindings-node")))
    c = [
        ("rust: raw transfer (floor)", [BENCH, "raw"], True, "rust"),
        ("rust: softone-go core", [BENCH, "core"], True, "rust"),
        ("rust: reqwest + serde_json::Value", [BENCH, "reqwest-value"], True, "rust"),
        ("c: softone_time_stamp_entries", [C_BIN], os.path.exists(C_BIN), "c"),
        ("python: softone-go Client", [py or "python3", os.path.join(HERE, "py_softone.py")], have_py_lib, "python"),
        ("python: requests + json + dataclasses", [py or "python3", os.path.join(HERE, "py_requests.py"), "dataclasses"], have_py_lib, "python"),
        ("python: requests + json dicts", [py or "python3", os.path.join(HERE, "py_requests.py"), "dicts"], have_py_lib, "python"),
        ("node: softone-go Client", [node or "node", os.path.join(HERE, "node_softone.mjs")], bool(node and node_addon), "node"),
        ("node: fetch + JSON.parse + mapping", [node or "node", os.path.join(HERE, "node_fetch.mjs")], bool(node), "node"),
    ]
    return c


def run_group(entries, env, rounds):
    results = {name: [] for name, _, ok, _ in entries if ok}
    for r in range(rounds):
        for name, cmd, ok, _ in entries:
            if not ok:
                continue
            results[name].append(measure(cmd, env))
        print(f"  round {r + 1}/{rounds} done", file=sys.stderr)
    return results


def med(rows, i):
    return statistics.median(x[i] for x in rows)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--scale-rounds", type=int, default=5)
    ap.add_argument("--per-entry-ns", type=int, default=50000)
    ap.add_argument("--only", default="", help="comma-separated prefixes of contenders to run (e.g. python,c)")
    ap.add_argument("--no-scale", action="store_true", help="skip the scale benchmark")
    ap.add_argument("--json", default=os.path.join(TARGET, "bench", "results.json"))
    a = ap.parse_args()

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}", file=sys.stderr)
    server, info = start_server()
    env = dict(os.environ, **{k: str(v) for k, v in info.items() if k != "entries"})
    env["PYTHONPATH"] = ""
    print(f"server: {info['entries']} entries, {info['BENCH_DATE_FROM']}..{info['BENCH_DATE_TO']}", file=sys.stderr)
    entries = contenders()
    if a.only:
        keep = tuple(p.strip() for p in a.only.split(","))
        entries = [(n, c, ok and (n.startswith(keep) or n.startswith("rust: raw")), g) for n, c, ok, g in entries]
    for name, cmd, ok, _ in entries:
        if ok:  # warm the server's body cache and the OS page cache
            measure(cmd, env)
            break
    res = run_group(entries, env, a.rounds)
    server.stdin.close()
    server.wait()

    sres = {}
    if not a.no_scale:
        scale_server, sinfo = start_server("--latency-ms", "50", "--per-entry-ns", str(a.per_entry_ns))
        senv = dict(os.environ, **{k: str(v) for k, v in sinfo.items() if k != "entries"})
        scale = [("scale: chunked concurrent (default)", [BENCH, "scale-chunked"], True, "rust"),
                 ("scale: sequential monthly loop", [BENCH, "scale-monthly"], True, "rust")]
        sres = run_group(scale, senv, a.scale_rounds)
        scale_server.stdin.close()
        scale_server.wait()

    allres = {**res, **sres}
    table = []
    print()
    print(f"{'contender':<42} {'median s':>9} {'min s':>7} {'peak RSS MB':>12} {'entries':>9}")
    print("-" * 84)
    for name, rows in allres.items():
        print(f"{name:<42} {med(rows, 0):>9.3f} {min(x[0] for x in rows):>7.3f} {med(rows, 2):>12.1f} {rows[0][1]:>9}")
        table.append({"name": name, "median_s": med(rows, 0), "min_s": min(x[0] for x in rows),
                      "rss_mb": med(rows, 2), "entries": rows[0][1], "runs": [x[0] for x in rows]})
    for name, _, ok, _ in entries:
        if not ok:
            print(f"{name:<42} {'skipped: not built':>9}")

    def ratio(a_, b_, i):
        if a_ in allres and b_ in allres:
            return med(allres[b_], i) / med(allres[a_], i)
        return None

    checks = [
        ("python vs requests+json+dataclasses: speed", ratio("python: softone-go Client", "python: requests + json + dataclasses", 0), ">=", 5.0),
        ("python vs requests+json+dataclasses: memory", (1 / ratio("python: softone-go Client", "python: requests + json + dataclasses", 2)) if ratio("python: softone-go Client", "python: requests + json + dataclasses", 2) else None, "<=", 0.5),
        ("python vs requests+json dicts: speed", ratio("python: softone-go Client", "python: requests + json dicts", 0), ">=", 2.0),
        ("node vs fetch+JSON.parse+mapping: speed", ratio("node: softone-go Client", "node: fetch + JSON.parse + mapping", 0), ">=", 1.5),
        ("node vs fetch+JSON.parse+mapping: memory", (1 / ratio("node: softone-go Client", "node: fetch + JSON.parse + mapping", 2)) if ratio("node: softone-go Client", "node: fetch + JSON.parse + mapping", 2) else None, "<=", 0.7),
        ("rust core vs raw transfer: time", ratio("rust: raw transfer (floor)", "rust: softone-go core", 0), "<=", 3.0),
        ("rust core vs reqwest+Value: speed", ratio("rust: softone-go core", "rust: reqwest + serde_json::Value", 0), "info", None),
        ("c vs rust core: time", ratio("rust: softone-go core", "c: softone_time_stamp_entries", 0), "<=", 1.2),
        ("chunked vs sequential monthly: speed", ratio("scale: chunked concurrent (default)", "scale: sequential monthly loop", 0), ">=", 3.0),
    ]
    print()
    print(f"{'target':<46} {'measured':>9} {'goal':>8}  verdict")
    print("-" * 76)
    verdicts = []
    for name, v, op, goal in checks:
        if v is None:
            verdict, shown = "not measured", "-"
        else:
            shown = f"{v:.2f}x"
            verdict = "info" if op == "info" else ("met" if (v >= goal if op == ">=" else v <= goal) else "MISSED")
        print(f"{name:<46} {shown:>9} {(op + ' ' + str(goal)) if goal else '':>8}  {verdict}")
        verdicts.append({"target": name, "measured": v, "op": op, "goal": goal, "verdict": verdict})
    os.makedirs(os.path.dirname(a.json), exist_ok=True)
    with open(a.json, "w") as f:
        json.dump({"machine": {"cores": os.cpu_count(), "platform": platform.platform()},
                   "when": time.strftime("%Y-%m-%d %H:%M:%S"), "results": table, "targets": verdicts}, f, indent=2)
    print(f"\nresults written to {a.json}")


if __name__ == "__main__":
    main()

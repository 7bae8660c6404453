"""Startup and reload: time until `bot serve` is ready, worker memory, and knowledge reload time,
with the shipped knowledge and at 10k / 100k entries (bench/synth.py).

    python bench/startup.py                    # shipped, 10k, 100k; about 3 minutes
    python bench/startup.py --sizes 0 10000    # 0 = the shipped knowledge

Served: `python -m bot serve` as production runs it, once with the defaults (no Redis: one
worker, 4 threads) and once with REDIS_URL set and WEB_CONCURRENCY=2 (two workers, as in
compose.yaml), against its own redis-server. "ready" is the first 200 from /readyz after the
process is spawned; "all workers" is when every worker has logged its knowledge load. Memory
is each worker's RSS and PSS once all are ready (PSS counts a page shared by two processes
half in each, so it shows what forking shares).

In-process: LiveKnowledge start, then forced reloads (read every file, build the engine, swap:
what a worker does when its watcher sees a change), and one change-detection poll.
Prints a table; writes bench/results/startup.json.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path[:0] = [ROOT, HERE]

import procs  # noqa: E402
from state_memory import start_redis  # noqa: E402
from synth import write_kb  # noqa: E402

from bot.engine.reading.knowledge import fingerprint  # noqa: E402
from bot.ops.hot_reload import LiveKnowledge  # noqa: E402

SIZES = [0, 10_000, 100_000]
ROUNDS = {0: 20, 10_000: 3, 100_000: 1}
RESULTS = os.path.join(HERE, "results")


def served(kb_dir: str, tmp: str, workers: int, redis_url: str) -> dict:
    """Spawn `bot serve`, time it to ready and to every worker loaded, then read its memory."""
    port = procs.free_port()
    log_path = os.path.join(tmp, f"serve-{workers}.log")
    env = {"REDIS_URL": redis_url, "WEB_CONCURRENCY": str(workers)} if redis_url else {}
    with open(log_path, "wb") as log:
        spawned = time.monotonic()
        proc = procs.start("bot", port, kb_dir, log, **env)
        try:
            ready = procs.wait_ready(port, proc)
            deadline = time.monotonic() + 240
            while len(loads := procs.knowledge_loads(log_path)) < workers and time.monotonic() < deadline:
                time.sleep(0.05)
            everyone = time.monotonic() - spawned
            pids = procs.worker_pids(proc.pid)
            memory = {"master": procs.memory_mb(proc.pid), "workers": [procs.memory_mb(p) for p in pids]}
        finally:
            procs.stop(proc)
    with open(log_path, encoding="utf-8", errors="replace") as f:
        timeouts = f.read().count("WORKER TIMEOUT")
    return {"workers": workers, "ready_s": round(ready, 2), "all_workers_ready_s": round(everyone, 2),
            "worker_build_s": [round(line["seconds"], 2) for line in loads],
            "worker_timeouts": timeouts, "memory_mb": memory}


def in_process(kb_dir: str, rounds: int) -> dict:
    started = time.perf_counter()
    live = LiveKnowledge(kb_dir)
    first = time.perf_counter() - started
    reloads = []
    for _ in range(rounds):
        t = time.perf_counter()
        assert live.reload(force=True, trigger="bench")
        reloads.append(time.perf_counter() - t)
    polls = []
    for _ in range(20):
        t = time.perf_counter()
        fingerprint(kb_dir)
        polls.append(time.perf_counter() - t)
    kb = live.engine.kb
    return {"articles": len(kb.articles), "faq_entries": len(kb.faq), "start_s": round(first, 3),
            "reload_median_s": round(statistics.median(reloads), 3), "reload_max_s": round(max(reloads), 3),
            "rounds": rounds, "poll_ms": round(statistics.median(polls) * 1000, 2)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=SIZES, help="entries; 0 = shipped knowledge")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        redis_proc, redis_url = start_redis(tmp)
        try:
            for entries in args.sizes:
                folder = os.path.join(tmp, f"kb-{entries}")
                os.makedirs(folder)
                kb_dir = write_kb(folder, entries)[0] if entries else os.path.join(ROOT, "knowledge")
                row = {"entries": entries,
                       "served": [served(kb_dir, tmp, 1, ""), served(kb_dir, tmp, 2, redis_url)],
                       "in_process": in_process(kb_dir, ROUNDS.get(entries, 3))}
                rows.append(row)
                print_row(row, header=len(rows) == 1)
                if entries:
                    shutil.rmtree(folder)
        finally:
            redis_proc.terminate()
            redis_proc.wait()
    os.makedirs(RESULTS, exist_ok=True)
    with open(os.path.join(RESULTS, "startup.json"), "w") as f:
        json.dump({"machine": machine(), "results": rows}, f, indent=1)
        f.write("\n")


def print_row(row: dict, header: bool):
    if header:
        print(f"{'entries':>8} {'ready 1w s':>10} {'ready 2w s':>10} {'build/worker s':>15} {'RSS/worker MB':>14} "
              f"{'PSS/worker MB':>14} {'reload s':>9} {'poll ms':>8}")
    one, two = row["served"]
    rss = "/".join(f"{w['rss']:.0f}" for w in two["memory_mb"]["workers"])
    pss = "/".join(f"{w['pss']:.0f}" for w in two["memory_mb"]["workers"])
    builds = "/".join(f"{s:.2f}" for s in two["worker_build_s"])
    p = row["in_process"]
    print(f"{row['entries'] or 'shipped':>8} {one['ready_s']:>10.2f} {two['ready_s']:>10.2f} {builds:>15} {rss:>14} "
          f"{pss:>14} {p['reload_median_s']:>9.3f} {p['poll_ms']:>8.2f}", flush=True)


def machine() -> dict:
    import gunicorn
    return {"cores": os.cpu_count(), "python": sys.version.split()[0], "gunicorn": gunicorn.__version__,
            "redis_server": subprocess.run(["redis-server", "--version"], capture_output=True, text=True).stdout.strip()}


if __name__ == "__main__":
    main()

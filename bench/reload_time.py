"""How long a knowledge reload takes: the shipped knowledge, and 10,000 generated FAQ entries.

A reload is what a worker does after its watcher sees a change: load every file, build the
engine, swap. Followers keep being answered by the old engine meanwhile; this is the time
until the new one answers. Run: python bench/reload_time.py   (prints a small table)
"""

import os
import shutil
import statistics
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from bot.knowledge import fingerprint  # noqa: E402
from bot.live import LiveKnowledge  # noqa: E402

FAQ_FILES, PER_FILE = 100, 100  # 10,000 entries, in files of a size staff might keep


def generated_knowledge(folder: str) -> str:
    """The shipped knowledge plus FAQ_FILES x PER_FILE generated entries (two phrasings each)."""
    kb = os.path.join(folder, "knowledge")
    shutil.copytree(os.path.join(ROOT, "knowledge"), kb)
    for f in range(FAQ_FILES):
        with open(os.path.join(kb, "faq", f"generated-{f:03d}.txt"), "w", encoding="utf-8") as out:
            for e in range(PER_FILE):
                n = f * PER_FILE + e
                out.write(f"问：第{n}号活动在哪里举办？\n问：{n}号活动的地点\n"
                          f"答：第{n}号活动在成都市高新区会议中心{n % 50 + 1}号厅举办，请提前十分钟入场。\n\n")
    return kb


def measure(kb: str, rounds: int) -> dict:
    started = time.perf_counter()
    live = LiveKnowledge(kb)
    first = time.perf_counter() - started
    reloads = []
    for _ in range(rounds):
        t = time.perf_counter()
        assert live.reload(force=True, trigger="bench")
        reloads.append(time.perf_counter() - t)
    polls = []
    for _ in range(20):
        t = time.perf_counter()
        fingerprint(kb)
        polls.append(time.perf_counter() - t)
    kb_obj = live.engine.kb
    return {"faq": len(kb_obj.faq), "articles": len(kb_obj.articles), "start": first,
            "reload_median": statistics.median(reloads), "reload_max": max(reloads),
            "poll": statistics.median(polls)}


def main():
    with tempfile.TemporaryDirectory() as tmp:
        rows = [("shipped knowledge", measure(os.path.join(ROOT, "knowledge"), 20)),
                (f"+ {FAQ_FILES * PER_FILE:,} FAQ entries", measure(generated_knowledge(tmp), 5))]
    print(f"{'knowledge':<24}{'FAQ':>7}{'start s':>9}{'reload s (median/max)':>24}{'poll ms':>9}")
    for name, r in rows:
        print(f"{name:<24}{r['faq']:>7}{r['start']:>9.3f}{r['reload_median']:>13.3f} / {r['reload_max']:<8.3f}"
              f"{r['poll'] * 1000:>9.2f}")


if __name__ == "__main__":
    main()

"""Engine benchmark: build time, memory and answer latency at 1k, 10k and 100k knowledge entries.

    python bench/engine.py                  # shipped knowledge, 1k, 10k, 100k; about 2 minutes
    python bench/engine.py --sizes 1000     # only these sizes (a2000: 2,000 articles and no FAQ)
    python bench/engine.py --profile        # also profile the answer path at the largest size

Each size runs in its own process (so peak RSS is that size's), single-threaded and warm: the
knowledge base (bench/synth.py: 3 % articles, 97 % FAQ entries of 3–5 phrasings, on top of the
shipped knowledge) is loaded and built, every question of the fixed mix is asked once to warm
up, then the mix is asked PASSES more times and every answer is timed. A question counts as
right when its answer holds the expected strings (or, out of scope, when it is declined),
graded as bench/quality.py grades. Prints a table; writes bench/results/engine.json (and
bench/results/engine-profile.txt with --profile).
"""

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import subprocess
import sys
import tempfile
import time
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path[:0] = [ROOT, HERE]

from quality import passes  # noqa: E402
from synth import entry_mix, write_kb  # noqa: E402

from bot.engine import Engine, load_knowledge  # noqa: E402

SIZES = ["0", "1000", "10000", "100000", "a2000"]  # 0: the shipped knowledge alone; aN: N articles only
PASSES = 5
RESULTS = os.path.join(HERE, "results")


def shipped_questions() -> list[dict]:
    """The mix for the shipped knowledge: what it answers, and what it must decline."""
    from synth import OUT_OF_SCOPE
    answerable = [("西部办公室是什么？", "西部地区建筑绿色低碳发展协调推进办公室"), ("西布办公室是什么", "西部地区建筑绿色低碳发展协调推进办公室"),
                  ("西部辦公室的全稱是什麼？", "西部地区建筑绿色低碳发展协调推进办公室"), ("武涌是谁", "中国建筑节能协会"),
                  ("Who is Wu Yong?", "武涌"), ("会议在哪里举行？", "索菲斯锦苑宾馆"), ("谁主持的会议", "侯文"),
                  ("Who was at the meeting?", "武涌"), ("西部办公室什么时候成立的", "2024年2月3日")]
    return ([{"tag": "shipped", "q": q, "all": [want]} for q, want in answerable]
            + [{"tag": "out-of-scope", "q": q, "decline": True} for q in OUT_OF_SCOPE])


def memory_mb() -> tuple[float, float]:
    """(current RSS, peak RSS) of this process in MB."""
    fields = {}
    with open("/proc/self/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def percentile(sorted_values: list[float], p: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(len(sorted_values) * p / 100))]


def measure(size: str, profile: bool) -> dict:
    """One size, in this process: build, then warm latency and grading over the mix."""
    entries, articles_only = int(size.lstrip("a")), size.startswith("a")
    with tempfile.TemporaryDirectory() as tmp:
        if entries:
            kb_dir, questions = write_kb(tmp, entries, articles_only=articles_only)
            questions += shipped_questions()[:9]
        else:
            kb_dir, questions = os.path.join(ROOT, "knowledge"), shipped_questions()
        base_rss = memory_mb()[0]
        started = time.perf_counter()
        kb = load_knowledge(kb_dir)
        loaded = time.perf_counter()
        engine = Engine(kb, cache_size=0)  # the answer path itself, not the cache in front of it
        built = time.perf_counter()
    rss, peak = memory_mb()
    right = defaultdict(lambda: [0, 0])
    for case in questions:  # warm-up, and the grading
        ok = passes(case, engine.answer(case["q"]))
        right[case["tag"]][0] += ok
        right[case["tag"]][1] += 1
    times, by_tag = [], defaultdict(list)
    for _ in range(PASSES):
        for case in questions:
            t = time.perf_counter()
            engine.answer(case["q"])
            ms = (time.perf_counter() - t) * 1000
            times.append(ms)
            by_tag[case["tag"]].append(ms)
    times.sort()
    answerable = [v for tag, v in right.items() if tag != "out-of-scope"]
    result = {
        "entries": entries, "articles_only": articles_only, "articles": len(kb.articles), "faq_entries": len(kb.faq),
        "phrasings": len(engine.faq.phrasings), "questions": len(questions),
        "load_s": round(loaded - started, 3), "build_s": round(built - loaded, 3),
        "rss_mb": round(rss, 1), "peak_rss_mb": round(peak, 1), "kb_rss_mb": round(rss - base_rss, 1),
        "p50_ms": round(percentile(times, 50), 3), "p99_ms": round(percentile(times, 99), 3),
        "max_ms": round(times[-1], 3),
        "answered_right": [sum(a for a, _ in answerable), sum(n for _, n in answerable)],
        "declined_right": right.get("out-of-scope", [0, 0]),
        "by_tag": {tag: {"right": right[tag], "p50_ms": round(percentile(sorted(v), 50), 3),
                         "p99_ms": round(percentile(sorted(v), 99), 3)} for tag, v in by_tag.items()},
    }
    if profile:
        result["profile"] = profile_answers(engine, questions)
    return result


def profile_answers(engine: Engine, questions: list[dict]) -> str:
    """cProfile of PASSES passes over the mix: where the answer path spends its time."""
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(PASSES):
        for case in questions:
            engine.answer(case["q"])
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(30)
    return out.getvalue()


def machine() -> dict:
    import numpy
    import pypinyin
    import rapidfuzz
    return {"cores": os.cpu_count(), "cpu": _cpu_model(), "python": platform.python_version(),
            "numpy": numpy.__version__, "rapidfuzz": rapidfuzz.__version__, "pypinyin": pypinyin.__version__,
            "platform": platform.platform()}


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as f:
            return next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), "")
    except OSError:
        return ""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=SIZES, help="entries; 0 = shipped knowledge, aN = N articles")
    parser.add_argument("--profile", action="store_true", help="profile the answer path at the largest size")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # the child process's job
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(measure(args.one, args.profile)))
        return
    rows = []
    largest = max((s for s in args.sizes if not s.startswith("a")), key=int, default="")
    for size in args.sizes:
        profile = args.profile and size == largest
        child = subprocess.run([sys.executable, __file__, "--one", size] + (["--profile"] if profile else []),
                               capture_output=True, text=True, check=True)
        rows.append(json.loads(child.stdout))
        print_row(rows[-1], header=len(rows) == 1)
    os.makedirs(RESULTS, exist_ok=True)
    profiles = [row.pop("profile") for row in rows if "profile" in row]
    if profiles:
        with open(os.path.join(RESULTS, "engine-profile.txt"), "w") as f:
            f.write(f"Answer path at {int(largest):,} entries, {PASSES} passes over the mix\n\n" + profiles[0])
    with open(os.path.join(RESULTS, "engine.json"), "w") as f:
        json.dump({"machine": machine(), "passes": PASSES, "mix": _mix_note(), "results": rows}, f, indent=1,
                  ensure_ascii=False)
        f.write("\n")


def print_row(r: dict, header: bool):
    if header:
        print(f"{'entries':>8} {'articles':>8} {'FAQ':>7} {'phrasings':>9} {'build s':>8} {'RSS MB':>7} "
              f"{'p50 ms':>7} {'p99 ms':>7} {'answered':>9} {'declined':>9}")
    a, d = r["answered_right"], r["declined_right"]
    name = f"{r['entries']} art." if r["articles_only"] else r["entries"] or "shipped"
    print(f"{name:>8} {r['articles']:>8} {r['faq_entries']:>7} {r['phrasings']:>9} "
          f"{r['load_s'] + r['build_s']:>8.2f} {r['rss_mb']:>7.0f} {r['p50_ms']:>7.2f} {r['p99_ms']:>7.2f} "
          f"{a[0]:>4}/{a[1]:<4} {d[0]:>4}/{d[1]:<4}", flush=True)


def _mix_note() -> str:
    articles, faq = entry_mix(100_000)
    return (f"N entries = {articles / 100_000:.0%} articles + {faq / 100_000:.0%} FAQ entries (3-5 phrasings) on top of "
            "the shipped knowledge; questions: 60 FAQ as typed, 20 FAQ with a homophone typo, 20 FAQ in Traditional, "
            "40 who-is, 30 where-was, 15 who-is in pinyin, 9 on the shipped article, 50 out of scope")


if __name__ == "__main__":
    main()

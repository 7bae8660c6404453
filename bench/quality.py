"""Answer quality on every question set, and the threshold sweep the engine's constants came from.

    python bench/quality.py            # one line per set: in-scope right, declines right
    python bench/quality.py --sweep    # the same over a grid of MIN_COVERAGE x MIN_SENTENCE_COVERAGE

Runs the engine in-process (the same code `python -m bot ask --json` runs), grading exactly as
`../shared/eval/grade.py` does: answers folded to Simplified and stripped of white space.
"""

import argparse
import itertools
import json
import os
import shutil
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from bot.engine import thresholds  # noqa: E402
from bot.engine.pipeline import Engine  # noqa: E402
from bot.engine.reading.knowledge import load_knowledge  # noqa: E402
from bot.engine.text.folding import to_simplified  # noqa: E402

SHARED = os.path.join(os.path.dirname(ROOT), "shared", "eval")
SETS = {
    "dev": (os.path.join(SHARED, "articles"), os.path.join(SHARED, "dev_questions.jsonl")),
    "extra": (os.path.join(ROOT, "tests", "fixtures", "articles"),
              os.path.join(ROOT, "tests", "fixtures", "extra_questions.jsonl")),
}
HELD_OUT = os.path.join(ROOT, "bench", "eval")
SETS.update({name: (os.path.join(HELD_OUT, name, "articles"), os.path.join(HELD_OUT, name, "questions.jsonl"))
             for name in sorted(os.listdir(HELD_OUT)) if name.startswith("heldout-")})


def norm(text: str) -> str:
    return "".join(to_simplified(text or "").split()).replace("－", "-").replace("—", "-")


def passes(case: dict, answer) -> bool:
    if case.get("decline"):
        return answer.matched is None
    if answer.matched is None:
        return False
    text = norm(answer.text)
    ok = all(norm(w) in text for w in case.get("all", []))
    ok = ok and all(any(norm(w) in text for w in group) for group in case.get("any", []))
    if "min" in case:
        n, words = case["min"]
        ok = ok and sum(norm(w) in text for w in words) >= n
    return ok


def engines() -> dict:
    """One engine per set: the shipped knowledge plus that set's articles."""
    built = {}
    for name, (articles, questions) in SETS.items():
        if not os.path.exists(questions):
            continue
        kb = tempfile.mkdtemp(prefix=f"quality-{name}-")
        shutil.copytree(os.path.join(ROOT, "knowledge"), kb, dirs_exist_ok=True)
        for file in os.listdir(articles):
            shutil.copy(os.path.join(articles, file), os.path.join(kb, "news"))
        with open(questions, encoding="utf-8") as f:
            cases = [json.loads(line) for line in f if line.strip()]
        built[name] = (Engine(load_knowledge(kb), cache_size=0), cases)
        shutil.rmtree(kb)
    return built


def score(built: dict) -> dict:
    result = {}
    for name, (engine, cases) in built.items():
        inscope = [passes(c, engine.answer(c["q"])) for c in cases if not c.get("decline")]
        declined = [passes(c, engine.answer(c["q"])) for c in cases if c.get("decline")]
        result[name] = (sum(inscope), len(inscope), sum(declined), len(declined))
    return result


def line(result: dict) -> str:
    return "  ".join(f"{name} {a}/{b} + {c}/{d}" for name, (a, b, c, d) in result.items())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sweep", action="store_true", help="try thresholds on a grid")
    args = parser.parse_args()
    built = engines()
    print(f"shipped  (MIN_COVERAGE={thresholds.MIN_COVERAGE}, "
          f"MIN_SENTENCE_COVERAGE={thresholds.MIN_SENTENCE_COVERAGE}):  {line(score(built))}")
    if not args.sweep:
        return
    shipped = thresholds.MIN_COVERAGE, thresholds.MIN_SENTENCE_COVERAGE
    print("\nin-scope right + declines right, per set, for each pair of thresholds:")
    for article, sentence in itertools.product((0.4, 0.5, 0.6, 0.7, 0.8), (0.3, 0.4, 0.5, 0.6, 0.7)):
        thresholds.MIN_COVERAGE, thresholds.MIN_SENTENCE_COVERAGE = article, sentence
        for engine, _ in built.values():
            engine.finder.subject.cache_clear()
        result = score(built)
        total = sum(a + c for a, _, c, _ in result.values())
        print(f"  article {article:.1f}  sentence {sentence:.1f}  total {total:3d}   {line(result)}")
    thresholds.MIN_COVERAGE, thresholds.MIN_SENTENCE_COVERAGE = shipped


if __name__ == "__main__":
    main()

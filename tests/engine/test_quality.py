"""The regression net: every question set in bench/eval (and the dev and test-fixture sets) through
the engine in-process, held to the floor recorded in bench/eval/floors.json.

A change that makes any set answer fewer questions right, decline fewer out-of-scope ones, answer
more wrongly, or answer more tagged questions with another kind's answerer fails here. After a
real improvement, `python bench/quality.py --floors` records the new floors.
"""

import json
import os
import sys

import pytest
from served import ROOT

sys.path.insert(0, os.path.join(ROOT, "bench"))
import quality  # noqa: E402

SETS = quality.question_sets()
with open(quality.FLOORS, encoding="utf-8") as f:
    FLOORS = json.load(f)


@pytest.fixture(scope="module")
def scores():
    return quality.score_all(SETS, quality.engines(SETS))


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_every_set_keeps_its_floor(scores, name):
    if name not in scores:
        pytest.skip(f"{name}: its questions are not on this machine (../shared/eval)")
    score, floor = scores[name], FLOORS[name]
    if score.missing:
        pytest.skip(f"{name}: {score.missing} questions' sets are not on this machine (../shared/eval)")
    failures = "\n".join(f"  {case['q']} -> {answer.text[:80]!r}" for case, answer in score.failures)
    assert score.right >= floor["right"], f"{name}: {score.line()}\n{failures}"
    assert score.declined_right >= floor["declined_right"], f"{name}: {score.line()}\n{failures}"
    assert score.all_wrong <= floor["all_wrong"], f"{name}: {score.line()}\n{failures}"
    assert score.kind_mismatches <= floor["kind_mismatches"], f"{name}: {score.line()}"


def test_every_set_has_a_floor():
    assert set(SETS) - set(FLOORS) == set()


def test_grading_tells_right_declined_and_wrong_apart():
    from bot.engine import Answer

    case = {"q": "会议在哪里举行", "all": ["成都"]}
    assert quality.grade(_Fixed(Answer("在成都举行。", "a#where", 90, kind="where")), [case]).right == 1
    assert quality.grade(_Fixed(Answer("抱歉", None, 0)), [case]).declined == 1
    assert quality.grade(_Fixed(Answer("在北京举行。", "a#where", 90, kind="where")), [case]).wrong == 1
    declined = quality.grade(_Fixed(Answer("在北京举行。", "a#where", 90)), [{"q": "x", "decline": True}])
    assert declined.declined_wrong == 1 and declined.all_wrong == 1


class _Fixed:
    """An engine that gives one answer to everything."""

    def __init__(self, answer):
        self._answer = answer

    def answer(self, question, context=None):
        return self._answer

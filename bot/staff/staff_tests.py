"""knowledge/tests.txt: staff's own test questions, run by `python -m bot check`.

    问：武涌是谁
    应包含：会长、中国建筑节能协会

    问：明天会下雨吗
    应拒答

Staff add one whenever they fix a gap, so a later edit cannot silently break an older answer.
"""

import os
import re
from dataclasses import dataclass, field

from ..engine import Problem, fold, parse_fields, read_text

LABELS = {"问": "question", "問": "question", "问题": "question", "Q": "question",
          "应包含": "expect", "應包含": "expect", "包含": "expect", "应含": "expect"}
FLAGS = {"应拒答": "decline", "應拒答": "decline", "拒答": "decline"}
PATH = "tests.txt"


@dataclass
class StaffTest:
    question: str
    line: int
    expect: list[str] = field(default_factory=list)  # words the answer must contain
    decline: bool = False


def load_staff_tests(kb_dir: str) -> tuple[list[StaffTest], list[Problem]]:
    path = os.path.join(kb_dir, PATH)
    if not os.path.exists(path):
        return [], []
    text, problems = read_text(path, PATH)
    if text is None:
        return [], problems
    tests: list[StaffTest] = []
    for f in parse_fields(text, LABELS, FLAGS):
        if f.key == "question":
            tests.append(StaffTest(f.value, f.line))
        elif not tests or f.key == "":
            problems.append(Problem(PATH, f.line, "这一行前面没有“问：”；每个测试以“问：问题”开头，"
                                                  "下一行写“应包含：词语”或“应拒答”"))
        elif f.key == "expect":
            tests[-1].expect += [w.strip() for w in re.split(r"[、，,；;]", f.value) if w.strip()]
        else:
            tests[-1].decline = True
    for test in tests:
        if not test.question:
            problems.append(Problem(PATH, test.line, "“问：”后面没有写问题"))
        elif not test.expect and not test.decline:
            problems.append(Problem(PATH, test.line, f"测试“{test.question}”没有写期望：请加一行"
                                                     "“应包含：…”或“应拒答”"))
    return [t for t in tests if t.question and (t.expect or t.decline)], problems


def run_staff_tests(tests: list[StaffTest], engine) -> list[Problem]:
    """Each failing test as a Problem that says what was expected and what the bot said."""
    problems = []
    for test in tests:
        answer = engine.answer(test.question)
        said = answer.text.replace("\n", " ")[:80]
        if test.decline and not answer.declined:
            problems.append(Problem(PATH, test.line, f"“{test.question}”应该拒答，但机器人回答了：{said}"))
        elif not test.decline and answer.declined:
            problems.append(Problem(PATH, test.line, f"“{test.question}”没有得到回答（机器人拒答了）"))
        elif not test.decline:
            folded = fold(answer.text).replace(" ", "")
            missing = [w for w in test.expect if fold(w).replace(" ", "") not in folded]
            if missing:
                problems.append(Problem(PATH, test.line, f"“{test.question}”的回答里没有“{'、'.join(missing)}”；"
                                                         f"实际回答：{said}"))
    return problems

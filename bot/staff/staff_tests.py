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
    """Each failing test as a Problem that says what was expected, what the bot said and what to do.

    A test that passed before often fails because a newly added article now answers it too, so
    the message names the article that answers now and suggests naming the event in the question.
    """
    problems = []
    for test in tests:
        answer = engine.answer(test.question)
        asked = f"测试问题“{test.question}”"
        if test.decline and not answer.declined:
            problems.append(Problem(PATH, test.line, f"{asked}应该拒答，但机器人回答了{_answered_from(answer)}："
                                                     f"{_gist(answer.text)}如果这个回答其实是对的，"
                                                     "请把“应拒答”改成“应包含：…”。"))
        elif not test.decline and answer.declined:
            problems.append(Problem(PATH, test.line, f"{asked}没有得到回答（机器人拒答了）；请确认回答它的文章或问答"
                                                     "还在，或者把问题问得更具体（写上活动或文章的名称）。"))
        elif not test.decline:
            folded = fold(answer.text).replace(" ", "")
            missing = [w for w in test.expect if fold(w).replace(" ", "") not in folded]
            if missing:
                problems.append(Problem(PATH, test.line, f"{asked}的回答里没有“{'、'.join(missing)}”。"
                                                         f"现在回答它的是{_answered_from(answer)}："
                                                         f"{_gist(answer.text)}{_advice(answer)}"))
    return problems


def _answered_from(answer) -> str:
    """Which file answered: "faq/x.txt 的问答" or "news/y.txt（标题）"."""
    if answer.kind == "faq" and answer.matched:
        return "问答“" + answer.matched + "”"
    if not answer.sources:
        return "机器人"
    first = answer.sources[0]
    return f"文章 {first['file']}（{first.get('title') or '无标题'}）"


def _advice(answer) -> str:
    if answer.choices or len({s["file"] for s in answer.sources}) > 1:
        return ("几篇文章都和这个问题有关，机器人选了别的那篇；请在测试问题里写明活动或文章的名称"
                "（例如“某某会议在哪里开的”），或改“应包含”的词。")
    return "如果是新加的文章抢走了这个问题，请在测试问题里写明活动或文章的名称；如果回答本身不对，请修改回答它的文章或问答。"


GIST_CHARS = 60  # enough for the answer's first sentence in a one-line message


def _gist(text: str) -> str:
    """The reply's first sentence (or its first GIST_CHARS characters), on one line, ending cleanly."""
    line = text.split("\n", 1)[0].strip()
    end = next((i + 1 for i, c in enumerate(line) if c in "。！？!?" and i < GIST_CHARS), 0)
    if end:
        return f"“{line[:end]}”"
    return f"“{line[:GIST_CHARS]}……”" if len(line) > GIST_CHARS else f"“{line}”。"

"""Everything `python -m bot check` verifies before knowledge goes live.

Parsing problems come from the loaders; this adds what needs the whole knowledge base or
the engine: two FAQ entries claiming one question, a phrasing another entry would steal,
and staff's own test questions.
"""

from dataclasses import dataclass, field

from ..engine.pipeline import Engine
from ..engine.question.analysis import analyse, clean
from ..engine.reading.knowledge import KnowledgeBase, load_knowledge
from ..engine.reading.problem import Problem
from ..engine.retrieval.faq_match import FaqMatcher
from ..engine.thresholds import FAQ_MIN_SCORE
from .staff_tests import load_staff_tests, run_staff_tests


@dataclass
class Report:
    kb: KnowledgeBase
    engine: Engine
    problems: list[Problem] = field(default_factory=list)
    tests_run: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def people(self) -> int:
        """People the articles name (each once), as the engine found them."""
        return len({name for doc in self.engine.library.docs for name in doc.facts.people})

    def summary(self) -> str:
        text = f"{len(self.kb.articles)} 篇文章，{self.people} 位人物，{len(self.kb.faq)} 条问答"
        return text + (f"，{self.tests_run} 个测试问题" if self.tests_run else "")


def check_knowledge(kb_dir: str) -> Report:
    return check_engine(Engine(load_knowledge(kb_dir)))


def check_engine(engine: Engine) -> Report:
    """The same checks on an engine already built: /admin checks the one being served."""
    kb = engine.kb
    report = Report(kb, engine, list(kb.problems))
    report.problems += _faq_conflicts(kb, engine.faq)
    tests, problems = load_staff_tests(kb.kb_dir)
    report.problems += problems
    report.problems += run_staff_tests(tests, engine)
    report.tests_run = len(tests)
    return report


def _faq_conflicts(kb: KnowledgeBase, matcher: FaqMatcher) -> list[Problem]:
    problems, claimed = [], {}
    for entry in kb.faq:
        for text, line in entry.questions:
            key = clean(text)
            first = claimed.setdefault(key, (entry, line))
            if first[0] is not entry:
                problems.append(Problem(entry.path, line, f"问题“{text}”已经写在 {first[0].path}:{first[1]}；"
                                                          "同一个问题只能有一个答案，请删掉其中一处"))
                continue
            matches = matcher.match(text, analyse(text))
            own = _own_score(matches, entry)
            rivals = [(p, score) for p, score in matches
                      if p.entry is not entry and score >= FAQ_MIN_SCORE and score >= own]
            if rivals:
                thief = rivals[0][0].entry
                problems.append(Problem(entry.path, line, f"问题“{text}”会被 {thief.path}:{thief.line} 的问答"
                                                          f"“{thief.questions[0][0]}”抢走；请把问法写得更具体，"
                                                          "或合并这两条问答"))
    return problems


def _own_score(matches, entry) -> float:
    return max((score for phrasing, score in matches if phrasing.entry is entry), default=0.0)

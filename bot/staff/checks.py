"""Everything `python -m bot check` verifies before knowledge goes live.

Parsing problems come from the loaders; this adds what needs the whole knowledge base or
the engine: two FAQ entries claiming one question, a phrasing another entry would steal,
and staff's own test questions.
"""

from dataclasses import dataclass, field

from ..engine import Engine, KnowledgeBase, Problem, load_knowledge
from .menu import load_menu
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
    report.problems += engine.faq_conflicts()
    tests, problems = load_staff_tests(kb.kb_dir)
    report.problems += problems
    report.problems += run_staff_tests(tests, engine)
    report.tests_run = len(tests)
    report.problems += load_menu(engine).problems
    return report

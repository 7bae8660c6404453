"""Everything `python -m bot check` verifies before knowledge goes live.

Parsing problems come from the loaders; this adds what needs the whole knowledge base or
the engine: two FAQ entries claiming one question, a phrasing another entry would steal,
and staff's own test questions.
"""

import os
import tempfile
from dataclasses import dataclass, field

from ..engine import Engine, KnowledgeBase, Problem, load_knowledge
from .menu import load_menu
from .staff_tests import load_staff_tests, run_staff_tests
from .writer import WriteError, knowledge_path


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


def check_proposed(kb_dir: str, files: dict[str, str | None]) -> Report:
    """The full check of the knowledge as it would be with `files` written (None: deleted); nothing
    in `kb_dir` is touched.

    The check runs on a temporary folder that mirrors `kb_dir` with a link to each file the loader
    reads, and the proposed files written out for real, so it costs a few milliseconds of links
    however large the knowledge is. Paths are the same relative paths, so a problem names the
    proposed file and its line as staff will know it; a path the writer would refuse is a problem too.
    """
    with tempfile.TemporaryDirectory(prefix="bot-proposed-") as mirror:
        _mirror(kb_dir, mirror)
        refused = []
        for path, text in files.items():
            try:
                knowledge_path(path)
            except WriteError as exc:
                refused.append(Problem(str(path), 0, str(exc)))
                continue
            target = _own_folders(mirror, path)
            if os.path.lexists(target):
                os.unlink(target)  # the link to the real file goes; the real file is never opened for writing
            if text is not None:
                with open(target, "w", encoding="utf-8", newline="\n") as f:
                    f.write(text.replace("\r\n", "\n"))  # as KnowledgeWriter.save will store it
        report = check_knowledge(mirror)
    report.kb.kb_dir = kb_dir
    report.problems = refused + [_unmirrored(p, mirror, kb_dir) for p in report.problems]
    return report


def _mirror(kb_dir: str, mirror: str):
    """Folders as in `kb_dir`, each file a symbolic link to the original (what the loader reads:
    news/ and faq/ with their subfolders, and the top-level files). Links to folders are linked
    as they are, so the loader walks the mirror exactly as it walks the original."""
    root = os.path.abspath(kb_dir)
    for name in os.listdir(root) if os.path.isdir(root) else []:
        if name.startswith((".", "~")):
            continue  # .history and other hidden things are never read
        source = os.path.join(root, name)
        if name in ("news", "faq") and os.path.isdir(source) and not os.path.islink(source):
            for folder, dirs, names in os.walk(source):
                dirs[:] = [d for d in dirs if not d.startswith((".", "~"))]  # not read either
                relative = os.path.relpath(folder, root)
                os.makedirs(os.path.join(mirror, relative), exist_ok=True)
                for entry in names + [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
                    os.symlink(os.path.join(folder, entry), os.path.join(mirror, relative, entry))
        else:
            os.symlink(source, os.path.join(mirror, name))


def _own_folders(mirror: str, path: str) -> str:
    """The mirror's path for `path`, with every folder on the way a real folder of the mirror.

    A folder that is a link (news -> /srv/news) becomes a real folder of links to what it holds,
    so writing the proposed file can never reach through the link into the real knowledge."""
    folder = mirror
    for part in path.split("/")[:-1]:
        folder = os.path.join(folder, part)
        if os.path.islink(folder):
            source = os.path.realpath(folder)
            os.unlink(folder)
            os.mkdir(folder)
            if os.path.isdir(source):
                for entry in os.listdir(source):
                    os.symlink(os.path.join(source, entry), os.path.join(folder, entry))
        elif not os.path.isdir(folder):
            if os.path.lexists(folder):
                os.unlink(folder)  # a file where the path needs a folder: the save would fail; check the rest
            os.mkdir(folder)
    return os.path.join(folder, path.split("/")[-1])


def _unmirrored(problem: Problem, mirror: str, kb_dir: str) -> Problem:
    """A problem as `check` on `kb_dir` would word it (the loader names the folder in a few)."""
    if mirror not in problem.path and mirror not in problem.message:
        return problem
    return Problem(problem.path.replace(mirror, kb_dir), problem.line, problem.message.replace(mirror, kb_dir),
                   problem.severity)

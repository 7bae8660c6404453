"""The page's side of every write: check the proposed files, save through the writer, serve at once.

The forms (articles.py, faqs.py, questions.py, changes.py) never touch a file themselves. A proposal is
checked as the knowledge would be with it written (check_proposed); it may be saved only if it
brings no new error, so an error that was already there elsewhere does not block every edit,
while anything this change breaks — its own file, another entry it steals from, a staff test —
does. A save goes through KnowledgeWriter (atomic, locked across replicas, the old version kept
for undo), then the knowledge is rebuilt everywhere so the page and /wechat answer from it at once.
"""

import logging
import os
from collections import Counter
from dataclasses import dataclass, field

from flask import current_app

from ..ops.hot_reload import get_knowledge
from ..state import get_store
from . import panels
from .checks import check_proposed
from .writer import KnowledgeWriter, WriteError, knowledge_path

log = logging.getLogger(__name__)


@dataclass
class Review:
    """A proposal checked: the report as it would be, and which of its errors are new."""
    report: object
    new_errors: list = field(default_factory=list)  # Problems this change brings (saving is refused)
    shown: list = field(default_factory=list)  # what to show: the new errors, then warnings in the changed files

    @property
    def ok(self) -> bool:
        return not self.new_errors


def writer() -> KnowledgeWriter:
    """The app's writer (one per app: it holds no state but the folder and the store)."""
    app = current_app._get_current_object()
    if "knowledge_writer" not in app.extensions:
        app.extensions["knowledge_writer"] = KnowledgeWriter(app.config["KB_DIR"], get_store())
    return app.extensions["knowledge_writer"]


def readonly_reason() -> str:
    """"" when the page may write; else what is wrong and how to enable editing (in Chinese)."""
    return writer().readonly_reason()


def safe_path(path: str) -> str:
    """`path` if the writer would write it (news/… or faq/….txt, no `..`, nothing hidden), else ""."""
    try:
        return knowledge_path((path or "").strip())
    except WriteError:
        return ""


def current_text(path: str) -> str | None:
    """The file's text as it is now (UTF-8), "" when it does not exist, None when it is not UTF-8."""
    full = os.path.join(current_app.config["KB_DIR"], path)
    try:
        with open(full, "rb") as f:
            return f.read().decode("utf-8")
    except FileNotFoundError:
        return ""
    except UnicodeDecodeError:
        return None


def review(files: dict[str, str | None]) -> Review:
    """Check the knowledge as it would be with `files` written; errors not there before are new.

    Errors are compared by file and message, not line, so an old error whose line moved
    because an entry above it grew is not taken for a new one.
    """
    report = check_proposed(current_app.config["KB_DIR"], files)
    before = Counter((p.path, p.message) for p in panels.checked(get_knowledge().engine).errors)
    new_errors = []
    for problem in report.errors:
        key = (problem.path, problem.message)
        if before[key]:
            before[key] -= 1
        else:
            new_errors.append(problem)
    warnings = [p for p in report.problems if p.severity != "error" and p.path in files]
    return Review(report, new_errors, new_errors + warnings)


def save(path: str, text: str, *, who: str, what: str, new_file: bool = False, based_on: str | None = None):
    """Write one file through the writer, then serve it everywhere now; the writer's Change.

    `new_file`: never over an existing file (the writer picks name-2.txt…), for a new article.
    `based_on`: the file's text the change was made from; a colleague's save since refuses it."""
    w = writer()
    if new_file:
        change = w.create(path, text, who=who, what=what)
    else:
        change = w.save(path, text, who=who, what=what, based_on=based_on)
    served()
    return change


def served() -> bool:
    """Rebuild the knowledge now in every worker and replica (the hot reload would, within seconds)."""
    swapped = get_knowledge().reload_everywhere()
    if not swapped:
        log.warning("knowledge saved from /admin but the reload was refused: %s", get_knowledge().last_error)
    return swapped

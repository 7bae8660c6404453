"""The knowledge folder read into one immutable KnowledgeBase.

    knowledge/news/**.txt  raw articles, pasted as copied from the site (subfolders too)
    knowledge/faq/**.txt   curated questions and answers (subfolders too)
    knowledge/settings.txt welcome and decline texts, the association's name, synonyms
    knowledge/tests.txt    staff's own test questions (run by `check`)
    knowledge/menu.txt     the account's custom menu (checked by `check`, pushed by `menu push`)

A broken file never stops the load: it is reported as a Problem and left out.
"""

import hashlib
import os
import stat
import time
import unicodedata
from dataclasses import dataclass, field

from .article import Article, load_article
from .faq import FaqEntry, load_faq_file
from .fields import MAX_FILE_BYTES
from .problem import Problem
from .settings import Settings, load_settings

TEXT_SUFFIXES = (".txt", ".md")


@dataclass
class KnowledgeBase:
    kb_dir: str
    articles: list[Article] = field(default_factory=list)
    faq: list[FaqEntry] = field(default_factory=list)
    settings: Settings = field(default_factory=Settings)
    problems: list[Problem] = field(default_factory=list)
    version: str = ""  # changes whenever any knowledge file changes
    loaded_at: float = 0.0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def knowledge_files(kb_dir: str) -> list[tuple[str, str]]:
    """(absolute path, path shown to staff) for every file the bot reads, sorted."""
    return scan(kb_dir)[0]


def scan(kb_dir: str) -> tuple[list[tuple[str, str]], list[Problem]]:
    """The knowledge files, and what was found but cannot be read as one.

    news/ and faq/ are read with their subfolders (staff sort articles by year); only regular
    files are read: a pipe would hang the reader and a link to a device would never end, so
    those are reported and skipped, as are hidden files and editor backups (silently)."""
    found, skipped = [], []
    for sub in ("news", "faq"):
        top = os.path.join(kb_dir, sub)
        if not os.path.isdir(top):
            continue
        for folder, dirs, names in os.walk(top):
            dirs[:] = sorted(d for d in dirs if not d.startswith((".", "~")))
            for name in sorted(names):
                if name.startswith((".", "~")) or not name.lower().endswith(TEXT_SUFFIXES):
                    continue  # editor backups and hidden files are not knowledge
                path = os.path.join(folder, name)
                shown = os.path.relpath(path, kb_dir).replace(os.sep, "/")
                if _invisible(shown):  # a newline or a direction mark in the name would garble file:line: reports
                    skipped.append(Problem(_visible(shown), 0, "文件名里有换行、方向符等看不见的字符，已跳过；"
                                                               "请给文件改一个普通的名字"))
                elif _regular(path):
                    found.append((path, shown))
                elif os.path.islink(path) and not os.path.exists(path):
                    skipped.append(Problem(shown, 0, "这个链接指不到文件（目标已不存在，或链接绕成了圈），已跳过；"
                                                     "请放入文件本身"))
                else:
                    skipped.append(Problem(shown, 0, "这不是普通文件（管道、设备或指向它们的链接），已跳过；"
                                                     "请放入普通的文本文件"))
    for name in ("settings.txt", "tests.txt", "menu.txt"):  # menu.txt: read by bot/staff, watched for /admin
        path = os.path.join(kb_dir, name)
        if _regular(path):
            found.append((path, name))
    return sorted(found, key=lambda item: item[1]), skipped


def _invisible(name: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cf") for ch in name)


def _visible(name: str) -> str:
    """The name with each invisible character written as its code (line\\u000abreak.txt)."""
    return "".join(f"\\u{ord(ch):04x}" if unicodedata.category(ch) in ("Cc", "Cf") else ch for ch in name)


def _regular(path: str) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)  # follows a link: to a file is fine, to /dev/zero is not
    except OSError:
        return False


def fingerprint(kb_dir: str) -> str:
    """Cheap change detector (names, sizes, mtimes): hot reload polls this every few seconds."""
    digest = hashlib.sha1()
    for path, shown in knowledge_files(kb_dir):
        try:
            stat = os.stat(path)
        except OSError:
            continue
        digest.update(f"{shown}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:12]


def content_version(kb_dir: str) -> str:
    """Hash of every file's name and bytes: replicas with the same files agree on it."""
    digest = hashlib.sha1()
    for path, shown in knowledge_files(kb_dir):
        try:
            with open(path, "rb") as f:
                digest.update(shown.encode() + b"\0" + f.read(MAX_FILE_BYTES + 1) + b"\0")
        except OSError:
            continue
    return digest.hexdigest()[:12]


def load_knowledge(kb_dir: str) -> KnowledgeBase:
    """Read every knowledge file; problems are collected, never raised."""
    kb = KnowledgeBase(kb_dir=kb_dir, loaded_at=time.time())
    if not os.path.isdir(kb_dir):
        kb.problems.append(Problem(kb_dir, 0, "知识库文件夹不存在；请检查 KB_DIR 或 --kb 的路径"))
        return kb
    kb.version = content_version(kb_dir)
    kb.settings, problems = load_settings(kb_dir)
    kb.problems += problems
    files, skipped = scan(kb_dir)
    kb.problems += skipped
    for path, shown in files:
        if shown.startswith("news/"):
            article, problems = load_article(path, shown)
            kb.problems += problems
            if article:
                kb.articles.append(article)
        elif shown.startswith("faq/"):
            entries, problems = load_faq_file(path, shown)
            kb.problems += problems
            kb.faq += entries
    if not kb.articles and not kb.faq:
        kb.problems.append(Problem(kb_dir, 0, "知识库是空的：news/ 里没有文章，faq/ 里也没有问答"))
    return kb

"""A paste, an uploaded file or a URL turned into a Draft: the article file staff can save.

An article file is what the engine reads well (knowledge/README.md): the title on its own first
line, a `发布时间：2024-05-01` line, a `来源链接：<url>` line when the article came from a page,
then the text. A page or document is put in that shape; a paste is kept exactly as pasted
(the engine reads a page's chrome well), only the 来源链接 line is added. Title and date of a
paste are the engine's own reading of it, so the preview shows what followers will get.

Nothing here writes: the page or `python -m bot import` checks the draft (check_proposed) and
saves it through KnowledgeWriter.
"""

import hashlib
import os
import re
import tempfile
import time
import unicodedata
from dataclasses import dataclass

from flask import current_app, has_app_context

from ..config import DEFAULTS
from ..engine import load_knowledge
from . import documents
from .documents import ImportRefused, refused
from .fetching import fetch

__all__ = ["Draft", "ImportRefused", "draft_from_text", "draft_from_upload", "draft_from_url"]

SOURCE_LABEL = "来源链接"
DATE_LABEL = "发布时间"
MAX_SLUG = 40  # characters of the short name in news/<date>-<short-name>.txt
# URL path ends that say nothing about the article (…/show.php?id=12): the title's hash names it instead.
UNTELLING = {"index", "default", "detail", "details", "content", "article", "show", "view", "page", "news",
             "info", "read", "post", "html", "htm"}
READERS = {".html": "html", ".htm": "html", ".txt": "txt", ".docx": "docx", ".pdf": "pdf"}
DATE_LINE = re.compile(r"^\s*(发布时间|发布日期|发表时间|时间|日期)\s*[:：]")


@dataclass
class Draft:
    title: str  # as the engine reads it ("" when it finds none: check then says which line to add)
    date: str  # YYYY-MM-DD, or "" when the article names none
    text: str  # the article file's whole content
    source_url: str  # where it came from; "" for a paste without a link or an uploaded file
    filename: str  # news/<date>-<short-name>.txt, not yet taken in KB_DIR


def draft_from_text(text: str, source_url: str = "", *, config: dict | None = None) -> Draft:
    """A pasted article, kept as pasted; with `source_url`, a 来源链接 line is added if it has none."""
    source_url = _link(source_url)
    return _pasted(text, source_url, _slug_of_url(source_url), _settings(config))


def draft_from_upload(filename: str, data: bytes, *, config: dict | None = None) -> Draft:
    """An uploaded .txt, .html/.htm, .docx or .pdf; its extension decides how it is read."""
    config = _settings(config)
    name = os.path.basename(str(filename or "").replace("\\", "/"))
    limit = int(config.get("MAX_UPLOAD_BYTES", DEFAULTS["MAX_UPLOAD_BYTES"]))
    if len(data) > limit:
        raise refused(f"文件“{name[:60]}”超过 {limit / 1024 / 1024:.3g} MB，太大了；一篇文章通常不到 1 MB。"
                      "请只保留文字后再上传。", f"upload of {len(data)} bytes over {limit}", name)
    stem, extension = os.path.splitext(name.lower())
    kind = READERS.get(extension)
    if kind is None:
        raise refused(f"不能导入“{name[:60]}”：只认 .txt、.html、.htm、.docx 和 .pdf 文件；"
                      "其他格式请先另存为其中一种，或复制文字粘贴。", f"upload of type {extension!r}", name)
    slug = _slug(stem)
    return _from_document(kind, data, "", "", "" if slug in UNTELLING else slug, config, name)


def draft_from_url(url: str, config: dict) -> Draft:
    """The article at `url`, fetched safely (bot/staff/fetching.py), with its URL as the 来源链接."""
    config = _settings(config)
    url = _link(url)
    if not url:
        raise refused("请填写文章的网址（以 http:// 或 https:// 开头）。", "empty url")
    fetched = fetch(url, config)  # its url is where the article was found, after any redirects
    return _from_document(fetched.kind, fetched.data, fetched.url, fetched.charset, _slug_of_url(fetched.url),
                          config, fetched.url)


def _from_document(kind: str, data: bytes, url: str, charset: str, slug: str, config: dict, source: str) -> Draft:
    if kind == "html":
        page = data
        if charset:
            try:
                page = data.decode(charset)
            except (LookupError, UnicodeDecodeError):
                page = data  # a wrong charset header: trafilatura finds the encoding itself
        extracted = documents.from_html(page, url, source)
        body = extracted.text.split("\n")
        if extracted.date and not any(DATE_LINE.match(line) for line in body[:5]):
            body.insert(0, f"{DATE_LABEL}：{extracted.date}")  # the page's own date line, if any, is kept instead
        return _pasted("\n".join([extracted.title] + body), url, slug, config)
    reader = {"docx": documents.from_docx, "pdf": documents.from_pdf, "txt": documents.from_text}[kind]
    return _pasted(reader(data, source).text, url, slug, config)


def _pasted(text: str, url: str, slug: str, config: dict) -> Draft:
    text = (text or "").replace("\r\n", "\n").lstrip("\ufeff").strip("\n")
    if not text.strip():
        raise refused("没有内容可以导入；请把文章（标题、发布时间和正文）粘贴进来。", "empty paste")
    if url and SOURCE_LABEL not in text:
        text = _with_line(text, f"{SOURCE_LABEL}：{url}")
    return _draft(text + "\n", url, slug, config)


def _draft(text: str, source_url: str, slug: str, config: dict) -> Draft:
    title, date = _engine_reading(text)
    short = slug or hashlib.sha1((title or text[:200]).encode("utf-8")).hexdigest()[:8]
    day = date or time.strftime("%Y-%m-%d")
    return Draft(title, date, text, source_url, _unused(config.get("KB_DIR", ""), f"news/{day}-{short}.txt"))


def _engine_reading(text: str) -> tuple[str, str]:
    """(title, date) as the engine reads the article: a one-file knowledge folder, loaded."""
    with tempfile.TemporaryDirectory(prefix="bot-draft-") as folder:
        os.mkdir(os.path.join(folder, "news"))
        with open(os.path.join(folder, "news", "draft.txt"), "w", encoding="utf-8") as f:
            f.write(text)
        articles = load_knowledge(folder).articles
    return (articles[0].title, articles[0].published) if articles else ("", "")


def _with_line(text: str, line: str) -> str:
    """`line` after the date line near the top (the order of an article file), else after the first line."""
    lines = text.split("\n")
    at = next((i + 1 for i, old in enumerate(lines[:15]) if DATE_LINE.match(old)), None)
    if at is None:
        at = next((i + 1 for i, old in enumerate(lines) if old.strip()), len(lines))
    return "\n".join(lines[:at] + [line] + lines[at:])


def _link(url: str) -> str:
    url = (url or "").strip()
    if url and (not re.match(r"^https?://[^\s/]", url, re.I) or any(c.isspace() for c in url)):
        raise refused("链接要以 http:// 或 https:// 开头，中间不能有空格；请复制浏览器地址栏里的网址。",
                      "not an http(s) url", url)
    return url


def _slug_of_url(url: str) -> str:
    """A short ASCII name from the last telling part of a URL's path (…/2024/annual-meeting.html)."""
    path = re.sub(r"[?#].*$", "", url.split("://", 1)[-1])
    for part in reversed(path.split("/")[1:]):
        slug = _slug(os.path.splitext(part)[0])
        if slug and slug not in UNTELLING:
            return slug
    return ""


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")[:MAX_SLUG].strip("-")


def _unused(kb_dir: str, filename: str) -> str:
    """`filename`, or with -2, -3… when KB_DIR already has it (KnowledgeWriter.create checks again)."""
    stem, number, candidate = filename[: -len(".txt")], 2, filename
    while kb_dir and os.path.lexists(os.path.join(kb_dir, candidate)):
        candidate, number = f"{stem}-{number}.txt", number + 1
    return candidate


def _settings(config: dict | None) -> dict:
    """The settings passed in, else the serving app's, else the defaults."""
    if config is not None:
        return config
    return current_app.config if has_app_context() else DEFAULTS

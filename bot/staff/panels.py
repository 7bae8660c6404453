"""What the staff page shows: a preview answer and why, the knowledge's state, misses and hits.

Everything is read from the knowledge being served and from the store, never written, so
what staff see is what the files say and what followers asked.
"""

import functools
import logging
import re
import time

from .. import chat
from ..chat import usage
from ..chat.paging import visible
from ..engine import question_key
from .checks import check_engine

log = logging.getLogger(__name__)

LINK = re.compile(r'<a href="([^"<>]+)">([^<>]*)</a>')  # 阅读原文 under an answer, as WeChat gets it
TOP_MISSES = 50  # unanswered questions listed: more than a staff member writes answers for in a sitting
TOP_HITS = 100  # rows per hit table: with thousands of FAQ entries the page stays small on a phone
MAX_PREVIEW_CHARS = 500  # the engine reads the first 200; the rest of a pasted essay is not shown back
ANSWER_PLACEHOLDER = "（请在这里写答案）"
# What set off the last reload (bot/ops/hot_reload.py's triggers), in the page's words.
TRIGGERS = {"start": "启动时", "files": "文件有改动", "admin": "手动重新加载", "fleet": "跟随其他服务器"}


def preview(question: str, engine) -> dict:
    """The reply a new follower gets to `question`, with what matched and why."""
    question = question[:MAX_PREVIEW_CHARS]
    reply = chat.preview(question, engine)
    answer = reply.answer
    return {
        "question": question,
        "text": LINK.sub(r"\2：\1", visible(reply.text or "")),  # the page shows the link's address as text
        "declined": answer is not None and answer.declined,
        "matched": answer.matched if answer else None,
        "score": round(float(answer.score), 1) if answer else None,
        "kind": answer.kind if answer else "",
        "runners_up": answer.rivals() if answer else [],
        "evidence": answer.evidence if answer else "",
        "sources": answer.sources if answer else [],
        "snippet": faq_snippet(question_key(question)) if answer and answer.declined else "",
    }


def faq_snippet(question: str) -> str:
    """A ready-to-paste FAQ entry in the knowledge file format (knowledge/README.md)."""
    return f"问：{question}\n答：{ANSWER_PLACEHOLDER}\n"


@functools.lru_cache(maxsize=2)
def checked(engine):
    """The check of the knowledge being served, run once per knowledge version (the editing forms
    compare a proposal with it): staff tests ask every question again, too slow for every view."""
    return check_engine(engine)


def knowledge_status(live) -> dict:
    """Counts, last reload and every problem as `file:line: message`, staff test failures included."""
    kb = live.engine.kb
    report = checked(live.engine)
    problems = [str(p) for p in report.problems]
    last_error = live.last_error or {}
    # Errors of files that were refused: the bot still answers from the version counted here.
    refused = [p for p in last_error.get("problems", []) if p not in problems]
    reload = live.last_reload
    return {
        "articles": len(kb.articles), "people": report.people, "faq": len(kb.faq), "tests": report.tests_run,
        "version": kb.version, "loaded_at": when(kb.loaded_at), "last_reload_at": when(reload["at"]),
        "trigger": TRIGGERS.get(reload["trigger"], reload["trigger"]), "seconds": reload["seconds"],
        "problems": problems, "errors": len(report.errors), "refused": refused,
    }


def misses(store, top: int = TOP_MISSES) -> list[dict]:
    """The most asked declined questions, each with a ready-to-paste FAQ entry."""
    return [{**row, "last_seen": when(row["last"]), "snippet": faq_snippet(row["member"])}
            for row in usage.misses(store, top)]


def hit_counts(kb, rows: list[dict]) -> dict:
    """How often each FAQ entry and each article answered; unused ones are listed with 0.

    Hits name what answered: "faq:<名称>" or "<article path>#<fact>"; an article's hits are
    the sum over its facts. Hits for entries no longer in the files are listed apart.
    """
    counts = {row["member"]: row["count"] for row in rows}
    used = set()
    faq = []
    for entry in kb.faq:
        member = f"faq:{entry.key}"
        used.add(member)
        faq.append({"name": entry.key, "where": f"{entry.path}:{entry.line}", "count": counts.get(member, 0)})
    articles = []
    for article in kb.articles:
        facts = [(m.split("#", 1)[1], n) for m, n in counts.items() if m.startswith(article.path + "#")]
        used.update(f"{article.path}#{fact}" for fact, _ in facts)
        facts.sort(key=lambda item: (-item[1], item[0]))
        articles.append({"title": article.title, "path": article.path, "count": sum(n for _, n in facts),
                         "facts": facts})
    by_count = lambda item: (-item["count"], item.get("where", item.get("path", "")))  # noqa: E731
    faq.sort(key=by_count)
    articles.sort(key=by_count)
    return {"faq": faq[:TOP_HITS], "articles": articles[:TOP_HITS],
            "faq_more": _more(faq), "articles_more": _more(articles),
            "gone": [{"member": m, "count": n} for m, n in counts.items() if m not in used][:TOP_HITS]}


def _more(rows: list[dict]) -> dict:
    """How many rows past TOP_HITS were left out, and how many of those never answered anyone."""
    rest = rows[TOP_HITS:]
    return {"count": len(rest), "unused": sum(1 for row in rest if not row["count"])}


def usage_tables(store, kb) -> dict:
    """Misses and hit counts, or the reason they cannot be read (the page still shows the rest)."""
    try:
        return {"misses": misses(store), "hits": hit_counts(kb, usage.hits(store)), "error": ""}
    except Exception as exc:  # Redis gone and no fallback: say so instead of failing the whole page
        log.warning("admin page could not read misses and hits: %s", exc)
        return {"misses": [], "hits": hit_counts(kb, []), "error": f"{type(exc).__name__}: {exc}"}


def when(ts: float | None) -> str:
    return "" if not ts else time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(ts))

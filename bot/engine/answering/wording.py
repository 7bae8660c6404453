"""How answers read: the fact first, then the evidence, then where it comes from.

Short, in Chinese, and always naming the article so a follower can trust or check it.
"""

from ..reading.article import Article
from ..reading.facts import Person

MAX_EVIDENCE = 160  # characters of a quoted sentence; enough for the fact and its context


def source(article: Article) -> str:
    return f"（来源：{article.label()}）"


def quote(text: str, limit: int = MAX_EVIDENCE, around: str = "") -> str:
    """The sentence, cut to `limit` characters; when `around` (a word the question asks about) lies
    beyond the cut, the part of a clause boundary before it onwards (…，并强调了三个坚持：…)."""
    text = text.strip()
    if len(text) <= limit:
        return text
    at = text.find(around) if around else -1
    if at + len(around) > limit - 1:
        start = max(text.rfind(mark, 0, at) for mark in "，。；：") + 1
        start = start if 0 < start <= at else max(0, at - limit // 4)
        cut = text[start:start + limit - 2]
        return "…" + cut + ("…" if start + limit - 2 < len(text) else "")
    return text[: limit - 1] + "…"


def person_line(person: Person) -> str:
    return f"{person.name}，{person.description}" if person.description else person.name


def grouped_people(people: list[Person], limit: int = 40) -> str:
    """People listed by organisation, in the order the article names them."""
    groups: dict[str, list[str]] = {}
    for person in people[:limit]:
        org, title = person.roles[0] if person.roles else ("", "")
        groups.setdefault(org or "其他", []).append(f"{title}{person.name}" if title else person.name)
    lines = [f"{org}：{'、'.join(names)}" for org, names in groups.items()]
    more = f"\n（另有 {len(people) - limit} 人，略）" if len(people) > limit else ""
    return "\n".join(lines) + more

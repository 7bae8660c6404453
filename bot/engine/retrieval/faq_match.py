"""Matching a question to the curated FAQ: the same question, not merely the same words.

"西部办公室成立时间" shares every content word with "西部办公室是什么？" but asks for
something else, so a phrasing matches when the whole question is nearly the same text, or
when it asks the same kind of thing (what / when / who…) about nearly the same subject.
Typos are forgiven through pinyin (西部办工室 sounds like 西部办公室).
"""

import functools
import re
from dataclasses import dataclass

from pypinyin import lazy_pinyin
from pypinyin.seg.simpleseg import seg
from rapidfuzz import fuzz

from .. import thresholds
from ..question.analysis import Question, analyse, clean, kind_and_topic
from ..reading.faq import FaqEntry
from ..reading.orgs import org_mentions
from ..reading.problem import Problem
from ..text.vocab import alternation
from .index import GramIndex, grams

SAME_TEXT = 88  # fuzz.ratio of the cleaned questions: the same question, whatever its kind
SAME_SUBJECT = 85  # fuzz.ratio of the subjects, when both ask the same kind of thing
# A bare subject ("西部办公室？") asks what it is.
COMPATIBLE = {("", "what"), ("what", ""), ("who", ""), ("", "who")}
# 益阳市书法协会的会费 is not asked by 益阳市建筑设计协会会费是多少: a phrasing that does not name
# the organisation the question names (allowing a typo) scores at most this, below any threshold.
OTHER_ORG_SCORE = 60.0
CANDIDATE_ENTRIES = 40  # entries whose phrasings rapidfuzz scores (~130 phrasings in the benchmark's FAQ)
SAME_ORG = 80  # fuzz.partial_ratio of the organisation's name within the phrasing: one typo in five
NOT_A_NAME = re.compile(rf"^(?:{alternation('pointing_words')})")  # 你们协会 names no one in particular


@dataclass
class Phrasing:
    entry: FaqEntry
    text: str  # cleaned
    kind: str
    topic: str
    topic_sound: str
    raw: str = ""  # as staff wrote it


class FaqMatcher:
    def __init__(self, entries: list[FaqEntry], canon=lambda s: s, previous: "FaqMatcher | None" = None,
                 own_name: str = ""):
        """`previous`: the matcher this one replaces; a phrasing it already read is not read again
        (reading is ~30 µs a phrasing: 10 s of a reload at 100k entries), if the synonyms are the same.
        `own_name`: the association's name, which its own FAQ need not repeat."""
        self.canon = canon
        self.own_name = canon(own_name) if own_name else ""
        self.phrasings: list[Phrasing] = []
        self.by_name = {entry.name.lower(): entry for entry in entries if entry.name}
        self.index = GramIndex()
        same = previous is not None and getattr(previous.canon, "table", None) == getattr(canon, "table", None)
        known = {p.raw: p for p in previous.phrasings} if same and getattr(canon, "table", None) is not None else {}
        self.entry_phrasings: list[range] = []  # the index has one doc per entry: its phrasings
        for entry in entries:
            first, texts = len(self.phrasings), []
            for text, _line in entry.questions:
                old = known.get(text)
                if old is not None:
                    cleaned, kind, topic, sound = old.text, old.kind, old.topic, old.topic_sound
                else:
                    canonical = canon(text)
                    cleaned = clean(canonical)
                    kind, topic = phrasing_kind_and_topic(canonical, cleaned)
                    sound = pinyin_key(topic.replace(" ", ""))
                self.phrasings.append(Phrasing(entry, cleaned, kind, topic, sound, text))
                texts.append(cleaned + " " + sound)  # the same key the question's topic is looked up by
            if texts:  # grams never span the spaces, so the entry's doc is the union of its phrasings'
                self.index.add(" ".join(texts))
                self.entry_phrasings.append(range(first, len(self.phrasings)))
        self.index.freeze()

    def match(self, raw: str, q: Question) -> list[tuple[Phrasing, float]]:
        """Phrasings that match, best first, as (phrasing, score 0–100)."""
        entry = self.by_name.get(raw.strip().lower())
        if entry:
            return [(Phrasing(entry, entry.name, "", "", ""), 100.0)]
        text = clean(self.canon(raw))
        if not text:
            return []
        topic = q.topic
        if self.own_name and self.own_name in text:  # its own FAQ says 协会 where a follower writes its name
            text, topic = text.replace(self.own_name, "协会"), topic.replace(self.own_name, "协会")
        topic_sound = pinyin_key(topic.replace(" ", ""))
        candidates = self.index.search(grams(text) | grams(topic_sound), limit=CANDIDATE_ENTRIES)
        named = [(org, pinyin_key(org)) for org in self._orgs_named(text)]
        scored = []
        for p in (self.phrasings[i] for doc, _ in candidates for i in self.entry_phrasings[doc]):
            score = fuzz.ratio(text, p.text)
            if score < SAME_TEXT:
                same_kind = q.kind == p.kind or (q.kind, p.kind) in COMPATIBLE
                if same_kind and topic and p.topic:
                    subject = max(fuzz.ratio(topic, p.topic), fuzz.ratio(topic_sound, p.topic_sound))
                    score = subject if subject >= SAME_SUBJECT else min(score, subject)
            if not all(org in p.text or sound in p.topic_sound or fuzz.partial_ratio(org, p.text) >= SAME_ORG
                       for org, sound in named):
                score = min(score, OTHER_ORG_SCORE)
            scored.append((p, float(score)))
        scored.sort(key=lambda item: -item[1])
        return scored

    def _orgs_named(self, text: str) -> list[str]:
        """The organisations a question names, other than the association itself."""
        named = []
        for org in org_mentions(text):
            org = NOT_A_NAME.sub("", org)
            own = self.own_name and (self.own_name in org or fuzz.partial_ratio(self.own_name, org) >= SAME_ORG)
            if len(org) > 3 and not own:  # 协会, 办公室: a kind of organisation, not a name
                named.append(org)
        return named


@functools.lru_cache(maxsize=200_000)
def _word_key(word: str) -> str:
    return "".join(lazy_pinyin(word, errors="ignore")).lower()


def pinyin_key(text: str) -> str:
    """folding.pinyin_key, word by word: the same key (pypinyin reads each word on its own
    after segmenting), but a word already seen costs a dictionary probe. At 100k phrasings
    pypinyin's per-character work was most of the build (11 of 16 s at 10k entries)."""
    return "".join(_word_key(word) for word in seg(text))


_LATIN = re.compile(r"[a-z]{2,}")


def phrasing_kind_and_topic(canonical: str, cleaned: str) -> tuple[str, str]:
    """analyse(canonical).kind and .topic, which is all a phrasing needs: the rest of analyse
    (places, numbers, targets…) cost two thirds of the FAQ build. `cleaned` is clean(canonical);
    Latin words go through analyse, which translates them first."""
    if _LATIN.search(cleaned):
        q = analyse(canonical)
        return q.kind, q.topic
    return kind_and_topic(cleaned)


def conflicts(faq: list[FaqEntry], matcher: "FaqMatcher") -> list[Problem]:
    """Two entries claiming one question or one 名称, and phrasings another entry would take: all errors."""
    problems, claimed, named = [], {}, {}
    for entry in faq:
        first = named.setdefault(entry.name, entry) if entry.name else entry
        if first is not entry:
            problems.append(Problem(entry.path, entry.line, f"名称“{entry.name}”已经用在 {first.path}:{first.line}；"
                                                            "菜单按钮和统计靠名称找到问答，名称不能重复，请改一个"))
        for text, line in entry.questions:
            key = clean(text)
            first = claimed.setdefault(key, (entry, line))
            if first[0] is not entry:
                problems.append(Problem(entry.path, line, f"问题“{text}”已经写在 {first[0].path}:{first[1]}；"
                                                          "同一个问题只能有一个答案，请删掉其中一处"))
                continue
            matches = matcher.match(text, analyse(text))
            own = _own_score(matches, entry)
            rivals = [(p, score) for p, score in matches
                      if p.entry is not entry and score >= thresholds.FAQ_MIN_SCORE and score >= own]
            if rivals:
                thief = rivals[0][0].entry
                problems.append(Problem(entry.path, line, f"问题“{text}”会被 {thief.path}:{thief.line} 的问答"
                                                          f"“{thief.questions[0][0]}”抢走；请把问法写得更具体，"
                                                          "或合并这两条问答"))
    return problems


def _own_score(matches, entry) -> float:
    return max((score for phrasing, score in matches if phrasing.entry is entry), default=0.0)

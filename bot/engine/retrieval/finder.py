"""Which article a question is about, and which of its sentences states the fact.

Coverage is the share (weighted by rarity) of the question's subject that a text accounts
for: an article must cover `thresholds.MIN_COVERAGE`, the answering sentence (with its
title and paragraph as context) `thresholds.MIN_SENTENCE_COVERAGE`.
"""

import functools
import math
import re

from .. import thresholds
from ..answer import numbered
from ..question.analysis import Question
from ..text.dates import DEADLINE_SAID, SPAN_SAID
from ..text.numerals import NUMBER_TOKEN, numbers_in
from ..text.vocab import alternation, pairs
from .library import Doc, Library, Subject, subject_chunks

GENERIC = re.compile(alternation("generic_event_words"))
# Kinds of event a question may pin down; the answering sentence must be of the same kind.
# Each kind's words are data, in bot/engine/vocab/event_kinds/<kind>.txt.
EVENT_KINDS = ("in_force", "published", "deadline", "signed", "completed", "founded", "started", "awarded")
EVENT_VERBS = [alternation(f"event_kinds/{kind}") for kind in EVENT_KINDS]
# 报到截止时间 is a deadline's question, and 于4月10日下午17:00前到…报到 sets one without those words;
# a span of days (1月10日到3月30日) says both when something starts and when it ends
PLACE_NEARBY = 3  # lines either side of a date where the place of the same event may be given
QUOTE_MARKS = re.compile(r"[“”\"‘’「」『』]")
EVENT_SAID = [f"{verbs}|{DEADLINE_SAID.pattern}|{SPAN_SAID.pattern}" if kind == "deadline"
              else f"{verbs}|{alternation('start_said')}|起|{SPAN_SAID.pattern}" if kind == "started" else verbs
              for kind, verbs in zip(EVENT_KINDS, EVENT_VERBS, strict=True)]
STARTED_SAID = EVENT_SAID[EVENT_KINDS.index("started")]


EVENT_NOUN = re.compile(alternation("event_nouns"))
EVENT_KIN = pairs("event_noun_kin")  # 换届大会: 会员代表大会…


class Finder:
    """Finds candidate articles and sentences in one Library (shared by the answer modules)."""

    def __init__(self, library: Library):
        self.library = library
        # The same subject is compared with many sentences: build each once (bounded).
        self.subject = functools.lru_cache(maxsize=4096)(lambda topic: Subject(topic, library.index.idf))
        self._clauses_of = functools.lru_cache(maxsize=CLAUSE_CACHE)(self._split_clauses)

    def candidates(self, q: Question, scope: Doc | None = None, topic: str | None = None,
                    people=()) -> list[tuple[Doc, float]]:
        """Articles that account for the question's subject, best first, as (doc, coverage)."""
        topic = q.topic if topic is None else topic
        topic = NUMBER_TOKEN.sub(" ", topic)
        subject = subject_words(topic)
        names = {name for name, _ in people}
        if scope is not None:
            docs = [scope]
        elif not subject and not names:
            # Every article fits as well (coverage 1), so the order is own news, then newest: kept
            # sorted by the library, and read only as far as the answer needs (3,000 articles).
            return LazyList((doc, 1.0) for doc in self.library.by_recency if self.shares_hard_facts(q, doc, names))
        else:
            docs = [doc for doc, _ in self.library.search(topic + " " + " ".join(names))]
        found = []
        for doc in docs:
            if not self.shares_hard_facts(q, doc, names):
                continue
            coverage = self.subject(subject).coverage(doc.text, doc) if subject else 1.0
            if names:
                coverage = (coverage + 1) / 2 if names & doc.facts.people.keys() else coverage / 2
            found.append((doc, coverage))
        found.sort(key=lambda item: -item[1])
        if found:  # among equally good articles, prefer the association's own news, then the newest
            best = found[0][1]
            close = [f for f in found if f[1] >= best - thresholds.CLOSE]
            close.sort(key=lambda item: (item[0].from_own_association, item[0].when), reverse=True)
            found = close + [f for f in found if f[1] < best - thresholds.CLOSE]
        return found

    def shares_hard_facts(self, q: Question, doc: Doc, names: set[str]) -> bool:
        """Hard facts in the question the article must share: ordinals, years, places, Latin words."""
        if not q.numbers <= doc.numbers:
            return False
        if not q.places <= doc.places:
            return False
        if not all(self._names_org(org, doc) for org in q.orgs):
            return False
        # A Capitalised word the glossary does not know (Markus, Guantang) names something: the
        # article must spell it, in Latin letters or in pinyin, unless it named a person found.
        if not q.proper_nouns or names:
            return True  # nothing to look for: the article's text is not put together (every article is asked)
        text = (doc.article.text + doc.article.title + doc.article.site_name).lower()
        return all(word in text or word in self.library.pinyin_words(doc) for word in q.proper_nouns if not names)

    def _names_org(self, org: str, doc: Doc) -> bool:
        """Whether the article names the organisation, in full or shortened as people shorten names:
        安康建协 keeps 安康市建筑业协会's characters in order. 西藏自治区建筑业协会 is not named by
        an article on 西藏自治区勘察设计与建设科技协会, however many of its words that one has."""
        if self.library.canon(org).lower() in doc.text:
            return True
        # as written, not as the synonyms spell it (建筑业协会 -> 建协 would fit 建设科技协会 too), and
        # within one clause: across a whole article almost any characters come in some order
        return any(org[0] in clause and _in_order(org, clause) for clause in self._clauses_of(doc.id))

    def _split_clauses(self, doc_id: int) -> list[str]:
        """The article's title, site, owner and clauses as written (kept for the articles asked most)."""
        article = self.library.docs[doc_id].article
        written = "。".join((article.title, article.site_name, article.contacts.get("owner", ""), article.text))
        return CLAUSE_BREAK.split(written)

    def answerable(self, q: Question, scope=None, people=(), need=None, topic=None) -> "LazyList":
        """Candidates good enough to answer from, optionally only those having a fact (`need`).

        Only articles nearly as good as the best one: when the article a question is plainly
        about lacks the fact, a weaker match that has one would answer something else."""
        candidates = self.candidates(q, scope, topic, people)
        best = max((cov for _, cov in candidates), default=0) if isinstance(candidates, list) else 1.0
        floor = max(thresholds.MIN_COVERAGE, best - thresholds.MARGIN)
        return LazyList((doc, cov) for doc, cov in candidates if cov >= floor and (need is None or need(doc)))

    def split_focus(self, subject, doc: Doc) -> tuple[dict, dict]:
        """(what the article's title accounts for, the rest: the question's focus), as subject pieces.

        理事每月有多少补贴, of an article titled …理事会召开: the focus is 每月 补贴,
        and a line that holds none of it does not answer, however well it names the committee."""
        # (the title's quote marks part no words: “某某杯”摄影比赛 says 杯摄 as the question does)
        about = subject.covered(QUOTE_MARKS.sub("", self.library.canon(doc.article.title).lower()), doc)
        focus = {key: weight for n, pieces in enumerate(subject.pieces) for i, (_, weight) in enumerate(pieces)
                 if (key := (n, i)) not in about}
        # 去临江县调研…, of a title 调研临江县…: a lone bigram left beside words the title says, which
        # the article never writes, is a seam (去磁, 县调), not a word; a word the title leaves out
        # leaves two bigrams or more, or is a chunk of its own
        seams = [(n, i) for n, i in focus if len(subject.pieces[n]) > 1
                 and (n, i - 1) not in focus and (n, i + 1) not in focus and subject.pieces[n][i][0] not in doc.text]
        for key in seams:
            del focus[key]
        return about, focus

    @staticmethod
    def focus_share(subject, focus: dict, text: str, doc: Doc) -> float:
        """The share of the focus that `text` holds (1.0 when there is no focus)."""
        if not focus:
            return 1.0
        held = subject.covered(text, doc)
        return sum(w for k, w in held.items() if k in focus) / sum(focus.values())

    def sentence(self, q: Question, doc: Doc, indices, topic: str | None = None,
                  with_title: bool = False, kind: str = "") -> tuple[int, float]:
        """The sentence among `indices` that best accounts for the subject: (index, coverage).

        `with_title`: the title counts as context (it names the event a dated sentence is about).
        """
        topic = subject_words(NUMBER_TOKEN.sub(" ", q.topic if topic is None else topic))
        subject = self.subject(topic)
        best, best_cov, best_rank = -1, -1.0, -1.0
        for i in indices:
            if with_title and not self.consistent(q, doc, i, kind):
                continue
            cov = subject.coverage(self.context(doc, i) if with_title else doc.sentences[i], doc) if topic else 1.0
            # sentences that share a context (the rows of a table) are told apart by their own words
            rank = cov + (0.15 * subject.coverage(doc.sentences[i], doc) if with_title and topic else 0.0)
            if rank > best_rank + 1e-9:
                best, best_cov, best_rank = i, cov, rank
        return best, best_cov

    def context(self, doc: Doc, i: int) -> str:
        """A fact's sentence with what it leans on: the title and the rest of its paragraph
        (该标准共分9章 is about the standard named just before)."""
        sentences = doc.article.sentences
        paragraph = "".join(doc.sentences[s.index] for s in sentences if s.paragraph == sentences[i].paragraph)
        for announce, items in doc.facts.lists:  # （二）11月30日前形成送审稿: the list's lead-in says of what
            lead = announce if announce != items[0] else items[0] - 1
            if i in items and lead >= 0:
                paragraph = "".join(doc.sentences[s.index] for s in sentences
                                    if s.paragraph == sentences[lead].paragraph) + paragraph
        if sentences[i].heading and sentences[i].heading != sentences[i].text:
            paragraph = self.library.canon(sentences[i].heading).lower() + paragraph
        # 我会定于…举办, 协会会费标准: the publisher speaks of itself, named or not, so its name is part of every fact's context
        # (and a notice's file number, 江影协字〔2024〕3号, names it as its title does)
        publisher = doc.article.contacts.get("owner", "") or doc.article.site_name
        return self.library.canon(doc.article.title + publisher + doc.article.document_number).lower() + paragraph

    def consistent(self, q: Question, doc: Doc, i: int, kind: str) -> bool:
        """A date or place must be of the event the question pins down: its ordinal or year
        (第三届), its city (在厦门办的), its kind (开始实施 is not 召开)."""
        if kind not in ("when", "where"):
            return True
        text = self.context(doc, i) + doc.article.site_name + doc.article.contacts.get("owner", "")
        # 6月9日至10日开会 over （二）会议地点：临江市…: a notice gives the time and the place of its
        # meeting on lines next to each other, so a place asked may stand a few lines away
        nearby = "".join(doc.sentences[max(0, i - PLACE_NEARBY):i + PLACE_NEARBY + 1])
        if not q.numbers <= numbers_in(text) or not all(place in text or place in nearby for place in q.event_places):
            return False
        # 宣讲会哪天举行, of an article whose dated sentence is the signing: the event asked is named there
        events = {m.group(0) for m in EVENT_NOUN.finditer(q.text)}  # 座谈会 is also 座谈交流会; 换届大会 a 换届 title over a 大会
        if not all(re.search(re.escape(e[:2]) + r".*?" + re.escape(e[2:]), text)
                   or any(kin in text for kin in EVENT_KIN.get(e, "").split()) for e in events):
            return False  # (换届大会 is also reported as 第三届会员代表大会)
        sentence = doc.sentences[i]
        asked = [said for verbs, said in zip(EVENT_VERBS, EVENT_SAID, strict=True) if re.search(verbs, q.text)]
        if len(asked) > 1 and STARTED_SAID in asked:
            asked.remove(STARTED_SAID)  # 开始实施 asks when something comes into force, said as 实施
        return kind != "when" or all(re.search(said, sentence) for said in asked)

    @staticmethod
    def alternatives(good, q: Question) -> tuple[str, list[dict]]:
        """A question that names no event ("谁主持的会议") fits several articles: the answer is
        for the association's own newest news, and the others are offered by number."""
        others = [doc for doc, _ in good[1:4]]
        if not others or subject_words(NUMBER_TOKEN.sub(" ", q.topic)):
            return "", []
        choices = [{"label": doc.article.title, "question": q.raw, "context": {"article": doc.article.path}}
                   for doc in others]
        return "\n其他文章也有相关内容：\n" + numbered([c["label"] for c in choices]), choices


class LazyList:
    """A list worked out only as far as it is read: answers mostly use the first article or
    four, while a question that names no subject fits every article."""

    def __init__(self, items):
        self._items = iter(items)
        self._read: list = []

    def _upto(self, n: float):
        while len(self._read) < n:
            item = next(self._items, self)
            if item is self:
                self._items = iter(())
                return
            self._read.append(item)

    def __iter__(self):
        i = 0
        while True:
            self._upto(i + 1)
            if i >= len(self._read):
                return
            yield self._read[i]
            i += 1

    def __getitem__(self, key):
        if isinstance(key, slice) and key.stop is not None and key.stop >= 0 and (key.start or 0) >= 0:
            self._upto(key.stop)
        elif isinstance(key, int) and key >= 0:
            self._upto(key + 1)
        else:
            self._upto(math.inf)
        return self._read[key]

    def __bool__(self):
        self._upto(1)
        return bool(self._read)

    def __len__(self):
        self._upto(math.inf)
        return len(self._read)


def subject_words(topic: str) -> str:
    """The topic without words every meeting shares (会议, 举行): what sets one article apart."""
    return " ".join(chunk for chunk in subject_chunks(topic) if not GENERIC.fullmatch(chunk))


def source_entry(doc: Doc) -> dict:
    return {"file": doc.article.path, "title": doc.article.title, "date": doc.article.published,
            "url": doc.article.source_url}


CLAUSE_CACHE = 2048  # articles whose clauses are kept: those asked about, bounded at 100k articles
CLAUSE_BREAK = re.compile(r"[，。；、：！？,;:!?\n]")


def _in_order(short: str, name: str) -> bool:
    """Every character of `short` appears in `name`, in order (省建协 in 河北省建筑业协会)."""
    chars = iter(name)
    return all(ch in chars for ch in short)

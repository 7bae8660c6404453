"""Questions in, answers out: curated FAQ first, then facts read from the articles.

    1. a curated FAQ entry that asks the same thing wins;
    2. otherwise the question's kind (who / when / where / how many …) and subject pick
       the article and the fact in it, and the fact is answered with its evidence;
    3. when the article does not state the fact asked for, the bot declines — even when
       the question's words match the article well.
"""

import functools
import logging
import math
import re

from .answer import Answer
from .compose import grouped_people, numbered, person_line, quote, source
from .facts import is_abbreviation
from .faq_match import FaqMatcher
from .index import grams
from .knowledge import KnowledgeBase
from .lexicon import ORG_SUFFIX_RE
from .library import Doc, Library, Subject, subject_chunks
from .names import sound
from .question import NUMBER_TOKEN, TARGET_NOUNS, Question, analyse, numbers_in
from .textnorm import fold, has_traditional, to_traditional

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 200  # a follower's question is a sentence; the rest of a pasted essay is ignored
FAQ_MIN_SCORE = 85  # FaqMatcher score (0–100) from which a curated answer is given
# Chosen on the plateau of `python bench/quality.py --sweep` (dev, extra and held-out sets):
MIN_COVERAGE = 0.6  # share of the question's subject an article must account for
MIN_SENTENCE_COVERAGE = 0.5  # the same, for the sentence a fact is read from
SELF_MENTION = re.compile(r"我会|本会|我协会|本协会|我院|本院|我校|本校|我公司|本公司")
MARGIN = 0.2  # an article this much worse than the best is about something else
CLOSE = 0.1  # articles within this coverage of the best are equally good: prefer own news, then newest
PRONOUNS = re.compile(r"他们|她们|他|她|此人|这个人|这位|该人|其")
GENERIC = re.compile(r"会议|大会|会|活动|仪式|典礼|这场|那场|本次|这次|开|举行|举办|召开|成立|会上")
HOST_RE = re.compile(r"主持")
ORGANISER_RE = re.compile(r"主办|合办|承办|协办|联合主办|共同主办|发起|倡导|牵头")
LISTS = re.compile(r"包括|如下|分别是|分别为|有：|为：")
TOTAL = re.compile(r"总数|总计|共计|合计|累计|共有|总共|一共")
DOC_VERBS = re.compile(r"通过|审议|签署|签订|发布|印发|宣读|编制|编写|发表|表决")
PURPOSE_RE = re.compile(r"旨在|目的|宗旨|作用|意义|职能|职责|负责|平台|机制|致力于|为了|以便")
PURPOSE_STRONG = re.compile(r"旨在|目的|宗旨|作用|意义|职能|职责|致力于")
CONTACT_IN_TEXT = re.compile(r"\d{3,4}-?\d{7,8}|[(（]0\d{1,3}[)）]\s*\d{3,4}-?\d{4}|1\d{10}|[\w.]+@[\w.]+\.[a-z]{2,}|联系人")
# DBJ53/T-128-2024, GB 55015-2021, JGJ/T 449-2018, 琼标协〔2024〕5号
CODE = re.compile(r"\b[A-Za-z]{2,}\d*(?:/[A-Za-z])?[\s-]*\d+(?:[.-]\d+)*-(?:19|20)\d{2}|〔(?:19|20)\d{2}〕\d+号")
ADDRESS_ASKED = re.compile(r"地址|办公地点|在哪里?办公|在哪办公|在哪里|哪儿办公")
ADDRESS_IN_TEXT = re.compile(r"地址|[路街道巷]\d+号|大厦|大楼")
# Kinds of event a question may pin down; the answering sentence must be of the same kind.
EVENT_VERBS = [r"实施|施行|生效", r"发布|印发|公布|出台|颁布", r"截止|报名|日前|之前", r"签约|签署|签订|签的",
               r"竣工|完工|建成|投入使用|交付", r"成立|挂牌|揭牌|设立|组建"]
# 哪家公司 / 哪个学校: the kinds of organisation a who-question may ask for, and their endings.
ORG_KINDS = {"公司": ("公司", "集团", "企业"), "企业": ("公司", "集团", "企业"), "大学": ("大学", "学院"),
             "学校": ("大学", "学院", "学校"), "协会": ("协会", "学会", "促进会"), "医院": ("医院",)}
UNIT_WORDS = {
    "money": ("元", "万元", "亿元"), "area": ("平方米", "亩", "万平方米"), "volume": ("方", "立方米", "吨", "万吨", "万立方米"),
    "people": ("名", "人", "位", "万人", "千人"), "orgs": ("家", "个"), "percent": ("%",),
}


class Engine:
    """Answers from one loaded KnowledgeBase; built whole, so it can be swapped atomically."""

    def __init__(self, kb: KnowledgeBase, previous: "Engine | None" = None):
        """`previous`: the engine this one replaces; what it read from unchanged articles is reused."""
        self.kb = kb
        self.library = Library(kb.articles, kb.settings.synonyms, kb.settings.association,
                               previous.library if previous is not None else None)
        self.faq = FaqMatcher(kb.faq, self.library.canon, previous.faq if previous is not None else None)
        # The same subject is compared with many sentences: build each once (bounded).
        self.subject = functools.lru_cache(maxsize=4096)(lambda topic: Subject(topic, self.library.index.idf))
        self._suggestions: list[str] = []
        self._suggestions = self._pick_suggestions()
    # -- the entry point ---------------------------------------------------------------

    def answer(self, question: str, context: dict | None = None) -> Answer:
        """Answer one question; `context` is the previous answer's context (follow-ups)."""
        context = context or {}
        question = question[:MAX_QUESTION_CHARS]
        q = analyse(self.library.canon(fold(question)))
        if not q.text:
            return self.decline()
        faq = self.faq.match(question, q)
        if faq and faq[0][1] >= FAQ_MIN_SCORE:
            answer = self._faq_answer(faq)
            answer.runners_up = _faq_runners_up(faq, answer.matched)
            if has_traditional(question):
                answer.text = to_traditional(answer.text)
            return answer
        q, scope = self._apply_context(q, context)
        people = self.library.people.find(q.text, q.latin)
        if q.proper and not people:
            q = self._spell_in_chinese(q)
        kind = self._kind(q, people)
        try:
            answer = getattr(self, f"_{kind}")(q, people, scope)
        except Exception:  # a flaw in one kind of answer must not stop the bot from answering
            log.exception("engine failed on %r (kind %s)", question, kind)
            answer = None
        if answer is None:
            answer = self.decline()
        if has_traditional(question):  # 誰參加了會議: answer in the follower's own script
            answer.text = to_traditional(answer.text)
        # what came next, for staff (#debug, /admin): the best FAQ entries, then other articles
        answer.runners_up = _faq_runners_up(faq, answer.matched)[:2]
        answered = answer.sources[0]["file"] if answer.sources else None
        answer.runners_up += [{"matched": doc.article.path, "score": round(100 * cov, 1)}
                              for doc, cov in self._candidates(q, scope, people=people)[:3]
                              if doc.article.path != answered][:2]
        return answer

    def decline(self) -> Answer:
        tips = "、".join(f"“{s}”" for s in self.suggestions(3))
        text = self.kb.settings.decline + (f"\n您可以这样问：{tips}" if tips else "")
        return Answer(text, None, 0.0, kind="decline")

    def suggestions(self, n: int = 3) -> list[str]:
        """Example questions the bot answers well, for the welcome and decline texts."""
        return self._suggestions[:n]

    def _pick_suggestions(self) -> list[str]:
        """One of each kind (a curated question, a person, the latest event), each checked to be
        answered. Worked out once, while the engine is built (before any thread shares it)."""
        newest = sorted(self.library.docs, key=lambda d: (d.own, d.when), reverse=True)
        candidates = [entry.questions[0][0] for entry in self.kb.faq[:1]]
        for doc in newest[:3]:
            speakers = [p for p in doc.facts.people.values() if p.roles and p.actions]
            candidates += [f"{p.name}是谁？" for p in speakers[:1]]
            candidates += ["会议在哪里举行？"] if any(e.place for e in doc.facts.events) else []
            candidates += ["谁参加了会议？"] if len(doc.facts.people) > 2 else []
        candidates += [entry.questions[0][0] for entry in self.kb.faq[1:]]
        unique = list(dict.fromkeys(candidates))[:8]
        return [c for c in unique if not self.answer(c).declined][:3]

    # -- reading the question ----------------------------------------------------------

    def _apply_context(self, q: Question, context: dict) -> tuple[Question, Doc | None]:
        """"他是谁" after an answer about 武涌 is about 武涌; "在哪开的" about the last article."""
        person = context.get("person")
        if person and PRONOUNS.search(q.text):
            q = analyse(PRONOUNS.sub(person, q.text, count=1))
        scope = None
        if context.get("article") and not _subject(q.topic):
            scope = next((d for d in self.library.docs if d.article.path == context["article"]), None)
        return q, scope

    def _spell_in_chinese(self, q: Question) -> Question:
        """Guantang -> 官塘: a Capitalised word is read as pinyin against the articles that
        match the rest of the question, so the question can be compared in Chinese."""
        rest = " ".join(w for w in q.topic.split() if w not in q.proper)
        for doc, _ in self.library.search(rest, limit=5):
            words = self.library.pinyin_words(doc)
            if all(w in words for w in q.proper):
                for w in q.proper:
                    q.topic = q.topic.replace(w, words[w])
                    q.text = q.text.replace(w, words[w])
                q.proper = []
                break
        return q

    @staticmethod
    def _kind(q: Question, people) -> str:
        if people:
            if q.kind == "speakers" or re.search(r"主题|题目", q.text):
                return "said"
            rest = q.topic.replace(people[0][0], " ")
            for word in q.latin + [q.title] * bool(q.title):
                rest = rest.replace(word, " ")
            rest = _subject(re.sub(TARGET_NOUNS, " ", rest))
            if q.kind in ("", "what") and not q.asks_who and rest:
                return "content"  # 皇甫文涛毕业于哪所大学: a fact about the person, not who they are
            if q.kind in ("", "what", "purpose", "attend", "host") or q.asks_who:
                return "who"
            return q.kind
        if q.title and (q.asks_who or q.kind in ("", "attend", "what", "purpose")):
            return "holders"
        if not q.kind:
            return "doer" if q.asks_who and not q.targets else "content"
        return q.kind

    # -- finding the article ---------------------------------------------------------------

    def _candidates(self, q: Question, scope: Doc | None = None, topic: str | None = None,
                    people=()) -> list[tuple[Doc, float]]:
        """Articles that account for the question's subject, best first, as (doc, coverage)."""
        topic = q.topic if topic is None else topic
        topic = NUMBER_TOKEN.sub(" ", topic)
        subject = _subject(topic)
        names = {name for name, _ in people}
        if scope is not None:
            docs = [scope]
        elif not subject and not names:
            # Every article fits as well (coverage 1), so the order is own news, then newest: kept
            # sorted by the library, and read only as far as the answer needs (3,000 articles).
            return Prefix((doc, 1.0) for doc in self.library.by_recency if self._fits(q, doc, names))
        else:
            docs = [doc for doc, _ in self.library.search(topic + " " + " ".join(names))]
        found = []
        for doc in docs:
            if not self._fits(q, doc, names):
                continue
            coverage = self.subject(subject).share(doc.text, doc) if subject else 1.0
            if names:
                coverage = (coverage + 1) / 2 if names & doc.facts.people.keys() else coverage / 2
            found.append((doc, coverage))
        found.sort(key=lambda item: -item[1])
        if found:  # among equally good articles, prefer the association's own news, then the newest
            best = found[0][1]
            close = [f for f in found if f[1] >= best - CLOSE]
            close.sort(key=lambda item: (item[0].own, item[0].when), reverse=True)
            found = close + [f for f in found if f[1] < best - CLOSE]
        return found

    def _fits(self, q: Question, doc: Doc, names: set[str]) -> bool:
        """Hard facts in the question the article must share: ordinals, years, places, Latin words."""
        if not q.numbers <= doc.numbers:
            return False
        if not q.places <= doc.places:
            return False
        # A Capitalised word the glossary does not know (Markus, Guantang) names something: the
        # article must spell it, in Latin letters or in pinyin, unless it named a person found.
        if not q.proper or names:
            return True  # nothing to look for: the article's text is not put together (every article is asked)
        text = (doc.article.text + doc.article.title + doc.article.site_name).lower()
        return all(word in text or word in self.library.pinyin_words(doc) for word in q.proper if not names)

    def _good(self, q: Question, scope=None, people=(), need=None, topic=None) -> "Prefix":
        """Candidates good enough to answer from, optionally only those having a fact (`need`).

        Only articles nearly as good as the best one: when the article a question is plainly
        about lacks the fact, a weaker match that has one would answer something else."""
        candidates = self._candidates(q, scope, topic, people)
        best = max((cov for _, cov in candidates), default=0) if isinstance(candidates, list) else 1.0
        floor = max(MIN_COVERAGE, best - MARGIN)
        return Prefix((doc, cov) for doc, cov in candidates if cov >= floor and (need is None or need(doc)))

    def _sentence(self, q: Question, doc: Doc, indices, topic: str | None = None,
                  with_title: bool = False, kind: str = "") -> tuple[int, float]:
        """The sentence among `indices` that best accounts for the subject: (index, coverage).

        `with_title`: the title counts as context (it names the event a dated sentence is about).
        """
        topic = _subject(NUMBER_TOKEN.sub(" ", q.topic if topic is None else topic))
        subject = self.subject(topic)
        best, best_cov, best_rank = -1, -1.0, -1.0
        for i in indices:
            if with_title and not self._consistent(q, doc, i, kind):
                continue
            cov = subject.share(self._context(doc, i) if with_title else doc.sentences[i], doc) if topic else 1.0
            # sentences that share a context (the rows of a table) are told apart by their own words
            rank = cov + (0.15 * subject.share(doc.sentences[i], doc) if with_title and topic else 0.0)
            if rank > best_rank + 1e-9:
                best, best_cov, best_rank = i, cov, rank
        return best, best_cov

    def _context(self, doc: Doc, i: int) -> str:
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
        # 我会定于…举办: the publisher speaks of itself, so its name is part of every fact's context
        publisher = doc.article.contacts.get("owner", "") if SELF_MENTION.search(doc.text) else ""
        return self.library.canon(doc.article.title + publisher).lower() + paragraph

    def _consistent(self, q: Question, doc: Doc, i: int, kind: str) -> bool:
        """A date or place must be of the event the question pins down: its ordinal or year
        (第三届), its city (在青岛办的), its kind (开始实施 is not 召开)."""
        if kind not in ("when", "where"):
            return True
        text = self._context(doc, i) + doc.article.site_name + doc.article.contacts.get("owner", "")
        if not q.numbers <= numbers_in(text) or not all(place in text for place in q.event_places):
            return False
        sentence = doc.sentences[i]
        return kind != "when" or all(re.search(verbs, sentence) for verbs in EVENT_VERBS if re.search(verbs, q.text))

    # -- answering, one kind of fact each ----------------------------------------------------

    def _faq_answer(self, matches) -> Answer:
        phrasing, score = matches[0]
        entry = phrasing.entry
        answer = Answer(entry.answer, f"faq:{entry.key}", score, kind="faq",
                        sources=[{"file": entry.path, "title": entry.key, "date": ""}])
        if entry.source:
            doc = next((d for d in self.library.docs if entry.source in d.article.path), None)
            if doc:
                answer.sources.append(_source(doc))
                answer.context = {"article": doc.article.path}
        return answer

    def _who(self, q, people, scope) -> Answer | None:
        name, confidence = people[0]
        docs = [self.library.docs[i] for i in dict.fromkeys(self.library.people.exact[name])]
        ranked = self._candidates(q, scope, topic=q.topic.replace(name, " "), people=[(name, confidence)])
        order = [doc for doc, _ in ranked if doc in docs] + [d for d in docs if d not in [r[0] for r in ranked]]
        doc = order[0]
        person = doc.facts.people[name]
        kinds = [t for t in q.targets if t in ORG_KINDS]
        if kinds and not any(k in person.description for t in kinds for k in ORG_KINDS[t]):
            return None  # 张家豪是哪家公司的: the article names no company of his
        lines = [person_line(person) + "。"]
        summary, deed = _deeds(doc, person)
        if summary:
            lines.append(f"在{doc.article.label()}中：{summary}。")
        if (deed is not None and len(doc.article.sentences[deed].text) <= 150
                and not doc.article.sentences[deed].text.startswith(name + "：")):  # not the guest list row
            lines.append(f"原文：{doc.article.sentences[deed].text}")
        others = [d for d in order[1:3]]
        for other in others:
            p = other.facts.people[name]
            if p.description and p.description != person.description:
                lines.append(f"另见{other.article.label()}：{person_line(p)}。")
        prefix = f"您问的可能是“{name}”：\n" if confidence < 100 else ""
        text = prefix + "\n".join(lines) + "\n" + source(doc.article)
        return Answer(text, f"{doc.article.path}#person:{name}", confidence, [_source(d) for d in [doc] + others],
                      kind="who", context={"person": name, "article": doc.article.path},
                      evidence=doc.article.sentences[deed].text if deed is not None else "")

    def _said(self, q, people, scope) -> Answer | None:
        name, confidence = people[0]
        topic = q.topic.replace(name, " ")
        docs = [doc for doc, _ in self._candidates(q, scope, topic=topic, people=people)
                if name in doc.facts.people]
        if not docs:
            return None
        doc = docs[0]
        person = doc.facts.people[name]
        indices = person.said or [i for kind, i in person.actions if kind == "speech"]
        if not indices:
            return None
        text_lines = [quote(doc.article.sentences[i].text, 200) for i in indices[:4]]
        text = f"{person_line(person)}：\n" + "\n".join(text_lines) + "\n" + source(doc.article)
        return Answer(text, f"{doc.article.path}#said:{name}", confidence, [_source(doc)], kind="said",
                      context={"person": name, "article": doc.article.path},
                      evidence=doc.article.sentences[indices[0]].text)

    def _holders(self, q, people, scope) -> Answer | None:
        title = re.sub(r"^(?:现任|新任|时任|新一届)", "", q.title)
        topic = q.topic.replace(q.title, " ")
        subject = _subject(NUMBER_TOKEN.sub(" ", topic))
        if subject:
            docs = [doc for doc, _ in self._good(q, scope, topic=topic)]
        else:
            docs = self.library.docs if scope is None else [scope]
            if not all(self._fits(q, d, set()) for d in docs):
                docs = [d for d in docs if self._fits(q, d, set())]
        found = []
        for doc in docs:
            for person in doc.facts.people.values():
                for org, held in person.roles:
                    if not _same_title(held, title):
                        continue
                    fit = (max(self.subject(subject).share(name, doc) for name in _expanded(org, doc, self.library))
                           if subject and org else 0.5 if subject else 1.0)
                    found.append((fit, doc, person, org, held))
        if not found:
            return None
        found.sort(key=lambda f: -f[0])
        best = found[0][0]
        if subject and best < MIN_COVERAGE and ORG_SUFFIX_RE.search(subject.replace(" ", "")):
            return None  # 北京市绿色建筑协会会长: nobody holds that title in that organisation
        if subject and best < MIN_COVERAGE:
            # the subject names an event, not an organisation: that article's people
            top = docs[0] if docs else None
            found = [f for f in found if f[1] is top]
            if not found:
                return None
        else:
            found = [f for f in found if f[0] >= best - CLOSE]
        # 周德胜 (副会长兼秘书长) chaired the meeting that elected 高丽娟 秘书长: the one elected holds it now
        elected = {id(f) for f in found if any(kind == "elected" and title in f[1].article.sentences[i].text
                                                 for kind, i in f[2].actions)}
        electing = {f[1].id for f in found if id(f) in elected}
        found = [f for f in found if f[1].id not in electing or id(f) in elected]
        seen, by_article, docs = set(), {}, {}
        for _fit, doc, person, org, held in found[:15]:
            if person.name not in seen:
                seen.add(person.name)
                docs[doc.id] = doc
                by_article.setdefault(doc.id, []).append(f"{org}{held}{person.name}")
        first = found[0]
        if len(seen) == 1:
            text = f"{first[3]}{first[4]}是{first[2].name}。\n{source(first[1].article)}"
        else:
            text = f"担任{title}的有：\n" + "\n".join(f"{docs[i].article.label()}：{'、'.join(names)}"
                                                   for i, names in by_article.items())
        sources = [_source(docs[i]) for i in by_article]
        return Answer(text, f"{first[1].article.path}#holders:{title}", 100.0 * first[0], sources, kind="holders",
                      context={"person": first[2].name, "article": first[1].article.path})

    def _attend(self, q, people, scope) -> Answer | None:
        if q.asks_orgs:
            return self._attend_orgs(q, scope)
        good = self._good(q, scope, need=lambda d: any(p.present for p in d.facts.people.values()))
        if not good:
            return None
        doc = good[0][0]
        present = [p for p in doc.facts.people.values() if p.present]
        more, choices = self._alternatives(good, q)
        also = "".join(f"\n另有{'、'.join(names)}等{kind}参加。" for names, kind, _ in doc.facts.org_lists[:2])
        text = (f"{doc.article.label()}提到的出席人员（按单位）：\n{grouped_people(present)}{also}{more}\n"
                f"{source(doc.article)}")
        return Answer(text, f"{doc.article.path}#attend", 100.0 * good[0][1], [_source(doc)], kind="attend",
                      context={"article": doc.article.path}, choices=choices)

    def _attend_orgs(self, q, scope) -> Answer | None:
        wanted = re.findall(r"企业|公司|单位|机构|高校|协会|院校|部门|学会", q.text)
        topic = re.sub(r"企业|公司|单位|机构|高校|院校|部门", " ", q.topic)
        good = self._good(q, scope, topic=topic, need=lambda d: bool(d.facts.org_lists))
        for doc, coverage in good:
            lists = [(names, kind, i) for names, kind, i in doc.facts.org_lists
                     if not wanted or any(w in kind or kind in w for w in wanted)] or doc.facts.org_lists
            names, kind, i = lists[0]
            text = f"{'、'.join(names)}等{kind}。\n原文：{quote(doc.article.sentences[i].text)}\n{source(doc.article)}"
            return Answer(text, f"{doc.article.path}#orgs", 100.0 * coverage, [_source(doc)], kind="attend_orgs",
                          context={"article": doc.article.path}, evidence=doc.article.sentences[i].text)
        return None

    def _host(self, q, people, scope) -> Answer | None:
        return self._role(q, scope, "host", "主持")

    def _speakers(self, q, people, scope) -> Answer | None:
        good = self._good(q, scope, need=lambda d: any(k == "speech" for p in d.facts.people.values()
                                                          for k, _ in p.actions))
        if not good:
            return None
        doc = good[0][0]
        lines, seen = [], set()
        for person in doc.facts.people.values():
            for kind, _ in person.actions:
                if kind == "speech" and person.name not in seen:
                    seen.add(person.name)
                    lines.append(f"· {person_line(person)}")
        shared = {i for p in doc.facts.people.values() for k, i in p.actions if k == "speech"}
        evidence = [quote(doc.article.sentences[i].text, 220) for i in sorted(shared)
                    if sum(1 for p in doc.facts.people.values() if (("speech", i) in p.actions)) > 1]
        text = f"{doc.article.label()}中发言、作报告或分享的有：\n" + "\n".join(lines)
        if evidence:
            text += "\n" + "\n".join(evidence[:2])
        more, choices = self._alternatives(good, q)
        text += more + "\n" + source(doc.article)
        return Answer(text, f"{doc.article.path}#speakers", 100.0 * good[0][1], [_source(doc)], kind="speakers",
                      context={"article": doc.article.path}, choices=choices)

    def _role(self, q, scope, role: str, verb: str) -> Answer | None:
        good = self._good(q, scope, need=lambda d: any(k == role for p in d.facts.people.values()
                                                          for k, _ in p.actions))
        if not good:
            return self._content(q, [], scope, cue=HOST_RE)
        for doc, _ in good:
            acts = {i: p for p in doc.facts.people.values() for k, i in p.actions if k == role}
            index, cov = self._sentence(q, doc, sorted(acts), with_title=True)
            if cov >= MIN_SENTENCE_COVERAGE:
                break
        else:
            return None
        person = acts[index]
        text = f"由{person.description}{person.name}{verb}。\n原文：{quote(doc.article.sentences[index].text)}"
        more, choices = self._alternatives(good, q)
        text += more + "\n" + source(doc.article)
        return Answer(text, f"{doc.article.path}#{role}", 100.0 * good[0][1], [_source(doc)], kind=role,
                      context={"person": person.name, "article": doc.article.path},
                      choices=choices, evidence=doc.article.sentences[index].text)

    def _organiser(self, q, people, scope) -> Answer | None:
        return self._content(q, people, scope, cue=ORGANISER_RE)

    def _documents(self, q, people, scope) -> Answer | None:
        """审议通过了哪些文件: every document the article says was passed, with the sentence(s)."""
        good = self._good(q, scope, need=lambda d: bool(d.facts.documents))
        if not good:
            return None
        doc = good[0][0]
        verbs = DOC_VERBS.findall(q.text)
        matching = [(name, i) for name, i in doc.facts.documents
                    if verbs and any(v in doc.sentences[i] for v in verbs)]
        if not matching:
            index, _ = self._sentence(q, doc, [i for _, i in doc.facts.documents])
            matching = [(name, i) for name, i in doc.facts.documents if i == index]
        names = list(dict.fromkeys(name for name, _ in matching))
        indices = sorted({i for _, i in matching})
        quoted = "\n".join(quote(doc.article.sentences[i].text) for i in indices[:2])
        text = f"{'、'.join(names)}。\n原文：{quoted}\n{source(doc.article)}"
        return Answer(text, f"{doc.article.path}#documents", 100.0 * good[0][1], [_source(doc)], kind="documents",
                      context={"article": doc.article.path}, evidence=doc.article.sentences[indices[0]].text)

    def _count(self, q, people, scope) -> Answer | None:
        units = UNIT_WORDS.get(q.unit)
        counted = self.library.canon(q.counted) if q.counted else ""

        person = people[0][0] if people else ""

        def matching(doc):  # counts of the asked kind, in a sentence that names what is counted (and who)
            return [c for c in doc.facts.counts if (units is None or c.unit in units)
                    and (not q.measure or c.unit == q.measure) and counted in doc.sentences[c.sentence]
                    and person in doc.article.sentences[c.sentence].text]

        good = self._good(q, scope, need=lambda d: bool(matching(d)))
        for doc, _ in good:
            sentences = sorted({c.sentence for c in matching(doc)})
            index, cov = self._sentence(q, doc, sentences, with_title=True)
            totals = [i for i in sentences if TOTAL.search(doc.sentences[i])]
            if "总数" in q.text and totals:  # 一共有多少: a sentence that gives a total, if it is as much about it
                total_index, total_cov = self._sentence(q, doc, totals, with_title=True)
                if total_cov >= cov - 0.1:
                    index, cov = total_index, total_cov
            if cov < MIN_SENTENCE_COVERAGE:
                continue
            counts = self._closest_counts(q, [c for c in matching(doc) if c.sentence == index])
            text = f"{'、'.join(counts)}。\n原文：{quote(doc.article.sentences[index].text)}\n{source(doc.article)}"
            return Answer(text, f"{doc.article.path}#count", 100.0 * cov, [_source(doc)], kind="count",
                          context={"article": doc.article.path}, evidence=doc.article.sentences[index].text)
        return None

    def _closest_counts(self, q: Question, counts) -> list[str]:
        """一等奖有几项 -> 一等奖12项, not every number of the sentence: the counts whose own
        words (before and after the number) share most with the question."""
        words = set(grams(self.library.canon(q.text)))
        total = "总数" in q.text  # 一共有多少: the count the article calls a total
        scored = [(len(words & grams(self.library.canon(c.before + c.noun)))
                   + (3 if total and TOTAL.search(c.before) else 0), c) for c in counts]
        best = max((score for score, _ in scored), default=0)
        if best == 0:
            return [c.text for c in counts]
        return [f"{c.before}{c.text}" if c.before else c.text for score, c in scored if score == best]

    def _when(self, q, people, scope) -> Answer | None:
        return self._event(q, scope, "when")

    def _where(self, q, people, scope) -> Answer | None:
        return self._event(q, scope, "where")

    def _event(self, q, scope, kind: str) -> Answer | None:
        def events(doc):
            return [e for e in doc.facts.events if (e.dates if kind == "when" else e.place)]

        if kind == "when" and q.clock:
            return None  # a time of day: the articles give dates, and a date would answer wrongly
        good = self._good(q, scope, need=lambda d: bool(events(d)))
        for doc, coverage in good:
            by_sentence = {e.sentence: e for e in events(doc)}
            index, cov = self._sentence(q, doc, sorted(by_sentence), with_title=True, kind=kind)
            if cov < MIN_SENTENCE_COVERAGE:
                continue
            event = by_sentence[index]
            fact = "、".join(d.text for d in event.dates) if kind == "when" else event.place
            # 在郑州举办 and, further on, 地点：郑州市郑东新区…中原建科大厦: the finer place is the venue
            finer = [e.place for e in events(doc) if event.place in e.place and e.place != event.place]
            venue = event.venue or max(finer, key=len, default="")
            if kind == "where" and venue and venue not in fact:
                fact += f"（会场：{venue}）"
            label = "时间" if kind == "when" else "地点"
            more, choices = self._alternatives(good, q)
            text = (f"{label}：{fact}。\n原文：{quote(doc.article.sentences[index].text)}{more}\n"
                    f"{source(doc.article)}")
            return Answer(text, f"{doc.article.path}#{kind}", 100.0 * min(cov, coverage), [_source(doc)], kind=kind,
                          context={"article": doc.article.path}, choices=choices,
                          evidence=doc.article.sentences[index].text)
        return None

    def _contact(self, q, people, scope) -> Answer | None:
        """你们的电话: the association's own footer. 研讨会报名电话: the contact the article prints.
        莆田市建筑业协会的电话: that site's footer. Anyone else's phone is not known."""
        if people:
            return self._person_contact(q, people, scope)
        subject = _subject(re.sub(r"你们|贵会|本会|贵协会|协会|联系|办公|方式|找", " ", q.topic))
        if not subject:
            # own news first, then newest: the library's order, read only up to the first with contacts
            docs = Prefix(d for d in self.library.by_recency if d.article.contacts)
            return self._footer(docs[0]) if docs else None
        address = bool(ADDRESS_ASKED.search(q.text))
        for doc, _ in self._good(q, scope):
            owner = self.library.canon(doc.article.contacts.get("owner", ""))
            if owner and self.subject(subject).share(owner, doc) >= 0.9:  # the site's own association
                footer = self._footer(doc)
                if footer and (not address or "地址" in footer.text):
                    return footer
            printed = [i for i, s in enumerate(doc.sentences) if CONTACT_IN_TEXT.search(s)
                       and (not address or ADDRESS_IN_TEXT.search(s))]
            index, cov = self._sentence(q, doc, printed, with_title=True)
            if printed and cov >= MIN_SENTENCE_COVERAGE:
                paragraph = doc.article.sentences[index].paragraph
                shown = [doc.article.sentences[i].text for i in printed
                         if doc.article.sentences[i].paragraph == paragraph][:3]  # 回执邮箱… 联系人：…，电话：…
                return Answer("\n".join(shown) + f"\n{source(doc.article)}", f"{doc.article.path}#contact", 100 * cov,
                              [_source(doc)], kind="contact", context={"article": doc.article.path},
                              evidence=shown[0])
            if owner and self.subject(subject).share(owner, doc) >= MIN_COVERAGE:
                return self._footer(doc)
        return None

    def _footer(self, doc: Doc) -> Answer | None:
        c = doc.article.contacts
        lines = [c.get("owner", "")]
        for key, label in (("address", "地址"), ("phone", "电话"), ("fax", "传真"), ("email", "邮箱"),
                           ("postcode", "邮编")):
            if c.get(key):
                value = "、".join(c[key]) if isinstance(c[key], list) else c[key]
                lines.append(f"{label}：{value}")
        if len(lines) < 2:
            return None
        text = "\n".join(line for line in lines if line) + "\n" + source(doc.article)
        return Answer(text, f"{doc.article.path}#contact", 100.0, [_source(doc)], kind="contact",
                      context={"article": doc.article.path})

    def _person_contact(self, q, people, scope) -> Answer | None:
        """A person's phone is only known if the article prints it next to the name.

        The footer belongs to the site, so it never answers for a person.
        """
        name = people[0][0]
        for i in dict.fromkeys(self.library.people.exact[name]):
            doc = self.library.docs[i]
            for index in doc.facts.people[name].sentences:
                sentence = doc.article.sentences[index].text
                if CONTACT_IN_TEXT.search(sentence):
                    text = f"{quote(sentence)}\n{source(doc.article)}"
                    return Answer(text, f"{doc.article.path}#contact:{name}", 100.0, [_source(doc)],
                                  kind="contact", context={"person": name, "article": doc.article.path},
                                  evidence=sentence)
        return None

    def _what(self, q, people, scope, focus: str = "what") -> Answer | None:
        """What an organisation or thing is; `focus` "fullname" or "purpose" narrows the answer."""
        subject = _subject(q.topic)
        if not subject:
            return None
        for doc, coverage in self._good(q, scope):
            full = next((f for short, f in doc.facts.aliases.items()
                         if short in subject or sound(short) == sound(subject)), "")
            named = self.library.canon(full) if full else ""  # match text is in canonical words
            mentions = sorted((i for i, s in enumerate(doc.sentences) if (named and named in s) or subject in s),
                              key=lambda i: not (named and named in doc.sentences[i]))  # the full name first
            purpose = sorted((i for i in mentions if PURPOSE_RE.search(doc.sentences[i])),
                             key=lambda i: not PURPOSE_STRONG.search(doc.sentences[i]))
            if focus == "fullname":
                if not full:
                    continue
                lines = [f"{subject}的全称是“{full}”。"]
                picked = mentions[:1]
            elif focus == "purpose":
                if not purpose:
                    continue
                lines, picked = [], purpose[:2]
            else:
                if not mentions:
                    index, cov = self._sentence(q, doc, range(len(doc.sentences)))
                    if cov < MIN_SENTENCE_COVERAGE:
                        continue
                    mentions = [index]
                lines = [f"{subject}全称“{full}”。"] if full and full != subject else []
                picked = sorted(dict.fromkeys(mentions[:1] + purpose[:1]))
            lines += [quote(doc.article.sentences[i].text, 200) for i in picked]
            text = "\n".join(lines) + "\n" + source(doc.article)
            evidence = doc.article.sentences[picked[0]].text if picked else ""
            return Answer(text, f"{doc.article.path}#{focus}", 100.0 * coverage, [_source(doc)], kind=focus,
                          context={"article": doc.article.path}, evidence=evidence)
        return None

    def _attachments(self, q, people, scope) -> Answer | None:
        """通知有哪些附件: the files listed under 附件, as the page names them."""
        for doc, cov in self._good(q, scope, need=lambda d: bool(d.article.attachments)):
            names = doc.article.attachments
            listed = "\n".join(f"{n}. {name}" for n, name in enumerate(names, 1))
            text = f"附件：\n{listed}\n（附件请到协会网站原文页面下载）\n{source(doc.article)}"
            return Answer(text, f"{doc.article.path}#attachments", 100.0 * cov, [_source(doc)], kind="attachments",
                          context={"article": doc.article.path}, evidence="、".join(names))
        return None

    def _code(self, q, people, scope) -> Answer | None:
        """标准编号是多少: the sentence that gives a standard's or a document's number."""
        return self._content(q, people, scope, cue=CODE, cue_required=True)

    def _fullname(self, q, people, scope) -> Answer | None:
        return self._what(q, people, scope, "fullname")

    def _purpose(self, q, people, scope) -> Answer | None:
        return self._what(q, people, scope, "purpose")

    def _doer(self, q, people, scope) -> Answer | None:
        """谁宣读了指导委员会名单: the people named in the sentence that says it."""
        good = self._good(q, scope)
        subject = self.subject(_subject(NUMBER_TOKEN.sub(" ", q.topic)))
        for doc, _ in good:
            # only sentences that name someone; the title says what for (谁获得了…称号: 皇甫文涛名列其中)
            named_in = sorted({i for p in doc.facts.people.values() for i in p.sentences})
            index, cov = self._sentence(q, doc, named_in, with_title=True)
            if cov < MIN_SENTENCE_COVERAGE:
                continue
            named = [p for p in doc.facts.people.values() if index in p.sentences]
            evidence = doc.article.sentences[index].text
            # a title that says it as well as any sentence does names the one it is about:
            # 《…皇甫文涛荣获“燕赵建设科技杰出专家”称号》, not those who handed out the certificates
            in_title = [p for p in doc.facts.people.values() if p.name in doc.article.title]
            if in_title and subject and subject.share(self.library.canon(doc.article.title).lower(), doc) >= cov:
                named, evidence = in_title, doc.article.title
            if not named:
                continue
            who = "、".join(person_line(p) for p in named[:3])
            text = f"{who}。\n原文：{quote(evidence)}\n{source(doc.article)}"
            return Answer(text, f"{doc.article.path}#doer", 100.0 * cov, [_source(doc)], kind="doer",
                          context={"person": named[0].name, "article": doc.article.path}, evidence=evidence)
        return None

    def _content(self, q, people, scope, cue=None, cue_required=False) -> Answer | None:
        """Anything else: the fewest sentences (at most three) that account for the question.

        `cue`: sentences matching it are preferred (or, with `cue_required`, the only ones read)."""
        good = self._good(q, scope, people=people)
        topic = _subject(NUMBER_TOKEN.sub(" ", q.topic))
        subject = self.subject(topic)
        person = people[0][0] if people else ""
        for doc, _ in good:
            indices = range(len(doc.sentences))
            if cue is not None:
                indices = [i for i in indices if cue.search(doc.sentences[i])] or ([] if cue_required else list(indices))
            # 1985年毕业于天津大学: a sentence in a paragraph about the person is about them, named or not
            near = _paragraphs_of(doc, doc.facts.people[person].sentences) if person in doc.facts.people else set()
            found = {i: (subject.found(person * (i in near) + doc.sentences[i], doc), subject.total) for i in indices}
            total = subject.total
            share = total / max(1, sum(len(p) for p in subject.pieces))  # what one word of the question weighs
            for target in q.targets:  # 编个什么指南: the sentence naming 《…指南》 says what was asked
                named = _named(target, quoted=q.asks_name)
                for i, (pieces, _) in found.items():
                    if named.search(doc.sentences[i]):
                        pieces[("target", target)] = share  # a bonus: the threshold stays the subject's
            if q.asks_list:  # 有哪些: a sentence that lists (、…、 / 包括) answers better than one that counts
                for i, (pieces, _) in found.items():
                    if doc.sentences[i].count("、") >= 2 or LISTS.search(doc.sentences[i]):
                        pieces[("list", 0)] = 0.25 * total
            picked, covered = [], {}
            while len(picked) < 3 and total:
                gain, best = max(((sum(w for k, w in f.items() if k not in covered), -i)
                                  for i, (f, _) in found.items() if -i not in picked), default=(0, 1))
                best = -best
                if best < 0 or gain / total < (MIN_SENTENCE_COVERAGE if not picked else 0.1):
                    break
                picked.append(best)
                covered.update(found[best][0])
            for target in q.targets if picked else ():  # 哪个公司和项目: a sentence must name each
                named = _named(target, quoted=q.asks_name)
                if not any(named.search(doc.sentences[i]) for i in picked):
                    options = [(sum(found[i][0].values()), -i) for i in found if named.search(doc.sentences[i])]
                    if options and max(options)[0] / total >= 0.2 and len(picked) < 4:
                        picked.append(-max(options)[1])
                    elif target in NAMED_ONLY and not options and not named.search(doc.article.title):
                        picked = []  # 住的是哪家酒店: the article names none, so it does not say
                        break
            if not picked:
                continue
            if q.asks_list:  # 哪几个点: the sentence announcing a list brings its items
                for announce, items in doc.facts.lists:
                    said = doc.sentences[announce]
                    noun = q.list_noun
                    # 共设三站 announces 站; a heading 三、培训内容 announces the 内容 listed under it
                    names_noun = bool(noun) and (
                        re.search(rf"[一二三四五六七八九十两\d]+(?:[个项家位类种站处][\u4e00-\u9fff]{{0,3}})?{noun}", said)
                        or noun in doc.article.sentences[items[0]].heading)
                    # 一等奖有哪些项目: the question names the caption (一等奖（4项）) of a table's rows
                    caption = re.sub(r"[（(][^（）()]*[)）]$", "", said)
                    named = len(caption) >= 2 and caption in self.library.canon(q.text).lower()
                    if set(picked) & ({announce} | set(items)) or names_noun or named or subject.share(said, doc) >= 0.5:
                        picked = [announce] + items
                        break
            picked = _with_replies(doc, picked)
            cov = min(1.0, sum(covered.values()) / total)
            lines = [quote(doc.article.sentences[i].text, 200) for i in sorted(picked)]
            text = "\n".join(lines) + "\n" + source(doc.article)
            return Answer(text, f"{doc.article.path}#content", 100.0 * cov, [_source(doc)], kind="content",
                          context={"article": doc.article.path}, evidence=doc.article.sentences[picked[0]].text)
        return None

    # -- several articles ------------------------------------------------------------------

    @staticmethod
    def _alternatives(good, q: Question) -> tuple[str, list[dict]]:
        """A question that names no event ("谁主持的会议") fits several articles: the answer is
        for the association's own newest news, and the others are offered by number."""
        others = [doc for doc, _ in good[1:4]]
        if not others or _subject(NUMBER_TOKEN.sub(" ", q.topic)):
            return "", []
        choices = [{"label": doc.article.title, "question": q.raw, "context": {"article": doc.article.path}}
                   for doc in others]
        return "\n其他文章也有相关内容：\n" + numbered([c["label"] for c in choices]), choices


ASKED = re.compile(r"^(?:记者问|问|Q)\s*[:：]|[?？]$")
REPLY = re.compile(r"^(?:答|A)\s*[:：]")


def _with_replies(doc: Doc, picked: list[int]) -> list[int]:
    """An interview's question (记者问：罚则是什么？) is answered by the paragraph after it (答：…):
    the reply takes the question's place."""
    sentences = doc.article.sentences
    out = []
    for i in picked:
        if ASKED.search(sentences[i].text) and i + 1 < len(sentences) and REPLY.match(sentences[i + 1].text):
            paragraph = sentences[i + 1].paragraph
            out += [s.index for s in sentences if s.paragraph == paragraph][:3]
        else:
            out.append(i)
    return list(dict.fromkeys(out))


def _paragraphs_of(doc: Doc, indices) -> set[int]:
    """The sentences sharing a paragraph with any of `indices`."""
    paragraphs = {doc.article.sentences[i].paragraph for i in indices}
    return {s.index for s in doc.article.sentences if s.paragraph in paragraphs}


# Things an article names when it has one (XX酒店, XX医院); 单位 or 工作 may go unnamed and still be said.
NAMED_ONLY = {"酒店", "宾馆", "医院", "学校", "大学", "学院", "园区", "小区", "基地", "展会", "博览会"}
DOCUMENT_NOUNS = {"指南", "规程", "规范", "办法", "方案", "导则", "手册", "宣言", "倡议书", "标准", "文件", "报告"}


class Prefix:
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


def _named(noun: str, quoted: bool = False) -> re.Pattern:
    """滨湖沁园项目 names a 项目, 检查、评审等工作 lists 工作; 和项目管理 does neither.

    `quoted`: the name itself is asked for (项目叫什么名字): 项目“夏热冬冷…”.
    """
    if quoted:
        return re.compile(rf"{noun}[“《「][^”》」]+[”》」]")
    if noun in DOCUMENT_NOUNS:  # 什么指南: 《洛阳市装配式建筑施工技术指南》
        return re.compile(rf"《[^》]*{noun}[^》]*》")
    return re.compile(rf"(?:[^\W\d和与及的了在对为是等各该本此]{{2}}|[”」』])\s*{noun}|、[^，。；]*等{noun}")


def _faq_runners_up(matches, matched: str | None) -> list[dict]:
    """Each FAQ entry once, best phrasing first, without the one that answered."""
    seen, out = {matched}, []
    for phrasing, score in matches:
        name = f"faq:{phrasing.entry.key}"
        if name not in seen:
            seen.add(name)
            out.append({"matched": name, "score": round(score, 1)})
    return out[:3]


def _subject(topic: str) -> str:
    """The topic without words every meeting shares (会议, 举行): what sets one article apart."""
    return " ".join(chunk for chunk in subject_chunks(topic) if not GENERIC.fullmatch(chunk))


def _expanded(org: str, doc: Doc, library: Library) -> list[str]:
    """An organisation as a role names it and as the article names it in full:
    省绿建协会 (以下简称) is 江苏省绿色建筑协会; 建行市分行 is 中国建设银行市分行."""
    org = library.canon(org)
    full = [library.canon(f) for short, f in doc.facts.aliases.items() if library.canon(short) == org]
    return [org] + full + [n for n in doc.names if len(n) > len(org) and is_abbreviation(org, n)]


def _source(doc: Doc) -> dict:
    return {"file": doc.article.path, "title": doc.article.title, "date": doc.article.published}


def _same_title(held: str, asked: str) -> bool:
    """副会长 is not 会长; 副理事长兼秘书长 is a 秘书长; 名誉会长 is asked as 名誉会长."""
    parts = re.split(r"[、兼]", held)
    return any(re.sub(r"（.*?）$", "", p).endswith(asked) and not re.sub(r"（.*?）$", "", p)[:-len(asked)].endswith(
        ("副", "名誉", "荣誉", "常务副")) for p in parts) if not asked.startswith(("副", "名誉")) else \
        any(p.endswith(asked) for p in parts)


SPEECH_WORDS = {"致辞": "致辞", "致欢迎辞": "致欢迎辞", "讲话": "讲话", "发言": "发言", "报告": "作报告",
                "分享": "作分享", "演讲": "演讲", "介绍": "作介绍", "总结": "作总结", "宣读": "宣读", "宣布": "宣布"}
DEED_WORDS = {"host": "主持会议", "attend": "出席会议", "elected": "当选", "greeting": "发来贺信"}


def _deeds(doc: Doc, person) -> tuple[str, int | None]:
    """What the person did at the event ("出席会议，在会上致辞") and the sentence that says it best."""
    words, best = [], None
    for kind in ("attend", "host", "speech", "elected", "greeting"):
        hits = [i for k, i in person.actions if k == kind]
        if not hits:
            continue
        if kind == "speech":
            said = doc.article.sentences[hits[0]].text
            word = "在会上" + next((w for key, w in SPEECH_WORDS.items() if key in said), "发言")
        else:
            word = DEED_WORDS[kind]
        words.append(word)
        if kind != "attend" or best is None:
            best = hits[0]
    if best is None and person.sentences:
        best = person.sentences[0]
    return "，".join(dict.fromkeys(words)), best

"""Answers about people: who someone is, who holds a title, who attended, hosted, spoke or did something."""

import re

from .. import thresholds
from ..answer import Answer
from ..reading.facts import BODY_ENDINGS, TERM_ONLY, is_abbreviation
from ..reading.orgs import org_mentions
from ..reading.people import APPOINTING, BOOK_TITLE, plausible_name, respective_titles
from ..retrieval.finder import Finder, source_entry, subject_words
from ..retrieval.library import Doc, Library
from ..text.lexicon import ORG_SUFFIX_RE, PLACES, POSTS_SPLIT, TITLE_RE
from ..text.numerals import NUMBER_TOKEN, numbers_in
from ..text.vocab import alternation, pairs, patterns, words
from .descriptions import Passages
from .wording import grouped_people, person_line, quote, source

HOST_RE = re.compile(r"主持")
EVENT_NAMED = re.compile(rf"{alternation('event_nouns')}|{alternation('event_heads')}")  # 某同乡会典礼 names an event
UNIT_ASKED = re.compile(f"[\u4e00-\u9fff]{{2}}(?:{alternation('sub_units')})")  # 材料分会, 技术专委会
SUB_UNIT_END = re.compile(f"(?:{alternation('sub_units')}|委员会)$")
ORGANISER_RE = re.compile(alternation("organiser_words"))
ELECTING = re.compile(alternation("action_verbs/elected"))  # 选举, 当选, 聘任: a sentence that fills posts
# 哪家公司 / 哪个学校: the kinds of organisation a who-question may ask for, and their endings.
ORG_KINDS = {kind: tuple(endings.split()) for kind, endings in pairs("org_kinds").items()}
# a word of a speech in the sentence -> how the answer says it (报告 -> 作报告); the first found is said
SPEECH_WORDS = pairs("speech_words")
# how the answer words each kind of deed reading/facts.py records (the answer's wording, keyed by its kinds)
DEED_WORDS = {"host": "主持会议", "attend": "出席会议", "elected": "当选", "greeting": "发来贺信"}


QUALIFIED_TALK = re.compile(rf"({alternation('talk_qualifiers')})(?:{alternation('talk_nouns')})")  # 工作报告: 工作 says which
SESSION = re.compile(r"[\d一二三四五六七八九十]+届[\d一二三四五六七八九十]+次")  # 五届一次(理事会): a session held
TITLE_ASKED = re.compile(alternation("speech_title_asked"))  # not 主题: 分享的主题 is what was said
TITLE_GIVEN = re.compile(rf"《[^《》]+》|“[^“”]{{4,}}”|「[^「」]{{4,}}」|{alternation('speech_title_said')}")
TITLE_ASKED_PREFIX = re.compile(rf"^(?:{alternation('title_asked_prefixes')})")  # 现任会长 asks for the 会长
LESSER_TITLE = words("title_lesser_prefixes")  # 副会长 is not the 会长
# 哪些企业参加了: the kinds of organisation asked to be listed; all but 协会, 学会 leave the subject
NEW_HOLDER_ASKED = re.compile(alternation("new_holder_asked"))  # 新选出来的会长
NEW_HOLDER_SAID = alternation("new_holder_said")  # 新当选的…会长某某
LEAD_ASKED = re.compile(alternation("lead_asked"))  # 谁带队, 谁率队
FORMER_TERMS = re.compile(patterns("former_terms"))  # 前两届某协会 (会长): a former post
FORMER_ASKED = re.compile(rf"{alternation('former_asked')}|[前原](?={TITLE_RE.pattern})")  # 原来的会长, 上一任理事长, 前会长
FORMER_SAID = alternation("former_said")  # 原会长, 卸任理事长: the article's mark of a former holder
GROUP_OF = re.compile(r"一行(?:[\d一二三四五六七八九十]+人)?")  # 某某一行4人到…
HOST_VERBS = re.compile(alternation("action_verbs/host"))  # 主持, 带队: which one was asked and said
SPEECH_ACT_ASKED = re.compile(alternation("speech_acts_asked"))  # 提了哪些要求
SPEECH_ACT_VERB = re.compile(alternation("speech_act_verbs"))  # 提出要加强…: puts something to others
ORGS_ASKED = re.compile(f"{alternation('attendee_org_kinds')}|{alternation('attendee_org_kinds_kept')}")
ORGS_DROPPED = re.compile(alternation("attendee_org_kinds"))


class PeopleAnswers:
    """One method per kind of question about people; each returns None when the articles do not say."""

    def __init__(self, finder: Finder, passages: Passages):
        self.finder = finder
        self.passages = passages
        self.library = finder.library

    def who(self, q, people, scope) -> Answer | None:
        """Who someone is: their titles and organisations, then what they did in the article.

        `people` holds the name the question was matched to and the match's confidence (100 for
        an exact name, less for a variant by sound or spelling, which the answer says aloud).
        The article best matching the rest of the question speaks first; up to two others that
        describe the person differently are named after it.
        """
        name, confidence = people[0]
        docs = [self.library.docs[i] for i in dict.fromkeys(self.library.people.exact[name])]
        ranked = self.finder.candidates(q, scope, topic=q.topic.replace(name, " "), people=[(name, confidence)])
        order = [doc for doc, _ in ranked if doc in docs] + [d for d in docs if d not in [r[0] for r in ranked]]
        doc = order[0]
        person = doc.facts.people[name]
        kinds = [t for t in q.targets if t in ORG_KINDS]
        if kinds and not any(_of_kind(person, ORG_KINDS[t]) for t in kinds):
            return None  # 钱德祥是哪家公司的: the article names no company of his (公司总经理 names none)
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
        return Answer(text, f"{doc.article.path}#person:{name}", confidence, [source_entry(d) for d in [doc] + others],
                      kind="who", context={"person": name, "article": doc.article.path},
                      evidence=doc.article.sentences[deed].text if deed is not None else "")

    def said(self, q, people, scope) -> Answer | None:
        name, confidence = people[0]
        topic = q.topic.replace(name, " ")
        docs = [doc for doc, _ in self.finder.candidates(q, scope, topic=topic, people=people)
                if name in doc.facts.people]
        if not docs:
            return None
        doc = docs[0]
        person = doc.facts.people[name]
        indices = person.said or [i for kind, i in person.actions if kind == "speech"]
        if TITLE_ASKED.search(q.text):  # 讲话的题目是什么: only a sentence that gives a title answers
            indices = [i for i in indices if TITLE_GIVEN.search(doc.article.sentences[i].text)]
            for i in indices:  # 甲、乙分别以《一》《二》为题: their own title, not the whole list
                title = respective_titles(doc.article.sentences[i].text, _speakers_at(doc, i)).get(name)
                if title:
                    said = doc.article.sentences[i].text
                    return Answer(f"{person_line(person)}：《{title}》。\n原文：{quote(said)}\n{source(doc.article)}",
                                  f"{doc.article.path}#said:{name}", confidence, [source_entry(doc)], kind="said",
                                  context={"person": name, "article": doc.article.path}, evidence=said)
        if not indices:
            return None
        groups = _with_points(doc, indices)
        acts = [m.group(0) for m in SPEECH_ACT_ASKED.finditer(q.text)]
        if acts:  # 提了哪些希望: the part of the speech that voices a hope, with its points
            voiced = [g for g in groups if any(act in "".join(doc.sentences[i] for i in g) for act in acts)
                      or SPEECH_ACT_VERB.search("".join(doc.sentences[i] for i in g))]
            for group in voiced:  # 希望…。一是…；二是…: the points said next belong to it
                while group[-1] + 1 in indices and not any(group[-1] + 1 in g for g in voiced):
                    group.append(group[-1] + 1)
            if not voiced:
                return None  # none of their speech voices it: the sentence that says it may (pipeline falls back)
            groups = voiced
        if len(groups) > 2 and subject_words(topic):  # 说的“两高模式”是什么: what says it, with its points
            subject = self.finder.subject(subject_words(topic))
            # a speech with its points first (what was said is in them), then the closest to the question
            best = sorted(groups, key=lambda g: (len(g) == 1, -sum(subject.covered("".join(doc.sentences[i] for i in g),
                                                                                    doc).values())))[:2]
            groups = [g for g in groups if g in best]
        indices = [i for g in groups for i in g][:8]
        asked = max(subject_words(topic).split(), key=len, default="")  # 讲的“三个坚持”: quote around it
        text_lines = [quote(doc.article.sentences[i].text, 200, around=asked) for i in indices]
        text = f"{person_line(person)}：\n" + "\n".join(text_lines) + "\n" + source(doc.article)
        return Answer(text, f"{doc.article.path}#said:{name}", confidence, [source_entry(doc)], kind="said",
                      context={"person": name, "article": doc.article.path},
                      evidence=doc.article.sentences[indices[0]].text)

    def holders(self, q, people, scope) -> Answer | None:
        """Who holds a title (会长, 秘书长…), in the organisation or event the question names;
        several holders are listed by article."""
        title, found = self._holding(q, scope)
        if found and FORMER_ASKED.search(q.text):  # 原来的会长: only a holder the article calls former
            found = [f for f in found if any(re.search(
                rf"(?:{FORMER_SAID})(?:{re.escape(title)}|{re.escape(f[4])})[^，。；、]{{0,4}}?{re.escape(f[2].name)}"
                rf"|{re.escape(f[2].name)}(?:{FORMER_SAID})(?:{re.escape(title)})", f[1].sentences[i]) for i in f[2].sentences)]
        if not found:
            return None
        seen, by_article, docs, last_org = set(), {}, {}, {}
        for _fit, doc, person, org, held in found[:15]:
            if person.name not in seen:
                seen.add(person.name)
                docs[doc.id] = doc
                # 专家委员会主任委员褚博安、副主任委员吴晓锐: the organisation is carried forward, as articles write it
                shown = "" if last_org.get(doc.id) == org else org
                last_org[doc.id] = org
                by_article.setdefault(doc.id, []).append(f"{shown}{held}{person.name}")
        first = found[0]
        if len(seen) == 1:
            text = f"{first[3]}{first[4]}是{first[2].name}。\n{source(first[1].article)}"
        else:
            text = f"担任{title}的有：\n" + "\n".join(f"{docs[i].article.label()}：{'、'.join(names)}"
                                                   for i, names in by_article.items())
        sources = [source_entry(docs[i]) for i in by_article]
        return Answer(text, f"{first[1].article.path}#holders:{title}", 100.0 * first[0], sources, kind="holders",
                      context={"person": first[2].name, "article": first[1].article.path})

    def holder(self, q, scope) -> str | None:
        """The one person the question names by title and organisation (某大学那位教授), if only one."""
        names = {person.name for _, _, person, _, _ in self._holding(q, scope)[1]}
        return names.pop() if len(names) == 1 else None

    def _holding(self, q, scope) -> tuple[str, list]:
        """The title asked (or the one of its family that is held), and its holders, best first.

        某协会会长 of an association whose charter calls its head 理事长: nobody holds the title
        asked, so the other titles of its family (vocab/title_families.txt) are tried in turn."""
        title = TITLE_ASKED_PREFIX.sub("", q.job_title)
        found = self._holding_title(q, scope, title)
        if found and NEW_HOLDER_ASKED.search(q.text) and not q.asks_list:  # 新选出来的会长: the one the article calls new, not the outgoing one
            found = [f for f in found if _called_new(f[1], f[2].name, title)] or found
        if found:
            return title, found
        if not subject_words(NUMBER_TOKEN.sub(" ", _without(q.topic, q.job_title))):
            return title, []  # 主席是谁, naming no body: nobody's 会长 is the 主席 asked
        for other in _family_of(title):
            # only where the organisation asked is the holder's own: 某基金主席 at the event is not its 会长
            found = [f for f in self._holding_title(q, scope, other, own_org=True) if f[0] >= thresholds.MIN_COVERAGE]
            if found:
                return other, found
        return title, []

    def _holding_title(self, q, scope, title: str, own_org: bool = False) -> list:
        """(fit, doc, person, organisation, post) of the holders of `title`, best first.

        Every person whose role matches the title is scored by how well their organisation
        (or its short names) covers the question's subject. A subject that names an
        organisation nobody holds the title in gets none; a subject that names an event keeps
        that article's people. Where an article reports an election, the person elected holds
        the title, not the one who chaired the vote.
        """
        # 新选出来的, 上一任: asks which holder, names nothing
        topic = FORMER_ASKED.sub(" ", NEW_HOLDER_ASKED.sub(" ", _without(q.topic, q.job_title)))
        topic = APPOINTING.sub(" ", topic)  # 增补的副会长有哪些: how the post was given, which no organisation is
        subject = subject_words(NUMBER_TOKEN.sub(" ", topic))
        if subject:
            docs = [doc for doc, _ in self.finder.answerable(q, scope, topic=topic)]
        else:
            docs = self.library.docs if scope is None else [scope]
            if not all(self.finder.shares_hard_facts(q, d, set()) for d in docs):
                docs = [d for d in docs if self.finder.shares_hard_facts(q, d, set())]
        found = []
        former = bool(FORMER_ASKED.search(q.text))  # 原来的会长: 原会长某某 is the one asked
        asked = {n for n in q.numbers if n.startswith("第")}
        units_asked = [m.group(0) for m in UNIT_ASKED.finditer(topic.replace(" ", ""))]  # 材料分会
        # 杭州装饰协会的会长: the places in an organisation the subject names (not 去浙江考察那次)
        orgs_asked = [w for w in subject.split() if ORG_SUFFIX_RE.search(w) or w.endswith(self.library.canon.org_spellings)]
        places_asked = {p for p in PLACES for w in orgs_asked if p in w}
        event_words = " ".join(w for w in subject.split() if w not in orgs_asked)

        def of_org(doc) -> str:
            """某同乡会典礼 统战部: where the article tells of the event asked, the holder's
            organisation is matched against the organisation asked alone."""
            if orgs_asked and EVENT_NAMED.search(event_words) and self.finder.subject(event_words).coverage(
                    doc.text, doc) >= thresholds.MIN_COVERAGE:
                return " ".join(orgs_asked)
            return subject
        for doc in docs:
            for person in doc.facts.people.values():
                for org, held in person.roles:
                    if not _same_title(held, title) and not (
                            former and re.search(rf"(?:{FORMER_SAID}){re.escape(title)}$", held)):
                        continue  # 原会长 holds no 会长 post now, but is asked for by 原来的会长
                    said = {n for n in numbers_in(org + held) if n.startswith("第")}
                    if asked and said and not asked & said:
                        continue  # 第四届会长 is not answered by the 第三届 one
                    if asked and not said and _elects(doc) and not any(k == "elected" for k, _ in person.actions):
                        continue  # 第六届副理事长, at the congress that elected the 6th council: a post held
                        # by someone nobody elected there is the outgoing council's
                    # 副院长、某委员会主席: a second post names its own organisation before the title
                    parts = POSTS_SPLIT.split(re.sub(r"（.*?）", "", held))
                    own = [part[:-len(title)] for part in parts
                           if part.endswith(title) and ORG_SUFFIX_RE.search(part[:-len(title)])]
                    if FORMER_TERMS.match(org) and not own and not FORMER_TERMS.match(q.job_title):
                        continue  # 前两届某协会会长某某: the post was held before, not now
                    names = [n for o in [org, *own] if o for n in _expanded(o, doc, self.library) + _parents(o, person, doc)]
                    # 某公司总工程师、首届理事会秘书长: a council named by its term alone is the article's own
                    home_body = [doc.facts.home_org for o in own if doc.facts.home_org and TERM_ONLY.sub("", o) in BODY_ENDINGS]
                    names += home_body
                    implied = _implied(held, person, doc) if not org and not own else []
                    names = names or implied
                    home_post = bool(org and len(parts) > 1 and parts[0] != title and title in parts[1:]
                                     and doc.facts.home_org and (any(kind == "elected" for kind, _ in person.actions)
                                     or any(APPOINTING.search(doc.sentences[i]) for i in person.sentences)))
                    if home_post:
                        names.append(doc.facts.home_org)  # 某公司总经理某某当选为会长 / 特聘…为名誉会长: the association's
                    # 某观摩会上某大学的教授: the organisation and the event the article is about
                    # 甲商会的会长 is not the 乙联谊总会会长 the article about 甲商会 names: an
                    # organisation named in full is the post's, whatever the article is about
                    # (not a council of it, 第三届理事会, nor an organisation the question names itself)
                    named_full = (bool(orgs_asked) and bool(ORG_SUFFIX_RE.search(org)) and len(parts) == 1
                                  and not said and not org.endswith(BODY_ENDINGS)
                                  and not any(asked_org in org for asked_org in orgs_asked))
                    if not own_org and not named_full:
                        names += [self.library.canon(doc.article.title).lower() + n for n in names]
                    fit = (max(self.finder.subject(of_org(doc)).coverage(name, doc) for name in names)
                           if subject and names else 0.5 if subject else 1.0)
                    posts_in = home_body + ([doc.facts.home_org] if home_post else [])  # the post's own body
                    if any(unit not in org + held and not any(is_abbreviation(unit, h) for h in posts_in)
                           for unit in units_asked):
                        fit = 0.0  # 某协会材料分会的会长: the association's own 会长 holds no post in the branch
                    post = org + re.sub(r"（.*?）", "", held)  # （浙江某物流公司）: the holder's own firm, not the post's place
                    post = doc.facts.home_org + title if home_post else post  # the firm's place is not the post's
                    held_in = {p for p in PLACES if p in post}
                    if places_asked and held_in and not places_asked & held_in:
                        continue  # 甲市协会的会长 is not the 乙省协会 会长 who came to 甲市协会's congress
                    if (orgs_asked and not units_asked and SUB_UNIT_END.search(org)
                            and any(p not in q.text for p in held_in)):
                        continue  # 甲省院的院长 is not the head of its 乙市分院, a branch in a place nobody asked
                    found.append((fit, doc, person, org or "".join(implied[:1]), held))
        if not found:
            return []
        found.sort(key=lambda f: -f[0])
        best = found[0][0]
        # 五届一次理事会 is a meeting, not the council: its article's people are asked for below
        if subject and best < thresholds.MIN_COVERAGE and not SESSION.search(subject) and (
                ORG_SUFFIX_RE.search(subject.replace(" ", "")) or _names_a_body_of(subject.replace(" ", ""), found)):
            return []  # 北京市绿色建筑协会会长: nobody holds that title in that organisation
        if units_asked and not best:
            return []  # 某协会材料分会的会长: nobody holds it in that branch
        if subject and best < thresholds.MIN_COVERAGE:
            # the subject names an event, not an organisation: that article's people
            top = docs[0] if docs else None
            found = [f for f in found if f[1] is top]
            if not found:
                return []
        else:
            found = [f for f in found if f[0] >= best - thresholds.CLOSE]
        # 李安琦 (副会长兼秘书长) chaired the meeting that elected 蒋文志 秘书长: the one elected holds it now
        elected = {id(f) for f in found if any(kind == "elected" and title in f[1].article.sentences[i].text
                                                 for kind, i in f[2].actions)}
        electing = {f[1].id for f in found if id(f) in elected}
        if not former:  # 原来的会长 asks for the one the election replaced
            found = [f for f in found if f[1].id not in electing or id(f) in elected]
        return found

    def attend(self, q, people, scope) -> Answer | None:
        if q.asks_orgs:
            return self._attend_orgs(q, scope)
        good = self.finder.answerable(q, scope, need=lambda d: any(p.present for p in d.facts.people.values()))
        if not good:
            return None
        doc = good[0][0]
        present = [p for p in doc.facts.people.values() if p.present]
        more, choices = self.finder.alternatives(good, q)
        also = "".join(f"\n另有{'、'.join(names)}等{kind}参加。" for names, kind, _ in doc.facts.org_lists[:2])
        text = (f"{doc.article.label()}提到的出席人员（按单位）：\n{grouped_people(present)}{also}{more}\n"
                f"{source(doc.article)}")
        return Answer(text, f"{doc.article.path}#attend", 100.0 * good[0][1], [source_entry(doc)], kind="attend",
                      context={"article": doc.article.path}, choices=choices)

    def _attend_orgs(self, q, scope) -> Answer | None:
        wanted = ORGS_ASKED.findall(q.text)
        topic = ORGS_DROPPED.sub(" ", q.topic)
        good = self.finder.answerable(q, scope, topic=topic, need=lambda d: bool(d.facts.org_lists))
        for doc, coverage in good:
            lists = [(names, kind, i) for names, kind, i in doc.facts.org_lists
                     if not wanted or any(w in kind or kind in w for w in wanted)] or doc.facts.org_lists
            names, kind, i = lists[0]
            text = f"{'、'.join(names)}等{kind}。\n原文：{quote(doc.article.sentences[i].text)}\n{source(doc.article)}"
            return Answer(text, f"{doc.article.path}#orgs", 100.0 * coverage, [source_entry(doc)], kind="attend_orgs",
                          context={"article": doc.article.path}, evidence=doc.article.sentences[i].text)
        return None

    def host(self, q, people, scope) -> Answer | None:
        if LEAD_ASKED.search(q.text):  # 谁带队: the one who led, said with 带队 or as 某某一行
            return self._hosted(q, scope, "带队") or self._led(q, scope)
        return self._hosted(q, scope, "主持")

    def _led(self, q, scope) -> Answer | None:
        """某协会秘书长甲、副秘书长乙一行4人到…: the group is the first-named person's (甲一行)."""
        def groups(doc):
            return [i for i, s in enumerate(doc.sentences) if GROUP_OF.search(s)]

        for doc, coverage in self.finder.answerable(q, scope, need=lambda d: bool(groups(d))):
            index, cov = self.finder.sentence(q, doc, groups(doc), with_title=True)
            if cov < thresholds.MIN_SENTENCE_COVERAGE:
                continue
            sentence = doc.sentences[index][:GROUP_OF.search(doc.sentences[index]).start()]
            named = sorted((sentence.find(p.name), p) for p in doc.facts.people.values() if p.name in sentence)
            if not named:
                continue
            person = named[0][1]
            text = (f"由{person.description}{person.name}带队（{person.name}一行）。\n"
                    f"原文：{quote(doc.article.sentences[index].text)}\n{source(doc.article)}")
            return Answer(text, f"{doc.article.path}#host", 100.0 * min(cov, coverage), [source_entry(doc)],
                          kind="host", context={"person": person.name, "article": doc.article.path},
                          evidence=doc.article.sentences[index].text)
        return None

    def speakers(self, q, people, scope) -> Answer | None:
        good = self.finder.answerable(q, scope, need=lambda d: any(k == "speech" for p in d.facts.people.values()
                                                          for k, _ in p.actions))
        if not good:
            return None
        doc = good[0][0]
        # 工作报告由谁作: only who gave that talk (the sentence names it), else nobody the article says
        talk = QUALIFIED_TALK.search(q.text)
        which = talk.group(1) if talk else ""  # 工作总结报告: a sentence saying 《…工作总结…》的报告 names it
        if which and not any(which in doc.sentences[i] for p in doc.facts.people.values()
                             for k, i in p.actions if k == "speech"):
            return None
        paired = _gave_the_talk(q, doc, 100.0 * good[0][1])  # 《某某》是谁讲的
        if paired:
            return paired
        lines, seen = [], set()
        for person in doc.facts.people.values():
            for kind, i in person.actions:
                if which not in doc.sentences[i]:
                    continue
                if kind == "speech" and person.name not in seen:
                    seen.add(person.name)
                    lines.append(f"· {person_line(person)}")
        shared = {i for p in doc.facts.people.values() for k, i in p.actions if k == "speech"}
        evidence = [quote(doc.article.sentences[i].text, 220) for i in sorted(shared)
                    if sum(1 for p in doc.facts.people.values() if (("speech", i) in p.actions)) > 1]
        text = f"{doc.article.label()}中发言、作报告或分享的有：\n" + "\n".join(lines)
        if evidence:
            text += "\n" + "\n".join(evidence[:2])
        more, choices = self.finder.alternatives(good, q)
        text += more + "\n" + source(doc.article)
        return Answer(text, f"{doc.article.path}#speakers", 100.0 * good[0][1], [source_entry(doc)], kind="speakers",
                      context={"article": doc.article.path}, choices=choices)

    def _hosted(self, q, scope, verb: str) -> Answer | None:
        """谁主持/谁带队: the person the sentence closest to the question says did it, with the verb
        the article used (`verb` when it names none)."""
        good = self.finder.answerable(q, scope, need=lambda d: any(k == "host" for p in d.facts.people.values()
                                                          for k, _ in p.actions))
        if not good:
            return self.passages.content(q, [], scope, cue=HOST_RE, cue_required=True)  # no sentence says 主持: not the title
        asked = set(HOST_VERBS.findall(q.text))
        for doc, _ in good:
            acts = {i: p for p in doc.facts.people.values() for k, i in p.actions if k == "host"}
            # 谁带队 is answered by the one who led, not by who chaired the talks (both are host verbs)
            if asked:
                acts = {i: p for i, p in acts.items() if any(v in doc.sentences[i] for v in asked)}
            index, cov = self.finder.sentence(q, doc, sorted(acts), with_title=True)
            if cov >= thresholds.MIN_SENTENCE_COVERAGE:
                break
        else:
            return None
        person = acts[index]
        said = HOST_VERBS.findall(doc.sentences[index])
        verb = next((v for v in said if v in asked), said[0] if said else verb)
        text = f"由{person.description}{person.name}{verb}。\n原文：{quote(doc.article.sentences[index].text)}"
        more, choices = self.finder.alternatives(good, q)
        text += more + "\n" + source(doc.article)
        return Answer(text, f"{doc.article.path}#host", 100.0 * good[0][1], [source_entry(doc)], kind="host",
                      context={"person": person.name, "article": doc.article.path},
                      choices=choices, evidence=doc.article.sentences[index].text)

    def organiser(self, q, people, scope) -> Answer | None:
        """谁主办的 / 主编单位是谁: the sentence that says so, with the part the question names
        (主编, not the 主办 of the same article's launch meeting)."""
        asked = set(ORGANISER_RE.findall(q.text))
        cue = re.compile("|".join(sorted(asked))) if asked else ORGANISER_RE
        return self.passages.content(q, people, scope, cue=cue)

    def doer(self, q, people, scope) -> Answer | None:
        """谁宣读了指导委员会名单: the people named in the sentence that says it."""
        good = self.finder.answerable(q, scope)
        subject = self.finder.subject(subject_words(NUMBER_TOKEN.sub(" ", q.topic)))
        for doc, coverage in good:
            paired = _gave_the_talk(q, doc, 100.0 * coverage)  # 《某某》是谁作的报告
            if paired:
                return paired
            deed = DEED_ASKED.search(q.text)
            if deed and not any(deed.group(1) in text for text in doc.sentences + [doc.text]):
                continue  # 临江哪位领导接待的, of a report that never says 接待: it does not say who
            # only sentences that name someone; the title says what for (谁获得了…称号: 皇甫德立名列其中)
            named_in = sorted({i for p in doc.facts.people.values() for i in p.sentences})
            index, cov = self.finder.sentence(q, doc, named_in, with_title=True)
            if cov < thresholds.MIN_SENTENCE_COVERAGE:
                continue
            # 十大工匠是谁, of 甲、乙、丙…荣获“十大工匠”: names no title marks as people's, in a sentence that
            # says what was asked better on its own than the one naming people does: that sentence answers
            own = subject.coverage(doc.sentences[index], doc)
            if any(subject.coverage(doc.sentences[i], doc) > own and lists_names(doc.sentences[i], least=3)
                   for i in range(len(doc.sentences)) if i not in named_in):
                return None
            # 某公寓项目是谁承建的, of a tour titled …项目观摩活动在某市举行: some of what the title does
            # not say (公寓, 承建) must be in the sentence, not only 项目 and the city
            _, focus = self.finder.split_focus(subject, doc)
            if subject and focus:
                # 谁拿了青年奖, of a paragraph listing the lifetime awards first: a sentence of the same
                # paragraph holding all the focus this one holds and more (青年) answers instead
                paragraph = doc.article.sentences[index].paragraph
                held = {i: set(subject.covered(doc.sentences[i], doc)) & set(focus) for i in named_in
                        if doc.article.sentences[i].paragraph == paragraph}
                if not held[index]:
                    continue
                index = next((i for i in held if held[i] > held[index]), index)
            if not _name_before_deed(doc.sentences[index], q.text):
                # 谁来介绍的: a sentence naming someone right before 介绍 answers, not a closer one
                doing = [i for i in range(len(doc.sentences)) if _name_before_deed(doc.sentences[i], q.text)]
                best, best_cov = self.finder.sentence(q, doc, doing, with_title=True)
                if doing and best_cov >= thresholds.MIN_SENTENCE_COVERAGE:
                    index, cov = best, best_cov
            named = [p for p in doc.facts.people.values() if index in p.sentences]
            evidence = doc.article.sentences[index].text
            doer = _name_before_deed(doc.sentences[index], q.text)
            if doer and doer not in {p.name for p in named}:
                # 某公司鲁某某介绍了企业情况, for 谁来介绍的: the name right before the deed asked did it,
                # though no title marked it as a person's
                text = f"{doer}。\n原文：{quote(evidence)}\n{source(doc.article)}"
                return Answer(text, f"{doc.article.path}#doer", 100.0 * cov, [source_entry(doc)], kind="doer",
                              context={"person": doer, "article": doc.article.path}, evidence=evidence)
            # a title that says it as well as any sentence does names the one it is about:
            # 《…皇甫德立荣获“燕赵建设科技杰出专家”称号》, not those who handed out the certificates
            in_title = [p for p in doc.facts.people.values() if p.name in doc.article.title]
            if in_title and subject and subject.coverage(self.library.canon(doc.article.title).lower(), doc) >= cov:
                named, evidence = in_title, doc.article.title
            if not named:
                continue
            who = "、".join(person_line(p) for p in named[:3])
            text = f"{who}。\n原文：{quote(evidence)}\n{source(doc.article)}"
            return Answer(text, f"{doc.article.path}#doer", 100.0 * cov, [source_entry(doc)], kind="doer",
                          context={"person": named[0].name, "article": doc.article.path}, evidence=evidence)
        return None


NAME_SET_OFF = re.compile(rf"(?:^|[，。；：、\s]|{ORG_SUFFIX_RE.pattern}|{TITLE_RE.pattern})$")
# 谁给(某某)介绍的 -> 介绍, 哪位领导接待的 -> 接待
DEED_PREPOSITIONS = "".join(words("deed_prepositions"))
DEED_ASKED = re.compile(rf"(?:谁|哪几?位[\u4e00-\u9fff]{{0,2}}?)(?:来|[{DEED_PREPOSITIONS}][\u4e00-\u9fff]{{0,4}}?)?"
                        r"([\u4e00-\u9fff]{2})(?=[的了])")


def _name_before_deed(sentence: str, question: str) -> str:
    """The plausible name written right before the deed the question asks who did (鲁某某介绍了), or ""."""
    deed = DEED_ASKED.search(question)
    if not deed or deed.group(1) not in sentence:
        return ""
    before = sentence[:sentence.find(deed.group(1))]
    # (set off before it by a body's name, a title or a stop: 某有限公司鲁某某, 经理鲁某某, ，鲁某某)
    return next((before[-n:] for n in (3, 2) if len(before) >= n and plausible_name(before[-n:])
                 and NAME_SET_OFF.search(before[:-n])), "")


def lists_names(text: str, least: int = 2) -> bool:
    """Whether the text lists `least` or more people's names (陈某某、岳某、虞某某), as an award list does."""
    items = [item.replace(" ", "") for item in re.split(r"[、，。；：\n]", text)]
    return sum(plausible_name(item) for item in items) >= least


UNQUOTED = re.compile(r"[“”\"「」『』‘’']")


def _speakers_at(doc: Doc, i: int) -> list[str]:
    return [p.name for p in doc.facts.people.values() if ("speech", i) in p.actions]


def _gave_the_talk(q, doc: Doc, score: float) -> Answer | None:
    """《某某》是谁讲的: the speaker a 分别 sentence pairs the asked title with (quotes inside the
    title marks aside, as the question is read without them)."""
    asked = BOOK_TITLE.search(q.text)
    if not asked:
        return None
    for i in sorted({i for p in doc.facts.people.values() for k, i in p.actions if k == "speech"}):
        pairs = respective_titles(doc.sentences[i], _speakers_at(doc, i))
        who = next((name for name, title in pairs.items() if UNQUOTED.sub("", title) == asked.group(1)), None)
        if who:
            said = doc.article.sentences[i].text
            return Answer(f"{person_line(doc.facts.people[who])}。\n原文：{quote(said)}\n{source(doc.article)}",
                          f"{doc.article.path}#speakers", score, [source_entry(doc)], kind="speakers",
                          context={"person": who, "article": doc.article.path}, evidence=said)
    return None


def _names_a_body_of(subject: str, found: list) -> bool:
    """某慈善总会的会长, of an article where 某慈善总会 is the body of someone's post (秘书长): the
    subject is that organisation, whatever its name ends with, not an event of the article."""
    return len(subject) >= 4 and any(subject in org for _, doc, _, _, _ in found
                                     for person in doc.facts.people.values() for org, _ in person.roles)


def _without(topic: str, title: str) -> str:
    """The topic less the title asked about: the word 委员 goes, the 委员 inside 委员会 stays."""
    words = topic.split(" ")
    if title in words:
        return " ".join(w for w in words if w != title)
    at = topic.rfind(title)
    return topic[:at] + " " + topic[at + len(title):] if at >= 0 else topic


def _expanded(org: str, doc: Doc, library: Library) -> list[str]:
    """An organisation as a role names it and as the article names it in full:
    省绿建协会 (以下简称) is 江苏省绿色建筑协会; 建行市分行 is 中国建设银行市分行."""
    org = library.canon(org)
    full = [library.canon(f) for short, f in doc.facts.aliases.items() if library.canon(short) == org]
    title = library.canon(doc.article.title)  # a headline is no organisation's full name (it may name two)
    return [org] + full + [n for n in doc.names if len(n) > len(org) and n != title and is_abbreviation(org, n)]


def _of_kind(person, endings: tuple[str, ...]) -> bool:
    """The person's description names an organisation of the kind: 某大学建筑学系教授 is of a
    大学 (its 学系 a part of it), 某集团公司总经理 of a 公司. Not a word that only names the trade of
    a body of members (the 酒店 of 某市酒店行业协会), nor a title alone (公司总经理 names no company)."""
    for part in person.description.split("、"):
        for k in endings:
            for m in re.finditer(rf"[\u4e00-\u9fffA-Za-z）)]{{2}}{k}", part):
                rest = part[m.end():]
                title = TITLE_RE.search(rest)
                rest = rest[:title.start()] if title else rest
                body = ORG_SUFFIX_RE.search(rest)  # 行业协会, 商会, 学会: a body of members, named by its trade
                if not (body and body.group(0).endswith("会")) or rest.endswith(endings):
                    return True
    # 某峰建工董事长: a firm is often named short, by its trade alone, with no suffix at all
    return "公司" in endings and any(len(org) >= 4 and not ORG_SUFFIX_RE.search(org) for org, _ in person.roles)


def _implied(held: str, person, doc: Doc) -> list[str]:
    """某研究会日前成立。会长某某致辞…: a title written with no organisation before it, opening its
    sentence, is the post in the organisation the sentence before (in its paragraph) is about,
    else in the one the title names, else in the one the article opens with. In a sentence that
    fills posts (选举产生了新一届某会负责人，选举…为…), it is the post in the body named before the name."""
    sentences = doc.article.sentences
    for i in person.sentences:
        text = doc.sentences[i]
        before_name = text[:max(0, text.find(person.name))]
        electing = ELECTING.search(before_name)
        if electing:  # 选举产生了新一届某工委负责人，选举甲为主任委员，乙、丙等为副主任委员: that body's posts
            named = [(before_name.rfind(n), n) for n in org_mentions(before_name)]
            named += [(before_name.rfind(short), full) for short, full in doc.facts.aliases.items() if short in before_name]
            if named:
                return [max(named)[1]]
        if not text.lstrip().startswith(held + person.name):
            continue  # only a title that opens its sentence: …在理事长带领下… names no one
        before = org_mentions(doc.sentences[i - 1]) if i > 0 and sentences[i - 1].paragraph == sentences[i].paragraph else []
        if before:
            return before[:1]
        # else the title's organisation, else the one the article opens with (某会日前举行…)
        return org_mentions(doc.article.title)[:1] or next(
            (found[:1] for text in doc.sentences[:2] if (found := org_mentions(text))), [])
    return []


def _parents(org: str, person, doc: Doc) -> list[str]:
    """A committee (某某委员会, 分会) may be of an organisation its paragraph names up to the person:
    国际某协会三个专业委员会的主席…某某，被选举为“某服务委员会”主席 -> 国际某协会某服务委员会."""
    if not SUB_UNIT_END.search(org):
        return []
    sentences = doc.article.sentences
    near = {j for i in person.sentences for j in range(i + 1) if sentences[j].paragraph == sentences[i].paragraph}
    return [parent + org for j in sorted(near) for parent in org_mentions(sentences[j].text)
            if parent != org and not SUB_UNIT_END.search(parent)]


ENUMERATOR = re.compile(r"^\s*(?:[（(]?[0-9一二三四五六七八九十]+[)）.、．]|[①-⑳]|[一二三四五六七八九十]是)")


def _list_style(text: str) -> str:
    """How a line is numbered, numbers aside: "1、" and "2、" are one style, "1）" another; "" for none."""
    item = ENUMERATOR.match(text)
    return re.sub(r"\d+|[一二三四五六七八九十]+", "", item.group(0)).strip() or "·" if item else ""


def _called_new(doc: Doc, name: str, title: str) -> bool:
    """Whether the article names the person as the title's new holder (新当选的某协会会长某某, 新任会长某某)."""
    new = re.compile(rf"(?:{NEW_HOLDER_SAID})[^，。；]{{0,20}}?{re.escape(title)}{re.escape(name)}")
    return any(new.search(s) for s in doc.sentences)


def _with_points(doc: Doc, indices: list[int]) -> list[list[int]]:
    """Each speech sentence with the points it announces: the numbered points under one that ends
    重点强调以下几点：, up to the next item of its own level, and the parts a semicolon split from one
    that lists (解读了四个方面问题：A；B；C). What the person said is in the points."""
    groups, seen = [], set()
    sentences = doc.article.sentences
    for i in indices:
        if i in seen:
            continue
        group, said = [i], sentences[i].text
        j = i
        while "：" in said and sentences[j].text.endswith("；") and j + 1 < len(sentences) \
                and sentences[j + 1].paragraph == sentences[i].paragraph:
            j += 1
            group.append(j)
        if said.rstrip().endswith(("：", ":")):
            own = _list_style(said)
            for k in range(i + 1, len(sentences)):
                style = _list_style(sentences[k].text)
                if not style or style == own:
                    break  # not a point, or the next item of the speech's own list
                group.append(k)
        group = [k for k in dict.fromkeys(group) if k not in seen]
        seen.update(group)
        groups.append(group)
    return groups


TITLE_FAMILIES = [line.split() for line in words("title_families")]


def _family_of(title: str) -> list[str]:
    """副会长 -> 副理事长, 副主席: the same post under the other names of its family."""
    for family in TITLE_FAMILIES:
        for head in family:
            if title.endswith(head):
                prefix = title[:-len(head)]
                return [prefix + other for other in family if other != head]
    return []


def _same_title(held: str, asked: str) -> bool:
    """副会长 is not 会长; 副理事长兼秘书长 is a 秘书长; 名誉会长 is asked as 名誉会长;
    a committee's 主任委员 is its 主任."""
    parts = [re.sub(r"（.*?）$", "", p) for p in POSTS_SPLIT.split(held)]  # 副会长（某学院）: the unit aside
    parts = [re.sub(r"(主任)委员$", r"\1", p) if asked.endswith("主任") else p for p in parts]
    return any(p.endswith(asked) and not p[:-len(asked)].endswith(LESSER_TITLE) for p in parts) \
        if not asked.startswith(LESSER_TITLE) else any(p.endswith(asked) for p in parts)


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


def _elects(doc) -> bool:
    """Whether the article reports someone elected (a congress that elected a new council)."""
    return any(kind == "elected" for person in doc.facts.people.values() for kind, _ in person.actions)

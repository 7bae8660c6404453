"""Answers that quote the article: what something is, and the fewest sentences that cover
a question no other kind of answer fits (主要内容, 讲了什么, 有哪些站)."""

import re

from .. import thresholds
from ..answer import Answer
from ..reading.article import without_closing_note
from ..retrieval.finder import Finder, source_entry, subject_words
from ..retrieval.library import Doc
from ..retrieval.names import sound
from ..text.dates import find_dates
from ..text.lexicon import ORG_SUFFIX_RE, REFERS_BACK
from ..text.numerals import NUMBER_TOKEN
from ..text.vocab import alternation, patterns, words
from .wording import quote, source

# 怎么签的约: asked how it was done, a sentence saying the way (采用…形式, 通过…方式) answers
MANNER_SAID = re.compile(alternation("manner_said"))

HOW_LONG = re.compile(alternation("how_long_asked"))
# a length of time or a number of times (3年, 两个月, 5次), not a date (2025年4月) or a code
AMOUNT = re.compile(rf"(?:(?<![\d.])\d{{1,3}}(?:\.\d)?|[一二两三四五六七八九十百半]+)\s*(?:{patterns('duration_units')})"
                    rf"|{alternation('durations_unbounded')}")
VISITED = re.compile(alternation("visit_verbs"))
PLACE_NAMED = re.compile(alternation("visited_places"))
VISIT_REPORTED = re.compile(alternation("visit_reports"))
# 先后走访林氏木业、华宇家居、鲁班匠作，/ 参观考察了甲、乙: the names visit verbs list, to the clause's end
# (names of three characters or more: 参观了先辈早年成长、学习、劳动场所 lists no places)
_VISIT = alternation("visit_verbs")
_STOP_NAME = rf"(?:(?!{_VISIT})[^，。；、]){{3,20}}"  # a name no visit verb is part of (not 考察团一行…)
VISITED_LIST = re.compile(rf"(?:{_VISIT})+了?((?:{_STOP_NAME}、)+{_STOP_NAME})(?=[，。；]|$)")
# 一行到甲测量队，乙测量队、丙公司、丁学校进行调研: the places listed between the going and the visiting
VISITED_BEFORE = re.compile(rf"(?:{alternation('visit_openers')})((?:{_STOP_NAME}[、，])+{_STOP_NAME}?)"
                            rf"(?:{alternation('visit_activities')})?(?:{alternation('visit_reports')})")
# 到某食品有限公司调研 / 还调研了甲公司、乙公司: a place gone to and reported on is a stop
_PLACES = alternation("visited_places")
STOP_REPORTED = re.compile(rf"(?:{alternation('visit_openers')})[^，。；]{{2,40}}?(?:{_PLACES})[^，。；]{{0,8}}?"
                           rf"(?:{alternation('visit_reports')})|(?:{alternation('visit_reports')})了[^，。；]{{2,40}}?(?:{_PLACES})")
STOP_OPENING = re.compile(rf"^在[^，。；]{{2,40}}?(?:{alternation('visited_places')})[^，。；]{{0,6}}，")
LISTS = re.compile(alternation("list_openers"))
PLACE_OPENING = re.compile(r"^在([\u4e00-\u9fff]{2,8})[，,]")  # 在乙县，考察团…: a stop of a tour, by its place
MAX_ITEMS = 8  # items a sentence announcing them (以下条件：) brings into an answer
LIST_MARK = re.compile(r"^(?:\d+\s*[.．、]|[（(]\d+[)）]|[①-⑩])")  # 1、 (1) ①: a numbered point
HEADING_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")  # 三、报名材料
PURPOSE_RE = re.compile(f"{alternation('purpose_said')}|{alternation('purpose_hinted')}")
PURPOSE_STRONG = re.compile(alternation("purpose_said"))
ASKED = re.compile(rf"^(?:{alternation('interview_asked')})\s*[:：]|[?？]$")
REPLY = re.compile(rf"^(?:{alternation('interview_replied')})\s*[:：]")
# Things an article names when it has one (XX酒店, XX医院); 单位 or 工作 may go unnamed and still be said.
NEGATION_ASKED = re.compile(alternation("negation_asked"))
NEGATION_SAID = re.compile(alternation("negation_said"))
SALUTATION = re.compile(r"^各[^，。；]{1,14}[：:]$")  # 各会员单位： heads a notice; it answers nothing
PROVISO = re.compile(alternation("proviso_openers"))  # 但, 但是, 不过: what follows qualifies the sentence before
NAMED_ONLY = frozenset(words("named_things"))
DOCUMENT_NOUNS = frozenset(words("document_nouns"))
FOLLOWING = alternation("following_words")  # 以下, 如下: what follows is a list


class Passages:
    """What / full name / purpose of a subject, and free-form content."""

    def __init__(self, finder: Finder):
        self.finder = finder
        self.library = finder.library

    def what(self, q, people, scope, focus: str = "what") -> Answer | None:
        """What an organisation or thing is; `focus` "fullname" or "purpose" narrows the answer."""
        subject = subject_words(q.topic)
        if not subject:
            return None
        for doc, coverage in self.finder.answerable(q, scope):
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
                    index, cov = self.finder.sentence(q, doc, range(len(doc.sentences)))
                    if cov < thresholds.MIN_SENTENCE_COVERAGE:
                        continue
                    mentions = [index]
                lines = [f"{subject}全称“{full}”。"] if full and full != subject else []
                picked = sorted(dict.fromkeys(mentions[:1] + purpose[:1]))
            lines += [quote(doc.article.sentences[i].text, 200) for i in picked]
            text = "\n".join(lines) + "\n" + source(doc.article)
            evidence = doc.article.sentences[picked[0]].text if picked else ""
            return Answer(text, f"{doc.article.path}#{focus}", 100.0 * coverage, [source_entry(doc)], kind=focus,
                          context={"article": doc.article.path}, evidence=evidence)
        return None

    def fullname(self, q, people, scope) -> Answer | None:
        return self.what(q, people, scope, "fullname")

    def purpose(self, q, people, scope) -> Answer | None:
        return self.what(q, people, scope, "purpose")

    def visits(self, q, people, scope) -> Answer | None:
        """参观了哪些地方 / 走访了哪几家企业: every stop of the visit the article describes, in order."""
        for doc, coverage in self.finder.answerable(q, scope, people=people):
            stops = {i for i, text in enumerate(doc.sentences)
                     if (VISITED.search(text) and PLACE_NAMED.search(text)) or STOP_REPORTED.search(text)}
            stops |= _named_under_a_visit(doc)
            if stops:  # 在某某园林公司，花开正艳…: in a visit's report, a paragraph opened by where it is is a stop
                stops |= {i for i, text in enumerate(doc.sentences) if STOP_OPENING.match(text)}
            for _announce, items in doc.facts.lists:  # 第一站：…公司 / 随后… / 最后…: the itinerary's items
                if any(i in stops or PLACE_NAMED.search(doc.sentences[i]) for i in items):
                    stops.update(items)
            stops = sorted(stops)
            here = _stops_at(doc, q.text)
            if here:  # 在乙县调研了哪些企业, of a tour reported 在甲县，…；在乙县，…；在丙县，…: that town's part
                stops = here
            days = _days(q.text)
            if days:  # 5月30日走访了哪几家: the stops of that day (each captioned or dated), if the article says
                stops = [i for i in range(len(doc.sentences)) if _days(doc.sentences[i]) & days
                         and (i in stops or PLACE_NAMED.search(doc.sentences[i]))]
            if len(stops) < 2 and not days and not here:
                listed = self._visited_list(doc)
                if listed:
                    return listed
            if len(stops) < (1 if days or here else 2):
                continue
            lines = [quote(doc.article.sentences[i].text, 120) for i in stops[:6]]
            return Answer("\n".join(lines) + "\n" + source(doc.article), f"{doc.article.path}#visits",
                          100.0 * coverage, [source_entry(doc)], kind="visits", context={"article": doc.article.path},
                          evidence=doc.article.sentences[stops[0]].text)
        return None

    @staticmethod
    def _visited_list(doc: Doc) -> Answer | None:
        """深入甲、乙、丙等企业调研: one sentence lists every firm visited; 先后走访林氏木业、华宇家居、
        鲁班匠作: a visit verb lists them, whatever their names end with."""
        listed = [(names, i) for names, _kind, i in doc.facts.org_lists
                  if len(names) >= 2 and VISIT_REPORTED.search(doc.sentences[i])]
        listed += [(m.group(1).split("、"), i) for i, text in enumerate(doc.sentences)
                   for m in [VISITED_LIST.search(text)] if m]
        listed += [(re.split(r"[、，]", m.group(1)), i) for i, text in enumerate(doc.sentences)
                   for m in [VISITED_BEFORE.search(text)] if m]
        for names, i in listed[:1]:
            said = doc.article.sentences[i].text
            return Answer(f"{'、'.join(names)}。\n原文：{quote(said, 200)}\n{source(doc.article)}",
                          f"{doc.article.path}#visits", 100.0, [source_entry(doc)], kind="visits",
                          context={"article": doc.article.path}, evidence=said)
        return None

    def content(self, q, people, scope, cue=None, cue_required=False) -> Answer | None:
        """Anything else: the fewest sentences (at most three) that account for the question.

        `cue`: sentences matching it are preferred (or, with `cue_required`, the only ones read)."""
        good = self.finder.answerable(q, scope, people=people)
        topic = subject_words(NUMBER_TOKEN.sub(" ", q.topic))
        subject = self.finder.subject(topic)
        person = people[0][0] if people else ""
        for doc, _ in good:
            indices = [i for i in range(len(doc.sentences)) if not SALUTATION.match(doc.article.sentences[i].text)]
            cued = [i for i in indices if cue.search(doc.sentences[i])] if cue is not None else []
            if cue is not None:
                indices = cued or ([] if cue_required else list(indices))
            # 1985年毕业于天津大学: a sentence in a paragraph about the person is about them, named or not
            near = _paragraphs_of(doc, doc.facts.people[person].sentences) if person in doc.facts.people else set()
            found = {i: (subject.covered(person * (i in near) + doc.sentences[i], doc), subject.total) for i in indices}
            # 申报…优秀案例需要满足什么条件 / 二、申报条件 / （一）项目取得…: in a section whose heading names
            # what was asked beyond the article's own subject, a sentence is read with the heading and title
            title = subject.covered(self.library.canon(doc.article.title).lower(), doc)
            by_heading = {h: subject.covered(self.library.canon(h).lower(), doc)
                          for h in {doc.article.sentences[i].heading for i in indices} if h}
            for i in indices:
                named = by_heading.get(doc.article.sentences[i].heading, {})
                if set(named) - set(title):
                    found[i][0].update(named)
                    found[i][0].update(title)
            for announce, _ in doc.facts.lists:  # 水果类 over its rows: a list's caption, read with the title
                if announce in found and set(found[announce][0]) - set(title):
                    found[announce][0].update(title)
            # 参编单位：济南…、青岛…: when no sentence with the cue names the subject, the title does
            if cued and subject.total and max(sum(found[i][0].values()) for i in cued) / subject.total < \
                    thresholds.MIN_SENTENCE_COVERAGE:
                for i in cued:
                    found[i][0].update(title)
            total = subject.total
            share = total / max(1, sum(len(p) for p in subject.pieces))  # what one word of the question weighs
            for target in q.targets:  # 编个什么指南: the sentence naming 《…指南》 says what was asked
                named = _named(target, quoted=q.asks_name)
                for i, (pieces, _) in found.items():
                    if named.search(doc.sentences[i]):
                        pieces[("target", target)] = share  # a bonus: the threshold stays the subject's
            if q.manner_verb:  # 是怎么签的约: a sentence that says the way it was done (采用视频签约的方式) answers it
                for i, (pieces, _) in found.items():
                    if q.manner_verb in doc.sentences[i] and MANNER_SAID.search(doc.sentences[i]):
                        pieces[("manner", 0)] = 0.5 * total
            if NEGATION_ASKED.search(q.text):  # 哪些单位不能申报: a sentence that excludes (…的除外) says it
                for i, (pieces, _) in found.items():
                    if NEGATION_SAID.search(doc.sentences[i]):
                        pieces[("negation", 0)] = 0.5 * total
            if q.asks_list:  # 有哪些: a sentence that lists (、…、 / 包括) answers better than one that counts
                for i, (pieces, _) in found.items():
                    if doc.sentences[i].count("、") >= 2 or LISTS.search(doc.sentences[i]):
                        pieces[("list", 0)] = 0.25 * total
                    if _lists_items_of(q.list_noun, doc.sentences[i]):
                        # 设了哪些奖: 设置奖项包括年度影响力企业奖、年度创新力企业奖… names them, in the article found
                        pieces.update(title)
                        pieces[("items", 0)] = 0.5 * total
            picked, covered = [], {}
            while len(picked) < 3 and total:
                gain, best = max(((sum(w for k, w in f.items() if k not in covered), -i)
                                  for i, (f, _) in found.items() if -i not in picked), default=(0, 1))
                best = -best
                if best < 0 or gain / total < (thresholds.MIN_SENTENCE_COVERAGE if not picked else 0.1):
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
            if HOW_LONG.search(q.text) and not any(AMOUNT.search(doc.sentences[i]) for i in picked):
                continue  # 证书有效期几年: a sentence about the certificate that gives no figure does not say
            # 须具备下列条件： right above 1、… 2、…: a sentence picked that announces the items brings them
            for _, items in doc.facts.lists:
                if any(items[0] == i + 1 and doc.sentences[i].endswith(("：", ":")) for i in picked):
                    picked = sorted(set(picked) | set(items[:MAX_ITEMS]))
                    break
            if q.asks_list:  # 哪几个点: the sentence announcing a list brings its items
                for announce, items in doc.facts.lists:
                    said = doc.sentences[announce]
                    noun = q.list_noun or (q.targets[0] if q.targets else "")
                    # 共设三站 announces 站; a heading 三、培训内容 announces the 内容 listed under it; so does
                    # a caption that counts them (优秀单位（8家）)
                    names_noun = bool(noun) and (
                        re.search(rf"[一二三四五六七八九十两\d]+(?:[个项家位类种站处][\u4e00-\u9fff]{{0,3}})?{noun}", said)
                        or re.search(rf"{noun}[（(]\d+[个项家位名所人][）)]$", said)
                        or re.search(rf"(?:{FOLLOWING}){noun}", said)  # 在以下方面开展合作：
                        or noun in doc.article.sentences[items[0]].heading)
                    # 一等奖有哪些项目: the question names the caption (一等奖（4项）) of a table's rows
                    caption = _caption_head(said)
                    named = len(caption) >= 2 and caption in self.library.canon(q.text).lower()
                    # (a cued question, 谁主办的, keeps its cued sentence unless the list holds it)
                    if set(picked) & ({announce} | set(items)) or (not cued and (
                            names_noun or named or subject.coverage(said, doc) >= 0.5)):
                        # 临江有哪几家进了十佳: of a list of firms, those of the place asked
                        places = [p for p in q.places if p not in said and p not in doc.article.title]
                        placed = [i for i in items if any(p in doc.sentences[i] for p in places)]
                        picked = [announce] + (placed or items)
                        break
            picked = _with_referents(doc, _with_provisos(doc, _with_replies(doc, _with_sections(doc, picked, q.text))))
            cov = min(1.0, sum(covered.values()) / total)
            lines = [quote(doc.article.sentences[i].text, 200) for i in sorted(picked)]
            text = "\n".join(lines) + "\n" + source(doc.article)
            return Answer(text, f"{doc.article.path}#content", 100.0 * cov, [source_entry(doc)], kind="content",
                          context={"article": doc.article.path}, evidence=doc.article.sentences[picked[0]].text)
        return None


def _stops_at(doc: Doc, question: str) -> list[int]:
    """The sentences of a tour's report about the place the question names: from the one that
    opens with it (在乙县，…) up to the next that opens with another place, within its paragraph."""
    sentences = doc.article.sentences
    opens = [(i, m.group(1)) for i, text in enumerate(doc.sentences) if (m := PLACE_OPENING.match(text))]
    for n, (i, place) in enumerate(opens):
        if place in question:
            end = opens[n + 1][0] if n + 1 < len(opens) else len(sentences)
            return [j for j in range(i, end) if sentences[j].paragraph == sentences[i].paragraph]
    return []


CAPTION_COUNT = re.compile(r"[一二三四五六七八九十两\d]+[个项家位名所人]$")  # 金奖3个


def _caption_head(caption: str) -> str:
    """一、金奖3个（按得分排列）： -> 金奖; 一等奖（4项） -> 一等奖; 蔬菜类： -> 蔬菜: what a
    list's caption names."""
    caption = without_closing_note(HEADING_NUMBER.sub("", caption.rstrip("：: ")))
    return re.sub(r"(?<=..)类$", "", CAPTION_COUNT.sub("", caption))  # 蔬菜类 names 蔬菜


def _lists_items_of(noun: str, sentence: str) -> bool:
    """Whether the sentence lists two or more things that are each a `noun` (甲奖、乙奖和丙奖)."""
    if not noun:
        return False
    items = re.findall(rf"[^、，。；：和及与]{{2,}}?{re.escape(noun)}(?=[、，。；和及与]|$)", sentence)
    return len(items) >= 2


def _days(text: str) -> set[tuple[int, int]]:
    """The (month, day) pairs a text names."""
    return {(d.month, d.day) for d, _, _ in find_dates(text) if d.month and d.day}


def _with_sections(doc: Doc, picked: list[int], question: str = "") -> list[int]:
    """A section heading (二、申报条件) is answered by what is under it (its first four sentences, and
    every numbered point it heads); so is a point under a heading the question names (报名要交
    哪些材料, of 1、…报名表 under 三、报名材料: every point of that section)."""
    sentences = doc.article.sentences
    listed = dict(doc.facts.lists)  # 三、申报材料 over 1.… 2.… 3.…: every point, however far down
    out = []
    for i in picked:
        out.append(i)
        heading = sentences[i].heading
        if sentences[i].text == heading:
            out += [s.index for s in sentences[i + 1:i + 5] if s.heading == heading]
            out += listed.get(i, [])
        elif heading and LIST_MARK.match(sentences[i].text) and _names_heading(heading, question):
            out += [s.index for s in sentences if s.heading == heading and LIST_MARK.match(s.text)][:MAX_ITEMS]
    return sorted(dict.fromkeys(out))


def _names_heading(heading: str, question: str) -> bool:
    """三、报名材料, for 报名要交哪些材料: every two-character word of the heading is in the question."""
    words = re.findall(r"[\u4e00-\u9fff]{2}", HEADING_NUMBER.sub("", heading))
    return bool(words) and all(w in question for w in words)




def _with_referents(doc: Doc, picked: list[int]) -> list[int]:
    """该公司是全省最大的…生产企业 says nothing without the sentence before, which names the
    company: a picked sentence opening with 该公司/该协会 brings that sentence along."""
    out = list(picked)
    for i in picked:
        if i > 0 and i - 1 not in out and REFERS_BACK.match(doc.sentences[i]):
            out.append(i - 1)
    return sorted(out)


def _with_provisos(doc: Doc, picked: list[int]) -> list[int]:
    """A sentence followed in its paragraph by a proviso (均可申报。但有违法行为的除外。) is half
    a statement without it: the proviso comes along; so is a line ending in a colon without the
    line it announces (unless items of the list it announces were picked)."""
    sentences = doc.article.sentences
    out = list(picked)
    for i in picked:
        j = i + 1
        while j < len(sentences) and sentences[j].paragraph == sentences[i].paragraph and PROVISO.match(sentences[j].text):
            out.append(j)  # 同时提出…；同时希望…: each continuation in turn
            j += 1
        if i > 0 and sentences[i - 1].paragraph == sentences[i].paragraph and PROVISO.match(sentences[i].text):
            out.append(i - 1)  # and a proviso picked comes with what it qualifies
        if sentences[i].text.endswith(("：", ":")) and i + 1 < len(sentences) \
                and not sentences[i + 1].text.endswith(("：", ":")) \
                and not any(announce == i and set(items) & set(picked) for announce, items in doc.facts.lists):
            out.append(i + 1)  # 荣获先进个人奖5名： announces what the next line lists
    return sorted(dict.fromkeys(out))


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


def _named(noun: str, quoted: bool = False) -> re.Pattern:
    """滨湖沁园项目 names a 项目, 检查、评审等工作 lists 工作; 和项目管理 does neither.

    `quoted`: the name itself is asked for (项目叫什么名字): 项目“夏热冬冷…”.
    """
    if quoted:
        return re.compile(rf"{noun}[“《「][^”》」]+[”》」]")
    if noun in DOCUMENT_NOUNS:  # 什么指南: 《洛阳市装配式建筑施工技术指南》
        return re.compile(rf"《[^》]*{noun}[^》]*》")
    return re.compile(rf"(?:[^\W\d和与及的了在对为是等各该本此]{{2}}|[”」』])\s*{noun}|、[^，。；]*等{noun}")


SECTION_LABEL_CHARS = 12  # 走访会员单位: a short line that labels the photos and names under it


def _named_under_a_visit(doc: Doc) -> set[int]:
    """走访会员单位 / (photos) 江州华宇物业服务集团有限公司 / (photos) 广州某某公司…: the organisations named
    on lines of their own under a short line that says a visit are its stops."""
    stops, label = set(), False
    for i, text in enumerate(doc.sentences):
        if ORG_SUFFIX_RE.search(text) and not re.search(r"[\s，。；：、]", text):
            if label:
                stops.add(i)
        else:
            label = len(text) <= SECTION_LABEL_CHARS and bool(VISITED.search(text))
    return stops

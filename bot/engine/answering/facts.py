"""Answers that are one fact read from an article: a date, a place, a count, a document, a contact."""

import re
from difflib import SequenceMatcher

from .. import thresholds
from ..answer import Answer
from ..question.analysis import Question, clean
from ..reading.facts import Event, is_abbreviation
from ..reading.orgs import org_mentions
from ..retrieval.finder import EVENT_SAID, EVENT_VERBS, Finder, LazyList, source_entry, subject_words
from ..retrieval.index import grams
from ..retrieval.library import Doc
from ..text.dates import DEADLINE_SAID, Date, find_dates
from ..text.folding import fold
from ..text.lexicon import ORG_SUFFIX_RE, ORG_SUFFIXES, REFERS_BACK
from ..text.numerals import NUMBER_TOKEN, normalise_number, to_int
from ..text.vocab import alternation, pairs, patterns, words
from .descriptions import Passages
from .wording import quote, source

GROUP_ASKED = re.compile(rf"({alternation('group_nouns')})(?:成员)?(?:{alternation('total_asked')})?有?(?:多少|几)"
                         rf"(?:个|名|位)?(?:{alternation('group_members')})")
HOTEL_ASKED = re.compile(rf"(?:哪个|哪家|什么)(?:{alternation('hotel_words')})")
HOTEL = re.compile(alternation("hotel_words"))
# 下午三时, 上午9:30, 14点半: a time of day as an event's sentence gives it
CLOCK_SAID = re.compile(rf"(?:{alternation('time_words')})?\s*(?:\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*"
                        r"(?:[:：]\s*\d{2}|[时点](?:\d{1,2}分|半|[一二三四五]十分)?)")
TOTAL = re.compile(alternation("total_words"))
DOC_VERBS = re.compile(alternation("document_verbs"))
# a phone number standing alone (not digits inside a bank account number), a local one labelled as a
# phone (联系电话：22514575, no area code), or a 联系人 line
PHONE_OR_PERSON = (r"(?<!\d)(?:\d{3,4}-?\d{7,8}|[(（]0\d{1,3}[)）]\s*\d{3,4}-?\d{4}|1\d{10})(?!\d)"
                   r"|(?:电话|热线)[：:\s]*\d{7,8}(?!\d)|联系人")
EMAIL_ASKED = re.compile(alternation("email_asked"))  # 邮箱, 电子邮件
EMAIL_IN_TEXT = re.compile(r"[\w.]+@[\w.]+\.[a-z]{2,}")
FAX_ASKED = re.compile(alternation("fax_asked"), re.IGNORECASE)  # 传真
ACCOUNT_ASKED = re.compile(alternation("account_asked"))  # 银行账号, 开户行
ACCOUNT_LINE = re.compile(rf"^\s*(?:{alternation('account_asked')})\s*[:：]")  # 开户行：… / 户名：…
ACCOUNT_IN_TEXT = re.compile(r"(?<!\d)\d{10,30}(?!\d)")  # a bank account number: longer than any phone
CONTACT_IN_TEXT = re.compile(PHONE_OR_PERSON + "|" + EMAIL_IN_TEXT.pattern)
# DBJ53/T-128-2024, GB 55015-2021, JGJ/T 449-2018, 琼标协〔2024〕5号
CODE = re.compile(r"\b[A-Za-z]{2,}\d*(?:/[A-Za-z])?[\s-]*\d+(?:[.-]\d+)*-(?:19|20)\d{2}|[〔\[［](?:19|20)\d{2}[〕\]］]\s*\d+\s*号")
FILE_NUMBER_ASKED = re.compile(alternation("file_number_asked"))  # 文号是多少: a notice's own number
PHONE_ASKED = re.compile(alternation("phone_asked"))
PHONE_IN_TEXT = re.compile(PHONE_OR_PERSON)
ADDRESS_ASKED = re.compile(alternation("address_asked"))
SEAT_ASKED = re.compile(alternation("seat_asked"))
NOW_ASKED = re.compile(alternation("now_asked"))
GROWN_TO = re.compile(alternation("grown_to"))
# 协会地址：某市某路8号: a line that gives an address under its label, with no phone beside it
ADDRESS_LABELLED = re.compile(rf"^[\u4e00-\u9fff]{{0,6}}(?:{alternation('address_said')})\s*[:：]")
ADDRESS_IN_TEXT = re.compile(rf"[路街道巷]\d+号|{alternation('address_said')}")
# A question about a deadline, and a date an article sets as one (请于5月10日前…, 截止日期为…).
CONTACT_LINES_SHOWN = 5  # a contact block: heading, department, person and phone lines
RANGE_END_ASKED = re.compile(alternation("range_end_asked"))
RANGE_START_ASKED = re.compile(alternation("range_start_asked"))
THIS_TIME_ASKED = re.compile(alternation("this_time_asked"))
CUMULATIVE_SAID = re.compile(alternation("cumulative_said"))
NOTICE_TITLE = re.compile(r"通知$")  # 关于召开…研讨会的通知
# 几号到几号, 哪天到哪天, 哪几天举行: the span itself, both its days
WHOLE_SPAN_ASKED = re.compile(r"(?:几|哪)[号日天]\s*(?:到|至|—|-)\s*(?:几|哪)[号日天]|哪几天|哪些天|几号至几号")
DAY_ASKED = re.compile(alternation("day_asked"))  # 哪天结束: a month is no answer
CONTACT_LABEL_LINE = re.compile(r"[\u4e00-\u9fff]{1,6}[：:]")  # 联系人：…, 电话：…: a line of a contact block
SPAN_OVER_DEADLINE = 0.1  # coverage by which a span of what was asked beats a deadline set for another step
DEADLINE_ASKED = re.compile(f"(?<![提以])前|{alternation('deadline_asked')}")  # 提前, 以前 are no deadlines
ADDRESS_LINE = re.compile(r"^(?:详细|联系|通讯|通信|邮寄)?地址\s*[:：]")
ADDRESS_BELOW = 4  # lines under a sending sentence where the address it sends to may still stand
SUBHEADING = 12  # characters: a line this short above a count is read as its label
DAY_DEADLINE = re.compile(rf"(?<![\d月])(\d{{1,2}})[日号](?:\d+[时点])?(?:{alternation('deadline_suffixes')})")
FUTURE_ASKED = re.compile(alternation("future_asked"))
START_SAID = re.compile(alternation("start_said"))
FOUNDING_ASKED = re.compile(alternation("event_kinds/founded"))  # 什么时候成立的
VENUE_KINDS = pairs("venue_kinds")
VENUE_KIND_ASKED = re.compile(rf"(?:哪个|哪间|哪家|什么)({'|'.join(VENUE_KINDS)})")
THINGS_COUNTED = re.compile(r"(?:多少|几)个")
VERB_REACH = 4  # characters before a count in which the deed asked counts as its own (共计捐款约合9130美元)
OCCASION_MEASURES = set(words("occasion_measures"))
COUNTED_PEOPLE = words("counted_people")  # 教师6名: a count of teachers  # 开幕, 正式展开: the day an event began
TOWN_ENDINGS = "市县区镇"  # what a place shared by two place phrases must end with to be one town
YEAR_ASKED = re.compile(alternation("year_asked"))
POINTING = tuple(words("pointing_words"))  # 本活动, 该赛事, 此次: the event itself, whoever asks
PAYING_ASKED = re.compile(alternation("paying_asked"))  # 报名费, 要交钱吗: what one pays, not prize money
CONTACT_PERSON_LABEL = re.compile(alternation("contact_person_labels"))  # 联系人, 联络人
CONTACT_PERSON = re.compile(rf"(?:{CONTACT_PERSON_LABEL.pattern})\s*[：:]?\s*([\u4e00-\u9fff]{{2,4}})")  # 联系人：某某
ORG_NAMED = re.compile(rf"\S*?(?:{'|'.join(map(re.escape, sorted(ORG_SUFFIXES, key=len, reverse=True)))})")  # 某某公会
MONTH_ALONE = re.compile(r"(?<!\d)(?<!\d年)(1[0-2]|[1-9])月份?(?![\d份]*[日号])")  # 12月份举行; not 12月5日, not 2023年12月
YEAR_ALONE = re.compile(r"(?<!\d)((?:19|20)\d{2})年(?![\d度])")  # 成立于1977年; not 2023年度, not 2023年5月
FUTURE_SAID = re.compile(alternation("future_said"))
# The units of each kind of count a question may ask for (money: 元, 万元, 亿元).
# 申报表一份报市某办公室: things handed to a body, named right after the verb (send_verbs.txt)
SENT_TO_BODY = re.compile(rf"(?:{alternation('send_verbs')})(?:至|到|给)?([\u4e00-\u9fff]{{2,16}}?)(?=[，。；、（(]|$)")
BODY_ASKED = re.compile(rf"哪(?:个|些|家)?(?:{alternation('attendee_org_kinds')})")
SEND_ASKED = re.compile(patterns("send_asked"))  # 申报资料送到哪儿: the send-to address, not a venue
SEND_IN_TEXT = re.compile(alternation("send_in_text"))  # 材料寄至…路…号
ISSUED_ASKED = re.compile(patterns("issued_asked"))  # 哪天发的, 印发, 落款
ISSUED_DOCUMENT = re.compile(alternation("issued_documents"))  # 通知, 决定
ORDINAL_MEASURES = f"(?:{alternation('ordinal_measures')})"
ORDINAL_ASKED = re.compile(rf"第几\s*({ORDINAL_MEASURES})?")  # 第几个, 第几届 (第几号 is a code)
FREE_OF_CHARGE = re.compile(alternation("free_of_charge"))  # 本活动不收取任何费用: the fee is none
UNIT_WORDS = {kind: tuple(unit for unit, k in pairs("count_units").items() if k == kind)
              for kind in dict.fromkeys(pairs("count_units").values())}
CONTACT_FILLERS = re.compile(alternation("contact_fillers"))  # 你们, 贵会, 联系: they name no one


class FactAnswers:
    """One method per kind of fact; each returns None when the articles do not state it."""

    def __init__(self, finder: Finder, passages: Passages):
        self.finder = finder
        self.passages = passages
        self.library = finder.library

    def documents(self, q, people, scope) -> Answer | None:
        """审议通过了哪些文件: every document the article says was passed, with the sentence(s)."""
        good = self.finder.answerable(q, scope, need=lambda d: bool(d.facts.documents))
        if not good:
            return None
        doc = good[0][0]
        verbs = DOC_VERBS.findall(q.text)
        # 审议通过了以下事项：一、《…报告》；二、…: an item says what its heading says
        heading = {item: intro for intro, items in doc.facts.lists for item in items}

        def says(i: int) -> str:
            return doc.sentences[i] + (doc.sentences[heading[i]] if i in heading else "")

        matching = [(name, i) for name, i in doc.facts.documents if verbs and any(v in says(i) for v in verbs)]
        if not matching:
            index, _ = self.finder.sentence(q, doc, [i for _, i in doc.facts.documents])
            matching = [(name, i) for name, i in doc.facts.documents if i == index]
        names = list(dict.fromkeys(name for name, _ in matching))
        indices = sorted({i for _, i in matching})
        quoted = "\n".join(quote(doc.article.sentences[i].text) for i in indices[:2])
        text = f"{'、'.join(names)}。\n原文：{quoted}\n{source(doc.article)}"
        return Answer(text, f"{doc.article.path}#documents", 100.0 * good[0][1], [source_entry(doc)], kind="documents",
                      context={"article": doc.article.path}, evidence=doc.article.sentences[indices[0]].text)

    def count(self, q, people, scope) -> Answer | None:
        """How many: a number with its unit, from a sentence that names what is counted.

        A count qualifies when its unit is of the asked kind (人, 家, 项…), the sentence (or
        the one 该… refers back to) names the counted noun, any person asked is in it, and an
        ordinal asked (第一期) is the count's own. Among the sentences about as close to the
        question, the one whose count's own words share most with it wins; a total is
        preferred when one is asked. None (so the engine declines) when no article has one.
        """
        ordinal = ORDINAL_ASKED.search(q.text)
        if ordinal:  # 是第几个质量月: an ordinal (第45个), which no count (30余个) answers
            return self._ordinal(q, scope, ordinal.group(1))
        units = UNIT_WORDS.get(q.unit)
        counted = self.library.canon(q.counted_noun) if q.counted_noun else ""

        person = people[0][0] if people else ""

        spelled_out = q.unit == "money"  # 展费 for 展位费; a 团标 counted in 份 (copies) is no such thing
        group = GROUP_ASKED.search(q.text)  # 编制组一共有多少人: the group's members, not who attended
        wanted = [w for w in (counted, group.group(1) if group else "") if w]

        def names_counted(doc, i):  # 第三站：…构件…基地。该基地…年产能15万立方米: 该 points back
            heading = self.library.canon(doc.article.sentences[i].heading).lower()  # 一、会费标准 / ①会员2000元
            # 1、报名费用 / 初级：300元 / 高级：500元: a short line above labels the lines under it
            heading += "".join(doc.sentences[j] for j in range(max(0, i - 2), i) if len(doc.sentences[j]) <= SUBHEADING)
            return all(names(w, doc.sentences[i], spelled_out) or names(w, heading, spelled_out)
                       or (i > 0 and REFERS_BACK.match(doc.sentences[i]) and names(w, doc.sentences[i - 1]))
                       for w in wanted)

        asked = {n for n in q.numbers if n.startswith("第")}
        # 学60学时要交多少钱: a plain number the question gives qualifies the count, so the sentence gives it too
        given = {n for n in q.numbers if n.isdigit() and not (len(n) == 4 and n[:2] in ("19", "20"))}

        def gives_numbers(doc, i) -> bool:
            return given <= {normalise_number(m.group(0)) for m in NUMBER_TOKEN.finditer(doc.sentences[i])}

        def of_the_one_asked(doc, c) -> bool:
            """第一期合格了多少人, of an article on 第二期 that says 比第一期（78.6%）提高: the count
            must be the asked one's, in its own clause, unless the title is about it."""
            titled = {normalise_number(m.group(0)) for m in NUMBER_TOKEN.finditer(doc.article.title)}
            if not asked or asked <= titled or not any(n.startswith("第") for n in titled):
                return True
            return bool(asked & {normalise_number(m.group(0)) for m in NUMBER_TOKEN.finditer(c.before + c.noun)})

        def names_person(doc, i):  # an article titled 某某讲座…: 3万人次在线收看 is of the person's event
            return person in doc.article.sentences[i].text or person in doc.article.title

        def of_others(c) -> bool:  # 全校仅有教师6名 counts teachers, whatever 多少个学生 finds in its sentence
            return bool(counted) and q.unit == "people" and counted not in c.before and any(
                c.before.endswith(w) and w not in counted for w in COUNTED_PEOPLE)

        things = bool(THINGS_COUNTED.search(q.text)) and not q.measure  # 评几个: things, not 开展一次

        def matching(doc):  # counts of the asked kind, in a sentence that names what is counted (and who)
            found = [c for c in doc.facts.counts if not of_others(c) and (units is None or c.unit in units)
                     and not (things and c.unit in OCCASION_MEASURES)
                     and (not q.measure or c.unit.endswith(q.measure)) and names_counted(doc, c.sentence)
                     and names_person(doc, c.sentence) and of_the_one_asked(doc, c)
                     and gives_numbers(doc, c.sentence)]
            # 捐了多少 names nothing counted: a count whose own clause says the giving (共计捐款9130美元)
            # beats one of the sentence the rest of the question is closer to (3120户家庭被转移)
            done = [c for c in found if q.count_verb and q.count_verb in c.before + c.noun]
            just_done = [c for c in done if q.count_verb in c.before[-VERB_REACH:]]  # 评选50个, not 2.2万家…中评选
            return just_done or done or found

        good = self.finder.answerable(q, scope, need=lambda d: bool(matching(d)))
        for doc, _ in good:
            sentences = sorted({c.sentence for c in matching(doc)})
            index, cov = self.finder.sentence(q, doc, sentences, with_title=True)
            totals = [i for i in sentences if TOTAL.search(doc.sentences[i])]
            if "总数" in q.text and totals:  # 一共有多少: a sentence that gives a total, if it is as much about it
                total_index, total_cov = self.finder.sentence(q, doc, totals, with_title=True)
                if total_cov >= cov - 0.1:
                    index, cov = total_index, total_cov
            if cov < thresholds.MIN_SENTENCE_COVERAGE:
                continue
            # About as close to the question (the title often makes it a tie): the one whose count's
            # own words are the question's. 共评出获奖项目30项, not 共收到申报项目127项, for 评出多少获奖项目.
            tied = [i for i in sentences if i == index or self.finder.sentence(q, doc, [i], with_title=True)[1]
                    >= max(cov - thresholds.COUNT_CLOSE, thresholds.MIN_SENTENCE_COVERAGE)]
            if NOW_ASKED.search(q.text):  # 现在有多少家: the latest count given as grown to (总数增至300家)
                # or as the count today (目前，全市律师人数1840名), not a count of the day reported
                grown = [i for i in sentences if (GROWN_TO.search(doc.sentences[i]) or NOW_ASKED.search(doc.sentences[i]))
                         and self.finder.sentence(q, doc, [i], with_title=True)[1] >= thresholds.MIN_SENTENCE_COVERAGE]
                if grown:
                    tied, index = grown[-1:], grown[-1]
            pool = matching(doc)
            if units is not None and THIS_TIME_ASKED.search(q.written or q.raw) \
                    and CUMULATIVE_SAID.search(doc.sentences[index]):
                # 这期来了多少学员, of …至今已办五期，学员共计500人次 and 本期…共80余人参加:
                # this time's count of the same kind, though its sentence calls them otherwise
                this_time = [c for c in doc.facts.counts if c.unit in units and not of_others(c)
                             and not CUMULATIVE_SAID.search(doc.sentences[c.sentence])
                             and self.finder.sentence(q, doc, [c.sentence], with_title=True)[1]
                             >= thresholds.MIN_SENTENCE_COVERAGE]
                if this_time:
                    pool, index = this_time, this_time[0].sentence
                    tied = [index]
            if len(tied) > 1:
                closeness = {i: max(self._closeness(q, c, doc) for c in pool if c.sentence == i) for i in tied}
                # 多少会员代表: of counts as close, one followed by the noun asked (140余名会员代表), which the
                # title also says (so closeness, which leaves the title out, cannot tell)
                named = {i: any(_noun_asked(q, c) for c in pool if c.sentence == i) for i in tied}
                index = max(tied, key=lambda i: (closeness[i], named[i], i == index))
            counts = self._closest_counts(q, [c for c in pool if c.sentence == index])
            said = doc.article.sentences[index].text
            if index > 0 and REFERS_BACK.match(doc.sentences[index]):  # 该基地…: quote what it refers to too
                said = doc.article.sentences[index - 1].text + said
            text = f"{'、'.join(counts)}。\n原文：{quote(said)}\n{source(doc.article)}"
            return Answer(text, f"{doc.article.path}#count", 100.0 * cov, [source_entry(doc)], kind="count",
                          context={"article": doc.article.path}, evidence=doc.article.sentences[index].text)
        return self._free_of_charge(q, scope) if q.unit == "money" and PAYING_ASKED.search(q.text) else None

    def _ordinal(self, q: Question, scope, measure: str) -> Answer | None:
        """第几个/第几届/第几次: the 第N of that measure in the sentence closest to the question."""
        said = re.compile(rf"第[\d一二三四五六七八九十百零两]+{re.escape(measure) if measure else ORDINAL_MEASURES}")

        def stating(doc):
            return [i for i, s in enumerate(doc.article.sentences) if said.search(s.text)]

        for doc, _ in self.finder.answerable(q, scope, need=lambda d: bool(stating(d))):
            index, cov = self.finder.sentence(q, doc, stating(doc), with_title=True)
            if cov >= thresholds.MIN_SENTENCE_COVERAGE:
                sentence = doc.article.sentences[index].text
                text = f"{said.search(sentence).group(0)}。\n原文：{quote(sentence)}\n{source(doc.article)}"
                return Answer(text, f"{doc.article.path}#count", 100.0 * cov, [source_entry(doc)], kind="count",
                              context={"article": doc.article.path}, evidence=sentence)
        return None

    def _free_of_charge(self, q: Question, scope) -> Answer | None:
        """要不要交评审费, of a notice that names no amount but says 本活动不收取任何费用: that sentence."""
        asked = set(grams(q.text))

        def of_the_asked(sentence: str) -> bool:
            """荣誉会员免收会费 exempts 荣誉会员 only: the party exempted must be one the question names
            something of (本届评选不收费 names the contest, which the question names too)."""
            said = FREE_OF_CHARGE.search(sentence)
            party = re.split(r"[，,；;：:、。]", sentence[:said.start()])[-1]
            party = re.sub(r"^[（(]?[\d一二三四五六七八九十①②③④⑤⑥⑦⑧⑨]+[)）.、]?", "", party)
            return len(party) < 2 or party.startswith(POINTING) or bool(set(grams(party)) & asked)

        def free(doc):
            return [i for i, s in enumerate(doc.sentences) if FREE_OF_CHARGE.search(s) and of_the_asked(s)]

        for doc, _ in self.finder.answerable(q, scope, need=lambda d: bool(free(d))):
            index, cov = self.finder.sentence(q, doc, free(doc), with_title=True)
            if cov >= thresholds.MIN_SENTENCE_COVERAGE:
                said = doc.article.sentences[index].text
                return Answer(f"{quote(said)}\n{source(doc.article)}", f"{doc.article.path}#count", 100.0 * cov,
                              [source_entry(doc)], kind="count", context={"article": doc.article.path}, evidence=said)
        return None

    def _closest_counts(self, q: Question, counts) -> list[str]:
        """一等奖有几项 -> 一等奖12项, not every number of the sentence: the counts whose own
        words (before and after the number) share most with the question."""
        counts = [c for c in counts if _noun_asked(q, c)] or counts  # 几个部门: a count of 部门 over the others
        scored = [(self._closeness(q, c), c) for c in counts]
        best = max((score for score, _ in scored), default=0)
        if best == 0:
            return [c.text for c in counts]
        return [f"{c.before}{c.text}{_noun_asked(q, c)}" if c.before else c.text + _noun_asked(q, c)
                for score, c in scored if score == best]

    def _closeness(self, q: Question, count, doc: Doc | None = None) -> int:
        """Bigrams the count's own words share with the question, beyond the article's title (which
        every sentence of the article is about: 某园林协会另设监事一名 is no closer to 某园林协会
        多少人参加 than 参会人数80余位); +3 for a total when one is asked."""
        shared = set(grams(self.library.canon(q.text))) & grams(self.library.canon(count.before + count.noun))
        if doc is not None:
            shared -= grams(self.library.canon(doc.article.title))
        shared = len(shared)
        return shared + (3 if "总数" in q.text and TOTAL.search(count.before) else 0)

    def when(self, q, people, scope) -> Answer | None:
        if ISSUED_ASKED.search(q.text) and ISSUED_DOCUMENT.search(q.text):
            return self._issued(q, scope)
        if FOUNDING_ASKED.search(clean(q.written)):  # 几时成立: 自1920年成立以来, before a day the text reports
            founded = self._year(q, scope, said=FOUNDING_ASKED)  # (the words as written: 启动礼 reads as 成立)
            if founded is not None:
                return founded
        found = self._event(q, scope, "when")
        if found is None and not (DAY_ASKED.search(q.text) or YEAR_ASKED.search(q.text) or RANGE_END_ASKED.search(q.text)):
            found = self._month(q, scope)  # 评审将于11月份进行: a month is the answer there is
        return found or (self._year(q, scope) if YEAR_ASKED.search(q.text) else None)

    def _month(self, q, scope) -> Answer | None:
        """什么时候评审, of a notice saying only 评审将于11月份进行: the month in the sentence about
        what was asked, read as the when-reader reads a date (the kind of event asked, its place)."""
        def stating(doc):
            return [i for i, s in enumerate(doc.sentences) if MONTH_ALONE.search(s)]

        for doc, _ in self.finder.answerable(q, scope, need=lambda d: bool(stating(d))):
            index, cov = self.finder.sentence(q, doc, stating(doc), with_title=True, kind="when")
            if index < 0 or cov < thresholds.MIN_SENTENCE_COVERAGE:
                continue
            months = MONTH_ALONE.findall(doc.sentences[index])
            if len(set(months)) != 1:
                continue  # 3月…5月: which was asked is not for a month reader to guess
            clause = next(c for c in re.split(r"[，；。,;]", doc.sentences[index]) if MONTH_ALONE.search(c))
            if not all(re.search(said, clause) for verbs, said in zip(EVENT_VERBS, EVENT_SAID, strict=True)
                       if re.search(verbs, q.text)):
                continue  # 何时成立, of 学会成立后，拟于明年5月举办…: the month is the other event's
            said = doc.article.sentences[index].text
            return Answer(f"时间：{MONTH_ALONE.search(doc.sentences[index]).group(0)}。\n原文：{quote(said)}\n"
                          f"{source(doc.article)}", f"{doc.article.path}#when", 100.0 * cov, [source_entry(doc)],
                          kind="when", context={"article": doc.article.path}, evidence=said)
        return None

    def _year(self, q, scope, said: re.Pattern | None = None) -> Answer | None:
        """哪年成立的, of an article that gives only a year (成立于1977年的某公会): the year in the
        sentence that is about what was asked. No day is made up, and no other sentence's year counts."""
        def stating(doc):  # `said`: only sentences that, as written, say it (成立于…, not 启动礼)
            return [i for i, s in enumerate(doc.sentences) if YEAR_ALONE.search(s)
                    and (said is None or said.search(fold(doc.article.sentences[i].text)))]

        # what was asked beyond who: 成立 of 某公会哪年成立 (any sentence about 某公会 names it)
        asked = self.finder.subject(" ".join(ORG_NAMED.sub(" ", q.topic).split()))
        if not asked.total:
            return None
        for doc, _ in self.finder.answerable(q, scope, need=lambda d: bool(stating(d))):
            index, cov = self.finder.sentence(q, doc, stating(doc), kind="when")  # the sentence alone
            done = sum(asked.covered(doc.sentences[index], doc).values()) / asked.total
            if cov < thresholds.MIN_SENTENCE_COVERAGE or done < thresholds.MIN_SENTENCE_COVERAGE:
                continue
            years = YEAR_ALONE.findall(doc.sentences[index])
            if len(set(years)) > 1:  # 甲于2006年设立，…；乙设立于2001年: the clause about what was asked
                clauses = [c for c in re.split(r"[，；。]", doc.sentences[index]) if len(set(YEAR_ALONE.findall(c))) == 1]
                best = max(clauses, key=lambda c: sum(asked.covered(c, doc).values()), default="")
                if best and sum(asked.covered(best, doc).values()) / asked.total >= thresholds.MIN_SENTENCE_COVERAGE:
                    years = YEAR_ALONE.findall(best)
            if len(set(years)) != 1:
                continue  # 2019年…2023年: which of them was asked is not for a year reader to guess
            if FOUNDING_ASKED.search(q.text) and self._founds_another(q, doc.sentences[index]):
                continue
            said = doc.article.sentences[index].text
            return Answer(f"时间：{years[0]}年。\n原文：{quote(said)}\n{source(doc.article)}", f"{doc.article.path}#when",
                          100.0 * cov, [source_entry(doc)], kind="when", context={"article": doc.article.path},
                          evidence=said)
        return None

    def _founds_another(self, q, sentence: str) -> bool:
        """江州某学会哪年成立, of 1979年，全国某学会于临江成立: the clause that says it was
        founded names another organisation as what was founded."""
        verb = FOUNDING_ASKED.search(sentence)
        asked = [self.library.canon(org) for org in q.orgs or ORG_NAMED.findall(q.topic)]
        if not verb or not asked:
            return False
        clause = re.split(r"[，；。]", sentence[:verb.start()])[-1]
        named = [self.library.canon(org) for org in org_mentions(clause)]
        # 江州茶叶协会 is 江州市茶叶协会: one name abbreviates the other
        return bool(named) and not any(a == n or is_abbreviation(a, n) or is_abbreviation(n, a)
                                       for a in asked for n in named)

    def _issued(self, q, scope) -> Answer | None:
        """那个通知是哪天发的 / 决定的落款是哪天: the date signed under the document, else the page's
        publish date (a notice's dates inside, like its deadline, are not when it was issued)."""
        document = ISSUED_DOCUMENT.search(q.text).group(0)

        def dating(doc):  # 7月7日我会向会员企业发出倡议书: a sentence that dates the sending itself
            return [e for e in doc.facts.events if e.dates and document in doc.sentences[e.sentence]
                    and ISSUED_ASKED.search(doc.sentences[e.sentence])]

        for doc, coverage in self.finder.answerable(q, scope, need=lambda d: bool(d.article.signed or d.article.published
                                                                                   or dating(d))):
            events = dating(doc)
            index, cov = self.finder.sentence(q, doc, [e.sentence for e in events], with_title=True)
            if events and cov >= thresholds.MIN_SENTENCE_COVERAGE:
                event = next(e for e in events if e.sentence == index)
                said = doc.article.sentences[index].text
                return Answer(f"时间：{'、'.join(d.text for d in event.dates)}。\n原文：{quote(said)}\n"
                              f"{source(doc.article)}", f"{doc.article.path}#when", 100.0 * cov,
                              [source_entry(doc)], kind="when", context={"article": doc.article.path}, evidence=said)
            if not (doc.article.signed or doc.article.published):
                continue
            said = (f"落款日期：{doc.article.signed}" if doc.article.signed
                    else f"发布日期：{doc.article.published}")
            return Answer(f"{said}。\n{source(doc.article)}", f"{doc.article.path}#when", 100.0 * coverage,
                          [source_entry(doc)], kind="when", context={"article": doc.article.path}, evidence=said)
        return None

    def where(self, q, people, scope) -> Answer | None:
        if SEND_ASKED.search(q.text):
            return self._send_to(q, scope)
        if SEAT_ASKED.search(q.text):  # 某学会的住所在哪: its address, not where its congress met
            return self.contact(q, people, scope)
        found = self._event(q, scope, "where")
        kind = VENUE_KIND_ASKED.search(q.text)  # 哪个会议室: 秦风厅 is one, 在我校举行 names none
        place = found.text.split("\n")[0] if found else ""
        if kind and not any(word in place for word in VENUE_KINDS[kind.group(1)].split()):
            return None
        return found

    def _send_to(self, q, scope) -> Answer | None:
        """申报资料送到哪儿: a sentence that sends things somewhere (材料寄至…), else the notice's own
        报送地址 line (often below its attachments, so read with the page's contact lines)."""
        def address_below(doc, i) -> int | None:
            """…寄到协会秘书处。 / 地址：某路1号…: the address a few lines under (after 联系人, 电话)."""
            return next((j for j in range(i + 1, min(i + 1 + ADDRESS_BELOW, len(doc.sentences)))
                         if ADDRESS_LINE.match(doc.sentences[j])), None)

        def addressed(doc, i):
            return address_below(doc, i) is not None

        body_asked = bool(BODY_ASKED.search(q.text))  # 交到哪个部门: a body is the answer, not an address

        def sending(doc):  # 将申报材料提交至某委员会, before 电子版发送到邮箱… (an address is asked, not an e-mail)
            found = [i for i, s in enumerate(doc.sentences)
                     if (SEND_IN_TEXT.search(s) and (ADDRESS_IN_TEXT.search(s) or addressed(doc, i)))
                     or (body_asked and any(ORG_SUFFIX_RE.search(m.group(1)) for m in SENT_TO_BODY.finditer(s)))]
            return [i for i in found if not EMAIL_IN_TEXT.search(doc.sentences[i])] or found

        for doc, coverage in self.finder.answerable(q, scope, need=lambda d: bool(sending(d) or
                                                                                   d.article.contacts.get("send_to"))):
            found = sending(doc)
            index, cov = self.finder.sentence(q, doc, found, with_title=True) if found else (0, 0.0)
            if found and cov >= thresholds.MIN_SENTENCE_COVERAGE:
                said = doc.article.sentences[index].text
                below = address_below(doc, index)
                shown = quote(said) + (f"\n{doc.article.sentences[below].text}" if below is not None else "")
                text, evidence = f"{shown}\n{source(doc.article)}", said
            elif doc.article.contacts.get("send_to"):
                evidence = f"报送地址：{doc.article.contacts['send_to']}"
                text, cov = f"{evidence}\n{source(doc.article)}", coverage
            else:
                continue
            return Answer(text, f"{doc.article.path}#where", 100.0 * cov, [source_entry(doc)], kind="where",
                          context={"article": doc.article.path}, evidence=evidence)
        return None

    def _event(self, q, scope, kind: str) -> Answer | None:
        def events(doc):
            return [e for e in doc.facts.events if (e.dates if kind == "when" else e.place)]

        def deadlines(doc) -> dict:
            """Sentences that set a date as a deadline (请于2020年5月10日前报送…), read as events of that date."""
            out = {}
            for s in doc.article.sentences:
                if DEADLINE_SAID.search(s.text):
                    dates = [d for d, _, _ in find_dates(s.text)]
                    day = DAY_DEADLINE.search(s.text)
                    if not dates and day:  # 请于25日前报送: a day of the month the notice was published in
                        dates = [Date(None, 0, int(day.group(1)), text=f"{day.group(1)}日")]
                    if dates:
                        out[s.index] = Event(s.index, dates, "")
            return out

        clock = kind == "when" and q.clock  # 几点开: only a sentence that gives the time of day answers
        whole_span = WHOLE_SPAN_ASKED.search(q.text)  # 几号到几号: the span itself, both its days
        span_end = kind == "when" and not whole_span and RANGE_END_ASKED.search(q.text)  # 征集到几号: the span's last day
        span_start = kind == "when" and not span_end and RANGE_START_ASKED.search(q.text)  # 几号开始报名: its first
        by_deadline = kind == "when" and DEADLINE_ASKED.search(q.text)
        good = self.finder.answerable(q, scope, need=lambda d: bool(events(d) or (by_deadline and deadlines(d))))
        for doc, coverage in good:
            by_sentence = {e.sentence: e for e in events(doc)}
            if kind == "when" and NOTICE_TITLE.search(doc.article.title) and doc.article.published:
                # a notice announces what is to come: a dated year before it was published (2023年12月21日，
                # 某领导指出…) is its background, not its meeting
                by_sentence = {i: e for i, e in by_sentence.items()
                               if not all(_ended_before(d, doc.article.published) for d in e.dates)}
            set_by = deadlines(doc) if by_deadline else {}
            if set_by:
                # 报名表最晚哪天交, and the 前 deadline is another step's (寄发入围通知（6月20日前）): the span
                # of what was asked (5月1日—6月10日收报名表) when it accounts for the question better
                set_cov = self.finder.sentence(q, doc, sorted(set_by), with_title=True, kind=kind)[1]
                spans = sorted(i for i, e in by_sentence.items() if any(d.end_day for d in e.dates) and i not in set_by)
                span_cov = self.finder.sentence(q, doc, spans, with_title=True, kind=kind)[1] if spans else -1.0
                if set_cov < thresholds.MIN_SENTENCE_COVERAGE or span_cov > set_cov + SPAN_OVER_DEADLINE:
                    set_by = {}
            if by_deadline:  # 几号前报名: a date the article sets as a deadline (于5月10日前), if it has one
                by_sentence = set_by or by_sentence
            if by_deadline and not set_by:
                # 报名什么时候截止, of 报名时间：…到5月20日: the last day of a span of what was asked
                # (稿件征集截止到哪天 is not answered by an exhibition's 开放时间)
                subject = self.finder.subject(subject_words(NUMBER_TOKEN.sub(" ", q.topic)))
                _, focus = self.finder.split_focus(subject, doc)
                spans = {i for i, e in by_sentence.items() if any(d.end_day for d in e.dates)}
                asked = {i for i in spans if _span_of_asked(doc.sentences[i], q.text)
                         or self.finder.focus_share(subject, focus, doc.sentences[i], doc)}
                if not focus and len(spans) == 1:
                    asked = spans  # 某比赛啥时候截止, all of it the title's: the notice's one span is the event's
                by_sentence = {i: e for i, e in by_sentence.items() if ((i in asked) if asked else (i not in spans))}
                span_end = span_end or bool(asked)
            edition = _edition(doc.article.title)  # 首届…论坛: 第二届…拟于明年在某市举行 is the next one
            if edition and not _edition(q.text):
                by_sentence = {i: e for i, e in by_sentence.items() if _edition(doc.sentences[i]) in (None, edition)}
                if not by_sentence:
                    continue
            if span_end or span_start or whole_span:  # 征集到几号: a sentence giving a span of days, if the article has one
                spans = {i: e for i, e in by_sentence.items() if any(d.end_day for d in e.dates)}
                if not spans and span_end:  # 几时结束, and the article only says when it began (于今日正式展开)
                    by_sentence = {i: e for i, e in by_sentence.items() if not START_SAID.search(doc.sentences[i])}
                    if not by_sentence:
                        continue
                by_sentence = spans or by_sentence
            if clock:
                by_sentence = {i: e for i, e in by_sentence.items() if CLOCK_SAID.search(doc.sentences[i])}
                if not by_sentence:
                    continue
            if kind == "when":  # 2021年11月 names no day (哪天 is not answered), so only a sentence naming what was asked dates it
                # (or what the question asks beyond the title: 决赛 of 某竞赛决赛定在什么时候, titled 关于举办某竞赛…)
                subject = self.finder.subject(subject_words(NUMBER_TOKEN.sub(" ", q.topic)))
                _, focus = self.finder.split_focus(subject, doc)
                by_sentence = {i: e for i, e in by_sentence.items() if any(d.day for d in e.dates) or (
                    not DAY_ASKED.search(q.text) and (self.finder.sentence(q, doc, [i], kind=kind)[1]
                                                      >= thresholds.MIN_SENTENCE_COVERAGE or
                                                      (focus and self.finder.focus_share(subject, focus, doc.sentences[i], doc)
                                                       >= thresholds.MIN_FOCUS_SHARE)))}
                if not by_sentence:
                    continue
            index, cov = self.finder.sentence(q, doc, sorted(by_sentence), with_title=True, kind=kind)
            if cov < thresholds.MIN_SENTENCE_COVERAGE:
                continue
            if kind == "when" and not by_deadline and index in deadlines(doc):
                # 学习班啥时候办: of two dates the notice's context accounts for as well, the one it
                # holds the event on (时间：4月11日至12日), not the one it sets as a deadline (3月20日前报名)
                held = [i for i in by_sentence if i not in deadlines(doc)]
                other, other_cov = self.finder.sentence(q, doc, held, with_title=True, kind=kind)
                if held and other >= 0 and other_cov >= cov - 1e-9:
                    index = other
            event = by_sentence[index]
            if FUTURE_ASKED.search(q.text) and not FUTURE_SAID.search(doc.article.sentences[index].text):
                continue  # 下一届在哪里开: this meeting's date and place are not the next one's
            fact = "、".join(d.text for d in event.dates) if kind == "when" else event.place
            if kind == "where" and re.sub(r"[省市]$", "", fact) in q.text:
                continue  # 在江苏哪个城市开 / 苏州那场年会在哪家酒店: "江苏省" / "苏州" only says what was asked back
            if clock:
                fact += CLOCK_SAID.search(doc.sentences[index]).group(0)
            span = next((d for d in event.dates if d.end_day), None) if span_end or span_start or whole_span else None
            if span and whole_span:
                fact = span.text
            elif span:
                day = (f"{span.end_month or span.month}月{span.end_day}日" if span_end
                       else f"{span.month}月{span.day}日")
                fact = f"{day}（{span.text}）"
            if kind == "when" and YEAR_ASKED.search(q.text) and not any(d.year for d in event.dates):
                year = doc.article.published[:4]
                if not year:
                    continue  # 哪一年开的 and the article says only 6月20日: a day is no answer to a year
                fact += f"（文中未写年份；文章发布于{year}年）"
            # 在郑州举办 and, further on, 地点：郑州市郑东新区…中原建科大厦: the finer place is the venue
            finer = [e.place for e in events(doc) if e.place != event.place
                     and (event.place in e.place or _same_town(event.place, e.place))]
            venue = event.venue or max(finer, key=len, default="")
            if kind == "where" and venue and venue not in fact:
                fact += f"（会场：{venue}）"
            after = doc.article.sentences[index + 1].text if index + 1 < len(doc.article.sentences) else ""
            if kind == "where" and ADDRESS_LINE.match(after):
                fact += f"（{after.rstrip('。')}）"  # 大赛地点：…展览会现场。地址：…路6号…: the address comes next
            if kind == "where" and HOTEL_ASKED.search(q.text) and not HOTEL.search(fact):
                continue  # 住在哪个酒店: a meeting room in an office block is not the answer
            label = "时间" if kind == "when" else "地点"
            more, choices = self.finder.alternatives(good, q)
            text = (f"{label}：{fact}。\n原文：{quote(doc.article.sentences[index].text)}{more}\n"
                    f"{source(doc.article)}")
            return Answer(text, f"{doc.article.path}#{kind}", 100.0 * min(cov, coverage), [source_entry(doc)], kind=kind,
                          context={"article": doc.article.path}, choices=choices,
                          evidence=doc.article.sentences[index].text)
        return None

    def contact(self, q, people, scope) -> Answer | None:
        """你们的电话: the association's own footer. 研讨会报名电话: the contact the article prints.
        莆田市建筑业协会的电话: that site's footer. Anyone else's phone is not known."""
        if people:
            return self._person_contact(q, people, scope)
        if SEND_ASKED.search(q.text):  # 报送地址是什么: where the notice has things sent
            return self._send_to(q, scope)
        subject = subject_words(CONTACT_FILLERS.sub(" ", q.topic))
        if not subject:
            # own news first, then newest: the library's order, read only up to the first with contacts
            docs = LazyList(d for d in self.library.by_recency if d.article.contacts)
            return self._footer(docs[0]) if docs else None
        address = bool(ADDRESS_ASKED.search(q.text))
        account = bool(ACCOUNT_ASKED.search(q.text))
        fax = bool(FAX_ASKED.search(q.text))
        email = bool(EMAIL_ASKED.search(q.text))  # 邮箱地址是多少: a footer with no e-mail does not say
        for doc, coverage in self.finder.answerable(q, scope):
            owner = self.library.canon(doc.article.contacts.get("owner", ""))
            if owner and self.finder.subject(subject).coverage(owner, doc) >= 0.9:  # the site's own association
                footer = self._footer(doc)
                if footer and (not address or email or "地址" in footer.text) and (not fax or "传真" in footer.text) \
                        and (not email or "邮箱" in footer.text):
                    return footer
            printed = [i for i, s in enumerate(doc.sentences) if (CONTACT_IN_TEXT.search(s) or (
                       address and ADDRESS_LABELLED.match(s))) and (not address or ADDRESS_IN_TEXT.search(s))]
            if account:  # 收会费的银行账号: the lines that give an account number
                printed = [i for i, s in enumerate(doc.sentences) if ACCOUNT_IN_TEXT.search(s)]
            if email:  # 申报邮箱是哪个: only a line with an address answers
                printed = [i for i in printed if EMAIL_IN_TEXT.search(doc.sentences[i])]
            if fax:  # 传真号码是多少: only a line that gives a fax (a phone is not one)
                printed = [i for i in printed if FAX_ASKED.search(doc.sentences[i])]
            block = printed  # the lines a chosen one brings along when they stand right under it
            if CONTACT_PERSON_LABEL.search(q.text):  # 联系人是谁: the line that names one (协会联系人：某某)
                printed = [i for i in printed if CONTACT_PERSON.search(doc.sentences[i])] or printed
            if PHONE_ASKED.search(q.text):  # 有问题找谁？电话多少: the 联系人 line, not the 报送邮箱 one
                # (and when no line gives a phone, only one that names whom to ask: a line giving
                # only where to send things does not say)
                printed = [i for i in printed if PHONE_IN_TEXT.search(doc.sentences[i])] or [
                    i for i in printed if CONTACT_PERSON.search(doc.sentences[i])]
            index, cov = self.finder.sentence(q, doc, printed, with_title=True)
            if printed and cov < thresholds.MIN_SENTENCE_COVERAGE:
                # …请于4月30日前报送推荐材料。联系人：胡晓军…: contact lines are about what they follow
                for first in (i for i in printed if i - 1 not in printed and i > 0):
                    before = first - 1  # above 邮箱：… may stand 电话：… and 联系人：…: the block's lead is above them
                    while before > 0 and CONTACT_LABEL_LINE.match(doc.sentences[before]):
                        before -= 1
                    lead = self.finder.sentence(q, doc, [before], with_title=True)[1]
                    if lead > cov:
                        index, cov = first, lead
            every = sorted({i for i, s in enumerate(doc.sentences) if CONTACT_IN_TEXT.search(s)} | set(printed))
            if printed and max(every) - min(every) == len(every) - 1 and \
                    cov < thresholds.MIN_SENTENCE_COVERAGE and coverage >= thresholds.MIN_COVERAGE:
                index, cov = printed[0], coverage  # 某专委会电话多少: the notice asked about has one contact block
            if printed and cov >= thresholds.MIN_SENTENCE_COVERAGE and self._of_another_body(q.topic, doc, index):
                continue  # 某甲协会的电话, and the line is 某乙协会地址：…电话：… (某甲 only named elsewhere)
            if printed and cov >= thresholds.MIN_SENTENCE_COVERAGE:
                paragraph = doc.article.sentences[index].paragraph
                kept = [i for i in printed if doc.article.sentences[i].paragraph == paragraph]
                for i in block:  # 联系人：许立宇… / 联系人：谢婉婷…: the lines right under it too
                    if i == kept[-1] + 1:
                        kept.append(i)
                # 四、联系人： / 某市农业局某站 / 甲（电话：…）、: a body's line may stand between the heading
                # and the people it announces
                after = kept[-1] + 1
                if (doc.sentences[kept[-1]].endswith(("：", ":")) and after + 1 < len(doc.sentences)
                        and ORG_SUFFIX_RE.search(doc.sentences[after]) and CONTACT_IN_TEXT.search(doc.sentences[after + 1])):
                    kept.append(after)
                # 联系方式： / 某部： / 某某 010-…: a heading line brings the contact lines it announces
                while (doc.sentences[kept[-1]].endswith(("：", ":")) or kept[-1] + 1 in printed) and \
                        kept[-1] + 1 < len(doc.sentences) and len(kept) < CONTACT_LINES_SHOWN and (
                        CONTACT_IN_TEXT.search(doc.sentences[kept[-1] + 1])
                        or CONTACT_LABEL_LINE.match(doc.sentences[kept[-1] + 1])):
                    kept.append(kept[-1] + 1)
                while account and kept[-1] + 1 < len(doc.sentences) and ACCOUNT_LINE.match(doc.sentences[kept[-1] + 1]):
                    kept.append(kept[-1] + 1)  # 账号：… / 开户行：某支行: the bank is on the line under
                while account and kept[0] > 0 and ACCOUNT_LINE.match(doc.sentences[kept[0] - 1]):
                    kept.insert(0, kept[0] - 1)
                shown = [doc.article.sentences[i].text for i in kept][:CONTACT_LINES_SHOWN]  # 回执邮箱… 联系人：…，电话：…
                # 协会地址：某路2号, a line that gives the address alone, says where the body is
                said = "where" if address and not CONTACT_IN_TEXT.search(doc.sentences[kept[0]]) else "contact"
                return Answer("\n".join(shown) + f"\n{source(doc.article)}", f"{doc.article.path}#contact", 100 * cov,
                              [source_entry(doc)], kind=said, context={"article": doc.article.path},
                              evidence=shown[0])
            if owner and self.finder.subject(subject).coverage(owner, doc) >= thresholds.MIN_COVERAGE:
                footer = self._footer(doc)
                return footer if footer and (not fax or "传真" in footer.text) and (not email or "邮箱" in footer.text) \
                    else None
        return None

    def _of_another_body(self, topic: str, doc: Doc, index: int) -> bool:
        """Whether a contact line opens with an organisation other than the one the question names."""
        line = doc.sentences[index]
        opening = [org for org in org_mentions(line) if line.startswith(org)]
        asked = [w for w in topic.split() if ORG_SUFFIX_RE.search(w)]
        if not opening or not asked:
            return False
        return max(self.finder.subject(a).coverage(self.library.canon(o).lower(), doc)
                   for a in asked for o in opening) < thresholds.MIN_COVERAGE

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
        return Answer(text, f"{doc.article.path}#contact", 100.0, [source_entry(doc)], kind="contact",
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
                    return Answer(text, f"{doc.article.path}#contact:{name}", 100.0, [source_entry(doc)],
                                  kind="contact", context={"person": name, "article": doc.article.path},
                                  evidence=sentence)
        return None

    def attachments(self, q, people, scope) -> Answer | None:
        """通知有哪些附件: the files listed under 附件, as the page names them."""
        for doc, cov in self.finder.answerable(q, scope, need=lambda d: bool(d.article.attachments)):
            names = doc.article.attachments
            listed = "\n".join(f"{n}. {name}" for n, name in enumerate(names, 1))
            text = f"附件：\n{listed}\n（附件请到协会网站原文页面下载）\n{source(doc.article)}"
            return Answer(text, f"{doc.article.path}#attachments", 100.0 * cov, [source_entry(doc)], kind="attachments",
                          context={"article": doc.article.path}, evidence="、".join(names))
        return None

    def code(self, q, people, scope) -> Answer | None:
        """标准编号是多少: the sentence that gives a standard's or a document's number; 文号是多少 of a
        notice: the file number printed above its body (某协会[2021]1号), which no sentence repeats."""
        for doc, coverage in self.finder.answerable(q, scope)[:1]:
            number = doc.article.document_number  # a number the notice cites (根据…（某协〔2011〕47号）) is another's
            # 是江农函第几号: a question naming the number's own prefix asks it, as 文号是多少 does
            prefix = re.match(r"[\u4e00-\u9fff]{2,}", number)
            if number and (FILE_NUMBER_ASKED.search(q.text) or (prefix and prefix.group(0) in q.text)):
                return Answer(f"文号：{number}\n{source(doc.article)}", f"{doc.article.path}#code", 100.0 * coverage,
                              [source_entry(doc)], kind="code", context={"article": doc.article.path}, evidence=number)
        answer = self.passages.content(q, people, scope, cue=CODE, cue_required=True)
        asked = re.findall(r"《([^《》]{2,60})》", q.raw)
        if answer is not None:  # 某规程的编号, its 《》 left out: a document the answer names whose title is asked
            asked += [t for t in re.findall(r"《([^《》]{2,60})》", answer.text)
                      if len(t) >= 4 and re.sub(r"（[^（）]*）", "", t) in q.text]
        if answer is not None and asked and not _numbers_document(answer.text, asked):
            return None  # 《某规程》的编号: the number in the sentence is the 《…通知》's it cites, not the standard's
        return answer


def _numbers_document(sentence: str, titles: list[str]) -> bool:
    """Whether a number in the sentence belongs to one of the asked documents: the nearest 《…》
    before it is that document (《某规程》（GB 50000-2020）), not another one the sentence cites."""
    for m in CODE.finditer(sentence):
        before = re.findall(r"《([^《》]{2,60})》", sentence[:m.start()])
        if before and any(title in before[-1] or before[-1] in title for title in titles):
            return True
    return False


def _same_town(place: str, other: str) -> bool:
    """在某省某某市召开 and 地点：某某市某大酒店: both name 某某市, so the second is the venue in it."""
    match = SequenceMatcher(None, place, other).find_longest_match(0, len(place), 0, len(other))
    return match.size >= 3 and place[match.a + match.size - 1] in TOWN_ENDINGS


def names(word: str, text: str, spelled_out: bool = False) -> bool:
    """The text names `word`, or (`spelled_out`) writes a short word out in full: 展费 is 展位费,
    会费 会员费 (each character in order, at most one other character between two of them)."""
    if word in text:
        return True
    if not spelled_out or not 2 <= len(word) <= 3:
        return False
    return re.search("[\u4e00-\u9fff]?".join(map(re.escape, word)), text) is not None


EDITION = re.compile(r"首届|第([一二三四五六七八九十百\d]+)届")


SPAN_LABEL = re.compile(rf"([\u4e00-\u9fff]{{2}})(?:{alternation('date_labels')})[：:为是]")  # 报名时间：


def _noun_asked(q: Question, count) -> str:
    """16个|部门, for 几个部门: the counted noun the question names, when the count is followed by it."""
    return q.counted_noun if q.counted_noun and count.noun.startswith(q.counted_noun) else ""


def _ended_before(date: Date, day: str) -> bool:
    """Whether a dated year's day (or the span's last day) is before the ISO `day`."""
    if not date.year:
        return False
    end = Date(date.year, date.end_month or date.month, date.end_day or date.day)
    return end.iso() < day


def _span_of_asked(sentence: str, question: str) -> bool:
    """报名时间：5月1日到5月20日, for 最晚哪天报名: the span's label names what was asked
    (开放时间 does not, for 稿件征集截止到哪天)."""
    label = SPAN_LABEL.search(sentence)
    return bool(label) and label.group(1) in question


def _edition(text: str) -> int | None:
    """Which edition a text names: 首届 is 1, 第二届 2; None when it names none."""
    m = EDITION.search(text)
    if not m:
        return None
    return 1 if m.group(0) == "首届" else to_int(m.group(1))


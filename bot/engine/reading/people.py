"""People named in a sentence, with title and organisation, as Chinese news writes them.

    中国建筑节能协会会长武涌、秘书长吴景山      org + title + name; the org carries forward
    会长施平西副会长秦帆                       no separator between people
    香港中文大学张立振教授                      name before its title
    金锐立：中国绿色建筑与节能委员会主任        a guest list laid out in columns
    会长：郑朗泰                               an election result (org = the article's own)
    国际…组织主席安娜·贝格（Anna Berg）
"""

import re
from contextvars import ContextVar
from dataclasses import dataclass

from ..text.lexicon import (
    COMPOUND_SURNAMES,
    ORG_SUFFIX_RE,
    ORG_SUFFIXES,
    PLACES,
    SINGLE_SURNAMES,
    TITLE_CORE,
    TITLE_RE,
)
from ..text.vocab import alternation, patterns, words

HAN = "\u4e00-\u9fff"
PREPOSITIONS = set(words("name_prepositions"))
# 当选为会长; 被推选为首届理事会理事长: the verb, and maybe the body (or its term) the post is of
APPOINTED_TO = re.compile(rf"^[^，。；]*?(?:{alternation('appointment_verbs')})([^，。；、]{{0,16}}?)$")
# After a name these end it for sure: punctuation, a number + classifier, 任 + a title, and the
# words of vocab/name_enders.txt (two-character verbs, adverbs).
STRONG_AFTER = re.compile(
    r"[、，。；：,;:（(“”\"）)\s]|$|\d|[一二两三四五六七八九十]+(?:位|名|人|个)|等|任(?=副?[团组会]?长|主任|秘书)|"
    rf"(?:{alternation('name_enders')})"
)
# A character that never ends a given name: 王军说 is 王军 + 说.
NOT_NAME_FINAL = set(words("not_name_final"))
NOT_NAME_CHARS = set(words("not_in_names"))
BODY_ENDINGS = words("body_endings")  # 专家委员会, 编制组, 理事会: a body within an organisation
NAME_MIDDLE_CHARS = set(words("name_middle_chars"))  # 荣誉院长蒋在明与夫人…: 在 in a given name
# 巴日图 may have 日 (the punctuation after it rules out dates); 台就座, 见证签约, 致词表示 are not names
LONE_NAME_NOT = (NOT_NAME_CHARS - set("日")) | set(words("not_in_lone_names"))
# Two-character words that start with a surname but name no one: 项目经理, 主任委员, 公司总经理.
COMMON_WORDS = set(words("common_words"))
LIST_GAP = re.compile(r"[、；]")  # what follows a name in a list of people, never a verb
FOREIGN_NAME = re.compile(rf"[{HAN}]{{1,6}}(?:·[{HAN}]{{1,8}}){{1,2}}(?:（([A-Za-z][A-Za-z .'\-]+)）)?")
AFTER_FOREIGN_NAME = re.compile(rf"{alternation('foreign_name_enders')}|[以等和与及在作就对为向也还说讲]")
AFTER_NAME_TITLES = set(words("after_name_titles"))  # 某某教授: written after the name
TITLE_AFTER_NAME_AT_END = re.compile(f"(?:{alternation('after_name_titles')})$")  # …学者某某博士
LATIN_AFTER = re.compile(r"（([A-Za-z][A-Za-z .'\-]{2,40})）")
# How people are called by surname: 皇甫老师, 赖局长 (in the file's order).
HONORIFICS = words("honorifics")
SUB_UNIT = re.compile(alternation("sub_units"))  # 专委会, 秘书处: a unit of the organisation named before
# 会议由, 本次大会邀请到, …聘任, 其中: what opens the text before a title without naming an organisation
LEAD_IN = re.compile(rf"^(?:.{{0,10}}?由|.{{0,8}}?邀请(?:到|了)?|.{{0,4}}?(?:{alternation('appointing_verbs')})"
                     rf"|{alternation('org_lead_ins')})")
AFTER_PREVIOUS = re.compile(f"^(?:{alternation('honorifics')})(?=以及|及|和|与)")  # 某某先生及…: 先生 ends the name before
TABLE_ROW = re.compile(rf"^([{HAN}·]{{2,8}})：(.+)$")
ELECTED_ROW = re.compile(rf"^(.{{0,12}}?)：((?:[{HAN}]{{2,4}}、)*[{HAN}]{{2,4}})(?:（([^（）]{{2,40}})）)?$")
# 陶维宇（青岛海川建筑设计研究院有限公司总工程师）: a title in brackets after the name.
PAREN_ROLE = re.compile(rf"([{HAN}]{{2,4}})（([^（）]{{2,40}})）")
NAMED_IN_LATIN = re.compile(rf"([{HAN}]{{2,5}})（[A-Za-z][A-Za-z .'\-]{{2,40}}）")
# 甲市某物流有限公司许某某、乙省某总公司王某当选为…: a list item may name the person's unit before the name
UNIT_ENDING = "|".join(sorted((re.escape(s) for s in ORG_SUFFIXES if len(s) > 1), key=len, reverse=True))
# …或其后的职务: 增补某特钢集团有限公司董事长于某、某办公室原主任贾某为副会长
UNIT_BEFORE_NAME = rf"(?:[{HAN}]{{2,30}}?(?:{UNIT_ENDING})(?:{TITLE_CORE})?)?"
APPOINTING = re.compile(alternation("appointing_verbs"))  # 特聘, 聘请: the list after it is of appointees
APPOINTING_REACH = 30  # characters before a list where its appointing verb is looked for
APPOINTED_VERB = re.compile(rf"{alternation('appointed_as')}|同志任")  # cheap to rule out before APPOINTED
UNIT_AND_NAME = re.compile(rf"(.+(?:{UNIT_ENDING}))(?:{TITLE_CORE})?([{HAN}]{{2,3}})$")
APPOINTED = re.compile(rf"((?:{UNIT_BEFORE_NAME}[{HAN}]{{2,3}}(?:[（(][^（）()]{{1,40}}[）)])?(?:、|和|及))*{UNIT_BEFORE_NAME}[{HAN}]{{2,3}})(?:[（(][^（）()]{{1,40}}[）)])?(?:等?(?:\d+|[一二两三四五六七八九十]+)[位名人]|等)?"
                       # 甲、乙、丙及30家会员企业负责人当选为副会长: a counted group closes the list of names
                       rf"(?:(?:及|和|以及)(?:\d+|[一二两三四五六七八九十]+)[家位名个][{HAN}]{{0,12}}?)?"
                       rf"(?:同志)?(?:以\d+票|{alternation('elected_adverbs')})?(?:{alternation('appointed_as')}|(?<=同志)任)(.{{0,24}}?)$")
# 经选举，甲任理事长，乙、丙任副理事长，丁任秘书长: names that open their clause, 任, the post
TOOK_POST = re.compile(rf"^((?:[{HAN}]{{2,3}}、)*[{HAN}]{{2,3}})任(.{{0,24}}?)$")
ELECTED_AFTER = re.compile(rf"^(?:{patterns('elected_after_name')})(.{{0,30}}?)$")  # ，被选举为…主席
# ^ 蒋文志以85票当选秘书长; 华浩文（…集团董事长）以88票当选会长: the brackets say who he is;
#   某某同志任第七届…协会理事长: 同志 after the name, 任 before the post
# A name with no Han surname, set off by punctuation or by 等 and a closing word (…等出席): see name_after
LONE_NAME = re.compile(rf"([{HAN}]{{3,4}})(?=[、，；。,;]|等(?:{alternation('list_closers')}))")


@dataclass
class Mention:
    name: str
    title: str = ""
    org: str = ""
    start: int = 0  # span of the name in the sentence
    end: int = 0
    latin: str = ""  # the name in Latin letters when the text gives it: Anna Berg
    row: bool = False  # from a "会长：郑朗泰" row: without an organisation, the rows above give it

    @property
    def description(self) -> str:
        """中国建筑节能协会会长 — how answers introduce the person."""
        return f"{self.org}{self.title}"


# Surnames the table lacks that the article being read vouches for (see vouched_surnames).
VOUCHED = ContextVar("vouched_surnames", default=frozenset())
# 会长郅某同志 / ：郅某同志为会长: 同志 right after a name, with a title before it or a post after it
COMRADE = re.compile(rf"(?:{TITLE_RE.pattern})([{HAN}]{{2,3}}?)同志"
                     rf"|(?:^|(?<=[：:，,、；;。]))([{HAN}]{{2,3}}?)同志(?=为|任|当选|担任)")


def vouched_surnames(text: str) -> frozenset[str]:
    """Surnames no table holds, vouched for by how the text writes a name: 会长郅某同志 or
    郅某同志为会长 is a person whatever the surname. Only a title before (or a post after) and
    同志 right after count: 有关同志, 各位同志 are no names."""
    found = set()
    for m in COMRADE.finditer(text):
        name = m.group(1) or m.group(2)
        if (name[:1] not in SINGLE_SURNAMES and name[:2] not in COMPOUND_SURNAMES and name[:2] not in COMMON_WORDS
                and not any(ch in NOT_NAME_CHARS for ch in name)):
            found.add(name[:1])
    return frozenset(found)


def is_surname_start(name: str) -> bool:
    return name[:2] in COMPOUND_SURNAMES or name[:1] in SINGLE_SURNAMES or name[:1] in VOUCHED.get()


def plausible_name(name: str) -> bool:
    return (2 <= len(name) <= 4 and is_surname_start(name) and re.fullmatch(f"[{HAN}]+", name) is not None
            and not any(ch in NOT_NAME_CHARS for ch in name[1:]) and name[:2] not in COMMON_WORDS
            and not TITLE_RE.search(name))


def _plausible_with_name_chars(name: str) -> bool:
    """葛承年, 蒋在明: three characters that would be a name but for 年 or 在 (name_middle_chars.txt),
    which given names hold; read so only where a title sets the name off."""
    rest = set(name[1:]) & NOT_NAME_CHARS
    return (len(name) == 3 and bool(rest) and rest <= NAME_MIDDLE_CHARS and is_surname_start(name)
            and re.fullmatch(f"[{HAN}]+", name) is not None and name[:2] not in COMMON_WORDS
            and not TITLE_RE.search(name))


CONJUNCTIONS = tuple(words("conjunctions"))


JOINERS = "".join(words("joining_words"))  # 某某和协会…: a name joined to a body, not inside one
# (a title followed by a preposition, a conjunction or 兼 is a post: 主任向协会…, 副会长兼某基金会会长)
TITLE_INSIDE_BODY = re.compile(rf"(?![{''.join(PREPOSITIONS)}{JOINERS}等、兼])(?:[{HAN}]){{1,4}}?"
                               rf"(?:{alternation('org_name_endings')})")

# 长治分院 / 长春市分会: a place, then a body's name ending (the place may start inside a title)
PLACE_BODY = re.compile(rf"(?:{'|'.join(sorted(PLACES, key=len, reverse=True))})[{HAN}]{{0,3}}?(?:{alternation('org_name_endings')})")


def name_after(text: str, i: int) -> tuple[str, int, str] | None:
    """The name that starts at text[i] (right after a title): (name, end, latin)."""
    foreign = FOREIGN_NAME.match(text, i)
    if foreign:
        name = foreign.group(0).split("（")[0]
        head, _, tail = name.rpartition("·")
        cut = AFTER_FOREIGN_NAME.search(tail, 2)  # 鹏鹏·锐祥哲主持: the name ends before the verb
        if cut:
            name = f"{head}·{tail[:cut.start()]}"
            return name, i + len(name), ""
        return name, foreign.end(), foreign.group(1) or ""
    latin_named = NAMED_IN_LATIN.match(text, i)  # 山田太郎（Taro Yamada）: any name the text romanises
    if latin_named:
        end = latin_named.end()
        return latin_named.group(1), end, LATIN_AFTER.match(text, latin_named.end(1)).group(1)
    best, strong = None, False
    for length in ((4, 3, 2) if text[i:i + 2] in COMPOUND_SURNAMES else (3, 2, 4)):  # 上官文泰
        name = text[i:i + length]
        if len(name) < length or not plausible_name(name):
            continue
        if length == 4 and name[:2] not in COMPOUND_SURNAMES:
            continue
        if length == 3 and name[2] in NOT_NAME_FINAL and not LIST_GAP.match(text, i + length):
            continue  # 某某做报告; but 会长柏安做、秘书长…: no verb stands right before 、
        if length == 3 and text.startswith(CONJUNCTIONS, i + 2):
            continue  # 黎正以及…: the name ends before the conjunction
        end = i + length
        strong = bool(STRONG_AFTER.match(text, end)) or bool(TITLE_RE.match(text, end))
        if strong:
            best = (name, end)
            break
        if best is None:
            best = (name, end)
    if best is None or (not strong and len(best[0]) == 2):
        # 荣誉院长蒋在明与夫人…, 理事长岳明年分析: a name holding 在 or 年, set off by a clear end
        name = text[i:i + 3]
        if (_plausible_with_name_chars(name) and name[2] not in NOT_NAME_FINAL
                and (STRONG_AFTER.match(text, i + 3) or (best is None and text[i + 3:i + 4] in ("与", "和", "及")))):
            best = (name, i + 3)
    if best is None:
        serving = re.match(rf"([{HAN}]{{2,4}})任(?=副?[团组会]?长|主任|秘书)", text[i:])  # 其勒木格任团长
        if serving and serving.group(1)[:2] not in COMMON_WORDS:
            best = (serving.group(1), i + len(serving.group(1)))
    if best is None:  # 秘书长其勒木格； / 副总经理巴日图等: a name with no Han surname, set off by punctuation
        alone = LONE_NAME.match(text[i:])
        if (alone and alone.group(1)[:2] not in COMMON_WORDS and not TITLE_RE.search(alone.group(1))
                and not any(ch in LONE_NAME_NOT for ch in alone.group(1))):
            best = (alone.group(1), i + len(alone.group(1)))
    if best is None:
        return None
    latin = LATIN_AFTER.match(text, best[1])
    return best[0], latin.end() if latin else best[1], latin.group(1) if latin else ""


def _called_by_surname(text: str, title_start: int) -> bool:
    """Whether the title is a surname's (王主席, 向李主任汇报): one surname right before it, after
    something that is no part of a name. What follows such a title is not a name (王主席纪念馆)."""
    surname = text[title_start - 1:title_start]
    before = text[title_start - 2:title_start - 1] if title_start >= 2 else ""
    return (bool(surname) and surname in SINGLE_SURNAMES
            and (not before or before in PREPOSITIONS or not re.match(f"[{HAN}]", before) or before in "的了"))


BEFORE_NAME = tuple(words("before_name_words"))


# 某局艺术处 / 某厅财务科: a department of a body, right before the name of its head
DEPARTMENT_OF_BODY = re.compile(rf"(?:{'|'.join(map(re.escape, ORG_SUFFIXES))})[{HAN}]{{1,6}}?(?:{alternation('department_endings')})$")


def name_before(text: str, title_start: int, floor: int) -> tuple[str, int] | None:
    """The name right before a title (张立振教授, 欧阳泰凯教授): (name, start)."""
    for length in (4, 3, 2):
        start = title_start - length
        if start < floor:
            continue
        name = text[start:title_start]
        if not (plausible_name(name) or _plausible_with_name_chars(name)) or (
                length == 4 and name[:2] not in COMPOUND_SURNAMES):
            continue
        if length == 2 and name[0] in PREPOSITIONS and name[1] in SINGLE_SURNAMES:
            continue  # 向王主席致敬, 对李主任说: a preposition and a surname with its title, no name
        before = text[start - 1] if start > 0 else ""
        if re.match(r"[\d一二三四五六七八九十百千万两]", before):
            continue  # 300余名理事, 十多位专家: a count before the title, not a name
        if (start == floor or not before or not re.match(f"[{HAN}]", before) or text[:start].endswith(BEFORE_NAME)
                or ORG_SUFFIX_RE.search(text[floor:start]) or text[floor:start].endswith(tuple(SELF_REFERENCES))
                or DEPARTMENT_OF_BODY.search(text[floor:start])):
            return name, start  # 香港中文大学张立振教授, 本会康某某秘书长
    return None


VERBS_BEFORE_WEI = set(words("verbs_before_wei"))  # 被评为, 聘为: 为 ends a lead-in only after one of these
LIST_CLOSING_ADVERBS = set(words("list_closing_adverbs"))  # 甲、乙及丙亦获…
POST_SETTING_VERB = re.compile(rf"(?:{alternation('post_setting_verbs')})$")  # 协会另设监事一名
SELF_REFERENCES = set(words("self_references"))  # 本会, 我协会; 该会 refers back: see orgs.resolve
MEETING_VERB = re.compile(alternation("meeting_verbs"))  # 专访, 慰问: the organisation comes after the verb
OWN_UNIT = re.compile(rf"(?:{alternation('own_unit_prefixes')})(.+)")  # 我会专家委员会


def clean_org(segment: str, home_org: str = "") -> str:
    """Text before a title, minus lead-ins like 会议由 / 本次大会邀请到, when it names an organisation."""
    segment = re.split(r"[，,；;：:。、】\]]", segment)[-1].strip()  # 【本报消息】某院荣誉院长: after the dateline
    segment = AFTER_PREVIOUS.sub("", segment)  # 某某先生及…协会主席: 先生 belongs to the name before
    segment = LEAD_IN.sub("", segment).strip("、，,；;：: ")
    verb = list(MEETING_VERB.finditer(segment))
    if verb:  # 编辑小组日前专访台南市政府工务局局长褚宇浩: the organisation comes after the verb
        segment = segment[verb[-1].end():]
    for cut in ("的", "了", "是", "在", "为"):
        at = segment.rfind(cut)
        if cut == "为" and (at < 1 or segment[at - 1] not in VERBS_BEFORE_WEI):
            continue  # 被评为 / 聘为 end a lead-in; 有为工程咨询有限公司 is a name
        if cut == "的" and at >= 0 and segment[at + 1:at + 2] == "有":
            at += 1  # 参加活动的有某书法院院长…: the list opens with 的有
        if at >= 0 and not ORG_SUFFIX_RE.search(segment[:at + 1]):
            segment = segment[at + 1:]
    joined = re.search(rf"[与和同]({'|'.join(PLACES)})", segment)  # 考察团与浙江省…协会: the second party
    if joined and ORG_SUFFIX_RE.search(segment):
        segment = segment[joined.start() + 1:]
    if segment in SELF_REFERENCES:
        return home_org
    if segment.endswith(("与", "和", "同", "跟")):
        return ""  # 甲某与乙某董事长就…座谈: the other party, not an organisation
    own = OWN_UNIT.match(segment)  # 我会专家委员会
    if own and home_org:
        return home_org + own.group(1)
    return segment if 2 <= len(segment) <= 30 else ""


CLAUSE_BREAK = re.compile(r"[，；。]")
# 、首席专家吴一鸣 at a clause's end: a word no title list holds, then the name (three characters first)
UNLISTED_TITLE_AND_NAME = re.compile(rf"^([{HAN}]{{2,6}}?)([{HAN}]{{3}}|[{HAN}]{{2}})$")


def find_people(sentence: str, home_org: str = "") -> list[Mention]:
    """Every person named in one sentence, in order of appearance."""
    row = _table_row(sentence)
    if row:
        return [row]
    rows = _elected_rows(sentence, home_org)
    if rows:
        return rows
    mentions: list[Mention] = []
    floor = 0  # where the text belonging to the next person starts
    carry_org = ""
    pending: list[str] = []  # titles waiting for their name: 国务院参事、中国城市科学研究会理事长、…孙凯哲
    pending_org = ""  # …建设局党组成员、副局长秦浩博: the second title is of the same organisation
    for m in TITLE_RE.finditer(sentence):
        if m.start() < floor:
            continue
        inside = TITLE_INSIDE_BODY.match(sentence, m.end())
        if inside and home_org and home_org in sentence[max(0, m.start() - 1):inside.end()]:
            continue  # 佛山市长青志愿者协会: 市长 is inside the article's own body's name
        if PLACE_BODY.match(sentence, m.end() - 1):
            continue  # 某省院长治分院: 长治 begins at the title's last character, so there is no title
        title, segment = m.group(0), sentence[floor:m.start()]
        if pending and CLAUSE_BREAK.search(segment):
            # 某协会创会会长、首席专家吴一鸣，某厅原调研员梁某: titles waiting for a name never cross a
            # clause; the clause ends with their holder after a title the title list does not know
            cut = CLAUSE_BREAK.search(segment).start()
            held = UNLISTED_TITLE_AND_NAME.search(segment[:cut])
            if held and plausible_name(held.group(2)) and not ORG_SUFFIX_RE.search(held.group(1)):
                mentions.append(_mention(held.group(2), pending, "", held.group(1),
                                         floor + held.start(2), floor + held.end(2)))
            pending, pending_org, floor = [], "", floor + cut + 1
            segment = sentence[floor:m.start()]
        appointed = APPOINTED_TO.search(sentence[mentions[-1].end:m.start()]) if mentions else None
        body = appointed.group(1) if appointed else ""
        if appointed and (not body or ORG_SUFFIX_RE.search(body) or body.endswith(BODY_ENDINGS)):
            title = body + title  # 某某被推选为首届理事会理事长: that body's post
            mentions[-1].title += f"、{title}"  # 其勒木格任团长, 张立副厅长当选为会长: the new post is the name's before it
            for before in _listed_before(mentions, sentence):  # 聘任甲厅长某、乙副厅长某任名誉会长
                before.title += f"、{title}"
            floor = m.end()
            continue
        if mentions and not segment and mentions[-1].end == floor and not name_after(sentence, m.end()):
            mentions[-1].title += f"、{title}"  # 蒋琦哲教授: a second title right after the name
            floor = m.end()
            continue
        bare = segment.strip(" 、，")
        if bare in HONORIFICS and segment.endswith("、"):
            bare = ""  # 会长张某女士、副会长李某先生: the courtesy title closes the name before, and the list goes on
        named_before = plausible_name(bare) and (len(bare) < 4 or bare[:2] in COMPOUND_SURNAMES)  # not 县工商联 (县 is no surname, 区 is)
        if named_before and pending and name_after(sentence, m.end()):
            named_before = False  # 协会副会长、韩康董事长兼总裁邹某: titles waiting for a name; 韩康 is his firm
        found = (None if named_before or _called_by_surname(sentence, m.start())
                 else name_after(sentence, m.end()))  # 、郑琦宇副总规划师; not 王主席纪念馆
        before = name_before(sentence, m.start(), floor)
        if found and before and title in AFTER_NAME_TITLES and ORG_SUFFIX_RE.search(sentence[floor:before[1]]):
            found = None  # …大学建筑学系欧阳泰凯教授揭开序幕: the name is before 教授, not 揭开序
        if found:
            name, end, latin = found
            org = clean_org(segment, home_org)
            if not org and pending:
                org = pending_org
            elif not org and mentions and not bare:
                org = carry_org  # 中国建筑节能协会会长武涌、秘书长吴景山
            elif carry_org and SUB_UNIT.fullmatch(org) and segment[:1] == "、":
                org = carry_org + org  # …协会会长施平西副会长秦帆、专委会主任王军: a unit of the same org
            mentions.append(_mention(name, pending, org, title, m.end(), end, latin))
            for more, more_end in _names_listed(sentence, end):  # 副会长尤帆德、蒋晓琦、卫祥宁
                mentions.append(Mention(more, mentions[-1].title, mentions[-1].org, more_end - len(more), more_end))
                end = more_end
            # 某协会理事长、某公司董事长甲，秘书长乙: a title with no organisation after a holder of
            # several posts is of the first one's organisation, the one the article is about
            lead = clean_org(pending[0][:TITLE_RE.search(pending[0]).start()], home_org) if pending else ""
            carry_org, pending, pending_org, floor = lead or org or carry_org, [], "", end
            continue
        if before:
            name, start = before
            org = clean_org(sentence[floor:start], home_org)
            if not org and mentions and not sentence[floor:start].strip("、 "):
                org = mentions[-1].org  # 某协会甲会长、乙副秘书长: the list goes on in the same organisation
            mentions.append(_mention(name, pending, org, title, start, m.start()))
            pending, pending_org, floor = [], "", m.end()
            continue
        if sentence.startswith("、", m.end()):
            org = clean_org(segment, home_org)
            pending.append(org + title)
            pending_org = org or pending_org
            floor = m.end() + 1
    mentions += _appointed(sentence, {mention.name for mention in mentions}, home_org)
    mentions += _listed_after_title(sentence, {mention.name for mention in mentions})
    mentions += _listed_before_title(sentence, {mention.name for mention in mentions}, home_org)
    mentions += _bracketed(sentence, home_org)
    mentions += _served_by(sentence, home_org)
    mentions += _done_by(sentence, {mention.name for mention in mentions})
    mentions += _untitled_attendees(sentence, {mention.name for mention in mentions})
    merged = _merge(mentions)
    _appointed_as(sorted(merged, key=lambda mention: mention.start), sentence)
    return merged


# 会议由陶某某主持: a name with no title, set between 由 and what they did
DONE_BY = re.compile(rf"由([{HAN}]{{2,3}}?)(?:{alternation('action_verbs/host')}|{alternation('action_verbs/speech')})")


def _done_by(sentence: str, known: set[str]) -> list[Mention]:
    return [Mention(m.group(1), "", "", m.start(1), m.end(1)) for m in DONE_BY.finditer(sentence)
            if plausible_name(m.group(1)) and m.group(1) not in known]


def _names_listed(sentence: str, end: int) -> list[tuple[str, int]]:
    """Names that follow a titled name with only 、 between them share its title."""
    found = []
    while sentence.startswith(("、", "及", "和"), end):  # 甲、乙及丙: the last joined by 及/和
        last = not sentence.startswith("、", end)
        m = re.match(rf"[{HAN}]{{2,3}}", sentence[end + 1:])
        if not m:
            break
        for name in (m.group(0), m.group(0)[:2]):
            after = end + 1 + len(name)
            if last and len(name) == 3 and name[2] in LIST_CLOSING_ADVERBS:
                continue  # 及某某亦获…: the adverb is not part of the name
            if (plausible_name(name) and not TITLE_RE.match(sentence, after)
                    and (re.match(r"[、，；。等及和]|$", sentence[after:after + 1]) if not last
                         else sentence[after:after + 1] in LIST_CLOSING_ADVERBS or STRONG_AFTER.match(sentence, after))):
                found.append((name, after))
                end = after
                break
        else:
            break
    return found


def _mention(name, pending, org, title, start, end, latin="") -> Mention:
    if pending:  # several titles for one person: keep each with its own organisation
        return Mention(name, "、".join(pending + [org + title]), "", start, end, latin)
    return Mention(name, title, org, start, end, latin)


def _table_row(sentence: str) -> Mention | None:
    match = TABLE_ROW.match(sentence)
    if not match:
        return None
    name, desc = match.group(1), match.group(2)
    bare = re.sub(r"（[^（）]*）$", "", desc)
    titles = list(TITLE_RE.finditer(bare))
    if not titles or titles[-1].end() != len(bare) or TITLE_RE.fullmatch(name):
        return None
    title = titles[-1]
    return Mention(name, desc[title.start():], bare[:title.start()], 0, len(name))


def _elected_rows(sentence: str, home_org: str) -> list[Mention]:
    """会长：许鹏琦（…董事长） / 副会长：秦宇琦、何晨博: election results, one title per row."""
    match = ELECTED_ROW.match(sentence.rstrip("；;，,。"))
    titles = list(TITLE_RE.finditer(match.group(1))) if match else []
    if not titles or titles[-1].end() != len(match.group(1)):
        return []
    label = match.group(1)
    org = clean_org(label[:titles[-1].start()], home_org)  # 专家委员会主任：上官文泰 ("" -> see facts)
    names = [n for n in match.group(2).split("、") if plausible_name(n)]
    out = []
    for name in names:
        start = sentence.index(name)
        mention = Mention(name, titles[-1].group(0), org, start, start + len(name), row=True)
        if match.group(3) and len(names) == 1:
            role = role_in(match.group(3), home_org)
            if role:
                mention.title += f"、{role[0]}{role[1]}"
        out.append(mention)
    return out


def role_in(desc: str, home_org: str = "") -> tuple[str, str] | None:
    """湖南大学土木工程学院教授 -> (湖南大学土木工程学院, 教授), when the text ends in a title."""
    titles = list(TITLE_RE.finditer(desc))
    if not titles or titles[-1].end() != len(desc):
        return None
    return clean_org(desc[:titles[-1].start()], home_org) or desc[:titles[-1].start()], titles[-1].group(0)


def _bracketed(sentence: str, home_org: str) -> list[Mention]:
    """陶维宇（…有限公司总工程师）讲授了…: a name with its title in brackets."""
    out = []
    for m in PAREN_ROLE.finditer(sentence):
        role = role_in(m.group(2), home_org)
        name = m.group(1)
        for cut in range(len(name) - 1):  # 项目负责人施明维: the name is the tail
            if plausible_name(name[cut:]):
                name = name[cut:]
                break
        if role and plausible_name(name):
            start = m.start(1) + m.group(1).index(name)
            out.append(Mention(name, role[1], role[0], start, start + len(name)))
    return out


def _name_ending(clause: str, known: set[str]) -> str:
    """The person a clause ends with (…的中国学者某某博士 -> 某某): a name read already, else a plausible one."""
    clause = TITLE_AFTER_NAME_AT_END.sub("", clause.strip())
    named = [name for name in known if clause.endswith(name)]
    if named:
        return max(named, key=len)
    return next((clause[-size:] for size in (3, 2, 4) if len(clause) > size and plausible_name(clause[-size:])), "")


# 8位副会长包括甲、乙…和丙: a counted title, then the names that hold it
LISTED_AFTER_TITLE = re.compile(rf"[\d一二三四五六七八九十两]+[位名]({TITLE_RE.pattern})(?:{alternation('list_openers_after_title')})"
                                rf"((?:[{HAN}]{{2,4}}、)+[{HAN}]{{2,4}}(?:和|及|以及)[{HAN}]{{2,4}})")


def _listed_after_title(sentence: str, known: set[str]) -> list[Mention]:
    """8位副会长包括袁某、林某…和杨某: every listed name holds the counted title."""
    out = []
    for m in LISTED_AFTER_TITLE.finditer(sentence):
        for name in re.split(r"、|和|及|以及", m.group(2)):
            if plausible_name(name) and name not in known:
                start = sentence.find(name, m.start(2))
                out.append(Mention(name, m.group(1), "", start, start + len(name)))
    return out


LISTED_BEFORE_TITLE = re.compile(rf"((?:[{HAN}]{{2,5}}、)+[{HAN}]{{2,4}})等(?:[\d一二两三四五六七八九十]+[位名])?"
                                 rf"({TITLE_RE.pattern})(?![{HAN}]*(?:{alternation('attendee_org_kinds')}))")  # not 副会长单位


def _listed_before_title(sentence: str, known: set[str], home_org: str) -> list[Mention]:
    """选举产生了甲、乙、丙等副会长: names listed after a verb of electing, the post after 等."""
    out = []
    for m in LISTED_BEFORE_TITLE.finditer(sentence):
        clause = sentence[:m.start()].rsplit("，", 1)[-1].rsplit("。", 1)[-1]
        if not APPOINTING.search(clause[-APPOINTING_REACH:] + m.group(1)):
            continue
        items = m.group(1).split("、")
        # the list may begin on the verb's last characters (产生了甲): the first name is the longest
        # name that ends the first item
        items[0] = next((items[0][k:] for k in range(len(items[0]) - 1) if plausible_name(items[0][k:])), "")
        if not all(plausible_name(item) for item in items):
            continue
        for item in items:
            if item not in known:
                start = sentence.find(item, m.start())
                out.append(Mention(item, m.group(2), home_org, start, start + len(item)))
    return out


# 甲公司某某、乙中心某某等领导嘉宾应邀出席: a list closed by 等 and, in the same clause, a verb of attending
ATTENDED_CLOSER = re.compile(rf"等[{HAN}]{{0,8}}?(?:{alternation('action_verbs/attend')})")
LIST_START = re.compile(r"[，；。：:,;]")
MAX_LIST_CHARS = 400  # a list of guests is a clause, not a page pasted without punctuation


def _untitled_attendees(sentence: str, known: set[str]) -> list[Mention]:
    """县融媒体中心程某、某旅游开发有限公司何某、黄某等出席: in a list of those who attended, an
    item that is an organisation and a name, with no title, is that person of that organisation;
    a bare name right after such an item is of the same one. Items read already are left alone."""
    out = []
    for m in ATTENDED_CLOSER.finditer(sentence):
        floor = max(0, m.start() - MAX_LIST_CHARS)
        start = max((b.end() for b in LIST_START.finditer(sentence, floor, m.start())), default=floor)
        org = ""
        for item in sentence[start:m.start()].split("、"):
            unit = next((item[:-size] for size in (3, 2) if len(item) - size >= 3 and plausible_name(item[-size:])
                         and ORG_SUFFIX_RE.search(item[:-size])), "")
            if unit:
                org, name = unit, item[len(unit):]
            elif org and plausible_name(item) and len(item) <= 3:
                name = item
            else:
                org, name = "", ""
            if name and name not in known:
                at = start + len(item) - len(name)
                out.append(Mention(name, "", org, at, at + len(name)))
            start += len(item) + 1
    return out


def _appointed(sentence: str, known: set[str], home_org: str) -> list[Mention]:
    """聘任金凯锐、沈嘉晓、褚晨朗、金宁志4人为协会名誉会长: names listed, one title for all."""
    out = []
    clauses = [piece for clause in re.split(r"[，。；]", sentence) for piece in _posts_in_turn(clause)]
    for before, clause in zip(["", *clauses[:-1]], clauses, strict=True):
        later = ELECTED_AFTER.match(clause)  # 学者某某博士，被选举为“某某委员会”主席: the name ends the clause before
        match = None if later or not APPOINTED_VERB.search(clause) else APPOINTED.search(clause)
        took = TOOK_POST.match(clause) if not match and not later else None
        if took and not all(plausible_name(n) or _plausible_with_name_chars(n) for n in took.group(1).split("、")):
            took = None
        if match or took:
            listed, role = (match or took).group(1), (match or took).group(2)
        else:
            listed = _name_ending(before, known) if later else ""
            if not listed:
                continue
            role = re.sub(r"[“”\"「」]", "", later.group(1))
        role = re.sub(r"(?:一职|职务)$", "", role)
        titles = list(TITLE_RE.finditer(role))
        if not titles or titles[-1].end() != len(role):  # 为专家委员会委员颁发了聘书: not an appointment
            continue
        title = titles[-1]
        items = [part for item in listed.split("、")  # 甲和乙为副秘书长: two names joined by 和/及
                 for part in (re.split(r"和|及", item) if all(plausible_name(p) for p in re.split(r"和|及", item))
                              else [item])]
        for item in items:  # 甲（某公司）、乙（某学院）等当选副会长: each with their unit
            name, _, unit = item.partition("（") if "（" in item else item.partition("(")
            unit_first = UNIT_AND_NAME.match(name)
            if unit_first and not plausible_name(name):
                unit, name = unit_first.group(1), unit_first.group(2)
            if not plausible_name(name) and plausible_name(name[1:]):
                name = name[1:]  # 选举廖原同志任…: the search began one character early, on the verb
            unit = LEAD_IN.sub("", unit.rstrip("）)"))  # 会议增补某公司董事长某某: the verb is no part of it
            # a name already read with its present title takes the new post too, with its organisation
            # (…集团董事长某某为第四届会长, 某局局长某某当选为第五届某协会长)
            if plausible_name(name):
                start = sentence.find(name)
                org = clean_org(role[:title.start()], home_org) or home_org
                own = f"（{unit}）" if unit and ORG_SUFFIX_RE.search(unit) else ""
                out.append(Mention(name, title.group(0) + own, org, start, start + len(name)))
    return out


def _posts_in_turn(clause: str) -> list[str]:
    """选举甲为秘书长、乙和丙为副秘书长 / 甲等12名当选副会长、乙当选监事长: one clause, two
    appointments; cut after each 为 (or 当选) + title that a 、 follows, so each name list meets
    its own post."""
    pieces, start = [], 0
    for m in POST_THEN_NEXT.finditer(clause):
        pieces.append(clause[start:m.end()])
        start = m.end() + 1
    return [*pieces, clause[start:]]


POST_THEN_NEXT = re.compile(rf"(?:为|当选)(?:{TITLE_RE.pattern})(?=、)")  # 甲为秘书长、 / 甲等12名当选副会长、


# 会长由吴某担任; 另设监事一名，由房某先生担任: a count and a comma may stand between, an honorific after
SERVED_BY = re.compile(rf"([{HAN}]{{0,16}}?)({TITLE_RE.pattern})(?:[一二两三四五六七八九十\d]+[名位个人])?[，,]?"
                       rf"由([^，。；]{{0,40}}?)([{HAN}]{{2,3}}?)(?:{alternation('honorifics')})?担任")


def _served_by(sentence: str, home_org: str) -> list[Mention]:
    """编制组主编由…总工程师孙琦博担任: the title before 由 is the person's too."""
    out = []
    if "担任" not in sentence:  # the pattern is slow to rule out; most sentences have no 担任
        return out
    for m in SERVED_BY.finditer(sentence):
        name = m.group(4)
        if plausible_name(name):
            org = clean_org(POST_SETTING_VERB.sub("", m.group(1)), home_org)  # 协会另设监事一名
            out.append(Mention(name, m.group(2), org, m.start(4), m.end(4)))
    return out


def _listed_before(mentions: list[Mention], sentence: str) -> list[Mention]:
    """The mentions joined to the last one by 、 (each with its own title, before or after its
    name: 甲公司董事长某、乙公司某某高级副总裁、丙…), nearest first."""
    found = []
    for before, after in zip(mentions[-2::-1], mentions[::-1], strict=False):
        gap = sentence[before.end:after.start]
        own = TITLE_RE.match(gap)  # 乙公司某某高级副总裁、丙…: the title written after the name is its own
        gap = gap[own.end():] if own else gap
        if not gap.startswith("、") or "。" in gap:
            break
        found.append(before)
    return found


def _appointed_as(mentions: list[Mention], sentence: str) -> None:
    """特聘甲董事长某、乙某某高级副总裁、丙会长某为名誉会长: after a verb of appointing, the people
    listed up to 为 all take the post (为 alone says too little elsewhere: 以某某为主任的…)."""
    for m in re.finditer(rf"为({TITLE_RE.pattern})", sentence):
        listed = [mention for mention in mentions if mention.end <= m.start()]
        if not listed or listed[-1].end != m.start():
            continue
        chain = [listed[-1]] + _listed_before(listed, sentence)
        if not APPOINTING.search(sentence[max(0, chain[-1].start - APPOINTING_REACH):chain[-1].start]):
            continue
        for mention in chain:
            if m.group(1) not in mention.title:
                mention.title += f"、{m.group(1)}"


def _merge(mentions: list[Mention]) -> list[Mention]:
    """One mention per name and sentence; a second title is appended to the first."""
    merged: dict[str, Mention] = {}
    for mention in mentions:
        if mention.name in merged:
            first = merged[mention.name]
            if mention.title and mention.title not in first.title:
                first.title += f"、{mention.org}{mention.title}" if mention.org != first.org else f"、{mention.title}"
        else:
            merged[mention.name] = mention
    return list(merged.values())


RESPECTIVELY = re.compile(alternation("respectively"))
BOOK_TITLE = re.compile(r"《([^《》]+)》")


def respective_titles(sentence: str, names: list[str]) -> dict[str, str]:
    """甲、乙、丙分别以《一》《二》《三》为题做汇报: each name with its title, paired in order, when
    the sentence names as many of the people before 分别 as it gives titles after it; {} otherwise."""
    said = RESPECTIVELY.search(sentence)
    if not said:
        return {}
    ordered = sorted((sentence.find(name), name) for name in names if 0 <= sentence.find(name) < said.start())
    titles = BOOK_TITLE.findall(sentence, said.end())
    if len(ordered) < 2 or len(titles) != len(ordered):
        return {}
    return {name: title for (_, name), title in zip(ordered, titles, strict=True)}

"""People named in a sentence, with title and organisation, as Chinese news writes them.

    中国建筑节能协会会长武涌、秘书长吴景山      org + title + name; the org carries forward
    会长施平西副会长秦帆                       no separator between people
    香港中文大学邹经宇教授                      name before its title
    王有为：中国绿色建筑与节能委员会主任        a guest list laid out in columns
    会长：蒋清峰                               an election result (org = the article's own)
    国际…组织（iiSBE）主席尼尔斯·拉森（Nils Larsson）
"""

import re
from dataclasses import dataclass

from .lexicon import COMPOUND_SURNAMES, ORG_SUFFIX_RE, SINGLE_SURNAMES, TITLE_AFTER_NAME_RE, TITLE_RE

HAN = "\u4e00-\u9fff"
# After a name these end it for sure: punctuation, a number + classifier, a two-character verb.
STRONG_AFTER = re.compile(
    r"[、，。；：,;:（(“”\"）)\s]|$|\d|[一二两三四五六七八九十]+(?:位|名|人|个)|等|"
    r"(?:主持|出席|参加|致辞|讲话|发言|介绍|表示|指出|强调|认为|代表|率先|带领|一行|同志|先生|女士|宣布|宣读|作了|"
    r"做了|进行|发表|提出|希望|要求|感谢|祝贺|会见|当选|担任|分别|共同|应邀|受邀|到会|莅临|参观|考察|调研|总结|"
    r"回顾|解读|分享|汇报|报告|主讲|获得|获颁|颁发|专门|亲自|率团|随后|首先|最后|也|还|又|均|都|则|就|将|已|曾)"
)
# A character that never ends a given name: 王军说 is 王军 + 说.
NOT_NAME_FINAL = set("说等在对和与及是的了也将就被向从则均都亦又还并携偕代做作讲谈向于率")
NOT_NAME_CHARS = set("会协院学司局厅部署所室处组团委办站馆社校府省市县区镇届年月日号的了在是有和与及等"
                     "中心长员师任位名人家个邀")
FOREIGN_NAME = re.compile(rf"[{HAN}]{{1,6}}(?:·[{HAN}]{{1,8}}){{1,2}}(?:（([A-Za-z][A-Za-z .'\-]+)）)?")
LATIN_AFTER = re.compile(r"（([A-Za-z][A-Za-z .'\-]{2,40})）")
LEAD_IN = re.compile(r"^(?:.{0,6}?由|.{0,8}?邀请(?:到|了)?|以及|及|和|与|并|其中|包括|特邀|来自|受邀|应邀|同时|另有)")
TABLE_ROW = re.compile(rf"^([{HAN}·]{{2,8}})：(.+)$")
ELECTED_ROW = re.compile(rf"^(.{{0,12}}?)：([{HAN}]{{2,4}})$")
APPOINTED = re.compile(rf"((?:[{HAN}]{{2,3}}、)*[{HAN}]{{2,3}})(?:\d+人|[一二三四五六七八九十]+人|等)?"
                       rf"(?:为|担任|出任|当选为|当选)(.{{0,24}}?)$")


@dataclass
class Mention:
    name: str
    title: str = ""
    org: str = ""
    start: int = 0  # span of the name in the sentence
    end: int = 0
    latin: str = ""  # the name in Latin letters when the text gives it: Nils Larsson

    @property
    def description(self) -> str:
        """中国建筑节能协会会长 — how answers introduce the person."""
        return f"{self.org}{self.title}"


def is_surname_start(name: str) -> bool:
    return name[:2] in COMPOUND_SURNAMES or name[:1] in SINGLE_SURNAMES


def plausible_name(name: str) -> bool:
    return (2 <= len(name) <= 4 and is_surname_start(name) and re.fullmatch(f"[{HAN}]+", name) is not None
            and not any(ch in NOT_NAME_CHARS for ch in name[1:]))


def name_after(text: str, i: int) -> tuple[str, int, str] | None:
    """The name that starts at text[i] (right after a title): (name, end, latin)."""
    foreign = FOREIGN_NAME.match(text, i)
    if foreign:
        return foreign.group(0).split("（")[0], foreign.end(), foreign.group(1) or ""
    best = None
    for length in (3, 2, 4):
        name = text[i:i + length]
        if len(name) < length or not plausible_name(name):
            continue
        if length == 4 and name[:2] not in COMPOUND_SURNAMES:
            continue
        if length == 3 and name[2] in NOT_NAME_FINAL:
            continue
        end = i + length
        strong = bool(STRONG_AFTER.match(text, end)) or bool(TITLE_RE.match(text, end))
        if strong:
            best = (name, end)
            break
        if best is None:
            best = (name, end)
    if best is None:
        return None
    latin = LATIN_AFTER.match(text, best[1])
    return best[0], latin.end() if latin else best[1], latin.group(1) if latin else ""


def name_before(text: str, title_start: int, floor: int) -> tuple[str, int] | None:
    """The name right before a title (邹经宇教授): (name, start)."""
    for length in (3, 2):
        start = title_start - length
        if start < floor:
            continue
        name = text[start:title_start]
        if not plausible_name(name):
            continue
        before = text[start - 1] if start > 0 else ""
        if start == floor or not before or not re.match(f"[{HAN}]", before) or ORG_SUFFIX_RE.search(text[floor:start]):
            return name, start
    return None


SELF_REFERENCES = {"协会", "本会", "我会", "该会", "学会", "本协会", "我协会", "该协会", "大会"}


def clean_org(segment: str, home_org: str = "") -> str:
    """Text before a title, minus lead-ins like 会议由 / 本次大会邀请到, when it names an organisation."""
    segment = re.split(r"[，,；;：:。、]", segment)[-1].strip()
    segment = LEAD_IN.sub("", segment).strip("、，,；;：: ")
    for cut in ("的", "了", "是", "在"):
        at = segment.rfind(cut)
        if at >= 0 and not ORG_SUFFIX_RE.search(segment[:at + 1]):
            segment = segment[at + 1:]
    if segment in SELF_REFERENCES:
        return home_org
    return segment if 2 <= len(segment) <= 30 else ""


def find_people(sentence: str, home_org: str = "") -> list[Mention]:
    """Every person named in one sentence, in order of appearance."""
    row = _table_row(sentence) or _elected_row(sentence, home_org)
    if row:
        return [row]
    mentions: list[Mention] = []
    floor = 0  # where the text belonging to the next person starts
    carry_org = ""
    pending: list[str] = []  # titles waiting for their name: 国务院参事、中国城市科学研究会理事长、…仇保兴
    for m in TITLE_RE.finditer(sentence):
        if m.start() < floor:
            continue
        title, segment = m.group(0), sentence[floor:m.start()]
        if mentions and not segment and mentions[-1].end == floor and not name_after(sentence, m.end()):
            mentions[-1].title += f"、{title}"  # 谭广亨教授: a second title right after the name
            floor = m.end()
            continue
        bare = segment.strip(" 、，")
        found = None if plausible_name(bare) else name_after(sentence, m.end())  # 、徐思光副总规划师
        if found:
            name, end, latin = found
            org = clean_org(segment, home_org)
            if not org and mentions and not bare:
                org = carry_org  # 中国建筑节能协会会长武涌、秘书长吴景山
            elif carry_org and len(org) <= 4 and ORG_SUFFIX_RE.search(org) and segment[:1] in ("、", "，"):
                org = carry_org + org  # …协会会长施平西副会长秦帆、专委会主任王军: a unit of the same org
            mentions.append(_mention(name, pending, org, title, m.end(), end, latin))
            carry_org, pending, floor = org or carry_org, [], end
            continue
        before = name_before(sentence, m.start(), floor)
        if before:
            name, start = before
            org = clean_org(sentence[floor:start], home_org)
            mentions.append(_mention(name, pending, org, title, start, m.start()))
            pending, floor = [], m.end()
            continue
        if sentence.startswith("、", m.end()):
            pending.append(clean_org(segment, home_org) + title)
            floor = m.end() + 1
    mentions += _appointed(sentence, {mention.name for mention in mentions}, home_org)
    return _merge(mentions)


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


def _elected_row(sentence: str, home_org: str) -> Mention | None:
    match = ELECTED_ROW.match(sentence)
    if not match or not TITLE_RE.fullmatch(match.group(1)) or not plausible_name(match.group(2)):
        return None
    return Mention(match.group(2), match.group(1), home_org, sentence.index("：") + 1, len(sentence))


def _appointed(sentence: str, known: set[str], home_org: str) -> list[Mention]:
    """聘任陈文豹、蔡开清、卢玉波、欧国原4人为协会名誉会长: names listed, one title for all."""
    out = []
    for clause in re.split(r"[，。；]", sentence):
        match = APPOINTED.search(clause)
        if not match:
            continue
        role = match.group(2)
        title = TITLE_RE.search(role)
        if not title:
            continue
        for name in match.group(1).split("、"):
            if plausible_name(name) and name not in known:
                start = sentence.find(name)
                org = clean_org(role[:title.start()], home_org)
                out.append(Mention(name, title.group(0), org, start, start + len(name)))
    return out


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


def title_after_name(sentence: str, end: int) -> str:
    """项炳泉院长: the title written right after a name, if any."""
    match = TITLE_AFTER_NAME_RE.match(sentence, end)
    return match.group(0) if match else ""

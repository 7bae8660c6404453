"""Organisations named in running text, and what 该公司 / 该会 / 公司 refer back to.

    第一站是广西桂中绿建科技有限公司装配式建筑…。公司总经理吴志文…
    -> 吴志文's organisation is 广西桂中绿建科技有限公司, not "公司".
"""

import functools
import re

from ..text.lexicon import PLACES

HAN = "\u4e00-\u9fff"
ORG_NAME = re.compile(
    rf"[{HAN}（）A-Za-z]{{2,30}}?(?:有限责任公司|股份有限公司|有限公司|公司|集团|协会|学会|促进会|研究会|商会|联合会|"
    r"委员会|研究院|设计院|科学院|大学|学院|学校|研究所|研究中心|中心|议会|基金会|办公室|银行|分行|支行|事务所|产业园)"
    r"(?:[\u4e00-\u9fff]{0,4}?(?:分行|支行|分公司|分会|分院))?(?![\u4e00-\u9fff]{0,2}(?:协会|公司|大学)|股份|有限)"
)
ORG_ENDING = re.compile(r"公司|集团|会|院|大学|学校|研究所|中心|办公室|银行|分行|支行|事务所|产业园")  # a cheap first look
# Verbs and particles that end the text before a name begins: 第一站是 | 由 | 来到
CUT = re.compile(r"^.*(?:是|由|在|的|为|对|向|到|了|经|从|将|被|把|受|请|邀|往|给|让|使|至|成立|发起|组建)")
JOINED = re.compile("[与和同跟](?=" + "|".join(PLACES) + ")")
# What a generic word can stand for, by the ending of the full name.
REFERENCES = {
    ("公司", "该公司", "本公司", "集团", "该集团"): ("公司", "集团"),
    ("协会", "该会", "该协会", "学会", "该学会"): ("协会", "学会", "促进会", "研究会"),
    ("该院", "学院", "研究院", "设计院"): ("院",),
    ("该校", "学校", "大学"): ("大学", "学院", "学校"),
    ("该中心", "中心"): ("中心",),
    ("产业园", "该产业园", "园区", "该园区"): ("产业园", "园区"),
}


def org_mentions(text: str) -> list[str]:
    """Organisation names in a sentence, in order: 广西桂中绿建科技有限公司, 山东建筑大学."""
    return list(_org_mentions(text))


@functools.lru_cache(maxsize=8192)  # an article's sentences are read for people, then for the library
def _org_mentions(text: str) -> tuple[str, ...]:
    found = []
    if not ORG_ENDING.search(text):
        return ()
    for chunk in re.split(r"[，。；、：“”「」《》（）\s]", text):
        for m in ORG_NAME.finditer(chunk):
            name = CUT.sub("", m.group(0)).lstrip("与和及同跟")
            joined = JOINED.search(name)  # 考察团与浙江省…协会: the second party is the name
            name = name[joined.start() + 1:] if joined else name
            if len(name) >= 4:
                found.append(name)
    return tuple(found)


def resolve(org: str, recent: list[str]) -> str:
    """该会 / 公司 -> the latest organisation of that kind named before; else the word itself."""
    for words, endings in REFERENCES.items():
        if org in words:
            own = org.removeprefix("该").removeprefix("本")  # 学会 is a 学会 before it is any 会
            for wanted in ((own,) if len(own) > 1 else ()) + (endings,):
                for name in reversed(recent):
                    if name != org and name.endswith(wanted) and len(name) > len(org) + 1:
                        return name
    return org

"""Organisations named in running text, and what 该公司 / 该会 / 公司 refer back to.

    第一站是广西桂中绿建科技有限公司装配式建筑…。公司总经理吴志文…
    -> 吴志文's organisation is 广西桂中绿建科技有限公司, not "公司".
"""

import functools
import re

from ..text.lexicon import PLACES
from ..text.vocab import alternation, pairs

HAN = "\u4e00-\u9fff"
# A name ends in one of vocab/org_name_endings.txt, maybe with a branch after it (…银行某某支行), where
# no longer name goes on (…集团股份有限公司 does not end at 集团).
ORG_NAME = re.compile(
    rf"[{HAN}（）A-Za-z]{{2,30}}?(?:{alternation('org_name_endings')})"
    rf"(?:[\u4e00-\u9fff]{{0,6}}?(?:{alternation('org_branch_endings')}))?(?![\u4e00-\u9fff]{{0,2}}(?:协会|公司|大学)|股份|有限)"
)
ORG_ENDING = re.compile(alternation("org_name_endings"))  # a cheap first look: no ending, no name
# Verbs and particles that end the text before a name begins: 第一站是 | 由 | 来到
CUT = re.compile(rf"^.*(?:{alternation('before_org_names')})")
JOINED = re.compile("[与和同跟](?=" + "|".join(PLACES) + ")")
# What a generic word can stand for, by the ending of the full name (vocab/org_references.txt).
REFERENCES = {tuple(refs.split()): tuple(endings.split()) for refs, endings in pairs("org_references").items()}


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
            if m.start() and chunk[m.start() - 1].isdigit():
                name = re.sub(r"^[年月日届期号次]", "", name)  # 2021年某某…协会: the name starts after the date
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

"""Numbers as Chinese writes them: 十二, 三十一, 二〇二四, 两, 第十七届 — read by cn2an.

One reader for every numeral in the engine (dates, ordinals, counts), so question and article
spell a number the same way.
"""

import re

import cn2an

# Ordinals (第十七届), years (2024年) and plain numbers: what ties a question to one edition of an event.
NUMBER_TOKEN = re.compile(r"第[0-9一二三四五六七八九十百]+[届次期批轮站]|(?:19|20)\d{2}年?|\d+")
_ORDINAL = re.compile(r"第([0-9一二三四五六七八九十百]+)[届次期批轮站]")


def to_int(text: str) -> int | None:
    """十八 -> 18, 二〇一七 -> 2017, 两 -> 2, 12 -> 12; None when `text` is not a number."""
    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, IndexError):
        return None
    return int(value) if float(value).is_integer() else None


def normalise_number(token: str) -> str:
    """第十七届 -> 第17, 2017年 -> 2017: one spelling for comparing question and article."""
    match = _ORDINAL.fullmatch(token)
    if match:  # 第十二期 and the English "12th" are the same ordinal
        return f"第{to_int(match.group(1))}"
    return token.rstrip("年")


# 第三、四届 / 第三、第四届: two ordinals sharing one measure word
ORDINAL_LIST = re.compile(r"第([0-9一二三四五六七八九十百]+)[、和及与至]第?([0-9一二三四五六七八九十百]+)([届次期批轮站])")


def spell_out_ordinals(text: str) -> str:
    """第三、四届 -> 第三届、第四届: each ordinal of a pair with its own measure word."""
    return ORDINAL_LIST.sub(r"第\1\3、第\2\3", text)


def numbers_in(text: str) -> set[str]:
    """Every ordinal, year and number in `text`, spelled as normalise_number spells them."""
    return {normalise_number(m.group(0)) for m in NUMBER_TOKEN.finditer(spell_out_ordinals(text))}


def an2cn(number: int) -> str:
    """500 -> 五百: a number written in Chinese numerals."""
    return cn2an.an2cn(number)

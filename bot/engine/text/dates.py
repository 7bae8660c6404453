"""Dates as Chinese news writes them: 2024年2月3日, 2024-02-03, 6月5日至7日, 二〇一七年六月五日.

Dates are reported as the article writes them (a year-less "5月18日" stays year-less);
Chinese numerals are rewritten with digits so every answer reads the same way.
"""

import re
from dataclasses import dataclass

from .numerals import to_int
from .vocab import alternation

_CN = "〇○零一二两三四五六七八九十"
_CN_YEAR_DIGITS = f"{_CN}0０"  # 二0一二年: a year typed with a zero among Chinese digits
_CN_DATE = re.compile(rf"([{_CN_YEAR_DIGITS}]{{4}}年)?([{_CN}]{{1,3}})月([{_CN}]{{1,3}})[日号]"
                      rf"(?:(至|到|—|-|～|~)([{_CN}]{{1,3}})[日号])?")
_CN_YEAR = re.compile(rf"([{_CN_YEAR_DIGITS}]{{4}})年")

# 6月5日, and 3月8—9日 or 6月18至9月28日: the first day of a range may leave out its 日; 4月20号——4月30日: a doubled dash
RANGE = r"(?:至|到|-|～|~|—{1,2})"
DAY = r"(\d{1,2})\s*(?:[日号]|(?=\s*" + RANGE + r"\s*(?:\d{1,2}\s*月\s*)?\d{1,2}\s*[日号]))"  # 6月18至9月28日
WEEKDAY = r"(?:\s*[（(](?:星期|周|礼拜)[一二三四五六日天][)）])?"  # 5月10日（星期五）至5月12日（星期日）
DATE_RE = re.compile(
    r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*" + DAY + WEEKDAY
    + r"(?:\s*" + RANGE + r"\s*(?:\d{4}\s*年\s*)?(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*[日号])?"  # …到2016年3月30日
    r"|(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"
)


@dataclass(frozen=True)
class Date:
    year: int | None
    month: int
    day: int
    end_day: int | None = None
    end_month: int | None = None
    text: str = ""  # as written (with digits)

    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}" if self.year else f"{self.month:02d}-{self.day:02d}"


def _number(text: str) -> int:
    return to_int(re.sub("[○0０]", "〇", text)) or 0


def with_arabic_dates(text: str) -> str:
    """二〇一七年六月五日至七日 -> 2017年6月5日至7日 (only inside date expressions)."""
    if not any(ch in text for ch in "月年"):
        return text

    def date(match):
        year, month, day, sep, end = match.groups()
        out = ""
        if year:
            out += f"{_number(year[:-1])}年"
        out += f"{_number(month)}月{_number(day)}日"
        if end:
            out += f"{sep}{_number(end)}日"
        return out

    text = _CN_DATE.sub(date, text)
    return _CN_YEAR.sub(lambda m: f"{_number(m.group(1))}年", text)


def find_dates(text: str) -> list[tuple[Date, int, int]]:
    """Every date in the text with its span; a range keeps its end day."""
    found = []
    for m in DATE_RE.finditer(text):
        if m.group(6):
            year, month, day, end_month, end_day = int(m.group(6)), int(m.group(7)), int(m.group(8)), None, None
        else:
            year = int(m.group(1)) if m.group(1) else None
            month, day = int(m.group(2)), int(m.group(3))
            end_month = int(m.group(4)) if m.group(4) else None
            end_day = int(m.group(5)) if m.group(5) else None
        if not (1 <= month <= 12 and 1 <= day <= 31) or (year and not 1900 <= year <= 2100):
            continue
        found.append((Date(year, month, day, end_day, end_month, m.group(0).replace(" ", "")), m.start(), m.end()))
    return found


def parse_date(text: str) -> Date | None:
    found = find_dates(text)
    return found[0][0] if found else None


# A sentence that sets a deadline: 3月20日前, 4月10日下午17:00前, 5日12时以前, or 截止 / 逾期
DEADLINE_SAID = re.compile(rf"\d+[日号](?:[\u4e00-\u9fff]{{0,2}}\d{{1,2}}(?:[:：]\d{{2}}|[时点](?:\d+分)?))?"
                           rf"(?:{alternation('deadline_suffixes')})|{alternation('deadline_said')}")

# A sentence that gives a span of days (报名时间：5月1日到5月20日): it says when something starts and
# when it ends, as a deadline's or a start's question asks.
SPAN_SAID = re.compile(r"\d\s*[日号]?\s*" + RANGE + r"\s*(?:\d{4}\s*年\s*)?(?:\d{1,2}\s*月\s*)?\d{1,2}\s*[日号]")

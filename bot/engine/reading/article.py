"""A raw news article, as pasted from the association's site, read into its parts.

The page around the article is noise (channel names, breadcrumbs, view counts, image file
names, share buttons, previous/next links); the footer holds the *site's* contact data.
Nothing here is typed by staff: title, dates, body and contacts are found in the text. The words
that mark the page's parts (meta labels, navigation, footer, contact labels) are data, in
bot/engine/vocab/.
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from ..text.dates import DATE_RE, parse_date, with_arabic_dates
from ..text.folding import fold
from ..text.lexicon import ORG_SUFFIX_RE
from ..text.vocab import alternation, pairs, patterns
from .fields import read_text
from .orgs import org_mentions
from .people import find_people, plausible_name
from .problem import Problem

IMAGE_RE = re.compile(r"^\S{0,80}\.(?:jpe?g|png|gif|bmp|webp|tiff?)$", re.IGNORECASE)
# The page's meta line: 发布时间：, 来源：, 浏览量：… (vocab/date_labels.txt, meta_labels.txt)
META_LABELS = f"{alternation('meta_labels')}|{alternation('date_labels')}"
META_RE = re.compile(rf"(?:^|\s|[:：\d])(?:{META_LABELS})\s*[:：]")  # 发布人：阅读量：, the values left blank; 2011.04.11来源：
META_START = re.compile(rf"^(?:{alternation('meta_labels')})\s*[:：]")
PUBLISH_RE = re.compile(rf"(?:{alternation('date_labels')})\s*[:：]?\s*(.{{6,20}})")
# 时间：2017年4月11日至12日 under 一、时间和地点: a point of the notice, not the page's meta line
EVENT_DATE_LINE = re.compile(rf"^(?:{alternation('event_date_labels')})\s*[:：]")
# Navigation: [打印] buttons, 首页 > breadcrumbs > 正文, 【字体, words like 当前位置, a lone English/繁体 link
NAV_RE = re.compile(
    rf"[\[【〖]\s*(?:{alternation('nav_buttons')})(?:{alternation('nav_button_objects')})?\s*[\]】〗]|首页\s*[>＞»\-–—]|[>＞»]\s*正文|{alternation('nav_words')}|"
    rf"[【\[]\s*字体|^\s*(?:{alternation('language_links')})\s*$"
)
COPYRIGHT_MARK = re.compile(alternation("copyright_marks"), re.IGNORECASE)  # 版权所有, copyright, ©
# What follows the article: a line opening with 上一篇 / 相关新闻 / 附件：, a vote or report button, the
# footer (版权所有, icp备, 技术支持：)
TAIL_RE = re.compile(
    rf"^[【\[]?\s*(?:{alternation('tail_openers')}|附件\s*[:：])"
    rf"|反对\s*\d+\s*举报|{COPYRIGHT_MARK.pattern}|{alternation('footer_words')}|技术支持\s*[:：]",
    re.IGNORECASE,
)
CONTACT_LABELS = pairs("contact_labels")  # 联系电话 -> phone
CONTACT_RE = re.compile(
    r"(" + "|".join(sorted(map(re.escape, CONTACT_LABELS), key=len, reverse=True)) + r")\s*[:：]", re.IGNORECASE)
PHONE_RE = re.compile(r"(?<![\d-])(?:(?:[（(]\s*\d{2,4}\s*[)）]\s*)?(?:\d{3,4}-)?(?:\d{4} \d{4}|\d{7,8}|\d{3,4}-\d{4})"
                      r"(?:-\d{1,4})?"
                      r"|1\d{10}|400-?\d{3}-?\d{4})(?![\d-])")
# Around the owner's name on a copyright line: the marks, (c) / 未经许可…, a year, whatever follows a comma
COPYRIGHT_NOISE = re.compile(rf"{COPYRIGHT_MARK.pattern}|{alternation('copyright_noise')}|\b(?:19|20)\d{{2}}\b|[，,。].*$",
                             re.IGNORECASE)
# What comes after the owner's name: a label (客服电话：…), 技术支持, 备案, 电话…
OWNER_END = re.compile(rf"\s{{1,}}(?=[^\s]*[:：])|{alternation('copyright_line_stops')}", re.IGNORECASE)
HOST_LINE = re.compile(rf"^\s*(?:{alternation('host_labels')})\s*[:：]\s*(.+)")  # 主办单位：…
FILING_NUMBER = re.compile(r"[\u4e00-\u9fff]?icp[备证]?[\d\-号]*|[\u4e00-\u9fff]?公网安备[\d号]*", re.IGNORECASE)
# 谢某某先生, BBS, JP及…: honours written after a name (Hong Kong, Macau) are no part of the next title
POSTNOMINALS = re.compile(rf"(?:\s*[,，]\s*(?:{alternation('postnominals')})(?![A-Za-z]))+")
# 电   话：, 联 系 人: a label spaced out to line up with the others: read as 电话：
SPACED_LABEL = re.compile(r"^(\s*)([\u4e00-\u9fff](?:[ \t\u3000]+[\u4e00-\u9fff]){1,3})[ \t\u3000]*(?=[:：])")
BARE_DATE = re.compile(r"^(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
                       r"\s*(?:[（(]?(?:星期|周)[一二三四五六日天][)）]?)?"
                       r"(?:\s+[^，。；]{1,30})?$")  # 2025-12-19 19:42 某报/ 记者 某地报导: the source may follow
COUNTER_LINE = re.compile(r"^\d[\d,]*\s*[\u4e00-\u9fff]$")  # 1263 次: a number and its unit alone (not 22 over 2018/10)
DOC_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,10}[〔\[［(（【]\d{4}[〕\]］)）】]\s*\d+\s*号$")
SENTENCE_END = re.compile(r"(?<=[。！？!?；;])(?![”’」』）)])")
# A long line ending like a sentence is text even when it says 请登录…网站查阅 or 分享到 in passing.
CAPTION_ACTION = re.compile(f"{alternation('action_verbs/speech')}|{alternation('action_verbs/host')}")  # 作报告, 主持
SENTENCE_LIKE = re.compile(r"^.{40,}[。；！？]$")
CHANNEL_MAX = 12  # a short line above the title with no punctuation is a channel name


@dataclass
class Sentence:
    text: str
    line: int  # line in the file, for staff and for the admin page
    paragraph: int
    index: int  # position in the article
    heading: str = ""  # the section heading above it (■ 植树添绿：680棵苗木扎根北山), context for its facts


@dataclass
class Article:
    path: str  # relative to the knowledge folder, e.g. "news/2023-11-03-west-office-launch.txt"
    title: str
    subtitle: str = ""
    published: str = ""  # ISO date as written in the page's 发布时间 line; "" when absent
    sentences: list[Sentence] = field(default_factory=list)
    contacts: dict = field(default_factory=dict)  # owner, address, phone (list), fax, postcode, email
    site_name: str = ""  # first header line, when it names the site
    attachments: list[str] = field(default_factory=list)  # 附件：1. 报名回执表 -> 报名回执表
    document_number: str = ""  # a notice's own file number above its body: 鄂建〔2020〕5号
    signed: str = ""  # the date under the signatory at a notice's end (某协会 / 2024年3月26日)
    signer: str = ""  # the body signed above that date (某协会): who issued the notice
    source_url: str = ""  # the original page (来源链接：https://…), linked from answers
    author: str = ""  # who wrote it, by its byline (作者：某某, （通讯员 某某）, a closing （某某）)

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.sentences)

    def label(self) -> str:
        """How answers name this article: 《title》（2023-11-03）."""
        return f"《{self.title}》" + (f"（{self.published}）" if self.published else "")


CLOSING_NOTE = re.compile(r"[（(][^（）()]*[)）]$")


def without_closing_note(text: str) -> str:
    """A caption without its bracketed note: 一等奖（4项） -> 一等奖."""
    return CLOSING_NOTE.sub("", text)


def _joined_label(line: str) -> str:
    return SPACED_LABEL.sub(lambda m: m.group(1) + re.sub(r"\s", "", m.group(2)), line)


def load_article(path: str, shown: str) -> tuple[Article | None, list[Problem]]:
    text, problems = read_text(path, shown)
    if text is None:
        return None, problems
    article, more = parse_article(text, shown)
    return article, problems + more


# 来源链接：https://… : where the article was copied from (vocab/source_link_labels.txt)
SOURCE_LINK = re.compile(r"^\s*(?:" + alternation("source_link_labels") + r")\s*[:：]\s*(https?://[^\s<>\"']+)\s*$",
                         re.IGNORECASE)
HEADLINES_APART = re.compile(r"(?<=[\u4e00-\u9fff]{4})[ \t\u3000]+(?=[\u4e00-\u9fff]{4})")
DATED_START = re.compile(r"^\s*(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}")  # 2022-11-02 10:49:44 来源：…
MAX_URL_CHARS = 1000  # a longer "address" is a paste gone wrong, and would not fit a reply with its answer


def parse_article(text: str, shown: str) -> tuple[Article | None, list[Problem]]:
    """Raw page text -> Article. Problems say which line and what staff can do about it."""
    source_url, text = _source_link(text)
    marked = _mark_table_rows(text.splitlines())
    paired = _field_pairs(marked)
    raw = _table_sentences(paired)
    lines = [_joined_label(POSTNOMINALS.sub("", with_arabic_dates(fold(line)))) for line in raw]
    kinds = ["nav" if _is_menu(line) else _classify(folded) for line, folded in zip(raw, lines, strict=True)]
    for i, (before, after) in enumerate(zip(marked, paired, strict=True)):
        if after and after != before:
            kinds[i] = "field"  # 发布日期：2012-05-28 of a detail page: a sentence, but never the title
    _mark_captions(lines, kinds)
    problems: list[Problem] = []

    meta = [i for i, kind in enumerate(kinds) if kind == "meta"]
    published = ""
    fields = [i for i, kind in enumerate(kinds) if kind == "field" and META_RE.search(" " + lines[i])]
    for i in meta[:3] + fields[:3]:
        match = PUBLISH_RE.search(lines[i])
        date = parse_date(match.group(1) if match else lines[i])  # 2024-05-17 10:22 来源：…
        if date and date.year:
            published = date.iso()
            break

    title_i, subtitle = _find_title(lines, kinds, meta)
    body_start = max([title_i] + [i for i in meta if i < title_i + 4]) + 1 if title_i >= 0 else 0
    body_lines, contact_lines = [], []
    for i in range(body_start, len(lines)):
        if kinds[i] == "tail" and body_lines:
            break  # 上一篇, 版权所有: the page goes on after the article (a [打印本页] bar above it does not end it)
        if kinds[i] == "contact" and body_lines:
            contact_lines.append(i)  # 电话：… under 联系人：…: the article's own, if its text goes on after it
        if kinds[i] == "meta" and body_lines and EVENT_DATE_LINE.match(lines[i]):
            kinds[i] = "field"
        if kinds[i] in ("text", "field"):
            body_lines += contact_lines + [i]
            contact_lines = []
    if contact_lines and body_lines and OWN_CONTACT.search(lines[body_lines[-1]]):
        # 联系人：某某 / 电话：…, the body's last lines right under it: the article's own contact (a footer
        # set apart by more than the body's own paragraphs are is the site's)
        gaps = Counter(b - a for a, b in zip(body_lines, body_lines[1:], strict=False))
        spacing = gaps.most_common(1)[0][0] if gaps else 1
        for i in contact_lines:
            if i - body_lines[-1] > spacing:
                break
            body_lines.append(i)
    if title_i < 0:
        first = body_lines[0] if body_lines else 0
        title = _first_clause(lines[first]) if body_lines else ""
        problems.append(Problem(shown, first + 1, "没有找到标题：请在正文前单独一行写上文章标题"))
    else:
        # 某某接任某协会理事长 某市长率团队到场祝贺: two headlines a space sets apart stay apart
        title = BULLETED.sub("", lines[title_i]) if not HEADLINES_APART.search(raw[title_i]) else _joined_label(POSTNOMINALS.sub(
            "", with_arabic_dates(fold(HEADLINES_APART.sub("，", raw[title_i])))))
    if not body_lines:
        problems.append(Problem(shown, title_i + 1 if title_i >= 0 else 0,
                                "文章没有正文（只找到标题、日期或网页上的导航文字）；请粘贴完整的新闻内容"))
        return None, problems
    if not published:
        problems.append(Problem(shown, (meta[0] + 1) if meta else 0,
                                "没有找到发布日期（如“发布时间：2023-11-03”）；回答时不会注明日期", "warning"))

    article = Article(path=shown, title=title, subtitle=subtitle, published=published)
    article.sentences = _sentences(lines, body_lines)
    body = set(body_lines)
    article.contacts = _contacts([line for i, line in enumerate(lines) if i not in body and i > title_i])
    article.site_name = _site_name(lines, kinds, title_i)
    article.attachments = _attachments(lines)
    article.document_number = next((lines[i] for i in meta if DOC_NUMBER.match(lines[i])), "")
    article.signer, article.signed = _signed(lines, kinds, body_lines)
    article.source_url = source_url
    article.author = _byline([lines[i] for i in meta], [lines[i] for i in body_lines])
    return article, problems


BYLINE_LABEL = alternation("byline_labels")
BYLINE_IN_META = re.compile(rf"(?:^|\s)(?:{BYLINE_LABEL})\s*[:：/]\s*([\u4e00-\u9fff·]{{2,12}})")
# （通讯员 某某 某某）, （记者某某）, （某某）: a bracket of names alone, opening or closing the body
BYLINE_BRACKET = re.compile(rf"[（(]\s*(?:(?:{BYLINE_LABEL})\s*[:：/]?\s*)?([\u4e00-\u9fff·][\u4e00-\u9fff· ]{{1,24}}?)\s*[)）]")
BYLINE_REACH = 3  # body lines at each end where a byline may stand
# 本报讯（记者某某/文 某某/图）: a bracket at the body's start, after at most a short dateline
BYLINE_LEAD = re.compile(r"^[^（(，。]{0,8}[（(]([^）)]{2,40})[)）]")
BYLINE_LABELLED = re.compile(rf"(?:{BYLINE_LABEL})\s*[:：]?\s*([\u4e00-\u9fff]{{2,3}})(?![\u4e00-\u9fff])")
META_LABEL_INSIDE = re.compile(rf"(?:{META_LABELS})$|(?:{alternation('date_labels')})")


def _byline(meta: list[str], body: list[str]) -> str:
    """Who wrote the item: a byline label in the meta line, or a bracket that holds names only (a
    caption such as （大会现场） names no one), at the body's first characters or as one of its last lines."""
    in_meta = ""
    for line in meta:
        found = BYLINE_IN_META.search(line)
        if found:
            # 作者：某某网日期：2009-04-14: the value ends where the next label begins
            in_meta = META_LABEL_INSIDE.split(found.group(1))[0]
            break
    if in_meta and plausible_name(in_meta):
        return in_meta
    lead = BYLINE_LEAD.match(body[0].strip()) if body else None
    labelled = BYLINE_LABELLED.search(lead.group(1)) if lead else None
    if labelled and plausible_name(labelled.group(1)):
        return labelled.group(1)  # 本报讯（记者某某/文 某某/图）: the reporter, not the site named in the meta line
    if in_meta:
        return in_meta
    opening = [BYLINE_BRACKET.match(line.strip()) for line in body[:BYLINE_REACH]]
    closing = [BYLINE_BRACKET.fullmatch(line.strip()) for line in body[-BYLINE_REACH:]]
    for found in opening + closing:
        names = found.group(1).split() if found else []
        if names and (all(plausible_name(n) for n in names) or _names_run(names[0])):
            return "、".join(names) if len(names) > 1 else names[0]
    return ""


def _names_run(text: str) -> bool:
    """黎正方温学良岳明远: names written together, two or three characters each."""
    return bool(re.fullmatch(r"(?:[\u4e00-\u9fff]{2,3}){2,5}", text)) and any(
        all(plausible_name(text[i:j]) for i, j in zip(cuts, cuts[1:], strict=False))
        for cuts in _cuttings(len(text)))


def _cuttings(size: int) -> list[list[int]]:
    """Ways to cut a run of `size` characters into pieces of two or three: [0, 3, 5, 8]…"""
    if size == 0:
        return [[0]]
    out = []
    for piece in (2, 3):
        if size >= piece:
            out += [cuts + [cuts[-1] + piece] for cuts in _cuttings(size - piece)]
    return out


SIGNATURE_REACH = 12  # lines after the body where a notice's signature may still stand (under a list of attachments)


def _signed(lines, kinds, body_lines) -> tuple[str, str]:
    """The body and date a notice or decision is signed with: a date on its own line right under a
    body line that names an organisation (某协会 / 2024年3月26日), the last such pair of the body."""
    # 附件：… may stand between the body and the signature (the attachment line ends the body)
    after = [i for i in range(body_lines[-1] + 1, min(body_lines[-1] + SIGNATURE_REACH, len(lines)))
             if kinds[i] == "text"] if body_lines else []
    for j in reversed(body_lines + after):
        if not (ORG_SUFFIX_RE.search(lines[j]) and len(lines[j]) <= 30):
            continue
        following = [i for i in range(j + 1, min(j + 3, len(lines))) if kinds[i] != "blank"]
        if following and BARE_DATE.match(lines[following[0]]):
            return lines[j].strip(), BARE_DATE.match(lines[following[0]]).group(0).strip()
    return "", ""


def _source_link(text: str) -> tuple[str, str]:
    """The first 来源链接 line's address, and the text with every such line blanked (lines keep their numbers)."""
    found, lines = "", text.splitlines()
    for i, line in enumerate(lines):
        m = SOURCE_LINK.match(line)
        if m and len(m.group(1)) <= MAX_URL_CHARS:
            found = found or m.group(1)
            lines[i] = ""
    return found, "\n".join(lines)


ATTACHMENT = re.compile(r"^附件\s*(\d*)\s*[:：]\s*(.*)$")
NUMBERED = re.compile(r"^\d+\s*[.．、]\s*")
FILE_TYPE = re.compile(r"\.(?:docx?|xlsx?|pdf|zip|rar|wps|pptx?|jpg|png)$", re.IGNORECASE)


def _attachments(lines) -> list[str]:
    """附件：1. 报名回执表 / 2. 住宿及交通指引, or 附件1：报名回执表.docx: the names, once each."""
    found, listing = [], False
    for line in (line.strip() for line in lines):
        m = ATTACHMENT.match(line)
        if m:
            listing, items = not m.group(1), [m.group(2)]
        elif listing and NUMBERED.match(line):
            items = [line]
        else:
            listing = listing and not line
            continue
        for item in items:
            name = FILE_TYPE.sub("", NUMBERED.sub("", item)).strip()
            if name and name not in found:
                found.append(name)
    return found


# a section heading in the body: ■ 植树添绿, 一、主要成果, （二）下一步工作
HEADING = re.compile(r"^(?:[■●◆▲★▌]|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")
CELL_SEPARATOR = re.compile(r"\s*[｜|┃]\s*")


def _table_sentences(raw_lines: list[str]) -> list[str]:
    """岗位类别｜报考人数｜合格人数 over 监理员｜318｜262 -> 监理员：报考人数318，合格人数262。

    A table pasted as text keeps its header; each row becomes a sentence that names its numbers.
    """
    out, header, caption = list(raw_lines), None, ""
    for i, line in enumerate(raw_lines):
        cells = [c for c in CELL_SEPARATOR.split(line.strip()) if c]
        if len(cells) < 3 or not CELL_SEPARATOR.search(line):
            if line.strip():  # 一等奖（4项） above a table says what its rows are
                caption = line.strip() if len(line.strip()) <= 24 and not re.search(r"[。；，：:]$", line.strip()) else ""
            header = None if line.strip() else header
            continue
        if not any(re.search(r"\d", c) for c in cells):
            header = cells
            out[i] = ""
        elif header and len(cells) == len(header):
            skip = 1 if SERIAL.fullmatch(header[0]) and len(header) > 2 else 0  # 序号｜项目名称｜…: the name labels
            pairs = "，".join(f"{h}为{v}{_unit(h, v)}" for h, v in zip(header[skip + 1:], cells[skip + 1:], strict=True))
            label = re.sub(r"\s+", "", cells[skip])
            caption = without_closing_note(caption)
            out[i] = f"{caption}：{label}，{pairs}。" if caption else f"{label}：{pairs}。"
    return out


SERIAL = re.compile(patterns("serial_labels"), re.IGNORECASE)  # 序号, No.: the column numbers the rows
COUNT_HEADERS = pairs("count_headers")  # 人数 -> 人


def _unit(header: str, value: str) -> str:
    """合格人数 | 262 -> 262人: the header names what the bare number counts."""
    if not re.fullmatch(r"\d+", value):
        return ""
    return next((unit for ending, unit in COUNT_HEADERS.items() if header.endswith(ending)), "")


def _mark_table_rows(raw_lines: list[str]) -> list[str]:
    """Rows of a column-laid guest list get a colon between name and description.

    A row counts only beside another row, so a lone title with a space is left alone.
    """
    rows = [_table_row(line) for line in raw_lines]
    filled = [i for i, line in enumerate(raw_lines) if line.strip()]
    out = [_labelled_row(line) for line in raw_lines]
    for n, i in enumerate(filled):
        neighbours = filled[max(n - 2, 0):n] + filled[n + 1:n + 3]
        numbered = bool(ENUMERATOR.match(raw_lines[i].strip()))  # "1. 金鹏宇　…副教授" is a row by itself
        if rows[i] and (numbered or any(rows[j] for j in neighbours)):
            out[i] = rows[i]
    return out


ENUMERATOR = re.compile(r"^(?:\d{1,2}\s*[.、．)）]|[（(]\d{1,2}[)）]|[一二三四五六七八九十]{1,2}、|[①-⑳]、?)\s*")
LABELLED_ROW = re.compile(r"^(\s*[^\s：:]{1,12}\s*[：:]\s*)([\u4e00-\u9fff]{2,4})[ \t\u3000]+([^\s（(].{3,40})$")


def _labelled_row(raw: str) -> str:
    """`主任委员：李立文　湖南大学土木工程学院教授` -> `主任委员：李立文（湖南大学土木工程学院教授）`."""
    match = LABELLED_ROW.match(raw.rstrip())
    if not match or re.search(r"[。，；]", match.group(3)):
        return raw
    return f"{match.group(1)}{match.group(2)}（{match.group(3).strip()}）"


def _table_row(raw: str) -> str | None:
    """`金锐立　中国绿色建筑与节能委员会主任` (a guest list laid out in columns) -> `金锐立：中国…主任`.

    Folding removes spaces between Chinese characters, so the columns are marked first.
    """
    cells = re.split(r"[ \t\u3000\u00a0]+", ENUMERATOR.sub("", raw.strip()))
    if len(cells) < 2 or len(raw.strip()) > 60 or re.search(r"[。，；：:,]", raw):
        return None
    name, rest = "".join(cells[:-1]), cells[-1]
    if 2 <= len(name) <= 4 and re.fullmatch(r"[\u4e00-\u9fff]+", name) and len(rest) >= 4:
        return f"{name}：{rest}"
    return None


MENU_ITEM = re.compile(r"[\u4e00-\u9fffA-Za-z]{1,6}")
FIELD_LABEL = re.compile(r"[\u4e00-\u9fff]{2,6}")


def _is_menu(raw: str) -> bool:
    """首页　标准　期刊　专利　科技成果: four or more short words set apart by spaces are a menu.

    Folding joins Chinese words across spaces, so this is judged on the line as pasted.
    """
    items = raw.split()
    return len(items) >= 4 and all(MENU_ITEM.fullmatch(item) for item in items)


def _field_pairs(raw_lines: list[str]) -> list[str]:
    """标准编号 / GB 50000-2020 / 实施日期 / 2012-10-01 -> 标准编号：GB 50000-2020, 实施日期：2012-10-01.

    A detail page lists fields as a label line over a value line. Two or more such pairs in a
    row are read as `label：value` lines (the value's line left empty), so the value is stated in
    the same sentence as what it is.
    """
    out = list(raw_lines)
    i = 0
    while i < len(raw_lines):
        run = i
        while (run + 1 < len(raw_lines) and FIELD_LABEL.fullmatch(raw_lines[run].strip())
               and _field_value(raw_lines[run + 1])):
            run += 2
        if run - i >= 4:  # at least two pairs
            for j in range(i, run, 2):
                out[j], out[j + 1] = f"{raw_lines[j].strip()}：{raw_lines[j + 1].strip()}", ""
            i = run
        else:
            i += 1
    return out


def _field_value(raw: str) -> bool:
    value = raw.strip()
    return 0 < len(value) <= 60 and not re.search(r"[。；;：:]$", value)


OWN_CONTACT = re.compile(alternation("own_contact_cues"))  # 联系人, 请联系


def _classify(line: str) -> str:
    if not line:
        return "blank"
    if IMAGE_RE.match(line):
        return "image"
    if TAIL_RE.search(line):
        return "tail"
    if META_RE.search(line) and (PUBLISH_RE.search(line) or DATED_START.match(line)) and len(line) < 160 \
            and not line.endswith("。"):
        return "meta"  # 发布日期：2019-04-26 来源：… 【字体：大 中 小】 / 2022-11-02 10:49 来源：…【打印本页】: the
        # page's buttons ride on the meta line
    if META_START.match(line) and len(line) < 160 and not line.endswith("。"):
        return "meta"  # 来源：行业公告 点击：617次 【字体：大 中 小】: a meta line with no date, the page's buttons on it
    if DATED_START.match(line) and re.search(r"[|｜]", line) and len(line) < 160 and not line.endswith("。"):
        return "meta"  # 2024-05-08 | 某期刊2024年第3期 | 关键词：…: a date leads the page's meta bar
    bars = re.sub(r"《[^《》]*》", "", line)  # 《天气课堂：风 | 雨 | 雪》 is a work's name, not a menu
    if ((NAV_RE.search(line) and not SENTENCE_LIKE.search(line)) or bars.count("|") + bars.count("｜") + bars.count("▏") >= 2
            or len(re.findall(r"\s[>＞»›]{1,2}\s", f" {line} ")) >= 2):
        return "nav"
    if COUNTER_LINE.match(line):
        return "meta"  # 1263 次: the page's view counter on a line of its own, never a title
    if BARE_DATE.match(line):
        return "meta"  # a date on its own line (or with its source) is when the page was published, never a title
    if DOC_NUMBER.match(line):
        return "meta"  # 晋绿建协〔2024〕27号: a notice's file number, not its title
    if META_RE.search(line) and len(line) < 160 and not line.endswith("。"):
        return "meta"
    if OWN_CONTACT.search(line):
        return "text"  # 联系人：马瑞，电话：… / 技术问题请联系编制组：…: the article's own contact, not the footer
    if len(line) < 160 and (CONTACT_RE.match(line) or (CONTACT_RE.search(line) and PHONE_RE.search(line)
                                                       and not line.endswith("。"))):
        return "contact"
    if line.startswith(("·", "•")) and not (len(line) >= 60 and re.search(r"[。，,；;]", line)):
        return "nav"  # a list of related links; a paragraph of sentences behind a bullet is the article
    if re.fullmatch(r"[-—=_*·\s]+", line):
        return "blank"
    return "text"


def _mark_captions(lines, kinds):
    """A short line right under an image is its caption, not a sentence of the article; unless it
    says when something happened ((3月21日在某某公司参观调研)): then it is a fact like any sentence,
    often the only place a visit's day is given."""
    for i, kind in enumerate(kinds):
        if kind != "image":
            continue
        j = i + 1
        while j < len(lines) and kinds[j] == "blank":
            j += 1
        # …通过了以下事项： announces what follows; no caption does
        if (j < len(lines) and kinds[j] == "text" and len(lines[j]) <= 40 and not lines[j].endswith(("。", "：", "；"))
                and not HEADING.match(lines[j])):
            kinds[j] = "text" if _caption_states_a_fact(lines[j]) else "caption"


def _caption_states_a_fact(line: str) -> bool:
    """(3月21日在某公司调研) or 刘某院士作主题报告: a day, a titled person doing something, or an
    organisation named in full is a fact the body may not repeat; 会议现场 or 与会代表合影 is not."""
    if DATE_RE.search(line) and len(line) >= 8:
        return True
    if ORG_SUFFIX_RE.search(line) and len(line) >= 6 and not re.search(r"[\s，。；：、]", line):
        return True  # 广州某某安全服务集团有限公司 under the photos of a visit: the stop they show
    return bool(CAPTION_ACTION.search(line)) and bool(find_people(line))


BULLETED = re.compile(r"^[·•]\s*")


def _find_title(lines, kinds, meta) -> tuple[int, str]:
    """The title is the last line above the first meta line (skipping a '——' subtitle);
    with no meta line, the first short line that does not end like a sentence."""
    if meta:
        subtitle = ""
        above = next((i for i in range(meta[0] - 1, -1, -1) if kinds[i] != "blank"), -1)
        if above >= 0 and kinds[above] == "nav" and BULLETED.match(lines[above]) and len(lines[above]) <= 80 \
                and not LABEL_LINE.fullmatch(BULLETED.sub("", lines[above])):  # (• 点击次数：862 is a meta line)
            return above, ""  # • 某协会某会召开 / 2014-12-23: a bulleted headline right over its date
        for i in range(meta[0] - 1, -1, -1):
            if kinds[i] != "text":
                continue
            if lines[i].startswith(("——", "--", "-")) and not subtitle:
                subtitle = lines[i].lstrip("—- ")
                continue
            below = _headline_below(lines, kinds, meta)
            # 当前版：A03版 / 发布日期：… / the headline: a page's label line is no title; nor is the site's
            # header, set apart from the meta line by its navigation (首页 | 新闻 / 首页 > 新闻)
            if below >= 0 and (LABEL_LINE.fullmatch(lines[i]) or any(kinds[j] == "nav" for j in range(i + 1, meta[0]))):
                return below, ""
            return i, subtitle
    candidates = [i for i, kind in enumerate(kinds) if kind in ("text", "field")]
    # 某某信息网 / 首页 | 新闻 / the title: a line above the page's first navigation line is the site's
    # header, so the title is looked for below it (a share bar under the title is navigation too)
    first_nav = next((i for i, kind in enumerate(kinds) if kind == "nav"), -1)
    body = next((i for i in candidates if lines[i].endswith("。") or len(lines[i]) > 80), len(lines))
    if first_nav >= 0 and any(first_nav < i < body for i in candidates) and any(i < first_nav for i in candidates):
        candidates = [i for i in candidates if i > first_nav]
    for n, i in enumerate(candidates[:6]):
        line = lines[i]
        if (kinds[i] == "text" and 6 <= len(line) <= 80 and not line.endswith(("。", "；", "：", ":"))
                and n + 1 < len(candidates) and len(lines[candidates[n + 1]]) > len(line)):
            # 行业动态 or 新闻中心 NEWS CENTER above the real title: a channel (its English name aside)
            if (len(re.sub(r"[A-Za-z\s]", "", line)) <= CHANNEL_MAX and not DATE_RE.search(line) and kinds[candidates[n + 1]] == "text"
                    and _looks_like_channel(line, lines, candidates, n)):
                continue
            return i, ""
    return -1, ""


LABEL_LINE = re.compile(r"[\u4e00-\u9fff]{2,6}\s*[:：]\s*[^\s，。；：:]{1,12}")  # 当前版：A03版, 栏目：要闻


def _headline_below(lines, kinds, meta) -> int:
    """The first text line under the meta lines, when it reads as a headline: short, not ending like
    a sentence, with longer text after it."""
    after = [i for i in range(meta[0] + 1, len(lines)) if kinds[i] in ("text", "field")]
    if len(after) >= 2 and kinds[after[0]] == "text" and 6 <= len(lines[after[0]]) <= 80 \
            and not lines[after[0]].endswith(("。", "；", "：", ":")) and len(lines[after[1]]) > len(lines[after[0]]):
        return after[0]
    # a headline broken over a few short lines (某商会某次大会 / 某某选举大会 / 圆满落幕), then the body
    heading = 0
    while heading < min(len(after), HEADLINE_LINES) and kinds[after[heading]] == "text" \
            and len(lines[after[heading]]) <= 40 and not re.search(r"[。；：:，,]$", lines[after[heading]]):
        heading += 1
    if 2 <= heading < len(after) and (lines[after[heading]].endswith("。") or len(lines[after[heading]]) > 80) \
            and len(lines[after[0]]) >= 6:
        return after[0]
    return -1


HEADLINE_LINES = 4  # lines a pasted headline may be broken over


def _looks_like_channel(line, lines, candidates, n):
    """行业动态 above the real title: short, and the next text line is also title-like."""
    nxt = lines[candidates[n + 1]] if n + 1 < len(candidates) else ""
    return bool(nxt) and not nxt.endswith("。") and len(nxt) <= 80


def _first_clause(line: str) -> str:
    return re.split(r"[，。；！？]", line, maxsplit=1)[0][:40]


def _sentences(lines, body_lines) -> list[Sentence]:
    sentences, paragraph, previous, heading = [], 0, None, ""
    for i in body_lines:
        if previous is not None and i != previous + 1:
            paragraph += 1
        previous = i
        if HEADING.match(lines[i]) and len(lines[i]) <= 40 and not re.search(r"[。；;，,：:]$", lines[i]):
            heading = lines[i]
        for part in _sentences_of(lines[i]):
            sentences.append(Sentence(part, i + 1, paragraph, len(sentences), heading))
        paragraph += 1
    return sentences


def _sentences_of(line: str) -> list[str]:
    """A line's sentences; short ；-separated items after a colon (主要技术内容包括：总则；术语；…)
    are one enumeration, kept whole with the sentence that introduces it."""
    out, enumerating = [], False
    line = re.sub(r"^[·•]\s*", "", line)  # a paragraph pasted with its bullet
    line = DIGIT_SPACE.sub("", line)  # 在 8 月 10 日前, 300 元: a number and its unit are one word
    line = re.sub(r"^[（(]([^（）()]+)[)）]$", r"\1", line)  # (3月21日在某某公司参观调研): a caption kept
    for part in (p.strip() for p in SENTENCE_END.split(line)):
        if not part:
            continue
        if enumerating and len(part) <= ENUMERATION_ITEM:
            out[-1] += part
        else:
            out.append(part)
            enumerating = "：" in part and len(part.rsplit("：", 1)[-1]) <= ENUMERATION_ITEM
        enumerating = enumerating and out[-1].endswith(("；", ";"))
    return out


# A space between a digit and a Chinese character in a body line is a paste artefact (8 月 10 日).
DIGIT_SPACE = re.compile(r"(?<=[0-9])[ \t\u3000\u00a0]+(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])[ \t\u3000\u00a0]+(?=[0-9])")
ENUMERATION_ITEM = 12  # characters: 供暖通风与空调系统改造； is an item, a clause of a sentence is longer


def _contacts(lines) -> dict:
    """Footer contact data: the site's address and phones, and who owns the site."""
    contacts: dict = {}
    for line in lines:
        if COPYRIGHT_MARK.search(line) and "owner" not in contacts:
            owner = COPYRIGHT_NOISE.sub(" ", FILING_NUMBER.sub(" ", line))
            owner = OWNER_END.split(owner.strip())[0]  # drop a trailing "客服电话：…"
            owner = owner.strip(" ：:，,-—·|")
            if 2 <= len(owner) <= 40:
                contacts["owner"] = owner
        host = HOST_LINE.match(line)
        if host and "owner" not in contacts and org_mentions(host.group(1)):
            contacts["owner"] = org_mentions(host.group(1))[0]  # 主办：宁夏建设监理与工程咨询协会
        labels = list(CONTACT_RE.finditer(line))
        for n, match in enumerate(labels):
            key = CONTACT_LABELS[match.group(1).lower()]
            end = labels[n + 1].start() if n + 1 < len(labels) else len(line)
            value = line[match.end():end].strip(" ，,；;")
            if value.count("（") + value.count("(") != value.count("）") + value.count(")"):
                value = value.strip("（()）")  # 5层（邮编：100037）: the brackets went to two labels
            if not value:
                continue
            if key in ("phone", "fax"):
                numbers = [re.sub(r"\s+", " ", p).strip() for p in PHONE_RE.findall(value)]
                if numbers:
                    contacts.setdefault(key, [])
                    contacts[key] += [p for p in numbers if p not in contacts[key]]
            elif key not in contacts:
                contacts[key] = value
                if key == "send_to":
                    contacts.setdefault("address", value)  # materials go to the association's own office
    return contacts


def _site_name(lines, kinds, title_i) -> str:
    """The header's first line, with the English name under it (香港某會館 / Chinese Artists
    Association of Hong Kong (Barwo)): an English question may name the site by it."""
    for i in range(0, max(title_i, 0)):
        if kinds[i] == "text" and len(lines[i]) <= 60:
            english = lines[i + 1] if i + 1 < max(title_i, 0) and ENGLISH_NAME.fullmatch(lines[i + 1]) else ""
            return f"{lines[i]} {english}".strip()
    return ""


ENGLISH_NAME = re.compile(r"[A-Za-z][A-Za-z0-9&'’().,·\-–—|/ ]{3,100}")

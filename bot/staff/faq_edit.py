"""One FAQ entry as data: written in the file format staff use, and swapped in its file in place.

The format is knowledge/README.md's (read by bot/engine/reading/faq.py): an optional 名称 line,
one 问 line per phrasing, one 答 that may run over several lines, an optional 来源. The page
edits an entry where it stands, by the line it starts on (the `file:line` staff see), and
leaves every other byte of the file alone: comments, blank lines, the other entries, the line
endings and a byte-order mark stay exactly as the staff member who wrote them left them.
"""

import hashlib
import re
from dataclasses import dataclass, field

from ..engine import parse_fields

# What the FAQ reader accepts as labels (bot/engine/reading/faq.py's LABELS, which the engine does
# not export; tests/staff/test_faq_edit.py fails if the two ever differ).
LABELS = {
    "问": "question", "问题": "question", "問": "question", "問題": "question", "Q": "question",
    "答": "answer", "答案": "answer", "回答": "answer", "A": "answer",
    "来源": "source", "來源": "source", "出处": "source", "source": "source",
    "名称": "name", "名稱": "name", "编号": "name", "key": "name",
}
BOM = "\ufeff"  # Windows Notepad's UTF-8 mark: kept, and never taken for part of a label


class FaqEditError(ValueError):
    """An entry that cannot be written or found as asked; str() tells staff what to change."""


@dataclass
class Entry:
    questions: list[str]
    answer: str
    name: str = ""
    source: str = ""


@dataclass
class Span:
    """Where one entry stands in its file: lines `start`..`end` (1-based, inclusive)."""
    start: int
    end: int
    lines: list[str] = field(repr=False, default_factory=list)  # the entry's lines, with their line ends

    @property
    def text(self) -> str:
        return "".join(self.lines)

    @property
    def digest(self) -> str:
        """A short fingerprint of the entry as it is, so a form can tell it was changed meanwhile."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]


def clean(questions, answer: str, name: str = "", source: str = "") -> Entry:
    """An entry from what a form sent: one phrasing a line, spaces trimmed, blank lines dropped."""
    if isinstance(questions, str):
        questions = questions.splitlines()
    one_line = lambda text: " ".join((text or "").split())  # noqa: E731
    answer_lines = [line.strip() for line in (answer or "").strip().splitlines()]
    return Entry([q for q in map(one_line, questions) if q], "\n".join(answer_lines), one_line(name),
                 one_line(source))


def render(entry: Entry, newline: str = "\n") -> str:
    """The entry as its lines in the file, ending with a newline; refused if it would read back otherwise.

    An answer line that starts like a label (来源：…, Q:…) or like a comment (#…) would be read
    as a new field or dropped, so it is refused with the line to rewrite instead of being saved
    wrong.
    """
    if not entry.questions:
        raise FaqEditError("至少要写一个问题（“问：”）。")
    if not entry.answer:
        raise FaqEditError("答案是空的；请写上粉丝应收到的回答（“答：”）。")
    lines = [f"名称：{entry.name}"] if entry.name else []
    lines += [f"问：{q}" for q in entry.questions]
    lines += [f"答：{entry.answer}"]
    lines += [f"来源：{entry.source}"] if entry.source else []
    text = "\n".join(lines)
    for number, line in enumerate(entry.answer.splitlines()[1:], 2):
        if line.startswith("#") or _label_at_start(line):
            raise FaqEditError(f"答案的第 {number} 行“{line[:12]}…”开头像一个标签或注释，保存后会被读错；"
                               "请在这一行前面加几个字，或把它接到上一行后面。")
    if read_back(text) != entry:
        raise FaqEditError("这条问答写进文件后读出来会不一样；请检查问题和答案里有没有以“问：”“答：”开头的行。")
    return newline.join(text.split("\n")) + newline


def read_back(text: str) -> Entry | None:
    """The one entry `text` holds as the reader sees it, or None if it is not exactly one."""
    fields = parse_fields(text, LABELS)
    starts = _entry_starts(fields, text)
    if len(starts) != 1 or any(f.key == "" for f in fields):
        return None
    entry = Entry([], "")
    for f in fields:
        if f.key == "question":
            entry.questions.append(f.value)
        else:
            setattr(entry, f.key, f.value)
    return entry


def spans(text: str) -> list[Span]:
    """Every entry of a file's text, where it starts and ends.

    An entry starts where the reader starts one (a 问 or 名称 after an answer, the first field,
    or whatever follows questions cut off from their answer) and ends at its last line before the next entry, blank lines and comments after it
    left out: they belong to the file, or to the entry below them.
    """
    text = _without_bom(text)
    lines = text.splitlines(keepends=True)
    fields = parse_fields(text, LABELS)
    starts = _entry_starts(fields, text)
    result = []
    for n, start in enumerate(starts):
        end = (starts[n + 1] - 1) if n + 1 < len(starts) else len(lines)
        while end > start and _is_gap(lines[end - 1]):
            end -= 1
        result.append(Span(start, end, lines[start - 1:end]))
    return result


def entry_at(text: str, line: int) -> Span:
    """The entry that starts at `line` (as `check` and the page show it: file:line)."""
    for span in spans(text):
        if span.start == line:
            return span
    raise FaqEditError(f"第 {line} 行不是一条问答的开头；文件可能刚被别人改过，请回到问答列表重新打开。")


def replace(text: str, line: int, entry: Entry | None, expect: str = "") -> str:
    """The file's text with the entry at `line` replaced by `entry` (None: deleted), all else as it was.

    Deleting also takes the comment lines right above the entry and one of the blank lines
    around it, so no orphan note and no widening gap are left behind.

    `expect` is the entry's digest when the form was opened: if someone changed it since, nothing
    is replaced and staff are told to look again.
    """
    bom, text = (BOM, text[1:]) if text.startswith(BOM) else ("", text)
    span = entry_at(text, line)
    if expect and span.digest != expect:
        raise FaqEditError(f"第 {line} 行的这条问答在您打开之后被改过了；请回到问答列表，重新打开再改。")
    lines = text.splitlines(keepends=True)
    before, after = lines[:span.start - 1], lines[span.end:]
    if entry is None:
        while before and before[-1].strip().startswith("#"):
            before.pop()  # a comment right above the entry (no blank line between) describes it: it goes too
        if not after:  # the last entry: drop the blank lines that only separated it from the one above
            while before and not before[-1].strip():
                before.pop()
        elif not after[0].strip() and (not before or not before[-1].strip()):
            after = after[1:]  # do not leave two blank lines where the entry was
        new = []
    else:
        new = [render(entry, _newline(text))]
        if not after and not span.lines[-1].endswith(("\n", "\r")):
            new = [new[0].rstrip("\r\n")]  # the file had no newline at its end: still none
    return bom + "".join(before) + "".join(new) + "".join(after)


def append(text: str, entry: Entry) -> str:
    """The file's text with `entry` added at its end, after a blank line."""
    newline = _newline(text)
    if not text.strip(BOM + " \t\r\n"):
        return text + render(entry, newline)
    if not text.endswith(("\n", "\r")):
        text += newline
    return text + newline + render(entry, newline)


def _entry_starts(fields, text: str = "") -> list[int]:
    """The lines where the reader starts a new entry (bot/engine/reading/faq.py's rules).

    A 问 or 名称 after an 答 starts one; so does anything after questions that were cut off from
    their answer by a blank line or a 名称 (the reader reports those, and an 答 below the blank
    line still belongs to them).
    """
    blank_lines = [n for n, line in enumerate(text.splitlines(), 1) if not line.strip()]
    starts: list[int] = []
    asked = answered = cut = False
    previous_line = 0
    for f in fields:
        if f.key == "":
            continue  # a stray line before any label: the reader reports it and it belongs to no entry
        waiting = bool(starts) and asked and not answered and not cut
        blank = any(previous_line < n < f.line for n in blank_lines)
        previous_line = f.line
        if waiting and (blank or f.key == "name"):
            cut = True
            if f.key == "answer":
                continue
        if not starts or cut or (f.key in ("question", "name") and answered):
            starts.append(f.line)
            asked = answered = cut = False
        asked = asked or (f.key == "question" and bool(f.value))
        answered = answered or (f.key == "answer" and bool(f.value))  # "答：" with nothing yet is no answer
    return starts


def _label_at_start(line: str) -> bool:
    return bool(parse_fields(line, LABELS)) and parse_fields(line, LABELS)[0].key != ""


def _is_gap(line: str) -> bool:
    """A line between entries: blank, or a comment."""
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _without_bom(text: str) -> str:
    return text[1:] if text.startswith(BOM) else text


def _newline(text: str) -> str:
    """The file's own line ending: Windows Notepad writes \\r\\n, everything else \\n."""
    match = re.search(r"\r\n|\n|\r", text)
    return match.group(0) if match else "\n"

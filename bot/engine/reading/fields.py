"""The one plain-text format staff write: `标签：内容` lines, read forgivingly.

Used by FAQ files, settings.txt and tests.txt. A line that starts with a known label
begins a field; any other line continues the field above it (so an answer may run over
several lines and may itself contain "地址：…"). Lines starting with # are comments.
Full-width and half-width colons both work, and so do spaces around them.
"""

import re
from dataclasses import dataclass

from .problem import Problem


@dataclass
class Field:
    key: str  # the canonical key the label maps to, e.g. "question"
    value: str
    line: int  # 1-based line where the field starts
    label: str  # what staff wrote, for messages


MAX_FILE_BYTES = 2 * 1024 * 1024  # one knowledge file; an article is tens of kilobytes


def read_text(path: str, shown: str) -> tuple[str | None, list[Problem]]:
    """Decode a knowledge file; UTF-8 expected, GB18030 (old Windows Notepad) tolerated.

    A file over MAX_FILE_BYTES is refused, read no further than the limit: an article is tens of
    kilobytes, so megabytes are a paste gone wrong (a whole site, a log), and the problem names the
    line where the limit falls so staff can see what came in."""
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return None, [Problem(shown, 0, f"无法读取文件（{exc.strerror}）")]
    if len(raw) > MAX_FILE_BYTES:
        line = raw[:MAX_FILE_BYTES].count(b"\n") + 1
        return None, [Problem(shown, line, f"文件太大（超过 {MAX_FILE_BYTES // 1024 // 1024} MB，到这一行就超了），没有读取；"
                                           "一篇文章只需粘贴正文，通常不到 100 KB，请删去多余内容或拆成几篇")]
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Problem(shown, 0, "这不是文本文件（可能是 Word 或图片）；请另存为“纯文本 UTF-8”")]
    for encoding in ("utf-8-sig", "utf-16"):
        if encoding == "utf-16" and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            return raw.decode(encoding), []
        except UnicodeDecodeError as exc:
            bad_line = raw[: exc.start].count(b"\n") + 1
            if encoding == "utf-16":
                return None, [Problem(shown, bad_line, "文件编码无法识别；请另存为“UTF-8”")]
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError as exc:
        bad_line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(shown, bad_line, "文件编码无法识别（既不是 UTF-8 也不是 GBK）；"
                                                "请用记事本“另存为”并选择编码“UTF-8”")]
    return text, [Problem(shown, 0, "文件是 GBK 编码，已按 GBK 读取；建议另存为 UTF-8", "warning")]


def parse_fields(text: str, labels: dict[str, str], flags: dict[str, str] | None = None) -> list[Field]:
    """Split text into fields. `labels` maps what staff may write (问, Q, 问题) to a key.

    `flags` are labels that stand alone without a value (e.g. 应拒答).
    """
    flags = flags or {}
    names = sorted(list(labels) + list(flags), key=len, reverse=True)
    start = re.compile(r"^\s*(" + "|".join(re.escape(n) for n in names) + r")\s*(?:[:：]\s*|$)", re.IGNORECASE)
    fields: list[Field] = []
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("#"):
            continue
        match = start.match(line)
        if match:
            label = match.group(1)
            key = _lookup(labels, label) or _lookup(flags, label)
            fields.append(Field(key, line[match.end():].strip(), number, label))
        elif fields and fields[-1].key not in flags.values():
            fields[-1].value = (fields[-1].value + "\n" + stripped) if fields[-1].value else stripped
        elif stripped:
            fields.append(Field("", stripped, number, ""))  # text before any label: the caller reports it
    for field in fields:
        field.value = field.value.strip()
    return fields


def _lookup(mapping: dict[str, str], label: str) -> str | None:
    for name, key in mapping.items():
        if name.lower() == label.lower():
            return key
    return None

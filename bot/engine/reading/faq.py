"""Curated questions and answers (knowledge/faq/*.txt), written by staff.

    问：西部办公室是什么？
    问：什么是西部办公室
    答：西部办公室是……
    来源：2023-11-03-west-office-launch.txt

An entry is one or more 问 lines, one 答 (which may run over several lines) and optionally
来源 and 名称 (a short key, e.g. for a menu button). A 问 or 名称 after an 答 starts the next
entry; questions that reach a blank line or a 名称 before their 答 are an error.
"""

from dataclasses import dataclass, field

from .fields import parse_fields, read_text
from .problem import Problem

LABELS = {
    "问": "question", "问题": "question", "問": "question", "問題": "question", "Q": "question",
    "答": "answer", "答案": "answer", "回答": "answer", "A": "answer",
    "来源": "source", "來源": "source", "出处": "source", "source": "source",
    "名称": "name", "名稱": "name", "编号": "name", "key": "name",
}
MAX_ANSWER_CHARS = 600  # ~1,800 bytes: one WeChat reply, no paging needed


@dataclass
class FaqEntry:
    path: str  # relative to the knowledge folder, e.g. "faq/west-office.txt"
    line: int
    questions: list[tuple[str, int]] = field(default_factory=list)  # (phrasing, line)
    answer: str = ""
    source: str = ""
    name: str = ""

    @property
    def key(self) -> str:
        """Stable name for logs, hit counts and menu buttons."""
        return self.name or self.questions[0][0]


def load_faq_file(path: str, shown: str) -> tuple[list[FaqEntry], list[Problem]]:
    """Parse one FAQ file; problems name the line and say what to write instead.

    An entry's 问 lines must reach its own 答 with nothing in between but 来源: a question group
    cut off by a blank line, a 名称 or the next entry is an error, never silently joined to the
    answer below it (a follower asking the unanswered question would get another entry's answer).
    """
    text, problems = read_text(path, shown)
    if text is None:
        return [], problems
    blank_lines = [n for n, line in enumerate(text.splitlines(), 1) if not line.strip()]
    entries: list[FaqEntry] = []
    cut: set[int] = set()  # ids of entries whose questions were cut off before an answer (reported)
    current: FaqEntry | None = None
    previous_line = 0
    for f in parse_fields(text, LABELS):
        if f.key == "":
            problems.append(Problem(shown, f.line, f"这一行不属于任何问答：“{_short(f.value)}”；"
                                                   "问题行请以“问：”开头，答案行以“答：”开头"))
            continue
        waiting = current is not None and current.questions and not current.answer and id(current) not in cut
        blank = next((n for n in blank_lines if previous_line < n < f.line), 0)
        previous_line = f.line
        if waiting and (blank or f.key == "name"):
            problems.append(Problem(shown, current.questions[0][1], _cut_off(current, f, blank)))
            cut.add(id(current))
            if f.key == "answer":
                continue  # that answer is the one the cut-off questions were meant to have: reported once
        if current is None or id(current) in cut or (f.key in ("question", "name") and current.answer):
            current = FaqEntry(shown, f.line)
            entries.append(current)
        if f.key == "question":
            if not f.value:
                problems.append(Problem(shown, f.line, "“问：”后面没有写问题"))
            else:
                current.questions.append((f.value, f.line))
        elif f.key == "answer":
            if current.answer:
                problems.append(Problem(shown, f.line, "同一条问答有两个“答：”；请合并成一个答案，"
                                                       "或在新答案前加上它自己的“问：”"))
            else:
                current.answer = f.value
        elif f.key == "name" and current.name:
            problems.append(Problem(shown, f.line, f"同一条问答有两个“名称：”（第 {current.line} 行已经写了"
                                                   f"“{current.name}”）；请删掉一个，或在它之前写完上一条的“答：”"))
        else:
            setattr(current, f.key, f.value)
    good = []
    for entry in entries:
        if id(entry) in cut:
            continue
        if not entry.questions:
            problems.append(Problem(shown, entry.line, "这条答案前面没有问题；请在“答：”之前加一行“问：…”"))
        elif not entry.answer:
            problems.append(Problem(shown, entry.line, f"问题“{_short(entry.questions[0][0])}”没有答案；"
                                                       "请在问题下面加一行“答：…”"))
        else:
            if len(entry.answer) > MAX_ANSWER_CHARS:
                problems.append(Problem(shown, entry.line, f"答案有 {len(entry.answer)} 个字，超过一条微信回复"
                                        f"（约 {MAX_ANSWER_CHARS} 字）；粉丝需要回复“更多”才能看完", "warning"))
            good.append(entry)
    if not entries and not problems:
        problems.append(Problem(shown, 0, "文件里没有问答；每条问答以“问：”开头，下一行“答：”", "warning"))
    return good, problems


def _cut_off(entry: FaqEntry, reached, blank: int) -> str:
    """What to do about questions that reached a blank line or a 名称 before their own 答."""
    asked = f"问题“{_short(entry.questions[0][0])}”还没有写“答：”"
    if reached.key == "answer":
        return (f"{asked}，下面隔了一个空行（第 {blank} 行）才是第 {reached.line} 行的“答：”；"
                "同一条问答的问和答之间不能空行，请删去这个空行")
    if reached.key == "name":
        return (f"{asked}，第 {reached.line} 行的“名称：”就开始了另一条问答；请在这个问题下面加一行“答：…”，"
                "如果它属于下一条问答，请把它移到那条的“名称：”下面")
    return (f"{asked}，就空了一行（第 {blank} 行）；请在这个问题下面加一行“答：…”，"
            "如果它和下面的问题是同一条问答，请删去空行")


def _short(text: str, limit: int = 20) -> str:
    return text if len(text) <= limit else text[:limit] + "…"

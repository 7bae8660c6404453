""""#debug 问题" in the real chat: staff see what matched, the score and the runner-up in WeChat.

Only openids listed in STAFF_OPENIDS get the details; anyone else who types "#debug 问题" is
simply answered the question, so the command reveals nothing. The question is answered through
chat.preview, as a new follower would be answered: it is not counted as a miss or a
hit, uses up no rate limit and leaves the staff member's own conversation as it was.
"""

import re

from .. import chat
from ..chat import Reply
from ..chat.paging import MAX_REPLY_BYTES, clip

# "#debug 问题", "＃DEBUG：问题", "#debug问题"; not "#debugger".
COMMAND = re.compile(r"\s*[#＃]\s*debug(?![A-Za-z0-9_])[\s:：]*(.*)", re.I | re.S)
USAGE = "用法：#debug 问题（例如：#debug 西部办公室是什么？）"
SEPARATOR = "\n\n—— 调试信息 ——\n"
MAX_DETAILS_BYTES = 900  # the details are cut here, and the answer gets the rest of one reply
MAX_EVIDENCE_CHARS = 120  # the source sentence is quoted by its start: enough to find it in the file
MAX_RUNNERS_UP = 3


def question(text: str) -> str | None:
    """The question after "#debug" ("" when there is none), or None when `text` is not the command."""
    match = COMMAND.fullmatch(text)
    return match.group(1).strip() if match else None


def reply(asked: str, engine) -> Reply:
    """The follower's answer to `asked`, then the details, together within one WeChat reply."""
    if not asked:
        return Reply(USAGE, note="debug")
    preview = chat.preview(asked, engine)
    details = SEPARATOR + clip(describe(preview.answer), MAX_DETAILS_BYTES)
    answer_text = clip(preview.text or "", MAX_REPLY_BYTES - len(details.encode()))
    return Reply(answer_text + details, preview.answer, "debug", asked)


def describe(answer) -> str:
    """Matched, score, runners-up, source sentence and files, one per line."""
    if answer is None:  # "更多", a bare number: the reply came from the conversation, not the knowledge
        return "这是对话指令（翻页或选择），没有问知识库。"
    lines = [f"匹配：{answer.matched or '无（拒答）'}", f"分数：{float(answer.score):.1f}"]
    if answer.kind:
        lines.append(f"类型：{answer.kind}")
    others = answer.rivals(MAX_RUNNERS_UP)
    lines.append("次选：" + ("；".join(f"{r['matched']}（{r['score']:.1f}）" for r in others) if others else "无"))
    if answer.evidence:
        evidence = answer.evidence
        if len(evidence) > MAX_EVIDENCE_CHARS:
            evidence = evidence[:MAX_EVIDENCE_CHARS] + "…"
        lines.append(f"原文：{evidence}")
    if answer.sources:
        lines.append("来源：" + "；".join(s.get("file", "") for s in answer.sources))
    return "\n".join(lines)

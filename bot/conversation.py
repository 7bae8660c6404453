"""One follower's side of the chat: pages, follow-ups, numbered choices, limits, retries.

(First cut: the interface the webhook calls. Follow-ups, paging state, rate limits and
the shared retry claim across replicas are built behind it.)
"""

import time
from collections.abc import Callable
from dataclasses import dataclass

from .answer import Answer

MAX_REPLY_BYTES = 2048  # WeChat's safe cap for one text reply, in UTF-8 bytes


@dataclass
class Reply:
    """What to send back: `text` None means "success" (WeChat shows nothing)."""

    text: str | None
    answer: Answer | None = None
    note: str = ""  # e.g. "rate_limited", "more", "choice", "followup"


class Conversation:
    def __init__(self, store, config: dict):
        self.store = store
        self.config = config

    def handle_text(self, openid: str, text: str, engine) -> Reply:
        """Answer a follower's text, taking the conversation so far into account."""
        answer = engine.answer(text)
        return Reply(first_page(answer.text), answer)

    def once(self, key: str, produce: Callable[[], str], wait: float = 4.0) -> tuple[str, bool]:
        """Run `produce` once per key across retries; (reply, was_retry).

        A retry that arrives while the first delivery is still working waits for its result.
        """
        claim = f"msg:{key}"
        if self.store.add(claim, {"state": "working"}, ttl=60):
            reply = produce()
            self.store.set(claim, {"state": "done", "reply": reply}, ttl=60)
            return reply, False
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            item = self.store.get(claim)
            if item and item.get("state") == "done":
                return item["reply"], True
            time.sleep(0.05)
        return "success", True


def first_page(text: str, limit: int = MAX_REPLY_BYTES) -> str:
    """The part of `text` that fits one WeChat reply, cut at a sentence boundary."""
    if len(text.encode()) <= limit:
        return text
    more = "\n（回复“更多”查看后续）"
    budget = limit - len(more.encode())
    cut = text.encode()[:budget].decode(errors="ignore")
    for mark in ("\n", "。", "；", "，"):
        at = cut.rfind(mark)
        if at > len(cut) // 2:
            cut = cut[: at + 1]
            break
    return cut.rstrip() + more

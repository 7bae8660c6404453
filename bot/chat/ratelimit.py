"""Messages per follower per time window, counted in the shared store across replicas.

Past the limit a follower gets one friendly notice, then silence ("success") until the
window ends: answering every extra message with a notice would just be more noise.
"""

from dataclasses import dataclass

OK, NOTICE, SILENT = "ok", "notice", "silent"


def rate_key(openid: str) -> str:
    """rate:{openid}: the braces are a Redis Cluster hash tag, so a follower's keys share a slot and
    the count and the session can be read in one call there too."""
    return f"rate:{{{openid}}}"


@dataclass
class RateLimiter:
    store: object
    limit: int  # messages per window; 0 turns the limit off
    window: int  # seconds; the window starts at a follower's first message

    def check(self, openid: str, also_get: str | None = None) -> tuple[str, object]:
        """OK to answer, NOTICE (the first message past the limit) or SILENT; and the value of
        the key `also_get`, read in the same round trip to the store (the follower's session)."""
        if not self.limit:
            return OK, self.store.get(also_get) if also_get else None
        count, value = self.store.incr_and_get(rate_key(openid), self.window, also_get)
        return self.verdict(count), value

    def verdict(self, count: int) -> str:
        """What the `count`-th message of a window gets (counted elsewhere: see chat.Turn)."""
        if not self.limit or count <= self.limit:
            return OK
        return NOTICE if count == self.limit + 1 else SILENT

    def notice(self) -> str:
        """The one message a follower sees when over the limit."""
        wait = f"{self.window // 60} 分钟" if self.window % 60 == 0 else f"{self.window} 秒"
        return f"您的消息有点多，我需要歇一歇。请 {wait}后再问我吧。"

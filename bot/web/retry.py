"""WeChat's retries, answered once across workers and replicas.

WeChat re-sends a push it got no reply to within 5 s, up to three times, with the same MsgId
(events: the same sender and CreateTime). The first delivery claims the message in the shared
store and, when done, keeps its reply there for CLAIM_TTL seconds; a retry that finds the claim
gets that same reply instead of a second answer.
"""

import time

CLAIM_TTL = 30  # seconds a message's reply is kept for retries; WeChat's 3 tries span about 15 s
POLL = 0.05  # seconds between looks at another delivery's claim
WAIT = 4.0  # a retry waits this long for the first delivery's reply (WeChat gives each try 5 s)
NOTHING = "success"  # WeChat shows nothing for this reply


def retry_key(msg) -> str:
    """WeChat retries with the same MsgId; events have none, so FromUserName + CreateTime."""
    return str(msg.id) if msg.id else f"{msg.source}:{msg.time}"


class RetryClaims:
    """Claims on messages in the shared store: claim, then finish with the reply (or release)."""

    def __init__(self, store, wait: float = WAIT):
        self.store = store
        self.wait = wait

    def claim(self, key: str) -> str | None:
        """None when this delivery is the first and must answer; else the first delivery's reply.

        A retry that arrives while the first delivery is still working waits up to `wait`
        seconds for its reply, then gets "success" (nothing shown: the first reply is coming).
        """
        name = f"msg:{key}"
        if self.store.add(name, {"state": "working"}, ttl=CLAIM_TTL):
            return None
        deadline = time.monotonic() + self.wait
        while True:
            item = self.store.get(name)
            if item and item.get("state") == "done":
                return item["reply"]
            if time.monotonic() >= deadline:
                return NOTHING
            time.sleep(POLL)

    def finish(self, key: str, reply: str):
        """Keep the reply for the retries still to come."""
        self.store.set(f"msg:{key}", {"state": "done", "reply": reply}, ttl=CLAIM_TTL)

    def release(self, key: str):
        """Give the claim up, so WeChat's next retry answers instead of waiting on nothing."""
        self.store.delete(f"msg:{key}")

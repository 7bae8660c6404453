"""Structured logs: one JSON line per message WeChat pushes, and one per request turned away.

Ops grep and count these lines, so every field has a fixed name. A follower's openid is
personal data: only a short hash of it is written, enough to follow one chat in the log.
The token and the AES keys are never passed here, so they can never be written.
"""

import hashlib
import json
import logging
import time

log = logging.getLogger("bot.messages")


def openid_hash(openid: str) -> str:
    """A stable 12-hex-digit stand-in for an openid (unlinkable to the person without WeChat)."""
    return hashlib.sha256(openid.encode("utf-8", "replace")).hexdigest()[:12]


def _write(fields: dict, level: int = logging.INFO):
    fields = {"ts": time.strftime("%Y-%m-%dT%H:%M:%S%z"), **fields}
    log.log(level, json.dumps(fields, ensure_ascii=False, default=str))


def message(msg_type: str, openid: str, latency_ms: float, *, reply=None, mode: str = "plain",
            retry: bool = False, failed: bool = False):
    """The line for one answered push: what came in, what matched, how long it took.

    `reply` is the conversation's Reply (or None when the bot said "success" without asking it).
    """
    answer = getattr(reply, "answer", None)
    _write({
        "event": "message",
        "type": msg_type,
        "openid": openid_hash(openid),
        "matched": answer.matched if answer else None,
        "score": round(float(answer.score), 1) if answer else None,
        "note": getattr(reply, "note", "") or ("error" if failed else ""),
        "mode": mode,
        "retry": retry,
        "latency_ms": round(latency_ms, 2),
    }, logging.ERROR if failed else logging.INFO)


def rejected(status: int, reason: str):
    """The line for a request the webhook refused (bad signature, hostile or malformed body)."""
    _write({"event": "rejected", "status": status, "reason": reason}, logging.WARNING)

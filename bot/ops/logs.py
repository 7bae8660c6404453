"""Structured logs: every line the server writes is one JSON object, gunicorn's lines included.

Ops grep and count these lines, so every field has a fixed name: one `"event": "message"`
line per push WeChat sends, one `"event": "rejected"` line per request turned away, one
`"event": "reload"` line per knowledge load (from bot.ops.hot_reload). A follower's openid is personal
data: only a short hash of it is written, enough to follow one chat in the log. The token and
the AES keys are never passed here, and gunicorn's access log (whose URLs carry the openid) is off.
"""

import hashlib
import json
import logging
import time

log = logging.getLogger("bot.messages")

# What every LogRecord has; anything else on a record came from `extra=` and is printed as a field.
RECORD_ATTRIBUTES = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """A record as one JSON line: ts, level, logger, message, then every `extra` field."""

    def format(self, record: logging.LogRecord) -> str:
        fields = {"ts": time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(record.created)),
                  "level": record.levelname, "logger": record.name, "message": record.getMessage()}
        fields.update((k, v) for k, v in vars(record).items() if k not in RECORD_ATTRIBUTES)
        if record.exc_info:
            fields["trace"] = self.formatException(record.exc_info)
        return json.dumps(fields, ensure_ascii=False, default=str)


def logconfig() -> dict:
    """logging.config.dictConfig settings for serving; gunicorn gets them as its logconfig_dict.

    LOG_LEVEL is applied by create_app, for the "bot" loggers, wherever the app runs.
    """
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonFormatter}},
        "handlers": {"json": {"class": "logging.StreamHandler", "formatter": "json",
                              "stream": "ext://sys.stderr"}},
        "root": {"level": "INFO", "handlers": ["json"]},
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": [], "propagate": True},
            # An access line would repeat the message line without its outcome, and its URL has the openid.
            "gunicorn.access": {"level": "WARNING", "handlers": [], "propagate": True},
        },
    }


def openid_hash(openid: str) -> str:
    """A stable 12-hex-digit stand-in for an openid (unlinkable to the person without WeChat)."""
    return hashlib.sha256(openid.encode("utf-8", "replace")).hexdigest()[:12]


def message(msg_type: str, openid: str, latency_ms: float, *, reply=None, mode: str = "plain",
            retry: bool = False, failed: bool = False):
    """The line for one answered push: what came in, what matched, how long it took.

    `reply` is the conversation's Reply (or None when the bot said "success" without asking it).
    """
    answer = getattr(reply, "answer", None)
    fields = {
        "event": "message",
        "type": msg_type,
        "openid": openid_hash(openid),
        "matched": answer.matched if answer else None,
        "score": round(float(answer.score), 1) if answer else None,
        "note": getattr(reply, "note", "") or ("error" if failed else ""),
        "mode": mode,
        "retry": retry,
        "latency_ms": round(latency_ms, 2),
    }
    if failed or retry:
        outcome = "failed" if failed else "retry, first reply sent again"
    else:
        outcome = (answer.matched or "declined") if answer else (fields["note"] or "no answer needed")
    log.log(logging.ERROR if failed else logging.INFO, "%s message: %s, %.1f ms", msg_type, outcome,
            latency_ms, extra=fields)


def rejected(status: int, reason: str, **fields):
    """The line for a request the webhook or the staff page refused (bad signature, hostile or
    malformed body, a wrong token); `fields` add what ops need to act on it, e.g. the address."""
    log.warning("rejected %d: %s", status, reason, extra={"event": "rejected", "status": status,
                                                          "reason": reason, **fields})

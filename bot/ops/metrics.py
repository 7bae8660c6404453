"""Prometheus metrics: what the bot did, for /metrics and alerting.

The rest of the code calls the small functions below (`message_received("text")`,
`answered(declined=True)`, ...) and never touches prometheus-client itself.

Under gunicorn every worker is its own process, so counts live in files under
PROMETHEUS_MULTIPROC_DIR and /metrics adds them up (server.py sets the folder and
removes a dead worker's gauges). prometheus-client picks file or memory mode once, when it
is first imported, from that variable; so it is imported here only on first use, which
in the server is inside a worker, after the master has set the folder.
"""

import os
import re
import threading

# Reply latency buckets, in seconds: WeChat gives up on a reply after 5 s and retries.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 4.0, 5.0)
# Reload time buckets: the shipped knowledge loads in milliseconds, 10,000 FAQ entries in 0.2-0.6 s.
RELOAD_BUCKETS = (0.01, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
KIND_PATTERN = re.compile(r"[a-z0-9_]{1,32}")  # message types are short names; anything else is "other"

_lock = threading.Lock()
_metrics = None


class _Metrics:
    """The metric objects of this process, made once."""

    def __init__(self):
        from prometheus_client import Counter, Gauge, Histogram

        self.messages = Counter("bot_messages_total", "Messages received from WeChat, by type.", ["kind"])
        self.answers = Counter("bot_answers_total", "Questions answered or declined.", ["result"])
        self.latency = Histogram("bot_reply_seconds", "Time from receiving a message to the reply.",
                                 buckets=LATENCY_BUCKETS)
        self.retries = Counter("bot_retries_deduplicated_total",
                               "WeChat re-deliveries answered from the first delivery's reply.")
        self.rate_limited = Counter("bot_rate_limited_total", "Messages refused by the per-follower limit.")
        self.reloads = Counter("bot_knowledge_reloads_total", "Knowledge reloads swapped in.")
        self.reload_failures = Counter("bot_knowledge_reload_failures_total",
                                       "Knowledge reloads refused because a file had errors.")
        self.reload_seconds = Histogram("bot_knowledge_reload_seconds", "Time to build a new knowledge base.",
                                        buckets=RELOAD_BUCKETS)
        # Every worker loads the same files: show the newest value, not one series per worker.
        self.size = Gauge("bot_knowledge_items", "Items in the knowledge being served.", ["kind"],
                          multiprocess_mode="livemostrecent")
        self.errors = Gauge("bot_knowledge_errors", "Errors found by the last knowledge load (0 when clean).",
                            multiprocess_mode="livemostrecent")
        self.loaded = Gauge("bot_knowledge_loaded_timestamp_seconds",
                            "When the knowledge being served was loaded (Unix time).",
                            multiprocess_mode="livemax")


def _get() -> _Metrics:
    global _metrics
    with _lock:
        if _metrics is None:
            _metrics = _Metrics()
        return _metrics


def message_received(kind: str):
    """Count one incoming message or event by its type ("text", "voice", "subscribe", ...)."""
    kind = (kind or "").lower()
    _get().messages.labels(kind if KIND_PATTERN.fullmatch(kind) else "other").inc()


def answered(declined: bool):
    """Count one question the engine answered, or declined (it did not know)."""
    _get().answers.labels("declined" if declined else "answered").inc()


def observe_latency(seconds: float):
    """Record how long one reply took, from request in to reply out."""
    _get().latency.observe(seconds)


def retry_deduplicated():
    """Count one WeChat retry that got the first delivery's reply instead of a second answer."""
    _get().retries.inc()


def rate_limited():
    """Count one message refused because its follower sent too many."""
    _get().rate_limited.inc()


def reload_finished(ok: bool, seconds: float):
    """Count one knowledge rebuild: swapped in (ok) or refused because of errors."""
    m = _get()
    (m.reloads if ok else m.reload_failures).inc()
    m.reload_seconds.observe(seconds)


def knowledge_loaded(kb, loaded_at: float):
    """Record the size and load time of the knowledge now being served."""
    m = _get()
    m.size.labels("articles").set(len(kb.articles))
    m.size.labels("faq").set(len(kb.faq))
    m.loaded.set(loaded_at)


def knowledge_errors(count: int):
    """Record how many errors the last load found, so an alert can fire while staff fix them."""
    _get().errors.set(count)


def render() -> tuple[bytes, str]:
    """The Prometheus text page: all workers' numbers when running under gunicorn."""
    from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest

    _get()  # a page with no metric names at all would look like a broken exporter
    # prometheus-client itself reads this variable to choose file mode; follow the same switch.
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST


def worker_exited(pid: int):
    """Forget a dead worker's live gauges (gunicorn's child_exit hook calls this)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(pid)

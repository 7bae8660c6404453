"""Redis with an in-process fallback: a Redis outage must never reach a follower.

While Redis is down or slow, every call goes to a MemoryStore instead, so the bot keeps
answering with per-process state (no follow-ups or dedup across replicas). Redis is tried
again every few seconds by whichever request comes first; one request pays the probe. Any
exception from the Redis client counts as down: redis-py raises more than RedisError when a
server dies under several threads at once.
"""

import logging
import threading
import time

from .tally import TallyBuffer

log = logging.getLogger(__name__)

LOG_EVERY = 60.0  # seconds between "still down" lines, so an outage does not flood the log


class FailoverStore:
    """The store interface, served by `primary` (Redis) or, while it fails, by `fallback`."""

    def __init__(self, primary, fallback, retry_after: float = 5.0, tally_every: float = 0.0):
        self.primary = primary
        self.fallback = fallback
        self.retry_after = retry_after
        self.prefix = primary.prefix
        self.tally_every = tally_every  # seconds between hand-overs of counted tallies; 0: every count at once
        self._buffer = TallyBuffer()
        self._flusher: threading.Thread | None = None
        self._flush_lock = threading.Lock()
        self._lock = threading.Lock()
        self._down_since: float | None = None
        self._next_try = 0.0
        self._last_log = 0.0

    def _use_primary(self) -> bool:
        with self._lock:
            if self._down_since is None:
                return True
            now = time.monotonic()
            if now < self._next_try:
                return False
            self._next_try = now + self.retry_after  # this caller probes; the others keep falling back
            return True

    def _call(self, name: str, *args, **kwargs):
        if self._use_primary():
            try:
                result = getattr(self.primary, name)(*args, **kwargs)
            except Exception as exc:  # any failure of the client, not only RedisError:
                self._failed(exc)  # a connection torn down mid-read raises AttributeError in redis-py's parser
            else:
                self._succeeded()
                return result
        return getattr(self.fallback, name)(*args, **kwargs)

    def _failed(self, exc: Exception):
        now = time.monotonic()
        with self._lock:
            first = self._down_since is None
            if first:
                self._down_since = now
            self._next_try = now + self.retry_after
            due = first or now - self._last_log >= LOG_EVERY
            if due:
                self._last_log = now
            since = now - self._down_since
        # The pool is left alone: redis-py drops a connection that failed, and disconnecting the
        # whole pool would tear connections out from under other threads mid-command.
        if first:
            log.warning("Redis unavailable (%s): answering without shared state, retrying every %g s",
                        exc, self.retry_after)
        elif due:
            log.warning("Redis still unavailable after %.0f s (%s)", since, exc)

    def _succeeded(self):
        if self._down_since is None:
            return
        with self._lock:
            if self._down_since is None:
                return
            since = time.monotonic() - self._down_since
            self._down_since = None
        # What the fallback learned during the outage is one process's view: drop it, Redis is the truth.
        self.fallback.clear()
        log.warning("Redis is back after %.0f s: shared state restored", since)

    @property
    def healthy(self) -> bool:
        return self._down_since is None

    def status(self) -> str:
        """"ok" or "degraded" for /healthz; pings Redis (or probes it when a retry is due)."""
        self._call("ping")
        return "ok" if self.healthy else "degraded"

    def get(self, key: str):
        return self._call("get", key)

    def set(self, key: str, value, ttl: float):
        return self._call("set", key, value, ttl)

    def add(self, key: str, value, ttl: float) -> bool:
        return self._call("add", key, value, ttl)

    def delete(self, key: str):
        return self._call("delete", key)

    def incr(self, key: str, ttl: float) -> int:
        return self._call("incr", key, ttl)

    def incr_and_get(self, key: str, ttl: float, get_key: str | None) -> tuple[int, object]:
        return self._call("incr_and_get", key, ttl, get_key)

    def begin(self, claim: str, value, lease: float, rate: str, window: float, session: str,
              turn: str | None = None) -> tuple:
        return self._call("begin", claim, value, lease, rate, window, session, turn)

    def take_turn(self, turn: str, owner: str, lease: float, session: str) -> tuple[bool, object]:
        return self._call("take_turn", turn, owner, lease, session)

    def write(self, sets: list[tuple[str, object, float]], deletes: list[str] = (),
              releases: list[tuple[str, str]] = ()):
        return self._call("write", sets, deletes, releases)

    def tally(self, name: str, member: str, cap: int, now: float | None = None) -> int:
        """Count in this process and hand the counts to Redis every `tally_every` seconds (one
        round trip for all of them, none on the message's path); kept while Redis is down."""
        if not self.tally_every:
            return self._call("tally", name, member, cap, now)
        if self._flusher is None or not self._flusher.is_alive():
            self._flusher = threading.Thread(target=self._flush_every, name="tally-flush", daemon=True)
            self._flusher.start()  # started on first use: after gunicorn forked the worker
        return self._buffer.add(name, member, cap, now)

    def flush(self):
        """Hand this process's counts to Redis now; what cannot be written waits for the next try.

        One flush at a time: a reader's flush waits for the flusher's write under way, or it
        could read Redis before the counts the flusher took had landed."""
        with self._flush_lock:
            if not self._buffer or not self._use_primary():
                return
            try:
                self._buffer.flush(self.primary.tally_many)
            except Exception as exc:  # kept in the buffer; the failover decides what down means
                self._failed(exc)
            else:
                self._succeeded()

    def _flush_every(self):
        while True:
            time.sleep(self.tally_every)
            self.flush()

    def tallies(self, name: str) -> list[dict]:
        self.flush()  # this process's latest counts too
        return self._call("tallies", name)

    def ping(self) -> bool:
        return self._call("ping")

    def close(self):
        """Hand over the counts still here, then release Redis connections (a worker's exit, tests)."""
        self.flush()
        self.primary.close()

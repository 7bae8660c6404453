"""The store in this process's memory: the embedded default, and the fallback while Redis is down."""

import threading
import time

from .tally import count_in, sort_tally

BUSY = "busy"  # in place of the session: another message of the follower holds its turn
SWEEP_EVERY = 60.0  # seconds between purges of expired keys in memory, so idle keys cannot pile up


class MemoryStore:
    """In-process store for the embedded default (REDIS_URL unset): one process only."""

    def __init__(self, prefix: str = "bot"):
        self.prefix = prefix
        self._data: dict[str, tuple[float, object]] = {}
        self._tallies: dict[str, dict[str, list[float]]] = {}  # name -> member -> [count, first, last]
        self._lock = threading.Lock()
        self._next_sweep = time.monotonic() + SWEEP_EVERY

    def _live(self, key):
        item = self._data.get(key)
        if item and item[0] < time.monotonic():
            del self._data[key]
            return None
        return item

    def _put(self, key, value, ttl):
        now = time.monotonic()
        if now >= self._next_sweep:
            self._data = {k: item for k, item in self._data.items() if item[0] >= now}
            self._next_sweep = now + SWEEP_EVERY
        self._data[key] = (now + ttl, value)

    def get(self, key: str):
        with self._lock:
            item = self._live(key)
            return item[1] if item else None

    def set(self, key: str, value, ttl: float):
        with self._lock:
            self._put(key, value, ttl)

    def add(self, key: str, value, ttl: float) -> bool:
        """Set only if absent (atomic claim); True if this call set it."""
        with self._lock:
            if self._live(key):
                return False
            self._put(key, value, ttl)
            return True

    def delete(self, key: str):
        with self._lock:
            self._data.pop(key, None)

    def incr(self, key: str, ttl: float) -> int:
        """Add one; the expiry is set by the first increment (a fixed window)."""
        with self._lock:
            item = self._live(key)
            if item is None:
                self._put(key, 1, ttl)
                return 1
            self._data[key] = (item[0], item[1] + 1)
            return item[1] + 1

    def incr_and_get(self, key: str, ttl: float, get_key: str | None) -> tuple[int, object]:
        """incr(key, ttl) and get(get_key) together (one round trip in Redis)."""
        count = self.incr(key, ttl)
        return count, self.get(get_key) if get_key else None

    def begin(self, claim: str, value, lease: float, rate: str, window: float, session: str,
              turn: str | None = None) -> tuple:
        """A message's first look at the store, at once (one round trip in Redis).

        Claims `claim` with `value` for `lease` seconds, as add(). The first delivery gets
        (True, its rate count, its session): the count of `rate` goes up by one in a fixed window
        of `window` seconds (not counted when `window` is 0, returned as 0), and `session` is read.
        A retry gets (False, the claim's value, None) and counts nothing.

        With `turn` (the follower's turn key), the first delivery also takes the follower's turn
        for `lease` seconds, held in the claim's name; while another message of the follower holds
        it, the session is not read and BUSY comes back in its place (see take_turn).
        """
        with self._lock:
            item = self._live(claim)
            if item:
                return False, item[1], None
            self._put(claim, value, lease)
            count = 0
            if window:
                counted = self._live(rate)
                count = 1 if counted is None else counted[1] + 1
                self._data[rate] = (time.monotonic() + window if counted is None else counted[0], count)
            if turn is not None and not self._take(turn, claim, lease):
                return True, count, BUSY
            found = self._live(session)
            return True, count, found[1] if found else None

    def take_turn(self, turn: str, owner: str, lease: float, session: str) -> tuple[bool, object]:
        """Take the follower's turn for `owner` if no other message holds it: (True, the session
        read under it), else (False, None)."""
        with self._lock:
            if not self._take(turn, owner, lease):
                return False, None
            found = self._live(session)
            return True, found[1] if found else None

    def _take(self, turn: str, owner: str, lease: float) -> bool:
        held = self._live(turn)
        if held and held[1] != owner:
            return False
        self._put(turn, owner, lease)
        return True

    def write(self, sets: list[tuple[str, object, float]], deletes: list[str] = (),
              releases: list[tuple[str, str]] = ()):
        """Several sets and deletes together (one round trip in Redis); each (key, owner) of
        `releases` is deleted only while it still holds that owner (a turn given back)."""
        with self._lock:
            for key, value, ttl in sets:
                self._put(key, value, ttl)
            for key in deletes:
                self._data.pop(key, None)
            for key, owner in releases:
                held = self._live(key)
                if held and held[1] == owner:
                    del self._data[key]

    def tally(self, name: str, member: str, cap: int, now: float | None = None) -> int:
        """Count `member` once more in the tally `name`; returns its count.

        Past `cap` members, the one with the lowest count (oldest last seen on a tie) goes,
        never the member just counted, so new questions still get in when the tally is full.
        """
        now = time.time() if now is None else now
        with self._lock:
            return count_in(self._tallies.setdefault(name, {}), member, cap, now)

    def tallies(self, name: str) -> list[dict]:
        """All members of a tally, most counted first (then most recently seen)."""
        with self._lock:
            rows = [{"member": m, "count": int(c), "first": f, "last": la}
                    for m, (c, f, la) in self._tallies.get(name, {}).items()]
        return sort_tally(rows)

    def ping(self) -> bool:
        return True

    def clear(self):
        """Forget everything (used when Redis is back and this copy is stale)."""
        with self._lock:
            self._data.clear()
            self._tallies.clear()

    def status(self) -> str:
        """For /healthz: there is no Redis at all."""
        return "absent"

    def close(self):
        pass

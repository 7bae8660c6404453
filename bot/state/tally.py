"""Tallies: bounded counters with first and last seen, kept alike by every backend.

A tally counts members (a declined question, the FAQ entry that answered) under a name; past its
cap the weakest member goes, so a tally's size is bounded whatever followers send.

With Redis, counting every answer there cost each message a round trip for a figure staff read
now and then: TallyBuffer counts in the process and hands the counts over every few seconds.
"""

import heapq
import threading
import time

TALLY_TTL = 180 * 24 * 3600  # a tally nobody has added to for half a year is forgotten
EVICT_AMONG = 16  # a full tally evicts among its 16 lowest counts: bounded work per write


def count_in(members: dict[str, list[float]], member: str, cap: int, now: float) -> int:
    """Count `member` once more in `members` (member -> [count, first, last]); returns its count.

    Past `cap` members, the one with the lowest count (oldest last seen on a tie) among the
    EVICT_AMONG lowest goes, never the member just counted, so new ones still get in when full.
    The caller holds the lock."""
    entry = members.setdefault(member, [0, now, now])
    entry[0] += 1
    entry[2] = now
    if len(members) > cap:
        lowest = heapq.nsmallest(EVICT_AMONG, members, key=lambda m: (members[m][0], m))
        victims = [m for m in lowest if m != member]
        if victims:
            del members[min(victims, key=lambda m: (members[m][0], members[m][2]))]
    return int(entry[0])


def sort_tally(rows: list[dict]) -> list[dict]:
    """Most counted first, then most recently seen, then by name."""
    return sorted(rows, key=lambda r: (-r["count"], -r["last"], r["member"]))


class TallyBuffer:
    """Counts kept in this process until `flush(write)` hands them over, `write(name, rows, cap)`
    with rows (member, count, first seen, last seen). What a flush fails to write is kept for the
    next one; past a tally's cap the least counted members wait no more (bounded memory)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._counts: dict[str, dict[str, list[float]]] = {}  # name -> member -> [count, first, last]
        self._caps: dict[str, int] = {}

    def add(self, name: str, member: str, cap: int, now: float | None = None) -> int:
        now = time.time() if now is None else now
        with self._lock:
            self._caps[name] = cap
            return count_in(self._counts.setdefault(name, {}), member, cap, now)

    def flush(self, write):
        with self._lock:
            taken, self._counts = self._counts, {}
        for name, members in taken.items():
            rows = [(m, int(c), f, la) for m, (c, f, la) in members.items()]
            try:
                write(name, rows, self._caps.get(name, len(rows)))
            except Exception:
                self._put_back(name, members)
                raise

    def _put_back(self, name: str, members: dict):
        with self._lock:
            current = self._counts.setdefault(name, {})
            for member, (count, first, last) in members.items():
                entry = current.setdefault(member, [0, first, last])
                entry[0] += count
                entry[1] = min(entry[1], first)
                entry[2] = max(entry[2], last)

    def __bool__(self) -> bool:
        with self._lock:
            return any(self._counts.values())

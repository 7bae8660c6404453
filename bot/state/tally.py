"""Tallies: bounded counters with first and last seen, kept alike by every backend.

A tally counts members (a declined question, the FAQ entry that answered) under a name; past its
cap the weakest member goes, so a tally's size is bounded whatever followers send.
"""

TALLY_TTL = 180 * 24 * 3600  # a tally nobody has added to for half a year is forgotten
EVICT_AMONG = 16  # a full tally evicts among its 16 lowest counts: bounded work per write


def sort_tally(rows: list[dict]) -> list[dict]:
    """Most counted first, then most recently seen, then by name."""
    return sorted(rows, key=lambda r: (-r["count"], -r["last"], r["member"]))

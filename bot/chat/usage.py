"""What followers asked: declined questions ("misses") and what answered them ("hits").

The conversation counts each answer here; staff read the misses (`python -m bot misses`, the
staff page) to see which FAQ entries to write next, and the hits (`python -m bot stats`) to
see what is used. Neither keeps an openid.
"""

MISSES = "misses"
HITS = "hits"
MISSES_CAP = 1000  # distinct declined questions kept; enough for staff to see the patterns
HITS_CAP = 5000  # distinct FAQ entries / article facts counted


def record(store, answer, now: float | None = None):
    """Count a declined question as a miss (by its canonical form), or an answer as a hit of what it matched."""
    if answer.matched is None:
        if answer.asked:
            store.tally(MISSES, answer.asked, MISSES_CAP, now)
    else:
        store.tally(HITS, answer.matched, HITS_CAP, now)


def misses(store, top: int | None = None) -> list[dict]:
    """Declined questions, most asked first: {"member", "count", "first", "last"}."""
    return store.tallies(MISSES)[:top]


def hits(store, top: int | None = None) -> list[dict]:
    """What answered, most used first: {"member", "count", "first", "last"}."""
    return store.tallies(HITS)[:top]

"""What followers asked: declined questions ("misses") and what answered them ("hits").

Staff read the misses (`python -m bot misses`) to see which FAQ entries to write next, and
the hits (`python -m bot stats`) to see what is used. Neither keeps an openid.
"""

import unicodedata

from ..engine.text.folding import fold

MISSES = "misses"
HITS = "hits"
MISSES_CAP = 1000  # distinct declined questions kept; enough for staff to see the patterns
HITS_CAP = 5000  # distinct FAQ entries / article facts counted
MAX_QUESTION_CHARS = 100  # a pasted essay is recorded by its start only
TRAILING = "~～…·"  # symbols followers end questions with that are not Unicode punctuation


def normalise(question: str) -> str:
    """One form per question: folded (Simplified, half-width, spaces), lower case, no end punctuation."""
    text = fold(question).lower()
    while text and (unicodedata.category(text[-1]).startswith("P") or text[-1] in TRAILING
                    or text[-1].isspace()):
        text = text[:-1]
    return text[:MAX_QUESTION_CHARS]


def record(store, question: str, answer, now: float | None = None):
    """Count a declined question as a miss, or an answer as a hit of what it matched."""
    if answer.matched is None:
        member = normalise(question)
        if member:
            store.tally(MISSES, member, MISSES_CAP, now)
    else:
        store.tally(HITS, answer.matched, HITS_CAP, now)


def misses(store, top: int | None = None) -> list[dict]:
    """Declined questions, most asked first: {"member", "count", "first", "last"}."""
    return store.tallies(MISSES)[:top]


def hits(store, top: int | None = None) -> list[dict]:
    """What answered, most used first: {"member", "count", "first", "last"}."""
    return store.tallies(HITS)[:top]

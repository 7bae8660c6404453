"""Candidate generation: an inverted index of character bigrams, so scoring touches few entries.

Chinese has no spaces, so a question and a text are compared by the two-character pieces
they share (西部, 部办, 办公, 公室), weighted by rarity. Latin words and numbers are whole
tokens. Scanning everything with rapidfuzz costs ~90 ms at 100k entries; this costs well
under a millisecond for a typical question.
"""

import math
import re
from array import array
from collections import defaultdict

_RUNS = re.compile(r"[\u4e00-\u9fff]+|[a-z]+|\d+")


def grams(text: str) -> set[str]:
    """Bigrams of Chinese runs (a lone character stands for itself), whole Latin words and numbers."""
    out = set()
    for run in _RUNS.findall(text.lower()):
        if run[0] >= "\u4e00" and len(run) > 1:
            out.update(run[i:i + 2] for i in range(len(run) - 1))
        else:
            out.add(run)
    return out


class GramIndex:
    """doc ids by gram; build with add(), then freeze() before searching."""

    def __init__(self):
        self._lists: dict[str, list[int]] = defaultdict(list)
        self.postings: dict[str, array] = {}
        self.size = 0

    def add(self, text: str) -> int:
        doc = self.size
        self.size += 1
        for gram in grams(text):
            self._lists[gram].append(doc)
        return doc

    def freeze(self):
        self.postings = {gram: array("I", docs) for gram, docs in self._lists.items()}
        self._lists = defaultdict(list)

    def idf(self, gram: str) -> float:
        """Rarity: log(N / df); 0 for a gram no entry has (see Subject for how that counts)."""
        df = len(self.postings.get(gram, ()))
        return math.log((self.size + 1) / (df + 0.5)) if df else 0.0

    def search(self, query: set[str], limit: int = 50, max_share: float = 0.2) -> list[tuple[int, float]]:
        """Docs sharing the rarest grams of the query, best first, as (doc, summed idf).

        Grams found in more than `max_share` of a large index only re-rank, never recall:
        that keeps the work per question small however big the knowledge gets.
        """
        scores: dict[int, float] = defaultdict(float)
        ranked = sorted((g for g in query if g in self.postings), key=lambda g: len(self.postings[g]))
        cap = max(200, int(self.size * max_share))
        common = []
        for gram in ranked:
            docs = self.postings[gram]
            if len(docs) > cap and scores:
                common.append(gram)
                continue
            weight = self.idf(gram)
            for doc in docs:
                scores[doc] += weight
        for gram in common:
            weight = self.idf(gram)
            members = self.postings[gram]
            for doc in list(scores):
                if _contains(members, doc):
                    scores[doc] += weight
        return sorted(scores.items(), key=lambda item: -item[1])[:limit]


def _contains(sorted_docs: array, doc: int) -> bool:
    lo, hi = 0, len(sorted_docs)
    while lo < hi:
        mid = (lo + hi) // 2
        if sorted_docs[mid] < doc:
            lo = mid + 1
        else:
            hi = mid
    return lo < len(sorted_docs) and sorted_docs[lo] == doc

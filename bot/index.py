"""Candidate generation: an inverted index of character bigrams, so scoring touches few entries.

Chinese has no spaces, so a question and a text are compared by the two-character pieces
they share (西部, 部办, 办公, 公室), weighted by rarity. Latin words and numbers are whole
tokens. Scanning everything with rapidfuzz costs ~90 ms at 100k entries; this costs well
under a millisecond for a typical question.
"""

import math
import re
from collections import defaultdict

import numpy as np

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
        self.postings: dict[str, np.ndarray] = {}
        self.size = 0

    def add(self, text: str) -> int:
        doc = self.size
        self.size += 1
        for gram in grams(text):
            self._lists[gram].append(doc)
        return doc

    def freeze(self):
        self.postings = {gram: np.array(docs, dtype=np.uint32) for gram, docs in self._lists.items()}
        self._lists = defaultdict(list)

    def idf(self, gram: str) -> float:
        """Rarity: log(N / df); 0 for a gram no entry has (see Subject for how that counts)."""
        df = len(self.postings.get(gram, ()))
        return math.log((self.size + 1) / (df + 0.5)) if df else 0.0

    def search(self, query: set[str], limit: int = 50, max_share: float = 0.2) -> list[tuple[int, float]]:
        """Docs sharing the rarest grams of the query, best first, as (doc, summed idf).

        Grams found in more than `max_share` of a large index only re-rank, never recall:
        that keeps the work per question small however big the knowledge gets.

        The sums are numpy's (a Python loop over 100k-entry postings took 20 ms); each doc's
        score adds the same weights in the same order as a loop would, ties keep the order a
        loop would have met the docs in (rarest gram first, then doc id), and re-ranking
        only looks at docs that can still make the best `limit`.
        """
        ranked = sorted((g for g in query if g in self.postings), key=lambda g: len(self.postings[g]))
        if not ranked:
            return []
        cap = max(200, int(self.size * max_share))
        weights = [self.idf(g) for g in ranked]
        recall = next((i for i in range(1, len(ranked)) if len(self.postings[ranked[i]]) > cap), len(ranked))
        lists = [self.postings[g] for g in ranked[:recall]]
        ids = np.concatenate(lists)
        sums = np.bincount(ids, np.repeat(weights[:recall], [len(docs) for docs in lists]), minlength=self.size)
        docs = np.flatnonzero(sums)  # every weight is > 0: a doc has a sum if a recall gram has it
        scores = sums[docs]
        for gram, weight, rest in zip(ranked[recall:], weights[recall:], _tails(weights[recall:]), strict=True):
            if len(docs) > limit:  # a doc that cannot reach the limit-th best even with every gram left drops out
                keep = scores >= np.partition(scores, -limit)[-limit] - rest - 1e-9
                docs, scores = docs[keep], scores[keep]
            members = self.postings[gram]
            at = np.searchsorted(members, docs)
            found = members[np.minimum(at, len(members) - 1)] == docs
            scores[found] += weight
        if len(docs) > limit:
            keep = scores >= np.partition(scores, -limit)[-limit]
            docs, scores = docs[keep], scores[keep]
        first = np.full(len(docs), len(lists))  # the recall gram a loop would have met the doc in first
        for i in range(len(lists) - 1, -1, -1):
            at = np.searchsorted(lists[i], docs)
            first[lists[i][np.minimum(at, len(lists[i]) - 1)] == docs] = i
        order = np.lexsort((docs, first, -scores))[:limit]
        return [(int(docs[k]), float(scores[k])) for k in order]


def _tails(weights: list[float]) -> list[float]:
    """For each weight, the sum of it and all after it: the most a doc can still gain."""
    out, total = [], 0.0
    for weight in reversed(weights):
        total += weight
        out.append(total)
    return out[::-1]

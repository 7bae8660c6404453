"""GramIndex.search against a brute-force loop over every posting, on random data."""

import random

import numpy as np
import pytest

from bot.engine.retrieval.index import GramIndex, grams

CHARS = "建筑节能协会绿色低碳发展办公室西部成都会议举行专家委员"


def brute_force(index: GramIndex, texts: list[str], query: set[str], limit: int, max_share: float = 0.2):
    """What search promises: docs met through a recall gram, scored by every query gram they hold."""
    ranked = sorted((g for g in query if g in index.postings), key=lambda g: len(index.postings[g]))
    cap = max(200, int(index.size * max_share))
    recall = next((i for i in range(1, len(ranked)) if len(index.postings[ranked[i]]) > cap), len(ranked))
    doc_grams = [grams(text) for text in texts]
    rows = []
    for doc, held in enumerate(doc_grams):
        first = next((i for i, g in enumerate(ranked[:recall]) if g in held), None)
        if first is None:
            continue
        score = np.float32(0)
        for g in ranked:  # summed in the same order, in float32, as the index sums
            if g in held:
                score = np.float32(score + np.float32(index.idf(g)))
        rows.append((-float(score), first, doc))
    rows.sort()
    return [(doc, -neg) for neg, _, doc in rows[:limit]]


@pytest.mark.parametrize("seed", range(8))
def test_search_matches_a_loop_over_every_posting(seed):
    rng = random.Random(seed)
    size = rng.choice([50, 400, 3000])
    texts = ["".join(rng.choice(CHARS[: rng.randint(8, len(CHARS))]) for _ in range(rng.randint(2, 30)))
             for _ in range(size)]
    index = GramIndex()
    for text in texts:
        index.add(text)
    index.freeze()
    for _ in range(20):
        query = grams("".join(rng.choice(CHARS) for _ in range(rng.randint(2, 12))))
        limit = rng.choice([1, 5, 30])
        got = index.search(query, limit=limit)
        want = brute_force(index, texts, query, limit)
        assert [d for d, _ in got] == [d for d, _ in want]
        assert [s for _, s in got] == pytest.approx([s for _, s in want], rel=1e-6)


def test_grams_are_bigrams_words_and_numbers():
    assert grams("西部办公室 2024 ABC") == {"西部", "部办", "办公", "公室", "2024", "abc"}
    assert grams("会") == {"会"}

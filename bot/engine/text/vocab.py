"""The engine's word lists, read from plain text files in bot/engine/vocab/ (one list per file).

Vocabularies are data: a list can grow without touching code, and each list lives in one
place. A file holds one entry per line; blank lines and lines starting with # are skipped.
Staff add to the lists from knowledge/settings.txt (see reading/settings.py).
"""

import functools
import os
import re

VOCAB_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "vocab")


@functools.cache
def words(name: str) -> tuple[str, ...]:
    """The entries of vocab/<name>.txt, in file order, each once."""
    path = os.path.join(VOCAB_DIR, f"{name}.txt")
    with open(path, encoding="utf-8") as f:
        entries = [line.strip() for line in f]
    return tuple(dict.fromkeys(e for e in entries if e and not e.startswith("#")))


@functools.cache
def alternation(name: str) -> str:
    """The entries as a regex alternation, longest first (so 报告厅 is tried before 厅)."""
    return "|".join(re.escape(w) for w in sorted(words(name), key=len, reverse=True))


@functools.cache
def patterns(name: str) -> str:
    """The entries as given, joined as one regular expression: for lists of cue patterns."""
    return "|".join(words(name))


@functools.cache
def pairs(name: str) -> dict[str, str]:
    """vocab/<name>.txt read as `key<TAB>value` lines (a glossary)."""
    out = {}
    for entry in words(name):
        key, _, value = entry.partition("\t")
        out[key.strip()] = value.strip()
    return out

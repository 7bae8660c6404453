"""The knowledge engine: knowledge files in, answers out. Everything outside bot/engine uses
only the names below; the engine imports nothing from the rest of the bot.

    text/       folding (Traditional, widths), dates, numerals, word lists
    reading/    the knowledge folder: raw articles read into facts, the FAQ, settings
    question/   what a follower asks: the kind of fact wanted and its subject (English too)
    retrieval/  which FAQ entry or article, and which sentence, a question is about
    answering/  the answer of each kind, worded with its evidence and source
    pipeline.py Engine: FAQ first, then the articles, or a decline with suggestions
"""

from .answer import Answer
from .pipeline import Engine
from .reading.fields import parse_fields, read_text
from .reading.knowledge import KnowledgeBase, fingerprint, load_knowledge
from .reading.problem import Problem
from .text.folding import fold, question_key

__all__ = ["Answer", "Engine", "KnowledgeBase", "Problem", "fingerprint", "fold", "load_knowledge",
           "parse_fields", "question_key", "read_text"]

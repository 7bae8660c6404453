"""Questions in, answers out: curated FAQ first, then facts read from the articles.

(First cut: FAQ matching and a friendly decline; article facts come next.)
"""

from rapidfuzz import fuzz, process

from .answer import Answer
from .knowledge import KnowledgeBase
from .textnorm import fold

FAQ_MIN_SCORE = 80  # rapidfuzz WRatio; below it a curated answer would be a guess


class Engine:
    """Answers from one loaded KnowledgeBase; immutable, so it can be swapped atomically."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self._faq_phrasings = []
        self._faq_owner = []
        for entry in kb.faq:
            for text, _line in entry.questions:
                self._faq_phrasings.append(fold(text).lower())
                self._faq_owner.append(entry)

    def answer(self, question: str, context: dict | None = None) -> Answer:
        q = fold(question).lower()
        if self._faq_phrasings and q:
            best = process.extractOne(q, self._faq_phrasings, scorer=fuzz.WRatio)
            if best and best[1] >= FAQ_MIN_SCORE:
                entry = self._faq_owner[best[2]]
                return Answer(entry.answer, f"faq:{entry.key}", best[1], kind="faq",
                              sources=[{"file": entry.path, "title": entry.key, "date": ""}])
        return self.decline()

    def decline(self) -> Answer:
        tips = "、".join(f"“{s}”" for s in self.suggestions(3))
        text = self.kb.settings.decline + (f"您可以问我：{tips}" if tips else "")
        return Answer(text, None, 0.0, kind="decline")

    def suggestions(self, n: int = 3) -> list[str]:
        """Example questions the bot answers well, for the welcome and decline texts."""
        return [entry.questions[0][0] for entry in self.kb.faq[:n]]

"""What the engine gives back for one question, and how it is shown."""

from dataclasses import dataclass, field


@dataclass
class Answer:
    """One reply. `matched` is None when the bot declines.

    `context` is what a follow-up may refer to ({"person": "武涌", "article": "news/a.txt"});
    `choices` are numbered options the follower can pick by replying with a number.
    """

    text: str
    matched: str | None
    score: float
    sources: list[dict] = field(default_factory=list)  # {"file", "title", "date"}
    kind: str = ""  # faq, who, who_holds, attend, when, where, host, speakers, content, contact, ..., decline
    context: dict = field(default_factory=dict)
    choices: list[dict] = field(default_factory=list)  # {"label": str, "question": str, "context": dict}
    runners_up: list[dict] = field(default_factory=list)  # {"matched": str, "score": float} for #debug
    evidence: str = ""  # the sentence of the article the answer rests on

    @property
    def declined(self) -> bool:
        return self.matched is None

    def to_json(self) -> dict:
        """The public `ask --json` shape."""
        return {"answer": self.text, "matched": self.matched, "score": round(float(self.score), 2),
                "sources": self.sources}

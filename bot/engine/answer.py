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
    asked: str = ""  # the question in its canonical form (bot/engine/text/folding.question_key)

    @property
    def declined(self) -> bool:
        return self.matched is None

    def rivals(self, limit: int = 3) -> list[dict]:
        """The other candidates, each named once with its best score, this answer's own left out."""
        best: dict[str, float] = {}
        for candidate in self.runners_up:
            name = candidate.get("matched")
            if name and name != self.matched:
                best[name] = max(best.get(name, 0.0), float(candidate.get("score", 0.0)))
        ranked = sorted(best.items(), key=lambda item: -item[1])[:limit]
        return [{"matched": name, "score": score} for name, score in ranked]

    def to_json(self) -> dict:
        """The public `ask --json` shape."""
        return {"answer": self.text, "matched": self.matched, "score": round(float(self.score), 2),
                "sources": self.sources}


def numbered(choices: list[str]) -> str:
    """Options a follower picks by replying with their number."""
    lines = [f"{i}. {label}" for i, label in enumerate(choices, 1)]
    numbers = "、".join(str(i) for i in range(1, len(choices) + 1))
    return "\n".join(lines) + f"\n回复 {numbers} 查看对应内容。"

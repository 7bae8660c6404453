"""One follower's side of the chat: pages, follow-ups, numbered choices, rate limits.

Replicas share nothing but the store, so everything a follower's next message may refer to
(the rest of a long answer, what the last answer was about, the choices it offered) is
kept there under `chat:{<openid>}` and forgotten after SESSION_TTL seconds of silence.
"""

import re
import unicodedata
from dataclasses import dataclass, field

import cn2an

from ..engine import Answer
from ..ops import metrics
from . import usage
from .paging import original_link, paginate, visible, xml_safe
from .ratelimit import NOTICE, OK, RateLimiter, rate_key

# Replies that ask for the next page, in both scripts (compared after NFKC and lower-casing).
MORE_WORDS = {"更多", "还有呢", "还有吗", "还有", "继续", "下一页", "還有呢", "還有嗎", "還有", "繼續", "下一頁",
              "more", "next"}
NO_MORE = "没有更多内容了。您可以接着问别的问题。"
SHORT_REPLY = 12  # characters, spaces aside: "更多" and "第2个" are short; a question is not
_CHOICE = re.compile(r"(?:选择|选|選擇|選|第)?\s*([0-9]{1,2}|[一二两兩三四五六七八九十])\s*(?:个|個|项|項|条|條|号|號|种|種)?")
TRAILING = "~～…·"  # symbols a reply may end with that are not Unicode punctuation


@dataclass
class Reply:
    """What to send back: `text` None means "success" (WeChat shows nothing)."""

    text: str | None
    answer: Answer | None = None
    note: str = ""  # e.g. "rate_limited", "more", "choice", "followup", "debug"
    question: str = ""  # what the engine was asked (a numbered choice's question, not the digit)

    def __post_init__(self):
        # Whoever builds a reply, what leaves the chat is what the phone can show: the web layer
        # only wraps it in XML.
        if self.text is not None:
            self.text = visible(self.text)


@dataclass
class Turn:
    """One message's share of the store, read and written in one round trip each.

    The webhook reads the follower's rate count and session together with the message's retry
    claim (web/retry.py) and fills `count` and `session`; the conversation then reads them here
    instead of asking the store, and leaves what it keeps in `sets` and `deletes`, which are
    written together with the reply kept for retries. A turn that was never `loaded` (the claim
    failed, or none was made) is ignored: the conversation reads and writes the store itself.

    A follower's messages take turns (`turn_key`): two sent close together are answered one after
    the other, so the second reads the session the first left (its "1" picks from the first's
    choices) instead of both reading the same old one and the last write winning.
    """

    rate_key: str
    window: float  # the rate window in seconds; 0 when the rate is not limited (nothing counted)
    session_key: str
    turn_key: str
    owner: str = ""  # the claim that holds the follower's turn; empty when it was not taken
    loaded: bool = False
    count: int = 0
    session: object = None
    sets: list = field(default_factory=list)  # (key, value, ttl)
    deletes: list = field(default_factory=list)


class Conversation:
    """Answers a follower's message in the light of the previous one, across replicas."""

    def __init__(self, store, config: dict):
        self.store = store
        self.config = config
        self.session_ttl = config.get("SESSION_TTL", 300)
        self.limiter = RateLimiter(store, config.get("RATE_LIMIT", 20), config.get("RATE_WINDOW", 60))

    def start(self, openid: str) -> Turn:
        """What a message from `openid` will read from the store, to be read with its retry claim."""
        return Turn(rate_key(openid), self.limiter.window if self.limiter.limit else 0, session_key(openid),
                    turn_key(openid))

    def handle_text(self, openid: str, text: str, engine, turn: Turn | None = None) -> Reply:
        """Answer a follower's text, taking the conversation so far into account.

        With a loaded `turn` the store is neither read nor written here (see Turn)."""
        if turn is not None and turn.loaded:
            verdict, session = self.limiter.verdict(turn.count), turn.session
        else:
            turn = None
            verdict, session = self.limiter.check(openid, also_get=session_key(openid))  # one round trip
        if verdict != OK:
            metrics.rate_limited()
            return Reply(self.limiter.notice() if verdict == NOTICE else None, note="rate_limited")
        session = session if isinstance(session, dict) else {}
        reply, new = self._respond(session, text, engine)
        if reply.answer is not None:
            usage.record(self.store, reply.answer)
            metrics.answered(declined=reply.answer.matched is None)
        self._save(openid, session, new, turn)
        return reply

    def preview(self, text: str, engine) -> Reply:
        """What a new follower sending `text` gets, with nothing kept or counted.

        Staff's /admin page and "#debug" use it: what they test is what followers get, and
        their testing neither fills the unanswered list nor uses up anyone's rate limit.
        """
        return self._respond({}, text, engine)[0]

    def _respond(self, session: dict, text: str, engine) -> tuple[Reply, dict]:
        """The reply to `text` in the light of `session`, and the session to keep; changes nothing."""
        if wants_more(text):
            return self._next_page(session)
        number = choice_number(text)
        choices = session.get("choices") or []
        if number is not None and choices:
            if not 1 <= number <= len(choices):
                return Reply(f"请回复 1 到 {len(choices)} 之间的数字。", note="choice"), session
            choice = choices[number - 1]
            question = choice.get("question") or choice.get("label") or text
            answer = engine.answer(question, choice.get("context") or None)
            return self._answered(session, question, answer, "choice")
        context = session.get("context") or None
        answer = engine.answer(text, context)
        return self._answered(session, text, answer, "followup" if context else "")

    @staticmethod
    def _answered(session: dict, question: str, answer: Answer, note: str) -> tuple[Reply, dict]:
        """The answer's first page, and what the follower's next message may refer to."""
        url = next((source["url"] for source in answer.sources if source.get("url")), "")
        pages = paginate(xml_safe(answer.text), tail=original_link(url))
        new = {}
        # A declined question keeps the thread: "他是谁" after a typo still means the same person.
        context = answer.context if answer.matched is not None else session.get("context")
        if context:
            new["context"] = context
        # The last list offered stays open until another replaces it: a bare number means nothing else.
        choices = answer.choices or session.get("choices")
        if choices:
            new["choices"] = choices
        if len(pages) > 1:
            new["pages"] = pages[1:]
        return Reply(pages[0], answer, note, question), new

    @staticmethod
    def _next_page(session: dict) -> tuple[Reply, dict]:
        pages = session.get("pages") or []
        if not pages:
            return Reply(NO_MORE, note="more"), session
        new = dict(session, pages=pages[1:])
        if not new["pages"]:
            del new["pages"]
        return Reply(pages[0], note="more"), new

    def _save(self, openid: str, old: dict, new: dict, turn: Turn | None):
        """Store the follower's state (refreshing its expiry), or drop it when nothing is left;
        with a turn, leave the write to it."""
        key = session_key(openid)
        if turn is not None:
            if new:
                turn.sets.append((key, new, self.session_ttl))
            elif old:
                turn.deletes.append(key)
        elif new:
            self.store.set(key, new, ttl=self.session_ttl)
        elif old:
            self.store.delete(key)


def session_key(openid: str) -> str:
    """chat:{openid}, hash-tagged like the follower's rate count (see ratelimit.rate_key)."""
    return f"chat:{{{openid}}}"


def turn_key(openid: str) -> str:
    """turn:{openid}: which of the follower's messages is being answered (see Turn), hash-tagged
    like the session."""
    return f"turn:{{{openid}}}"


def wants_more(text: str) -> bool:
    """True for "更多" / "还有呢" / "继续" (any width, script or end punctuation)."""
    return _short(text) and _command(text) in MORE_WORDS


def choice_number(text: str) -> int | None:
    """The number in a bare choice reply: "2", "３", "第2个", "二"; None for anything else."""
    match = _short(text) and _CHOICE.fullmatch(_command(text))
    if not match:
        return None
    return int(cn2an.cn2an(match.group(1), "smart"))


def _command(text: str) -> str:
    """A short reply as compared with the commands: NFKC (full-width digits), lower case, no end punctuation."""
    text = unicodedata.normalize("NFKC", text).lower().strip()
    while text and (unicodedata.category(text[-1]).startswith("P") or text[-1] in TRAILING or text[-1].isspace()):
        text = text[:-1]
    return text


def _short(text: str) -> bool:
    """Cheap first look, so an ordinary question is not normalised just to rule these out."""
    return len(text) <= SHORT_REPLY or sum(not ch.isspace() for ch in text) <= SHORT_REPLY

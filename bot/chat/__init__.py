"""One follower's conversation: the reply to a message in the light of the previous ones.

    conversation.py  Conversation (follow-ups, numbered choices, "更多") and Reply
    paging.py        answers cut into WeChat-sized pages
    ratelimit.py     messages per follower per window
    usage.py         what was declined and what answered, for staff
"""

from flask import current_app

from ..state import get_store
from .conversation import Conversation, Reply, Turn

__all__ = ["Conversation", "Reply", "Turn", "get_conversation", "init_app", "preview", "reply_to_text", "start"]


def init_app(app):
    """One Conversation per app, sharing the app's store."""
    app.extensions["conversation"] = Conversation(get_store(app), app.config)


def get_conversation(app=None) -> Conversation:
    return (app or current_app).extensions["conversation"]


def start(openid: str) -> Turn:
    """What a message from `openid` reads from the store with its retry claim (see Turn)."""
    return get_conversation().start(openid)


def reply_to_text(openid: str, text: str, engine, turn: Turn | None = None) -> Reply:
    """The reply to a follower's text (typed, spoken or clicked), in the light of the chat so far."""
    return get_conversation().handle_text(openid, text, engine, turn)


def preview(text: str, engine) -> Reply:
    """What a new follower sending `text` gets, with nothing kept or counted (staff's previews)."""
    return get_conversation().preview(text, engine)

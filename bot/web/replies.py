"""What the bot says to each kind of push: text, voice, pictures and the like, and menu events.

Questions (typed, spoken or clicked) all go through `chat.reply_to_text`, so follow-ups,
paging and rate limits behave the same whichever way they were asked; staff's "#debug 问题"
goes to bot/debug.py. Everything else gets a
short fixed text; a push nobody needs to see gets "success" (Reply.text None).
"""


from flask import current_app
from wechatpy import create_reply

from .. import chat
from ..chat import Reply
from . import debug

APOLOGY = "抱歉，出了点问题，请稍后再试"
MEDIA = "我目前只能读懂文字消息。想了解本会的新闻和活动，请直接打字提问。"
VOICE_UNHEARD = "抱歉，这条语音我没能听清。请直接打字提问。"
EXAMPLES_INTRO = "您可以这样问我："


def on_text(msg, engine, turn=None) -> Reply:
    content = msg.content if isinstance(msg.content, str) else ""
    asked = debug.question(content)
    if asked is not None:
        if msg.source in current_app.config.get("STAFF_OPENIDS", ()):
            return debug.reply(asked, engine)
        content = asked  # anyone else is answered the question itself: the command reveals nothing
    return chat.reply_to_text(msg.source, content, engine, turn)


def on_voice(msg, engine, turn=None) -> Reply:
    """Voice is answered only when WeChat's speech recognition gave us the words."""
    recognition = msg.recognition if isinstance(msg.recognition, str) else ""
    if recognition.strip():
        return chat.reply_to_text(msg.source, recognition, engine, turn)
    return Reply(with_examples(VOICE_UNHEARD, engine), note="voice_unrecognised")


def on_media(msg, engine, turn=None) -> Reply:
    return Reply(with_examples(MEDIA, engine), note="media")


def on_subscribe(msg, engine, turn=None) -> Reply:
    """A new follower (also by scanning a qrscene_ code) is greeted with what to ask."""
    return Reply(with_examples(engine.kb.settings.welcome, engine), note="welcome")


def on_click(msg, engine, turn=None) -> Reply:
    """A menu button's key is a question or the name of an FAQ entry; both are asked as typed."""
    key = msg.key if isinstance(msg.key, str) else ""
    if not key.strip():
        return Reply(None, note="empty_click")
    return chat.reply_to_text(msg.source, key, engine, turn)


def on_other(msg, engine, turn=None) -> Reply:
    """Unsubscribe, VIEW, SCAN, LOCATION and unknown pushes: nothing to say ("success")."""
    return Reply(None)


# Message types are wechatpy's msg.type; events are "event:" + wechatpy's msg.event.
HANDLERS = {
    "text": on_text,
    "voice": on_voice,
    "image": on_media,
    "video": on_media,
    "shortvideo": on_media,
    "location": on_media,
    "link": on_media,
    "event:subscribe": on_subscribe,
    "event:subscribe_scan": on_subscribe,
    "event:click": on_click,
}


# The pushes that are questions: they count against the follower's rate and read the chat so far.
CONVERSING = {"text", "voice", "event:click"}


def converses(msg) -> bool:
    """Whether this push goes to the follower's conversation (staff's #debug does not: it
    neither counts against their rate nor touches their chat)."""
    if kind(msg) not in CONVERSING:
        return False
    content = msg.content if msg.type == "text" and isinstance(msg.content, str) else ""
    return not (debug.question(content) is not None and msg.source in current_app.config.get("STAFF_OPENIDS", ()))


def kind(msg) -> str:
    """The dispatch key: "text", "image", "event:subscribe", ..."""
    return f"event:{msg.event}" if msg.type == "event" else msg.type


def reply_to(msg, engine, turn=None) -> Reply:
    """The Reply for one parsed push; `turn`: what the push's retry claim read for it (chat.Turn)."""
    return HANDLERS.get(kind(msg), on_other)(msg, engine, turn)


def with_examples(text: str, engine, n: int = 3) -> str:
    examples = [q for q in engine.suggestions(n) if q][:n]
    if not examples:
        return text
    return text.rstrip() + "\n\n" + EXAMPLES_INTRO + "\n" + "\n".join(f"· {q}" for q in examples)


def render(text: str, msg) -> str:
    """The passive-reply XML for `text` (a Reply's text: already XML-valid and within WeChat's cap)."""
    # wechatpy writes Content as <![CDATA[...]]>; a "]]>" inside would end it early.
    text = text.replace("]]>", "]]]]><![CDATA[>")
    return create_reply(text, msg).render()

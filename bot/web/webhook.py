"""/wechat: WeChat's server verification (GET) and message push (POST), in all three modes.

Plaintext mode signs the URL (`signature`); safe and compatible mode (`encrypt_type=aes`)
sign the ciphertext (`msg_signature`) and we answer encrypted, in the mode the push came in.
Anything WeChat would not send is turned away with a short plain-text 4xx and a log line; a
failure while answering a genuine push still gets a polite text, never WeChat's error screen.
"""

import logging
import re
import time
from dataclasses import dataclass

from flask import Blueprint, Response, current_app, request
from wechatpy import parse_message
from wechatpy.crypto import WeChatCrypto
from wechatpy.exceptions import InvalidAppIdException, InvalidSignatureException
from wechatpy.utils import check_signature

from .. import chat
from ..chat import Reply
from ..ops import logs, metrics
from ..ops.hot_reload import get_knowledge
from ..state import get_store
from . import replies
from .retry import NOTHING, RetryClaims, retry_key

log = logging.getLogger(__name__)
bp = Blueprint("webhook", __name__)

# What XML allows before the root element besides a DTD: whitespace, <?...?> and comments.
PROLOG_ITEM = re.compile(r"\s+|<\?.*?\?>|<!--.*?-->", re.S)


class Rejected(Exception):
    """A request WeChat would not have sent: answered with `status`, logged with `reason`."""

    def __init__(self, status: int, reason: str):
        super().__init__(reason)
        self.status = status
        self.reason = reason


@bp.errorhandler(Rejected)
def rejected(exc: Rejected):
    logs.rejected(exc.status, exc.reason)
    return Response(exc.reason, exc.status, mimetype="text/plain")


@bp.get("/wechat")
def verify():
    """WeChat checks the URL once when the account's server settings are saved."""
    _check_url_signature()
    return Response(request.args.get("echostr", ""), mimetype="text/plain")


@bp.post("/wechat")
def receive():
    """One push from WeChat, answered in the mode it came in.

    The one way through: the body is checked and opened here (size, DTD, signature, AES), the
    retry claim (web/retry.py) decides whether this delivery answers or repeats the first
    reply, `replies.reply_to` hands a question to the follower's conversation (bot/chat), which
    asks the engine, and the Reply that comes back is rendered here as XML, encrypted if the push
    was. A failure while answering a genuine push still gets a polite text, never a 500.
    """
    started = time.perf_counter()
    encrypted = request.args.get("encrypt_type", "raw").lower() == "aes"
    body = _read_body()
    crypto = None
    if encrypted:
        body, crypto = _decrypt(body)
    else:
        _check_url_signature()
    msg = _parse(body)
    msg_type = replies.kind(msg)
    metrics.message_received(msg.event if msg.type == "event" else msg.type)
    outcome = _answer_once(msg, msg_type)
    if outcome.retry:
        metrics.retry_deduplicated()
    reply_xml = outcome.xml
    if crypto is not None and reply_xml != NOTHING:
        reply_xml = crypto.encrypt_message(reply_xml, request.args.get("nonce", ""),
                                           request.args.get("timestamp", "") or None)
    seconds = time.perf_counter() - started
    metrics.observe_latency(seconds)
    logs.message(msg_type, msg.source, seconds * 1000, reply=outcome.reply,
                 mode="aes" if encrypted else "plain", retry=outcome.retry, failed=outcome.failed)
    return Response(reply_xml, mimetype="application/xml" if reply_xml != NOTHING else "text/plain")


@dataclass
class Outcome:
    """What one delivery of a push came to: the XML to send and what the log line needs."""

    xml: str
    reply: Reply | None = None
    failed: bool = False
    retry: bool = False


def _answer_once(msg, msg_type: str) -> Outcome:
    """The first delivery answers and keeps its reply for WeChat's retries; a retry repeats it.

    A question costs two round trips to the store: its claim with the follower's rate count and
    session (one script), then its reply with the session it leaves (one pipeline)."""
    claims = RetryClaims(get_store())
    key = retry_key(msg)
    turn = chat.start(msg.source) if replies.converses(msg) else None
    try:
        earlier = claims.claim(key, turn)
        claimed = earlier is None
    except Exception:  # the store itself failed: answer anyway, without protection from a double answer
        log.exception("retry claim failed for a %s push; answering without it", msg_type)
        earlier, claimed = None, False
    if earlier is not None:
        return Outcome(earlier, retry=True)
    try:
        outcome = _answer(msg, msg_type, turn)
    except BaseException:
        if claimed:
            claims.release(key, turn)  # let WeChat's retry try again instead of waiting on nothing
        raise
    if claimed:
        try:
            claims.finish(key, outcome.xml, turn)
        except Exception:
            log.exception("could not keep the reply of a %s push for its retries", msg_type)
    return outcome


def _answer(msg, msg_type: str, turn) -> Outcome:
    """The reply to one push as XML; an apology if answering it failed."""
    try:
        engine = get_knowledge().engine  # taken once: a reload can't split a reply
        reply = replies.reply_to(msg, engine, turn)
    except Exception:
        log.exception("answering a %s push failed", msg_type)
        return Outcome(replies.render(replies.APOLOGY, msg), failed=True)
    # WeChat calls an empty <Content> malformed and shows its error screen; "success" shows nothing.
    xml = replies.render(reply.text, msg) if (reply.text or "").strip() else NOTHING
    return Outcome(xml, reply)


def _check_fresh():
    """403 for a signed request whose timestamp is further from our clock than MAX_REQUEST_AGE.

    A captured request stays validly signed forever; WeChat signs each push as it sends it, so an
    old (or future) timestamp is a replay, or a clock that has drifted: the log line says both."""
    max_age = current_app.config["MAX_REQUEST_AGE"]
    if not max_age:
        return
    try:
        skew = time.time() - int(request.args.get("timestamp", ""))
    except ValueError:
        raise Rejected(400, "timestamp is not a number") from None
    if abs(skew) > max_age:
        raise Rejected(403, f"timestamp {skew:+.0f} s from this server's clock (a replay, or clock skew: "
                            f"check NTP; MAX_REQUEST_AGE={max_age})")


def _check_url_signature():
    try:
        check_signature(current_app.config["WECHAT_TOKEN"], request.args.get("signature", ""),
                        request.args.get("timestamp", ""), request.args.get("nonce", ""))
    except InvalidSignatureException:
        raise Rejected(403, "bad signature") from None
    _check_fresh()


def _read_body() -> str:
    """The body as text, refused before any parser sees it if it could carry a DTD."""
    try:
        raw = request.get_data(cache=True)  # a Content-Length over the limit: Flask answers 413 itself
    except OSError:  # the server's BODY_TIMEOUT: the client stopped sending mid-body
        raise Rejected(408, "request body stalled") from None
    if len(raw) > current_app.config["MAX_BODY_BYTES"]:
        raise Rejected(413, "body too large")
    if not raw.strip():
        raise Rejected(400, "empty body")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Rejected(400, "body is not UTF-8") from None
    _refuse_dtd(text)
    return text


def _refuse_dtd(text: str):
    """400 for a <!DOCTYPE ...> (and so any <!ENTITY>) before the root element.

    Entity tricks (XXE, billion laughs) need a DTD, and XML allows one only there; a follower
    who types "<!DOCTYPE html>" sends it inside <Content><![CDATA[...]]>, which is fine.
    """
    pos = 1 if text.startswith("\ufeff") else 0
    while item := PROLOG_ITEM.match(text, pos):
        pos = item.end()
    if text.startswith("<!", pos):
        raise Rejected(400, "DOCTYPE/ENTITY not allowed")


def _cryptos() -> list[WeChatCrypto]:
    """The current EncodingAESKey first, then the one before a rotation."""
    config = current_app.config
    keys = [config["WECHAT_AES_KEY"], config["WECHAT_AES_KEY_PREVIOUS"]]
    return [WeChatCrypto(config["WECHAT_TOKEN"], key, config["WECHAT_APPID"]) for key in keys if key]


def _decrypt(body: str) -> tuple[str, WeChatCrypto]:
    """The inner XML of a safe- or compatible-mode push, and the crypto that opened it."""
    cryptos = _cryptos()
    if not cryptos:
        raise Rejected(400, "encrypted push but WECHAT_AES_KEY is not set")
    signature = request.args.get("msg_signature", "")
    timestamp, nonce = request.args.get("timestamp", ""), request.args.get("nonce", "")
    if not signature:
        raise Rejected(403, "missing msg_signature")
    reason = "cannot decrypt"
    for crypto in cryptos:
        try:
            inner = crypto.decrypt_message(body, signature, timestamp, nonce)
        except InvalidSignatureException:
            raise Rejected(403, "bad msg_signature") from None
        except InvalidAppIdException:
            reason = "wrong AppId (or EncodingAESKey)"
            continue
        except Exception as exc:  # malformed XML, no <Encrypt>, bad base64 or padding
            reason = f"cannot decrypt: {type(exc).__name__}"
            continue
        _check_fresh()  # signed by WeChat, but when?
        _refuse_dtd(inner)
        return inner, crypto
    raise Rejected(400, reason)


def _parse(xml: str):
    """wechatpy's message object, or 400 when the XML is not a push WeChat could have sent."""
    try:
        msg = parse_message(xml)
        ok_source = isinstance(msg.source, str) and msg.source.strip() != ""
        _ = (msg.id, msg.time)  # converted now, so a non-numeric MsgId is a 400 rather than a 500 later
    except KeyError as exc:
        raise Rejected(400, f"missing {exc.args[0]}") from None
    except Exception as exc:  # wechatpy raises ExpatError/TypeError/AttributeError/ValueError for junk
        raise Rejected(400, f"malformed message: {type(exc).__name__}") from None
    if not ok_source:
        raise Rejected(400, "missing FromUserName")
    if not msg.id and msg.time is None:
        raise Rejected(400, "missing MsgId and CreateTime")
    return msg

"""/wechat: WeChat's server verification (GET) and message push (POST).

(First cut: plaintext text messages only.)
"""

from flask import Blueprint, abort, current_app, request
from wechatpy import create_reply, parse_message
from wechatpy.exceptions import InvalidSignatureException
from wechatpy.utils import check_signature

bp = Blueprint("webhook", __name__)


def _verify():
    try:
        check_signature(current_app.config["WECHAT_TOKEN"], request.args.get("signature", ""),
                        request.args.get("timestamp", ""), request.args.get("nonce", ""))
    except InvalidSignatureException:
        abort(403)


@bp.get("/wechat")
def verify():
    _verify()
    return request.args.get("echostr", "")


@bp.post("/wechat")
def receive():
    _verify()
    msg = parse_message(request.get_data())
    if msg.type != "text":
        return "success"
    conversation = current_app.extensions["conversation"]
    engine = current_app.extensions["knowledge"].engine
    reply = conversation.handle_text(msg.source, msg.content, engine)
    return create_reply(reply.text, msg).render(), 200, {"Content-Type": "application/xml"}

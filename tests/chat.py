"""A follower typing into WeChat: signed plaintext text messages posted to /wechat."""

import hashlib
import itertools
import re
import time

TOKEN = "test-token"
_msg_ids = itertools.count(int(time.time() * 1000))


class Chat:
    """Posts signed messages for one follower; `say` returns the reply text ("" for silence)."""

    def __init__(self, openid: str = "o-follower-1", token: str = TOKEN):
        self.openid = openid
        self.token = token

    def post(self, client, text: str, msg_id: int | None = None):
        """The raw response to one delivery; pass the same `msg_id` to send a retry."""
        timestamp, nonce = str(int(time.time())), "8217"
        signature = hashlib.sha1("".join(sorted([self.token, timestamp, nonce])).encode()).hexdigest()
        msg_id = next(_msg_ids) if msg_id is None else msg_id
        body = (f"<xml><ToUserName><![CDATA[gh_test]]></ToUserName>"
                f"<FromUserName><![CDATA[{self.openid}]]></FromUserName>"
                f"<CreateTime>{timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                f"<Content><![CDATA[{text}]]></Content><MsgId>{msg_id}</MsgId></xml>")
        return client.post(f"/wechat?signature={signature}&timestamp={timestamp}&nonce={nonce}"
                           f"&openid={self.openid}", data=body.encode(), content_type="text/xml")

    def say(self, client, text: str, msg_id: int | None = None) -> str:
        response = self.post(client, text, msg_id)
        assert response.status_code == 200, response.get_data(as_text=True)
        return content(response.get_data(as_text=True))


def content(body: str) -> str:
    """The text of a reply XML; "" for an empty body or "success" (WeChat shows nothing)."""
    if body in ("", "success"):
        return ""
    match = re.search(r"<Content><!\[CDATA\[(.*?)\]\]></Content>", body, re.S)
    assert match, f"not a text reply: {body!r}"
    return match.group(1)

"""WeChat's side of a chat: pushes built and signed as WeChat's servers do, and replies read back.

`WeChat` makes the XML, the URL signature and (safe or compatible mode) the AES envelope;
`Chat` sends them to one app's test client; `Follower` is one follower whose messages may
land on any replica. Every test that talks to /wechat builds its pushes here.
"""

import hashlib
import itertools
import time
import xml.etree.ElementTree as ET
from urllib.parse import urlencode

import xmltodict
from wechatpy.crypto import WeChatCrypto

TOKEN = "test-token"
APPID = "wx0123456789abcdef"
AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"  # the official sample EncodingAESKey
_msg_ids = itertools.count(6054768590064713728)


class WeChat:
    """Builds pushes the way WeChat's servers do: real XML, real signatures, real AES.

    `push(xml)` gives (path with query, body bytes) for any HTTP client; `read(body)` gives
    the reply as a dict, decrypted first when it is an encrypted envelope.
    """

    def __init__(self, token=TOKEN, appid=APPID, aes_key=AES_KEY, openid="oFollower0001"):
        self.token, self.appid, self.aes_key, self.openid = token, appid, aes_key, openid

    def signature(self, *parts) -> str:
        return hashlib.sha1("".join(sorted(parts)).encode()).hexdigest()

    def verify_path(self, echostr="echo-123", timestamp=None, nonce="1320562132") -> str:
        timestamp = timestamp or str(int(time.time()))
        sig = self.signature(self.token, timestamp, nonce)
        return "/wechat?" + urlencode({"signature": sig, "timestamp": timestamp, "nonce": nonce,
                                       "echostr": echostr})

    def push(self, xml: str, mode="plain", timestamp=None, nonce="1320562132") -> tuple[str, bytes]:
        """mode: "plain", "safe" (only <Encrypt>) or "compatible" (plain fields + <Encrypt>)."""
        timestamp = timestamp or str(int(time.time()))
        params = {"signature": self.signature(self.token, timestamp, nonce), "timestamp": timestamp,
                  "nonce": nonce, "openid": self.openid}
        body = xml
        if mode != "plain":
            sealed = xmltodict.parse(self.crypto().encrypt_message(xml, nonce, timestamp))["xml"]
            params.update(encrypt_type="aes", msg_signature=sealed["MsgSignature"])
            encrypt = f"<Encrypt><![CDATA[{sealed['Encrypt']}]]></Encrypt>"
            body = (xml.replace("</xml>", encrypt + "</xml>") if mode == "compatible" else
                    f"<xml><ToUserName><![CDATA[gh_test]]></ToUserName>{encrypt}</xml>")
        return "/wechat?" + urlencode(params), body.encode()

    def crypto(self, aes_key=None) -> WeChatCrypto:
        return WeChatCrypto(self.token, aes_key or self.aes_key, self.appid)

    def read(self, body, aes_key=None) -> dict:
        text = body.decode() if isinstance(body, bytes) else body
        outer = xmltodict.parse(text)["xml"]
        if "Encrypt" not in outer:
            return outer
        inner = self.crypto(aes_key).decrypt_message(text, outer["MsgSignature"], outer["TimeStamp"],
                                                     outer["Nonce"])
        return dict(xmltodict.parse(inner)["xml"], encrypted=True)

    def message(self, msg_type: str, fields: str = "", msg_id=None, openid=None, create_time=None) -> str:
        msg_id = next(_msg_ids) if msg_id is None else msg_id
        return ("<xml><ToUserName><![CDATA[gh_test]]></ToUserName>"
                f"<FromUserName><![CDATA[{openid or self.openid}]]></FromUserName>"
                f"<CreateTime>{create_time or int(time.time())}</CreateTime>"
                f"<MsgType><![CDATA[{msg_type}]]></MsgType>{fields}<MsgId>{msg_id}</MsgId></xml>")

    def text(self, content: str, **kw) -> str:
        return self.message("text", f"<Content><![CDATA[{content}]]></Content>", **kw)

    def event(self, event: str, key=None, openid=None, create_time=None) -> str:
        key_xml = "" if key is None else f"<EventKey><![CDATA[{key}]]></EventKey>"
        return ("<xml><ToUserName><![CDATA[gh_test]]></ToUserName>"
                f"<FromUserName><![CDATA[{openid or self.openid}]]></FromUserName>"
                f"<CreateTime>{create_time or int(time.time())}</CreateTime>"
                f"<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[{event}]]></Event>{key_xml}</xml>")


class Chat:
    """A WeChat that sends through one app's test client: `chat.say("…")` -> reply dict."""

    def __init__(self, client, wechat: WeChat):
        self.client, self.wechat = client, wechat

    def send(self, xml: str, mode="plain", **kw):
        path, body = self.wechat.push(xml, mode, **kw)
        return self.client.post(path, data=body, content_type="text/xml")

    def say(self, content: str, mode="plain", **kw) -> dict:
        response = self.send(self.wechat.text(content, **kw), mode)
        assert response.status_code == 200, response.get_data(as_text=True)
        return self.wechat.read(response.get_data())


class Follower:
    """One follower whose messages may reach any replica: `say(client, text)` -> reply text."""

    def __init__(self, openid: str = "o-follower-1"):
        self.wechat = WeChat(openid=openid)

    def post(self, client, text: str, msg_id: int | None = None):
        """The raw response to one delivery; pass the same `msg_id` to send a retry."""
        path, body = self.wechat.push(self.wechat.text(text, msg_id=msg_id))
        return client.post(path, data=body, content_type="text/xml")

    def say(self, client, text: str, msg_id: int | None = None) -> str:
        response = self.post(client, text, msg_id)
        assert response.status_code == 200, response.get_data(as_text=True)
        return content(response.get_data(as_text=True))


def content(body: str) -> str:
    """The text of a plaintext reply; "" for an empty body or "success" (WeChat shows nothing)."""
    if body in ("", "success"):
        return ""
    reply = ET.fromstring(body)  # exact text: xmltodict would strip the ends
    assert reply.findtext("MsgType") == "text", f"not a text reply: {body!r}"
    return reply.findtext("Content") or ""

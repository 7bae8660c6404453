"""Shared fixtures: real knowledge files, a real app, real signatures, real AES, a real Redis."""

import hashlib
import itertools
import os
import shutil
import socket
import subprocess
import time
from urllib.parse import urlencode

import pytest
import redis
import xmltodict
from wechatpy.crypto import WeChatCrypto

from bot import create_app

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KNOWLEDGE = os.path.join(ROOT, "knowledge")

TOKEN = "test-token"
APPID = "wx0123456789abcdef"
AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"  # the official sample EncodingAESKey
_msg_ids = itertools.count(6054768590064713728)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(check, seconds: float, what: str):
    """Poll `check` until it is true; readiness only, never a speed assertion."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except Exception:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"{what} did not come up within {seconds} s")


class WeChat:
    """Builds pushes the way WeChat's servers do: real XML, real signatures, real AES.

    `push(xml)` gives (path with query, body bytes) for any HTTP client; `read(body)` gives
    the reply as a dict, decrypted first when it is an encrypted envelope.
    """

    def __init__(self, token=TOKEN, appid=APPID, aes_key=AES_KEY, openid="oFollower0001"):
        self.token, self.appid, self.aes_key, self.openid = token, appid, aes_key, openid

    def signature(self, *parts) -> str:
        return hashlib.sha1("".join(sorted(parts)).encode()).hexdigest()

    def verify_path(self, echostr="echo-123", timestamp="1409735669", nonce="1320562132") -> str:
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
    """A WeChat that sends through Flask's test client: `chat.say("…")` -> reply dict."""

    def __init__(self, client, wechat: WeChat):
        self.client, self.wechat = client, wechat

    def send(self, xml: str, mode="plain", **kw):
        path, body = self.wechat.push(xml, mode, **kw)
        return self.client.post(path, data=body, content_type="text/xml")

    def say(self, content: str, mode="plain", **kw) -> dict:
        response = self.send(self.wechat.text(content, **kw), mode)
        assert response.status_code == 200, response.get_data(as_text=True)
        return self.wechat.read(response.get_data())


@pytest.fixture
def kb(tmp_path):
    """A private copy of the shipped knowledge folder, safe to edit."""
    path = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, path)
    return path


def app_config(kb, **extra) -> dict:
    return {"KB_DIR": str(kb), "WECHAT_TOKEN": TOKEN, "WECHAT_APPID": APPID, "WECHAT_AES_KEY": AES_KEY,
            "REDIS_URL": "", **extra}


@pytest.fixture
def app(kb):
    return create_app(app_config(kb), environ={})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def wechat():
    return WeChat()


@pytest.fixture
def chat(client, wechat):
    return Chat(client, wechat)


@pytest.fixture(scope="session")
def redis_server():
    """A real redis-server from PATH on a free loopback port, for the whole test run."""
    if not shutil.which("redis-server"):
        pytest.fail("redis-server is not on PATH: apt-get install -y redis-server")
    port = free_port()
    proc = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    try:
        wait_until(client.ping, 10, "redis-server")
        yield url
    finally:
        client.close()
        proc.terminate()
        proc.wait()


@pytest.fixture
def redis_url(redis_server):
    """The test Redis, emptied before and after each test."""
    client = redis.Redis.from_url(redis_server)
    client.flushdb()
    yield redis_server
    client.flushdb()
    client.close()

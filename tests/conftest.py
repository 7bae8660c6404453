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
REDIS_SERVER = "redis-server"  # on PATH; /usr/bin/redis-server on the build machines
LONG_QUESTION = "西部办公室做过哪些工作"
LONG_ANSWER = "".join(f"第{n}项：西部办公室为西部地区建筑节能与绿色低碳发展提供沟通交流平台和协调机制。"
                      for n in range(1, 61))  # about 7,000 bytes: four WeChat replies

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
def long_kb(kb):
    """The shipped knowledge plus one FAQ entry too long for one WeChat reply (LONG_ANSWER)."""
    (kb / "faq" / "long.txt").write_text(f"问：{LONG_QUESTION}\n答：{LONG_ANSWER}\n", encoding="utf-8")
    return kb


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


class RedisServer:
    """A real redis-server on a free loopback port, without persistence, owned by the tests."""

    def __init__(self, tmp_dir):
        if not shutil.which(REDIS_SERVER):
            pytest.fail(f"{REDIS_SERVER} not found: the store tests need a real Redis "
                        "(apt-get install redis-server)", pytrace=False)
        self.dir = str(tmp_dir)
        os.makedirs(self.dir, exist_ok=True)
        self.log = os.path.join(self.dir, "redis.log")
        self.port = free_port()
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        """Start (or restart, on the same port) and wait until it answers PING."""
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", self.dir, "--daemonize", "no", "--loglevel", "warning", "--logfile", self.log,
             "--enable-debug-command", "local"],  # DEBUG SLEEP plays a slow Redis
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        client = redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=1)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    with open(self.log, encoding="utf-8", errors="replace") as f:
                        tail = f.read()[-2000:]
                    pytest.fail(f"redis-server did not start on port {self.port}:\n{tail}", pytrace=False)
                time.sleep(0.05)
            finally:
                client.close()
        return self

    def stop(self):
        """Stop it the hard way (SIGKILL), as a crash or a network cut would."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory):
    server = RedisServer(tmp_path_factory.mktemp("redis")).start()
    yield server
    server.stop()


@pytest.fixture
def redis_url(redis_server):
    """The URL of the session's real Redis, emptied before and after each test."""
    client = redis.Redis.from_url(redis_server.url)
    client.flushdb()
    yield redis_server.url
    client.flushdb()
    client.close()

"""`python -m bot serve` as a real process under gunicorn, chatted with over real HTTP on loopback."""

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import urllib.error
import urllib.request

import pytest
from conftest import AES_KEY, APPID, ROOT, TOKEN, WeChat, free_port, wait_until

WEST = "西部地区建筑绿色低碳发展协调推进办公室"


class Served:
    """One `python -m bot serve` process and a tiny urllib client for it."""

    def __init__(self, env: dict, log_path):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self._log = open(log_path, "wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "serve", "--host", "127.0.0.1", "--port", str(self.port)],
            cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT)
        wait_until(self._ready, 60, f"bot serve (log: {self.log()})")

    def _ready(self) -> bool:
        if self.proc.poll() is not None:
            raise AssertionError(f"bot serve exited early:\n{self.log()}")
        return self.request("GET", "/healthz")[0] == 200

    def request(self, method: str, path: str, body: bytes | None = None) -> tuple[int, bytes]:
        request = urllib.request.Request(self.base + path, data=body, method=method,
                                         headers={"Content-Type": "text/xml"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            with error:
                return error.code, error.read()

    def push(self, wechat: WeChat, xml: str, mode="plain") -> tuple[int, bytes]:
        path, body = wechat.push(xml, mode)
        return self.request("POST", path, body)

    def log(self) -> str:
        if not self._log.closed:
            self._log.flush()
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def json_lines(self) -> list[dict]:
        return [json.loads(line) for line in self.log().splitlines() if line.startswith("{")]

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()
        return self.proc.returncode


@pytest.fixture
def serve(kb, tmp_path):
    """Start `python -m bot serve` with settings as environment variables (None = unset)."""
    running = []

    def start(**settings) -> Served:
        env = {"PATH": os.environ.get("PATH", ""), "KB_DIR": str(kb), "WECHAT_TOKEN": TOKEN,
               "WECHAT_APPID": APPID, "WECHAT_AES_KEY": AES_KEY, "LANG": "C.UTF-8"}
        env.update({k: str(v) for k, v in settings.items() if v is not None})
        for key in [k for k, v in settings.items() if v is None]:
            env.pop(key, None)
        served = Served(env, tmp_path / f"serve-{len(running)}.log")
        running.append(served)
        return served

    yield start
    for served in running:
        served.stop()


def test_served_bot_chats_over_real_http(serve, wechat):
    bot = serve()
    assert bot.request("GET", wechat.verify_path(echostr="hello-wechat")) == (200, b"hello-wechat")

    status, body = bot.push(wechat, wechat.text("西部办公室是什么？"))
    assert status == 200 and WEST in wechat.read(body)["Content"]

    status, body = bot.push(wechat, wechat.text("西部办公室是什么？😀"), mode="safe")
    assert status == 200 and WEST in wechat.read(body)["Content"]

    retry = wechat.text("明天会下雨吗")
    first, again = bot.push(wechat, retry), bot.push(wechat, retry)
    assert first == again and first[0] == 200

    health = json.loads(bot.request("GET", "/healthz")[1])
    assert health["status"] == "ok" and health["knowledge"]["faq"] >= 1

    assert bot.request("POST", wechat.push("")[0], b"<!DOCTYPE x><xml/>")[0] == 400
    assert bot.stop() == 0

    lines = bot.json_lines()
    messages = [line for line in lines if line["event"] == "message"]
    assert [m["retry"] for m in messages] == [False, False, False, True]
    assert any(line["event"] == "rejected" for line in lines)
    assert "gunicorn" in bot.log().lower() and "Werkzeug" not in bot.log()
    assert TOKEN not in bot.log() and AES_KEY not in bot.log()


def test_chunked_oversized_body_is_413(serve, wechat):
    bot = serve()
    connection = http.client.HTTPConnection("127.0.0.1", bot.port, timeout=10)
    try:
        chunks = (b"<xml>" + b"x" * 8192 for _ in range(12))  # ~96 KiB, no Content-Length
        connection.request("POST", wechat.push("")[0], body=chunks, encode_chunked=True)
        response = connection.getresponse()
        assert response.status == 413
        assert b"Traceback" not in response.read()
    finally:
        connection.close()


def test_unset_token_is_random_and_logged_so_a_local_trial_works(serve, wechat):
    bot = serve(WECHAT_TOKEN=None)
    found = re.search(r"random token for this run only: (\S+)", bot.log())
    assert found and "WeChat console" in bot.log()
    assert bot.request("GET", wechat.verify_path())[0] == 403  # the old test token no longer works
    local = WeChat(token=found.group(1))
    assert bot.request("GET", local.verify_path(echostr="ok"))[1] == b"ok"
    status, body = bot.push(local, local.text("西部办公室是什么？"))
    assert status == 200 and WEST in local.read(body)["Content"]


def test_two_workers_share_retries_through_redis(serve, wechat, redis_url):
    bot = serve(REDIS_URL=redis_url, WEB_CONCURRENCY=2, GUNICORN_THREADS=2)
    xml = wechat.text("西部办公室是什么？")
    bodies = {bot.push(wechat, xml) for _ in range(8)}
    assert len(bodies) == 1
    assert bot.log().count("Booting worker") == 2


def test_without_redis_one_worker_is_used(serve):
    bot = serve(WEB_CONCURRENCY=3)
    assert "running 1 gunicorn worker instead of 3" in bot.log()
    assert bot.log().count("Booting worker") == 1

"""`python -m bot serve` as a real process under gunicorn, chatted with over real HTTP on loopback."""

import contextlib
import http.client
import re

import pytest
from served import LOOPBACK, serve_bot
from wechat_client import AES_KEY, APPID, TOKEN, WeChat

pytestmark = pytest.mark.slow  # real servers or a browser: `pytest -m 'not slow'` skips them

WEST = "西部地区建筑绿色低碳发展协调推进办公室"


@pytest.fixture
def serve(kb, tmp_path):
    """Start `python -m bot serve` with settings as environment variables (None = unset)."""
    with contextlib.ExitStack() as running:

        def start(**settings):
            env = {"KB_DIR": str(kb), "WECHAT_TOKEN": TOKEN, "WECHAT_APPID": APPID, "WECHAT_AES_KEY": AES_KEY,
                   **settings}
            return running.enter_context(serve_bot(tmp_path, env))

        yield start


def test_served_bot_chats_over_real_http(serve, wechat):
    bot = serve()
    assert bot.get(wechat.verify_path(echostr="hello-wechat")) == (200, "hello-wechat")

    status, body = bot.push(wechat, wechat.text("西部办公室是什么？"))
    assert status == 200 and WEST in wechat.read(body)["Content"]

    status, body = bot.push(wechat, wechat.text("西部办公室是什么？😀"), mode="safe")
    assert status == 200 and WEST in wechat.read(body)["Content"]

    retry = wechat.text("明天会下雨吗")
    first, again = bot.push(wechat, retry), bot.push(wechat, retry)
    assert first == again and first[0] == 200

    health = bot.get_json("/healthz")[1]
    assert health["status"] == "ok" and health["knowledge"]["faq"] >= 1

    assert bot.post(wechat.push("")[0], b"<!DOCTYPE x><xml/>")[0] == 400
    assert bot.stop() == 0

    lines = bot.json_lines()
    messages = [line for line in lines if line.get("event") == "message"]
    assert [m["retry"] for m in messages] == [False, False, False, True]
    assert any(line.get("event") == "rejected" for line in lines)
    [start] = [line for line in lines if line.get("event") == "reload"]  # one worker without Redis
    assert (start["ok"], start["trigger"], start["errors"]) == (True, "start", [])
    assert any(line["logger"] == "gunicorn.error" and "Booting worker" in line["message"] for line in lines)
    assert "gunicorn" in bot.output().lower() and "Werkzeug" not in bot.output()
    assert TOKEN not in bot.output() and AES_KEY not in bot.output()
    assert wechat.openid not in bot.output()  # hashed in message lines; no access lines with the URL


def test_chunked_oversized_body_is_413(serve, wechat):
    bot = serve()
    connection = http.client.HTTPConnection(LOOPBACK, bot.port, timeout=10)
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
    found = re.search(r"random token for this run only: (\S+)", bot.output())
    assert found and "WeChat console" in bot.output()
    assert bot.get(wechat.verify_path())[0] == 403  # the old test token no longer works
    local = WeChat(token=found.group(1))
    assert bot.get(local.verify_path(echostr="ok"))[1] == "ok"
    status, body = bot.push(local, local.text("西部办公室是什么？"))
    assert status == 200 and WEST in local.read(body)["Content"]


def test_two_workers_share_retries_through_redis(serve, wechat, redis_url):
    bot = serve(REDIS_URL=redis_url, WEB_CONCURRENCY=2, GUNICORN_THREADS=2)
    xml = wechat.text("西部办公室是什么？")
    bodies = {bot.push(wechat, xml) for _ in range(8)}
    assert len(bodies) == 1
    assert bot.workers_booted(2) == 2


def test_without_redis_one_worker_is_used(serve):
    bot = serve(WEB_CONCURRENCY=3)
    assert "running 1 gunicorn worker instead of 3" in bot.output()
    assert bot.output().count("Booting worker") == 1


def test_the_readmes_staff_curl_example_works_against_the_server(serve):
    """The README's `curl … Bearer …` line, run as written against a real server."""
    import subprocess

    from served import ROOT

    with open(f"{ROOT}/README.md", encoding="utf-8") as f:
        readme = f.read()
    line = re.search(r"`(curl -G -H \"Authorization: Bearer \$ADMIN_TOKEN\"[^`]+)`", readme).group(1)
    bot = serve(ADMIN_TOKEN="staff-secret")
    command = line.replace("http://127.0.0.1:8080", bot.base)
    done = subprocess.run(["bash", "-c", command], env={"ADMIN_TOKEN": "staff-secret", "PATH": "/usr/bin:/bin"},
                          capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    assert WEST in done.stdout


def _stalled_upload(port: int):
    """A connection that sends its headers and part of its body, then goes quiet."""
    import socket

    sock = socket.create_connection((LOOPBACK, port))
    sock.sendall(b"POST /wechat?signature=x&timestamp=1&nonce=2 HTTP/1.1\r\nHost: bot\r\n"
                 b"Content-Type: text/xml\r\nContent-Length: 4000\r\n\r\n<xml><ToUserName>")
    return sock


def test_stalled_uploads_do_not_hold_the_threads_a_question_needs(serve):
    """More stalled uploads than threads: a real question is still answered (the body times out)."""
    bot = serve(GUNICORN_THREADS=2)
    stalled = [_stalled_upload(bot.port) for _ in range(6)]
    try:
        status, reply = bot.ask("西部办公室是什么？")
        assert status == 200 and WEST in reply
    finally:
        for sock in stalled:
            sock.close()


def test_after_sigterm_a_connection_is_served_or_refused_never_reset(serve):
    """docker stop during traffic: no request may be cut off after it was sent."""
    import signal
    import socket
    import time

    bot = serve(WEB_CONCURRENCY=1, GUNICORN_THREADS=4)
    request = b"GET /healthz HTTP/1.1\r\nHost: bot\r\nConnection: close\r\n\r\n"
    outcomes = {"served": 0, "refused": 0, "reset": 0}
    # A follower's kept-alive connection: the worker lingers on it after SIGTERM, as under traffic
    kept = socket.create_connection((LOOPBACK, bot.port), timeout=5)
    kept.sendall(b"GET /healthz HTTP/1.1\r\nHost: bot\r\n\r\n")
    assert kept.recv(65536).startswith(b"HTTP/1.1 200")
    bot.process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + 2.5
    while time.monotonic() < deadline and bot.process.poll() is None:
        try:
            sock = socket.create_connection((LOOPBACK, bot.port), timeout=5)
        except ConnectionRefusedError:
            outcomes["refused"] += 1
            time.sleep(0.02)
            continue
        try:
            sock.sendall(request)
            answer = sock.recv(65536)
            outcomes["served" if answer.startswith(b"HTTP/1.1 ") else "reset"] += 1
        except (ConnectionResetError, BrokenPipeError):
            outcomes["reset"] += 1
        finally:
            sock.close()
        time.sleep(0.02)
    kept.close()
    assert outcomes["reset"] == 0, outcomes
    assert outcomes["refused"] > 0, outcomes

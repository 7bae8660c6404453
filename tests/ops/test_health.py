"""/healthz, /readyz, /metrics, POST /admin/reload, and a graceful stop on SIGTERM."""

import os
import re
import signal
import socket
import time

import pytest
from conftest import app_config
from prometheus_client.parser import text_string_to_metric_families
from served import RedisServer, serve_bot
from wechat_client import Chat, WeChat

from bot import create_app
from bot.engine.reading.knowledge import load_knowledge
from bot.ops import metrics
from bot.ops.hot_reload import get_knowledge

QUESTION = "西部办公室是什么？"
ANSWER = "西部地区建筑绿色低碳发展协调推进办公室"


def make_app(kb, **config):
    return create_app(app_config(kb, **config), environ={})


def samples(client) -> dict:
    """{(name, sorted labels): value} from the real /metrics page."""
    response = client.get("/metrics")
    assert response.status_code == 200 and response.content_type.startswith("text/plain")
    families = text_string_to_metric_families(response.get_data(as_text=True))
    return {(s.name, tuple(sorted(s.labels.items()))): s.value for family in families for s in family.samples}


class Change:
    """What happened on the /metrics page between `with Change(client) as change:` and its end."""

    def __init__(self, client):
        self.client = client

    def __enter__(self):
        self.before = samples(self.client)
        return self

    def __exit__(self, *exc):
        self.after = samples(self.client)

    def __call__(self, name: str, **labels) -> float:
        key = (name, tuple(sorted(labels.items())))
        return self.after.get(key, 0) - self.before.get(key, 0)


def test_healthz_shows_the_knowledge_served_and_that_redis_is_absent(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok" and body["redis"] == "absent"
    knowledge = body["knowledge"]
    assert knowledge["faq"] >= 1 and knowledge["articles"] >= 1 and len(knowledge["version"]) == 12
    assert knowledge["last_reload"]["trigger"] == "start" and knowledge["last_error"] is None
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", knowledge["loaded_at"])


def test_ready_with_knowledge_and_no_redis(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_json()["ready"] is True


def test_not_ready_with_empty_knowledge_but_still_alive(tmp_path):
    (tmp_path / "empty").mkdir()
    client = make_app(tmp_path / "empty").test_client()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["reasons"] == ["knowledge is empty"]
    assert client.get("/healthz").status_code == 200
    assert client.get("/healthz").get_json()["knowledge"]["last_error"]["count"] >= 1


def test_redis_reachable_then_gone(tmp_path, kb):
    server = RedisServer(tmp_path).start()
    try:
        client = make_app(kb, REDIS_URL=server.url).test_client()
        assert client.get("/readyz").get_json()["redis"] == "ok"
    finally:
        server.stop()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["reasons"] == ["redis unreachable"]
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.get_json()["redis"] == "degraded"
    assert health.get_json()["status"] == "degraded"


def test_metrics_api_shows_on_the_metrics_page(client):
    with Change(client) as delta:
        metrics.message_received("text")
        metrics.message_received("Not A Type!")
        metrics.answered(declined=False)
        metrics.answered(declined=True)
        metrics.observe_latency(0.3)
        metrics.retry_deduplicated()
        metrics.rate_limited()
    assert delta("bot_messages_total", kind="text") == 1
    assert delta("bot_messages_total", kind="other") == 1
    assert delta("bot_answers_total", result="answered") == 1
    assert delta("bot_answers_total", result="declined") == 1
    assert delta("bot_reply_seconds_bucket", le="0.5") == 1
    assert delta("bot_reply_seconds_bucket", le="0.25") == 0
    assert delta("bot_retries_deduplicated_total") == 1
    assert delta("bot_rate_limited_total") == 1
    assert delta.after[("bot_knowledge_items", (("kind", "faq"),))] >= 1


def test_signed_messages_show_on_the_metrics_page(kb, wechat):
    client = make_app(kb, RATE_LIMIT=3).test_client()
    chat = Chat(client, wechat)
    question = wechat.text(QUESTION)
    with Change(client) as delta:
        chat.send(question)
        chat.send(question)  # WeChat's retry: answered from the first reply
        chat.say("明天会下雨吗")
        chat.say(QUESTION)
        chat.say(QUESTION)  # the fourth message in the window: over RATE_LIMIT
        chat.send(wechat.event("subscribe"))
    assert delta("bot_messages_total", kind="text") == 5
    assert delta("bot_messages_total", kind="subscribe") == 1
    assert delta("bot_answers_total", result="answered") == 2
    assert delta("bot_answers_total", result="declined") == 1
    assert delta("bot_retries_deduplicated_total") == 1
    assert delta("bot_rate_limited_total") == 1
    assert delta("bot_reply_seconds_count") == 6


def test_admin_reload_does_not_exist_without_a_token(kb):
    client = make_app(kb, ADMIN_TOKEN="").test_client()
    assert client.post("/admin/reload", headers={"Authorization": "Bearer "}).status_code == 404


@pytest.mark.parametrize("header", [None, "Bearer wrong", "secret-admin-token", "Basic c2VjcmV0"])
def test_admin_reload_needs_the_bearer_token(kb, header):
    client = make_app(kb, ADMIN_TOKEN="secret-admin-token").test_client()
    response = client.post("/admin/reload", headers={"Authorization": header} if header else {})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_admin_reload_rebuilds_and_reports_refused_files(kb):
    client = make_app(kb, ADMIN_TOKEN="secret-admin-token").test_client()
    auth = {"Authorization": "Bearer secret-admin-token"}
    with Change(client) as delta:
        response = client.post("/admin/reload", headers=auth)
        assert response.status_code == 200
        assert response.get_json()["reloaded"] is True
        assert response.get_json()["knowledge"]["last_reload"]["trigger"] == "admin"

        with open(kb / "faq" / "west-office.txt", "a", encoding="utf-8") as f:
            f.write("\n问：没有答案的问题\n")
        response = client.post("/admin/reload", headers=auth)
        assert response.status_code == 422
        assert response.get_json()["knowledge"]["last_error"]["problems"][0].startswith("faq/west-office.txt:")
        assert ANSWER in get_knowledge(client.application).engine.answer(QUESTION).text
    assert delta("bot_knowledge_reloads_total") == delta("bot_knowledge_reload_failures_total") == 1


@pytest.mark.slow
def test_sigterm_lets_an_in_flight_request_finish(tmp_path, kb, redis_url):
    """docker stop sends SIGTERM while a reply is half received: that follower still gets the answer."""
    env = {"KB_DIR": str(kb), "REDIS_URL": redis_url, "WEB_CONCURRENCY": "2"}  # Redis: two workers
    with serve_bot(tmp_path, env) as served:
        assert served.workers_booted(2) == 2
        status, page = served.get("/metrics")
        faq = len(load_knowledge(str(kb)).faq)
        assert status == 200 and f'bot_knowledge_items{{kind="faq"}} {faq}.0' in page  # one series for both workers
        wechat = WeChat(token=served.token, openid="o-graceful")
        path, body = wechat.push(wechat.text(QUESTION))
        host, port = served.base.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=30) as conn:
            conn.sendall(f"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: text/xml\r\n"
                         f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode() + body[:40])
            time.sleep(0.5)  # the worker is now inside the app, reading the rest of the body
            served.process.terminate()
            deadline = time.monotonic() + 10
            while "Handling signal: term" not in served.output() and time.monotonic() < deadline:
                time.sleep(0.05)
            time.sleep(0.5)  # the master has passed SIGTERM on to the workers
            assert served.process.poll() is None  # still running: waiting for our request
            conn.sendall(body[40:])
            reply = b""
            while chunk := conn.recv(65536):
                reply += chunk
        assert served.process.wait(30) == 0
    head, _, content = reply.decode().partition("\r\n\r\n")
    assert head.startswith("HTTP/1.1 200")
    assert ANSWER in content


@pytest.mark.slow
def test_metric_files_are_wiped_at_start_and_a_dead_workers_gauges_dropped(tmp_path, kb):
    folder = tmp_path / "metrics"
    folder.mkdir()
    (folder / "counter_999999.db").write_bytes(b"left over from the last run")
    env = {"KB_DIR": str(kb), "WEB_CONCURRENCY": "2", "PROMETHEUS_MULTIPROC_DIR": str(folder)}
    with serve_bot(tmp_path, env) as served:
        assert not (folder / "counter_999999.db").exists()
        pid = served.get_json("/healthz")[1]["pid"]
        gauges, counters = folder / f"gauge_livemostrecent_{pid}.db", folder / f"counter_{pid}.db"
        assert gauges.exists() and counters.exists()
        os.kill(pid, signal.SIGKILL)  # a worker crash: gunicorn starts another one
        deadline = time.monotonic() + 10
        while gauges.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not gauges.exists()
        assert counters.exists()  # counts the dead worker made still add up in /metrics
        assert served.get("/readyz")[0] == 200

"""Two replicas (two apps) behind one real Redis: consecutive messages and retries of a
follower land on either, and the conversation carries on as if there were one.
"""

import threading
import time

import pytest
from click.testing import CliRunner
from conftest import LONG_ANSWER, LONG_QUESTION, ready_app
from served import RedisServer
from wechat_client import Follower, content

from bot import create_app
from bot.chat.paging import MORE_NOTE, paginate
from bot.cli import cli
from bot.engine.pipeline import Engine
from bot.engine.reading.knowledge import load_knowledge
from bot.ops.hot_reload import get_knowledge
from bot.state import create_store, get_store
from bot.web.retry import RetryClaims

WEST = "西部地区建筑绿色低碳发展协调推进办公室"

# Two more meetings beside the seed article, so that "which meeting?" has more than one answer.
MORE_NEWS = {
    "news/2024-05-20-chongqing-forum.txt": """协会动态
重庆市绿色建筑技术交流会在渝北召开
发布时间:2024-05-20
2024年5月18日，重庆市绿色建筑技术交流会在重庆悦来国际会议中心召开。会议由重庆市绿色建筑与建筑产业化协会秘书长陈琼主持，
协会会长王军致辞。来自30家企业的代表参加了会议。
""",
    "news/2024-09-12-xian-seminar.txt": """行业动态
陕西省建筑节能研讨会在西安举行
发布时间:2024-09-12
2024年9月10日，陕西省建筑节能研讨会在西安曲江国际会议中心举行。会议由陕西省建筑节能协会秘书长李荣主持，
西安市节能协会会长王军作了题为《既有建筑节能改造》的报告。
""",
}


@pytest.fixture
def replicas(long_kb, redis_url):
    """Two apps as two replicas would be: same settings, same Redis, nothing else shared."""
    kb = long_kb
    for name, text in MORE_NEWS.items():
        (kb / name).write_text(text, encoding="utf-8")
    config = {"KB_DIR": str(kb), "WECHAT_TOKEN": "test-token", "WECHAT_APPID": "wxtest", "REDIS_URL": redis_url}
    apps = ready_app(dict(config)), ready_app(dict(config))
    yield apps
    for app in apps:
        app.extensions["store"].close()


@pytest.fixture
def engine_calls(monkeypatch):
    """Every question either replica puts to its engine (the real Engine, counted)."""
    calls = []
    answer = Engine.answer

    def counted(self, question, context=None):
        calls.append(question)
        return answer(self, question, context)

    monkeypatch.setattr(Engine, "answer", counted)
    return calls


def test_retry_on_the_other_replica_gets_the_same_reply_from_one_engine_call(replicas, engine_calls):
    a, b = (app.test_client() for app in replicas)
    chat = Follower()
    first = chat.post(a, "西部办公室是什么？", msg_id=6054768590064713728)
    retry = chat.post(b, "西部办公室是什么？", msg_id=6054768590064713728)
    assert first.status_code == retry.status_code == 200
    assert WEST in content(first.get_data(as_text=True))
    assert retry.get_data() == first.get_data()
    assert engine_calls == ["西部办公室是什么？"]
    assert [(r["member"], r["count"]) for r in replicas[0].extensions["store"].tallies("hits")] == [
        ("faq:西部办公室", 1)]


def test_retry_arriving_while_the_first_delivery_works_waits_for_its_reply(replicas, monkeypatch):
    started, release = threading.Event(), threading.Event()
    calls = []
    answer = Engine.answer

    def slow(self, question, context=None):
        calls.append(question)
        started.set()
        release.wait(5)  # WeChat gave up on this delivery and retried on the other replica
        return answer(self, question, context)

    monkeypatch.setattr(Engine, "answer", slow)
    chat, bodies = Follower(), {}
    a, b = (app.test_client() for app in replicas)
    first = threading.Thread(target=lambda: bodies.setdefault("a", chat.post(a, "西部办公室是什么？", msg_id=77)))
    first.start()
    assert started.wait(5)
    retry = threading.Thread(target=lambda: bodies.setdefault("b", chat.post(b, "西部办公室是什么？", msg_id=77)))
    retry.start()
    time.sleep(0.2)  # let the retry reach its wait before the first delivery finishes
    release.set()
    first.join()
    retry.join()
    assert bodies["a"].status_code == bodies["b"].status_code == 200
    assert bodies["b"].get_data() == bodies["a"].get_data()
    assert WEST in content(bodies["a"].get_data(as_text=True))
    assert calls == ["西部办公室是什么？"]


def test_claim_across_replicas_runs_the_answer_once(replicas, engine_calls):
    """What the webhook does with a retry, driven through each replica's retry claims."""
    a, b = (RetryClaims(get_store(app)) for app in replicas)
    engine = get_knowledge(replicas[0]).engine
    assert a.claim("msg-1") is None  # replica a answers
    reply = paginate(engine.answer("西部办公室是什么？").text)[0]
    a.finish("msg-1", reply)
    assert WEST in reply
    assert b.claim("msg-1") == reply and a.claim("msg-1") == reply
    assert engine_calls == ["西部办公室是什么？"]


def test_more_continues_on_the_other_replica(replicas):
    a, b = (app.test_client() for app in replicas)
    chat = Follower()
    pages = [chat.say(a, LONG_QUESTION)]
    clients = [b, a, b, a]
    while pages[-1].endswith(MORE_NOTE):
        pages.append(chat.say(clients[len(pages) - 1], "更多"))
    assert len(pages) >= 3
    assert "".join(p.removesuffix(MORE_NOTE) for p in pages) == LONG_ANSWER


@pytest.mark.parametrize(("asks", "follow_up", "about"), [
    (["会议由谁主持", "谁主持了会议", "武涌是谁"], "他的职务", "person"),
    (["启动仪式哪天举行", "西部办公室哪天成立的"], "在哪里开的", "article"),
], ids=["who-then-title", "when-then-where"])
def test_follow_up_refers_to_the_answer_given_by_the_other_replica(replicas, asks, follow_up, about):
    """Engine contract: Answer.context says what an answer was about; the next question gets it."""
    engine = Engine(load_knowledge(replicas[0].config["KB_DIR"]))
    ask = next((q for q in asks if about in engine.answer(q).context), None)
    assert ask, f"the engine gives no {about!r} context for any of {asks}: follow-ups need Answer.context"
    context = engine.answer(ask).context
    expected = engine.answer(follow_up, context)
    assert expected.matched is not None, f"the engine does not resolve {follow_up!r} with context {context}"

    a, b = (app.test_client() for app in replicas)
    chat = Follower()
    assert chat.say(a, ask) == paginate(engine.answer(ask).text)[0]
    assert chat.say(b, follow_up) == paginate(expected.text)[0]


def test_numbered_choice_is_picked_on_the_other_replica(replicas):
    """Engine contract: an ambiguous question offers Answer.choices; a bare number picks one."""
    engine = Engine(load_knowledge(replicas[0].config["KB_DIR"]))
    asks = ["王军是谁", "会议在哪里开的", "会议由谁主持", "会长是谁", "秘书长是谁"]
    ask = next((q for q in asks if len(engine.answer(q).choices) >= 2), None)
    assert ask, f"the engine offers no numbered choices for any of {asks}"
    choice = engine.answer(ask).choices[1]
    expected = paginate(engine.answer(choice["question"], choice["context"]).text)[0]

    a, b = (app.test_client() for app in replicas)
    chat = Follower()
    assert "2" in chat.say(a, ask)  # the engine writes "回复 1、2 …" into the text
    assert chat.say(b, "２") == expected


def test_rate_limit_counts_messages_on_every_replica(replicas):
    for app in replicas:
        app.extensions["conversation"].limiter.limit = 4
    a, b = (app.test_client() for app in replicas)
    chat = Follower()
    replies = [chat.say(client, "西部办公室是什么？") for client in [a, b, a, b, a, b, a]]
    assert all(WEST in r for r in replies[:4])
    assert "消息有点多" in replies[4]
    assert replies[5:] == ["", ""]
    assert WEST in Follower("o-other").say(b, "西部办公室是什么？")


def test_staff_see_misses_and_hits_from_every_replica(replicas, redis_url, monkeypatch):
    a, b = (app.test_client() for app in replicas)
    Follower("o1").say(a, "明天会下雨吗？")
    Follower("o2").say(b, "明天會下雨嗎")
    Follower("o3").say(b, "食堂几点开门")
    Follower("o1").say(a, "西部办公室是什么？")
    for app in replicas:  # what a replica's flusher does every TALLY_FLUSH_INTERVAL seconds
        app.extensions["store"].flush()
    monkeypatch.setenv("REDIS_URL", redis_url)
    monkeypatch.setenv("WECHAT_APPID", "wxtest")
    runner = CliRunner()
    result = runner.invoke(cli, ["misses", "--top", "5"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "次数  首次              最近              问题"
    assert lines[1].startswith("   2  ") and lines[1].endswith("  明天会下雨吗")
    assert lines[2].startswith("   1  ") and lines[2].endswith("  食堂几点开门")
    assert len(lines) == 3 and "o1" not in result.output
    result = runner.invoke(cli, ["stats"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "已回答 1 次，未答 3 次（2 种问题，见 misses）"
    assert lines[2].startswith("   1  ") and lines[2].endswith("  faq:西部办公室")


def test_misses_without_redis_says_it_cannot_see_the_servers(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    result = CliRunner().invoke(cli, ["misses"])
    assert result.exit_code == 0
    assert result.output.startswith("REDIS_URL 未设置：服务用的是进程内存储")


def test_misses_with_redis_down_is_a_clear_error(monkeypatch, tmp_path):
    server = RedisServer(tmp_path)  # never started: nothing listens on its port
    monkeypatch.setenv("REDIS_URL", server.url)
    result = CliRunner().invoke(cli, ["misses"])
    assert result.exit_code == 1
    assert f"读不到 Redis（REDIS_URL={server.url}）" in result.output


def test_redis_stopped_mid_conversation(long_kb, tmp_path, caplog):
    """No 5xx and answers continue while Redis is down; /healthz says so; it recovers alone."""
    kb = long_kb
    server = RedisServer(tmp_path / "redis").start()
    config = {"KB_DIR": str(kb), "WECHAT_TOKEN": "test-token", "REDIS_URL": server.url,
              "REDIS_RETRY_INTERVAL": 0.2}
    apps = [create_app(dict(config), environ={}) for _ in range(2)]
    a, b = (app.test_client() for app in apps)
    chat = Follower()
    try:
        assert a.get("/healthz").get_json()["redis"] == "ok"
        assert chat.say(a, LONG_QUESTION).endswith(MORE_NOTE)

        server.stop()
        replies = [chat.post(client, text) for client, text in
                   [(b, "更多"), (a, "西部办公室是什么？"), (b, "西部办公室是什么？"), (a, "明天会下雨吗")]]
        assert [r.status_code for r in replies] == [200] * 4
        assert content(replies[0].get_data(as_text=True))  # a polite reply, even with the pages lost
        assert all(WEST in content(r.get_data(as_text=True)) for r in replies[1:3])
        health = b.get("/healthz")
        assert health.status_code == 200
        assert health.get_json()["redis"] == "degraded" and health.get_json()["status"] == "degraded"
        assert len([r for r in caplog.records if "Redis unavailable" in r.getMessage()]) == 2  # once per app

        server.start()  # same port
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and {c.get("/healthz").get_json()["redis"] for c in (a, b)} != {"ok"}:
            time.sleep(0.1)
        for client in (a, b):
            health = client.get("/healthz").get_json()
            assert (health["status"], health["redis"]) == ("ok", "ok")
        # Shared state again: pages asked for on one replica continue on the other.
        pages = [chat.say(a, LONG_QUESTION), chat.say(b, "更多")]
        assert LONG_ANSWER.startswith("".join(p.removesuffix(MORE_NOTE) for p in pages))
    finally:
        for app in apps:
            app.extensions["store"].close()
        server.stop()


def _tallied(redis_url, appid, question):
    store = create_store({"REDIS_URL": redis_url, "WECHAT_APPID": appid})
    store.tally("misses", question, cap=100)
    store.close()


def test_misses_without_appid_finds_the_one_accounts_tallies(redis_url, monkeypatch):
    """The servers run with WECHAT_APPID; ops run `misses` with REDIS_URL alone."""
    _tallied(redis_url, "wxonly", "明天会下雨吗")
    monkeypatch.setenv("REDIS_URL", redis_url)
    monkeypatch.delenv("WECHAT_APPID", raising=False)
    result = CliRunner().invoke(cli, ["misses"])
    assert result.exit_code == 0, result.output
    assert "bot:wxonly" in result.output and "明天会下雨吗" in result.output


def test_misses_without_appid_names_the_accounts_when_there_are_several(redis_url, monkeypatch):
    _tallied(redis_url, "wxfirst", "问题一")
    _tallied(redis_url, "wxsecond", "问题二")
    monkeypatch.setenv("REDIS_URL", redis_url)
    monkeypatch.delenv("WECHAT_APPID", raising=False)
    result = CliRunner().invoke(cli, ["misses"])
    assert result.exit_code == 1
    assert "bot:wxfirst" in result.output and "bot:wxsecond" in result.output and "WECHAT_APPID" in result.output

"""Shared fixtures: real knowledge files, a real app, real signatures, real AES, a real Redis.

The parts behind them live in tests/chat.py (WeChat's side of a chat) and tests/served.py
(real `bot serve` and `redis-server` processes).
"""

import os
import shutil

import pytest
import redis
from served import ROOT, RedisServer
from wechat_client import AES_KEY, APPID, TOKEN, Chat, WeChat

from bot import create_app
from bot.ops.hot_reload import get_knowledge

KNOWLEDGE = os.path.join(ROOT, "knowledge")
LONG_QUESTION = "西部办公室做过哪些工作"
LONG_ANSWER = "".join(f"第{n}项：西部办公室为西部地区建筑节能与绿色低碳发展提供沟通交流平台和协调机制。"
                      for n in range(1, 61))  # about 7,000 bytes: four WeChat replies


@pytest.fixture
def kb(tmp_path):
    """A private copy of the shipped knowledge folder, safe to edit."""
    path = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, path)
    return path


def app_config(kb, **extra) -> dict:
    """Settings for an in-process app. No watcher thread: tests reload with LiveKnowledge.check(),
    and the served tests run the watcher in a real server. Tallies are written at once: a
    flusher thread of an app from an earlier test would otherwise write into a later test's Redis
    (tests/state/test_store.py tests the flushing itself)."""
    return {"KB_DIR": str(kb), "WECHAT_TOKEN": TOKEN, "WECHAT_APPID": APPID, "WECHAT_AES_KEY": AES_KEY,
            "REDIS_URL": "", "RELOAD_INTERVAL": 0, "TALLY_FLUSH_INTERVAL": 0, **extra}


@pytest.fixture
def long_kb(kb):
    """The shipped knowledge plus one FAQ entry too long for one WeChat reply (LONG_ANSWER)."""
    (kb / "faq" / "long.txt").write_text(f"问：{LONG_QUESTION}\n答：{LONG_ANSWER}\n", encoding="utf-8")
    return kb


def ready_app(config: dict):
    """An app with its knowledge built, as the server has it before a worker takes requests."""
    app = create_app(config, environ={})
    get_knowledge(app)
    return app


@pytest.fixture
def app(kb):
    return ready_app(app_config(kb))


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


@pytest.fixture(params=["memory", "redis"])
def store_url(request):
    """Each test twice: with the in-process store ("") and with a real Redis."""
    return "" if request.param == "memory" else request.getfixturevalue("redis_url")

"""Shared fixtures: real knowledge files, a real app, real signatures."""

import os
import shutil
import socket
import subprocess
import time

import pytest
import redis

from bot import create_app

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KNOWLEDGE = os.path.join(ROOT, "knowledge")
REDIS_SERVER = "redis-server"  # on PATH; /usr/bin/redis-server on the build machines
LONG_QUESTION = "西部办公室做过哪些工作"
LONG_ANSWER = "".join(f"第{n}项：西部办公室为西部地区建筑节能与绿色低碳发展提供沟通交流平台和协调机制。"
                      for n in range(1, 61))  # about 7,000 bytes: four WeChat replies


@pytest.fixture
def kb(tmp_path):
    """A private copy of the shipped knowledge folder, safe to edit."""
    path = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, path)
    return path


@pytest.fixture
def long_kb(kb):
    """The shipped knowledge plus one FAQ entry too long for one WeChat reply (LONG_ANSWER)."""
    (kb / "faq" / "long.txt").write_text(f"问：{LONG_QUESTION}\n答：{LONG_ANSWER}\n", encoding="utf-8")
    return kb


@pytest.fixture
def app(kb):
    return create_app({"KB_DIR": str(kb), "WECHAT_TOKEN": "test-token", "REDIS_URL": ""}, environ={})


@pytest.fixture
def client(app):
    return app.test_client()


class RedisServer:
    """A real redis-server on a free loopback port, without persistence, owned by the tests."""

    def __init__(self, tmp_dir):
        if not shutil.which(REDIS_SERVER):
            pytest.fail(f"{REDIS_SERVER} not found: the store tests need a real Redis "
                        "(apt-get install redis-server)", pytrace=False)
        self.dir = str(tmp_dir)
        os.makedirs(self.dir, exist_ok=True)
        self.log = os.path.join(self.dir, "redis.log")
        self.port = _free_port()
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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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

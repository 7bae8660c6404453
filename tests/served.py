"""Real processes for tests: `python -m bot serve` and `redis-server`, each on a free loopback port.

Helpers, not fixtures, so a test can start a server with exactly the environment it means,
or stop and restart Redis in the middle of a conversation.
"""

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET

import pytest
import redis
from wechat_client import TOKEN, WeChat

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LOOPBACK = "127.0.0.1"  # tests never send traffic anywhere else
REDIS_SERVER = "redis-server"  # on PATH; /usr/bin/redis-server on the build machines


def free_port() -> int:
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return s.getsockname()[1]


def request(url: str, data: bytes | None = None, headers: dict | None = None, method: str | None = None,
            timeout: float = 10) -> tuple[int, str]:
    """(status, body text) for any answer, including 4xx and 5xx."""
    req = urllib.request.Request(url, data=data, headers=headers or {},
                                 method=method or ("POST" if data is not None else "GET"))
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, exc.read().decode()


class Served:
    """One `python -m bot serve`-style process; its output goes to a log file the test can read."""

    def __init__(self, command: list[str], env: dict, cwd: str, log_path: str, port: int):
        self.base = f"http://{LOOPBACK}:{port}"
        self.port = port
        self.token = env.get("WECHAT_TOKEN")
        self.log_path = log_path
        self._log = open(log_path, "wb")
        self.process = subprocess.Popen(command, env=env, cwd=cwd, stdout=self._log, stderr=subprocess.STDOUT)
        self._next_id = int(time.time() * 1000)

    def get(self, path: str, timeout: float = 10) -> tuple[int, str]:
        return request(self.base + path, timeout=timeout)

    def get_json(self, path: str) -> tuple[int, dict]:
        status, text = self.get(path)
        return status, json.loads(text)

    def post(self, path: str, body: bytes) -> tuple[int, str]:
        return request(self.base + path, data=body, headers={"Content-Type": "text/xml"})

    def push(self, wechat: WeChat, xml: str, mode: str = "plain") -> tuple[int, str]:
        """(status, body) for a push signed (and in safe/compatible mode encrypted) by `wechat`."""
        return self.post(*wechat.push(xml, mode))

    def ask(self, question: str, openid: str | None = None) -> tuple[int, str]:
        """(status, reply Content) for a signed text message; each call is a new message id."""
        self._next_id += 1
        wechat = WeChat(token=self.token, openid=openid or f"o-test-{self._next_id}")
        status, text = self.push(wechat, wechat.text(question, msg_id=self._next_id))
        if status != 200 or not text.startswith("<xml>"):
            return status, text
        return status, ET.fromstring(text).findtext("Content") or ""

    def wait_ready(self, timeout: float = 60, path: str = "/readyz"):
        """Block until /readyz (or `path`) says 200; fail with the server's own output if it never does."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"server exited with {self.process.returncode}:\n{self.output()}")
            with contextlib.suppress(OSError):
                if self.get(path, timeout=2)[0] == 200:
                    return
            time.sleep(0.1)
        raise AssertionError(f"server not ready after {timeout} s:\n{self.output()}")

    def output(self) -> str:
        if not self._log.closed:
            self._log.flush()
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def workers_booted(self, expected: int, timeout: float = 10) -> int:
        """How many gunicorn workers have booted, waiting up to `timeout` s for `expected` of them.

        Ready means one worker answers /readyz; the other may still be booting (each builds the
        knowledge before it takes requests)."""
        deadline = time.monotonic() + timeout
        while self.output().count("Booting worker") < expected and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.output().count("Booting worker")

    def json_lines(self) -> list[dict]:
        """Every log line, parsed: a line that is not JSON fails the test."""
        return [json.loads(line) for line in self.output().splitlines()]

    def stop(self, timeout: float = 30) -> int:
        """SIGTERM, as docker stop sends it; the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()
        return self.process.returncode


@contextlib.contextmanager
def serve_bot(tmp_path, env: dict, command: list[str] | None = None, cwd: str = ROOT, ready: str = "/readyz"):
    """Run the bot as production does (`python -m bot serve`) and stop it afterwards.

    `env` is the server's whole environment besides PATH; a None value leaves that variable unset.
    `ready`: the endpoint whose 200 means it is up (/healthz when Redis is meant to be out of reach).
    """
    port = free_port()
    # Whatever `env` says, the server listens on loopback only, on a port nobody else uses.
    full_env = {"PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8", "WECHAT_TOKEN": TOKEN, **env,
                "HOST": LOOPBACK, "PORT": str(port)}
    full_env = {key: str(value) for key, value in full_env.items() if value is not None}
    served = Served(command or [sys.executable, "-m", "bot", "serve", "--host", LOOPBACK, "--port", str(port)],
                    full_env, cwd, str(tmp_path / f"serve-{port}.log"), port)
    try:
        served.wait_ready(path=ready)
        yield served
    finally:
        served.stop()


def wait_for_redis(client, process, seconds: float = 10) -> bool:
    """Whether the redis-server `process` answers PING through `client` within `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            client.ping()
            return True
        except redis.ConnectionError:
            if process.poll() is not None or time.monotonic() > deadline:
                return False
            time.sleep(0.05)


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
        return f"redis://{LOOPBACK}:{self.port}/0"

    def start(self):
        """Start (or restart, on the same port) and wait until it answers PING."""
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", LOOPBACK, "--save", "", "--appendonly", "no",
             "--dir", self.dir, "--daemonize", "no", "--loglevel", "warning", "--logfile", self.log,
             "--enable-debug-command", "local"],  # DEBUG SLEEP plays a slow Redis
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        client = redis.Redis(host=LOOPBACK, port=self.port, socket_timeout=1)
        try:
            if not wait_for_redis(client, self.process):
                with open(self.log, encoding="utf-8", errors="replace") as f:
                    tail = f.read()[-2000:]
                pytest.fail(f"redis-server did not start on port {self.port}:\n{tail}", pytrace=False)
        finally:
            client.close()
        return self

    def stop(self):
        """Stop it the hard way (SIGKILL), as a crash or a network cut would."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

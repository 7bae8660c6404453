"""Real processes for tests: `python -m bot serve` on a loopback port, a WeChat-signed client, redis-server.

Helpers, not fixtures, so a test can start the server with exactly the environment it means.
"""

import contextlib
import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LOOPBACK = "127.0.0.1"  # tests never send traffic anywhere else


def free_port() -> int:
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return s.getsockname()[1]


def signed_text(token: str, question: str, openid: str, msg_id: int) -> tuple[str, bytes]:
    """(query string, body) of a plaintext text message as WeChat's servers would POST it."""
    timestamp, nonce = str(int(time.time())), str(msg_id)
    signature = hashlib.sha1("".join(sorted([token, timestamp, nonce])).encode()).hexdigest()
    body = (f"<xml><ToUserName><![CDATA[gh_test]]></ToUserName>"
            f"<FromUserName><![CDATA[{openid}]]></FromUserName>"
            f"<CreateTime>{timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
            f"<Content><![CDATA[{question}]]></Content><MsgId>{msg_id}</MsgId></xml>")
    return f"signature={signature}&timestamp={timestamp}&nonce={nonce}&openid={openid}", body.encode()


def request(url: str, data: bytes | None = None, headers: dict | None = None, timeout: float = 10):
    """(status, body text) for any answer, including 4xx and 5xx."""
    method = "POST" if data is not None else "GET"
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, exc.read().decode()


class Served:
    """One `python -m bot serve`-style process; output goes to a log file the test can read."""

    def __init__(self, command: list[str], env: dict, cwd: str, log_path: str, port: int, token: str):
        self.base = f"http://{LOOPBACK}:{port}"
        self.token = token
        self.log_path = log_path
        self._log = open(log_path, "wb")
        self.process = subprocess.Popen(command, env=env, cwd=cwd, stdout=self._log, stderr=subprocess.STDOUT)
        self._next_id = int(time.time() * 1000)

    def get(self, path: str, timeout: float = 10):
        return request(self.base + path, timeout=timeout)

    def get_json(self, path: str) -> tuple[int, dict]:
        status, text = self.get(path)
        return status, json.loads(text)

    def ask(self, question: str, openid: str | None = None) -> tuple[int, str]:
        """(status, reply Content) for a signed text message; each call is a new message id."""
        self._next_id += 1
        query, body = signed_text(self.token, question, openid or f"o-test-{self._next_id}", self._next_id)
        status, text = request(f"{self.base}/wechat?{query}", data=body, headers={"Content-Type": "text/xml"})
        if status != 200 or not text.startswith("<xml>"):
            return status, text
        return status, ET.fromstring(text).findtext("Content") or ""

    def wait_ready(self, timeout: float = 30):
        """Block until /readyz says 200; fail with the server's own output if it never does."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"server exited with {self.process.returncode}:\n{self.output()}")
            with contextlib.suppress(OSError):
                if self.get("/readyz", timeout=2)[0] == 200:
                    return
            time.sleep(0.1)
        raise AssertionError(f"server not ready after {timeout} s:\n{self.output()}")

    def output(self) -> str:
        self._log.flush()
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            return f.read()

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
def serve_bot(tmp_path, env: dict, command: list[str] | None = None, cwd: str = ROOT):
    """Run the bot as production does (`python -m bot serve`) and stop it afterwards."""
    port = free_port()
    # Whatever `env` says, the server listens on loopback only, on a port nobody else uses.
    full_env = {"PATH": os.environ.get("PATH", ""), "WECHAT_TOKEN": "served-token", **env,
                "HOST": LOOPBACK, "PORT": str(port)}
    served = Served(command or [sys.executable, "-m", "bot", "serve"], full_env, cwd,
                    str(tmp_path / f"serve-{port}.log"), port, full_env["WECHAT_TOKEN"])
    try:
        served.wait_ready()
        yield served
    finally:
        served.stop()


@contextlib.contextmanager
def redis_server(tmp_path):
    """A private redis-server on a free loopback port; yields (url, process)."""
    port = free_port()
    process = subprocess.Popen(["redis-server", "--port", str(port), "--bind", LOOPBACK, "--save", "",
                                "--appendonly", "no", "--dir", str(tmp_path)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection((LOOPBACK, port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        yield f"redis://{LOOPBACK}:{port}/0", process
    finally:
        if process.poll() is None:
            process.terminate()
        process.wait()

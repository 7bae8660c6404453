"""Processes for the serving benchmarks: `bot serve`, the echo floor and redis-server on loopback,
and what the kernel says about them (CPU seconds, RSS, PSS).
"""

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TOKEN, APPID = "bench-token", "wx0123456789abcdef"
AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
TICK = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(kind: str, port: int, kb_dir: str, log, **env) -> subprocess.Popen:
    """`bot serve` (kind "bot"), the echo floor under the bot's gunicorn settings (kind "echo") or
    under plain `gunicorn -w 2` (kind "plain"), on 127.0.0.1:port."""
    full = dict(os.environ, WECHAT_TOKEN=TOKEN, WECHAT_APPID=APPID, WECHAT_AES_KEY=AES_KEY, KB_DIR=kb_dir, **env)
    full.pop("PROMETHEUS_MULTIPROC_DIR", None)
    args = (["-m", "bot", "serve"] if kind == "bot" else
            [os.path.join(HERE, "echo_app.py"), *(["--plain"] if kind == "plain" else [])])
    return subprocess.Popen([sys.executable, *args, "--host", "127.0.0.1", "--port", str(port)], cwd=ROOT,
                            env=full, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def get(port: int, path: str, timeout: float = 2) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def wait_ready(port: int, proc: subprocess.Popen, path: str = "/readyz", seconds: float = 240) -> float:
    """Seconds until `path` answers 200 (polled every 20 ms)."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if proc.poll() is not None:
            raise SystemExit(f"server on port {port} exited early (code {proc.returncode})")
        try:
            if get(port, path)[0] == 200:
                return time.monotonic() - started
        except OSError:
            pass
        time.sleep(0.02)
    raise SystemExit(f"server on port {port} not ready after {seconds} s")


def worker_pids(master: int) -> list[int]:
    """gunicorn's workers: the master's child processes."""
    pids = []
    for task in os.listdir(f"/proc/{master}/task"):
        with open(f"/proc/{master}/task/{task}/children") as f:
            pids += [int(p) for p in f.read().split()]
    return pids


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds used so far by these processes."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except OSError:
            continue
    return total / TICK


def memory_mb(pid: int) -> dict:
    """RSS and PSS (a shared page counted once across the processes that share it), in MB."""
    out = {}
    with open(f"/proc/{pid}/smaps_rollup") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("Rss", "Pss", "Shared_Clean", "Shared_Dirty", "Private_Dirty"):
                out[key.lower()] = round(int(value.split()[0]) / 1024, 1)
    return out


def stop(proc: subprocess.Popen):
    """SIGTERM the server's process group (gunicorn and its workers) and wait."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def knowledge_loads(log_path: str) -> list[dict]:
    """The server's "knowledge loaded" log lines (one per worker start), parsed."""
    found = []
    with open(log_path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if '"event": "reload"' in line:
                try:
                    found.append(json.loads(line))
                except ValueError:
                    continue
    return found

"""Soak: two replicas x two workers on one Redis, followers chatting while ops break things.

    python bench/soak.py                 # 60 s; prints a summary, writes bench/results/soak.json
    python bench/soak.py --seconds 240   # the issue's 4 minutes

Eight client threads send signed plaintext pushes, each a new follower and MsgId, to the two
replicas in turn; one push in ten is delivered again to the other replica, as WeChat re-sends
one it got no reply to. Meanwhile, on a schedule: a worker of replica A is SIGKILLed, Redis is
killed and restarted on the same port, an article is added to the knowledge, a broken FAQ file
is written and then fixed, and replica B is SIGTERMed and started again.

What must hold: no 5xx, no apology shown ("抱歉，出了点问题"), a retry gets the same reply as
the first delivery, no message goes unanswered through all its deliveries (a delivery the
killed worker never answered is re-sent, as WeChat would), no connection reset after a request
was sent (a refused connection is what a proxy retries: counted apart), and RSS grows < 10 %.
"""

import argparse
import json
import os
import random
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path[:0] = [ROOT, HERE, os.path.join(ROOT, "tests")]

import procs  # noqa: E402
from state_memory import start_redis  # noqa: E402
from wechat_client import WeChat  # noqa: E402

APOLOGY = "出了点问题"
QUESTIONS = ["西部办公室是什么？", "明天会下雨吗", "武涌是谁", "会议在哪里举行？", "协会的地址在哪里", "今天股市行情怎么样"]
ARTICLE = """某某协会召开年度工作会议
发布时间：2024-05-01
5月1日，某某协会在成都召开年度工作会议，会长李某某主持会议。
"""


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.counts = {"messages": 0, "answered": 0, "retries": 0, "retry_same": 0, "http_5xx": 0, "apology": 0,
                       "refused": 0, "reset": 0, "timeout": 0, "unanswered": 0, "resent_after_nothing": 0}

    def add(self, key, n=1):
        with self.lock:
            self.counts[key] += n


def post(port: int, path: str, body: bytes, timeout: float = 6.0):
    """(status, body) or the failure's name: 'refused' (at connect), 'reset' (after sending), 'timeout'."""
    try:
        sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    except ConnectionRefusedError:
        return "refused", b""
    except OSError:
        return "refused", b""
    try:
        sock.sendall(f"POST {path} HTTP/1.1\r\nHost: bot\r\nContent-Type: text/xml\r\nContent-Length: {len(body)}\r\n"
                     f"Connection: close\r\n\r\n".encode() + body)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    except (ConnectionResetError, BrokenPipeError):
        return "reset", b""
    except TimeoutError:
        return "timeout", b""
    finally:
        sock.close()
    if not data:
        return "reset", b""
    head, _, payload = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), payload


def content(payload: bytes) -> str:
    text = payload.decode("utf-8", "replace")
    if not text.startswith("<xml>"):
        return text
    return ET.fromstring(text).findtext("Content") or ""


def deliver(ports, first: int, path: str, body: bytes, tally: Tally) -> str | None:
    """One push, re-sent up to three times in all as WeChat does; the reply content, or None."""
    for attempt in range(3):
        port = ports[(first + attempt) % len(ports)]
        status, payload = post(port, path, body)
        if status in ("refused", "reset", "timeout"):
            tally.add(status)
            time.sleep(0.5)
            continue
        if status >= 500:
            tally.add("http_5xx")
            continue
        reply = content(payload)
        if APOLOGY in reply:
            tally.add("apology")
        if reply and reply != "success":
            return reply
        tally.add("resent_after_nothing")  # "success": the first delivery is still working, or died
        time.sleep(1.0)
    return None


def chat(ports, stop: threading.Event, tally: Tally, seed: int):
    rng = random.Random(seed)
    n = 0
    while not stop.is_set():
        n += 1
        msg_id = seed * 10_000_000 + n
        wechat = WeChat(token=procs.TOKEN, openid=f"o-soak-{seed}-{n}")
        path, body = wechat.push(wechat.text(rng.choice(QUESTIONS), msg_id=msg_id))
        first = n % len(ports)
        tally.add("messages")
        reply = deliver(ports, first, path, body, tally)
        if reply is None:
            tally.add("unanswered")
            continue
        tally.add("answered")
        if rng.random() < 0.1:  # WeChat's re-send of a push it got no reply to
            tally.add("retries")
            again = deliver(ports, first + 1, path, body, tally)
            tally.add("retry_same", again == reply)


def rss_mb(procs_by_name) -> float:
    total = 0.0
    for proc in procs_by_name.values():
        for pid in [proc.pid] + procs.worker_pids(proc.pid):
            try:
                total += procs.memory_mb(pid)["rss"]
            except (OSError, KeyError):
                pass
    return total


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="soak-")
    kb = os.path.join(tmp, "knowledge")
    shutil.copytree(os.path.join(ROOT, "knowledge"), kb)
    redis_proc, redis_url = start_redis(tmp)
    redis_port = int(redis_url.rsplit(":", 1)[1].split("/")[0])
    env = {"REDIS_URL": redis_url, "WEB_CONCURRENCY": "2", "RELOAD_INTERVAL": "1", "LOG_LEVEL": "WARNING"}
    ports = [procs.free_port(), procs.free_port()]
    logs = {name: open(os.path.join(tmp, f"{name}.log"), "wb") for name in ("a", "b")}
    replicas = {name: procs.start("bot", port, kb, logs[name], **env) for name, port in zip("ab", ports, strict=True)}
    for name, port in zip("ab", ports, strict=True):
        procs.wait_ready(port, replicas[name])
    time.sleep(2)
    rss_start = rss_mb(replicas)
    tally, stop = Tally(), threading.Event()
    clients = [threading.Thread(target=chat, args=(ports, stop, tally, seed), daemon=True)
               for seed in range(1, args.clients + 1)]
    for client in clients:
        client.start()

    s = args.seconds
    events = []

    def at(fraction, label, action):
        time.sleep(max(0.0, started + fraction * s - time.monotonic()))
        action()
        events.append((round(time.monotonic() - started, 1), label))
        print(f"{events[-1][0]:>6.1f} s  {label}", flush=True)

    started = time.monotonic()
    at(0.15, "SIGKILL a worker of replica a", lambda: os.kill(procs.worker_pids(replicas["a"].pid)[0], signal.SIGKILL))
    at(0.30, "kill redis-server", lambda: (redis_proc.kill(), redis_proc.wait()))

    def restart_redis():
        nonlocal redis_proc
        redis_proc = procs.subprocess.Popen(["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1",
                                             "--save", "", "--appendonly", "no", "--dir", tmp],
                                            stdout=procs.subprocess.DEVNULL)

    at(0.36, "restart redis-server (empty)", restart_redis)
    at(0.50, "add an article", lambda: open(os.path.join(kb, "news", "soak-article.txt"), "w",
                                             encoding="utf-8").write(ARTICLE))
    at(0.58, "write a broken FAQ file", lambda: open(os.path.join(kb, "faq", "soak.txt"), "w",
                                                     encoding="utf-8").write("问：\n答：\n"))
    at(0.64, "fix the FAQ file", lambda: open(os.path.join(kb, "faq", "soak.txt"), "w",
                                              encoding="utf-8").write("问：抽检什么时候开始？\n答：下月初开始。\n"))

    def restart_b():
        procs.stop(replicas["b"])
        replicas["b"] = procs.start("bot", ports[1], kb, logs["b"], **env)

    at(0.72, "SIGTERM replica b and start it again", restart_b)
    time.sleep(max(0.0, started + s - time.monotonic()))
    stop.set()
    for client in clients:
        client.join(30)
    rss_end = rss_mb(replicas)
    counts = dict(tally.counts)
    counts["retry_same"] = f"{counts['retry_same']}/{counts['retries']}"
    result = {"seconds": s, "clients": args.clients, "events": events, **counts,
              "rss_mb_start": round(rss_start, 1), "rss_mb_end": round(rss_end, 1),
              "rss_growth_pct": round(100 * (rss_end - rss_start) / rss_start, 1)}
    for proc in replicas.values():
        procs.stop(proc)
    redis_proc.kill()
    shutil.rmtree(tmp, ignore_errors=True)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    with open(os.path.join(HERE, "results", "soak.json"), "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False, indent=1)
        f.write("\n")
    ok = (counts["http_5xx"] == counts["apology"] == counts["reset"] == counts["unanswered"] == 0
          and tally.counts["retry_same"] == tally.counts["retries"] and result["rss_growth_pct"] < 10)
    print("soak:", "passed" if ok else "FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

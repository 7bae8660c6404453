"""Per-message latency of the served webhook: p50/p99 over N signed pushes on loopback.

Starts `python -m bot serve` on a free 127.0.0.1 port (gunicorn, as in production), sends N
signed text messages one after another over one keep-alive connection, and prints the
percentiles of the full HTTP round trip as JSON. Each message comes from its own follower so
per-follower rate limits do not skew the numbers.

    python bench/webhook_latency.py                  # 1000 plaintext pushes
    python bench/webhook_latency.py --mode safe      # AES-encrypted pushes and replies
    python bench/webhook_latency.py --redis redis://127.0.0.1:6379/15
"""

import argparse
import hashlib
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from urllib.parse import urlencode

import xmltodict
from wechatpy.crypto import WeChatCrypto

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOKEN, APPID, AES_KEY = "bench-token", "wx0123456789abcdef", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
QUESTIONS = ["西部办公室是什么？", "明天会下雨吗", "介绍一下西部办公室", "协会的地址在哪里"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def signed_push(i: int, mode: str) -> tuple[str, bytes]:
    timestamp, nonce = str(int(time.time())), str(100000 + i)
    xml = (f"<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[oBench{i:05d}]]>"
           f"</FromUserName><CreateTime>{timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
           f"<Content><![CDATA[{QUESTIONS[i % len(QUESTIONS)]}]]></Content><MsgId>{10**15 + i}</MsgId></xml>")
    params = {"signature": hashlib.sha1("".join(sorted([TOKEN, timestamp, nonce])).encode()).hexdigest(),
              "timestamp": timestamp, "nonce": nonce}
    if mode == "safe":
        sealed = xmltodict.parse(WeChatCrypto(TOKEN, AES_KEY, APPID).encrypt_message(xml, nonce, timestamp))["xml"]
        params.update(encrypt_type="aes", msg_signature=sealed["MsgSignature"])
        xml = f"<xml><Encrypt><![CDATA[{sealed['Encrypt']}]]></Encrypt></xml>"
    return "/wechat?" + urlencode(params), xml.encode()


def wait_ready(port: int, proc, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit("bot serve exited early")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                conn.close()
                return
        except OSError:
            time.sleep(0.1)
    sys.exit("bot serve did not start")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1000)
    parser.add_argument("--mode", choices=["plain", "safe"], default="plain")
    parser.add_argument("--redis", default="", help="REDIS_URL for the served app (default: in-process)")
    args = parser.parse_args()

    port = free_port()
    env = dict(os.environ, WECHAT_TOKEN=TOKEN, WECHAT_APPID=APPID, WECHAT_AES_KEY=AES_KEY,
               REDIS_URL=args.redis, KB_DIR=os.path.join(ROOT, "knowledge"))
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen([sys.executable, "-m", "bot", "serve", "--host", "127.0.0.1", "--port", str(port)],
                                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_ready(port, proc)
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            latencies, failures = [], 0
            for i in range(args.n):
                path, body = signed_push(i, args.mode)
                started = time.perf_counter()
                conn.request("POST", path, body=body, headers={"Content-Type": "text/xml"})
                response = conn.getresponse()
                reply = response.read()
                latencies.append((time.perf_counter() - started) * 1000)
                failures += response.status != 200 or not reply.startswith(b"<xml>")
            conn.close()
        finally:
            proc.terminate()
            proc.wait()
    latencies.sort()
    print(json.dumps({
        "messages": args.n, "mode": args.mode, "store": "redis" if args.redis else "memory",
        "failures": failures,
        "p50_ms": round(statistics.median(latencies), 2),
        "p99_ms": round(latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))], 2),
        "max_ms": round(latencies[-1], 2),
        "mean_ms": round(statistics.fmean(latencies), 2),
    }))


if __name__ == "__main__":
    main()

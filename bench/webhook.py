"""Webhook benchmark: signed text messages through `python -m bot serve`, side by side with the
bare Flask + wechatpy echo app (bench/echo_app.py) under the same gunicorn settings.

    apt-get install -y wrk                      # the load generator (Debian package)
    python bench/webhook.py                     # concurrency 1, 4, 16, 64; 10 s each; about 4 minutes
    python bench/webhook.py --concurrency 16 --duration 10 --setups default
    python bench/webhook.py --profile           # where a request's time goes (in-process; no wrk needed)

Two setups, each run against both apps in the same run: "default" is `bot serve` without
Redis (one worker, 4 threads), "redis" is REDIS_URL set with WEB_CONCURRENCY=2 (two workers,
as compose.yaml runs it) against a redis-server this script starts. The client is wrk (one
thread, keep-alive connections = the concurrency), driven by a Lua script that sends
plaintext-mode pushes signed with the server's token, each from its own follower with its own
MsgId (so neither the rate limit nor retry de-duplication short-cuts the work), asking the
shipped knowledge a rotating mix of answerable and out-of-scope questions. CPU seconds of the
server processes and of wrk are read from /proc during each run: a side using about a core per
process it runs is the bottleneck. Prints a table; writes bench/results/webhook.json.
"""

import argparse
import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from urllib.parse import urlencode

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path[:0] = [ROOT, HERE]

import procs  # noqa: E402
from state_memory import start_redis  # noqa: E402

KINDS = ("echo", "plain", "bot")  # the echo under the bot's gunicorn settings, under plain `gunicorn -w 2`, the bot
QUESTIONS = ["西部办公室是什么？", "明天会下雨吗", "介绍一下西部办公室", "协会的地址在哪里", "武涌是谁", "会议在哪里举行？",
             "西部办公室的全称是什么", "今天股市行情怎么样"]
LUA = """
local path = "%(path)s"
local questions = {%(questions)s}
local base, counter, threads = %(base)d, 0, 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end
function request()
  counter = counter + 1
  local n = base + id * 10000000 + counter
  local body = string.format("<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[oBench%%d]]>" ..
    "</FromUserName><CreateTime>%(ts)s</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[%%s]]>" ..
    "</Content><MsgId>%%d</MsgId></xml>", n, questions[(n %% #questions) + 1], n)
  return wrk.format("POST", path, {["Content-Type"] = "text/xml"}, body)
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT {\\"requests\\": %%d, \\"duration_us\\": %%d, \\"errors\\": %%d, \\"p50_us\\": %%d, " ..
    "\\"p90_us\\": %%d, \\"p99_us\\": %%d, \\"max_us\\": %%d}\\n", summary.requests, summary.duration,
    e.connect + e.read + e.write + e.status + e.timeout, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max))
end
"""


def signed_path() -> tuple[str, str]:
    timestamp, nonce = str(int(time.time())), "424242"
    signature = hashlib.sha1("".join(sorted([procs.TOKEN, timestamp, nonce])).encode()).hexdigest()
    return "/wechat?" + urlencode({"signature": signature, "timestamp": timestamp, "nonce": nonce}), timestamp


def lua_script(folder: str, base: int) -> str:
    path, timestamp = signed_path()
    script = os.path.join(folder, f"push-{base}.lua")
    with open(script, "w", encoding="utf-8") as f:
        f.write(LUA % {"path": path, "ts": timestamp, "base": base,
                       "questions": ", ".join(json.dumps(q, ensure_ascii=False) for q in QUESTIONS)})
    return script


def check_reply(port: int):
    """One push by hand first: the bot must answer it from the knowledge, not with an error."""
    import http.client
    path, timestamp = signed_path()
    body = (f"<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[oCheck]]></FromUserName>"
            f"<CreateTime>{timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
            f"<Content><![CDATA[西部办公室是什么？]]></Content><MsgId>1</MsgId></xml>")
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("POST", path, body=body.encode(), headers={"Content-Type": "text/xml"})
    reply = conn.getresponse().read().decode()
    conn.close()
    if "西部" not in reply:
        raise SystemExit(f"unexpected reply on port {port}: {reply[:200]}")


def run_wrk(port: int, concurrency: int, duration: int, script: str, server_pids: list[int],
            redis_pid: int | None = None) -> dict:
    before_server = procs.cpu_seconds(server_pids)
    before_redis = procs.cpu_seconds([redis_pid] if redis_pid else [])
    before_client = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    out = subprocess.run(["wrk", "-t1", f"-c{concurrency}", f"-d{duration}s", "--timeout", "10s", "-s", script,
                          f"http://127.0.0.1:{port}/wechat"], capture_output=True, text=True, check=True).stdout
    wall = time.monotonic() - started
    after_client = resource.getrusage(resource.RUSAGE_CHILDREN)
    server_cpu = procs.cpu_seconds(server_pids) - before_server
    redis_cpu = procs.cpu_seconds([redis_pid] if redis_pid else []) - before_redis
    client_cpu = (after_client.ru_utime - before_client.ru_utime) + (after_client.ru_stime - before_client.ru_stime)
    line = next(line for line in out.splitlines() if line.startswith("RESULT "))
    r = json.loads(line[len("RESULT "):])
    seconds = r["duration_us"] / 1e6
    return {"concurrency": concurrency, "requests": r["requests"], "errors": r["errors"],
            "rps": round(r["requests"] / seconds, 1), "p50_ms": r["p50_us"] / 1000, "p90_ms": r["p90_us"] / 1000,
            "p99_ms": r["p99_us"] / 1000, "max_ms": r["max_us"] / 1000,
            "server_cores": round(server_cpu / wall, 2), "redis_cores": round(redis_cpu / wall, 2),
            "client_cores": round(client_cpu / wall, 2)}


def bench_setup(name: str, env: dict, tmp: str, concurrencies: list[int], duration: int, base: int,
                redis_pid: int | None = None) -> list[dict]:
    rows = []
    servers = {}
    try:
        for kind in KINDS:
            port = procs.free_port()
            log = open(os.path.join(tmp, f"{name}-{kind}.log"), "wb")
            servers[kind] = (port, procs.start(kind, port, os.path.join(ROOT, "knowledge"), log, **env), log)
        for port, proc, _ in servers.values():
            procs.wait_ready(port, proc, "/readyz")
        check_reply(servers["bot"][0])
        workers = {kind: procs.worker_pids(proc.pid) for kind, (_, proc, _) in servers.items()}
        for concurrency in concurrencies:
            pair = {}
            for kind in KINDS:
                port, proc, _ = servers[kind]
                base += 100_000_000
                run_wrk(port, concurrency, 1, lua_script(tmp, base), [proc.pid] + workers[kind])  # warm-up
                base += 100_000_000
                pair[kind] = run_wrk(port, concurrency, duration, lua_script(tmp, base), [proc.pid] + workers[kind],
                                     redis_pid)
            row = {"setup": name, "workers": len(workers["bot"]), "concurrency": concurrency, "echo": pair["echo"],
                   "plain": pair["plain"], "bot": pair["bot"],
                   "bot_vs_echo": round(pair["bot"]["rps"] / pair["echo"]["rps"], 2),
                   "bot_vs_plain": round(pair["bot"]["rps"] / pair["plain"]["rps"], 2)}
            rows.append(row)
            print_row(row, header=len(rows) == 1 and name == "default")
    finally:
        for _, proc, log in servers.values():
            procs.stop(proc)
            log.close()
    return rows


def print_row(row: dict, header: bool):
    if header:
        print(f"{'setup':<8} {'conc':>4} | {'echo req/s':>10} {'p99':>6} | {'plain req/s':>11} {'p99':>6} | "
              f"{'bot req/s':>9} {'p50':>6} {'p99':>6} {'srv cores':>9} {'redis':>5} {'client':>6} | "
              f"{'bot/echo':>8} {'bot/plain':>9}")
    e, p, b = row["echo"], row["plain"], row["bot"]
    print(f"{row['setup']:<8} {row['concurrency']:>4} | {e['rps']:>10.0f} {e['p99_ms']:>6.1f} | {p['rps']:>11.0f} "
          f"{p['p99_ms']:>6.1f} | {b['rps']:>9.0f} {b['p50_ms']:>6.1f} {b['p99_ms']:>6.1f} {b['server_cores']:>9.2f} "
          f"{b['redis_cores']:>5.2f} {b['client_cores']:>6.2f} | {row['bot_vs_echo']:>8.2f} {row['bot_vs_plain']:>9.2f}",
          flush=True)


def profile_requests(count: int = 2000) -> str:
    """cProfile of `count` signed pushes through the app in-process (Flask's test client, no HTTP
    server): the bot's own share of a request, by function."""
    import cProfile
    import io
    import pstats

    os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", tempfile.mkdtemp(prefix="bench-metrics-"))
    from bot.app import create_app
    from bot.config import load_config
    config = load_config(environ={"WECHAT_TOKEN": procs.TOKEN, "KB_DIR": os.path.join(ROOT, "knowledge"),
                                  "RELOAD_INTERVAL": "0"})
    client = create_app(config).test_client()
    path, timestamp = signed_path()

    def push(n: int):
        client.post(path, data=(f"<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[o{n}]]>"
                                f"</FromUserName><CreateTime>{timestamp}</CreateTime><MsgType><![CDATA[text]]>"
                                f"</MsgType><Content><![CDATA[{QUESTIONS[n % len(QUESTIONS)]}]]></Content>"
                                f"<MsgId>{n}</MsgId></xml>").encode())

    for n in range(200):
        push(n)
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for n in range(200, 200 + count):
        push(n)
    profiler.disable()
    seconds = time.perf_counter() - started
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("cumulative").print_stats(45)
    return f"{count} pushes through the app in-process (profiled): {seconds / count * 1000:.2f} ms each\n\n" \
        + out.getvalue()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 4, 16, 64])
    parser.add_argument("--duration", type=int, default=10, help="seconds per run")
    parser.add_argument("--setups", nargs="+", choices=["default", "redis"], default=["default", "redis"])
    parser.add_argument("--profile", action="store_true", help="profile the request path in-process and stop")
    args = parser.parse_args()
    if args.profile:
        text = profile_requests()
        os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
        with open(os.path.join(HERE, "results", "webhook-profile.txt"), "w") as f:
            f.write(text)
        print(text[:3000])
        return
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        redis_proc = None
        try:
            for n, name in enumerate(args.setups):
                env = {}
                if name == "redis":
                    redis_proc, url = start_redis(tmp)
                    env = {"REDIS_URL": url, "WEB_CONCURRENCY": "2"}
                rows += bench_setup(name, env, tmp, args.concurrency, args.duration, base=n * 10**12,
                                    redis_pid=redis_proc.pid if name == "redis" else None)
        finally:
            if redis_proc:
                redis_proc.terminate()
                redis_proc.wait()
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    with open(os.path.join(HERE, "results", "webhook.json"), "w") as f:
        json.dump({"machine": machine(), "duration_s": args.duration, "questions": QUESTIONS, "results": rows}, f,
                  indent=1, ensure_ascii=False)
        f.write("\n")


def machine() -> dict:
    from importlib.metadata import version

    import gunicorn
    return {"cores": os.cpu_count(), "python": sys.version.split()[0], "gunicorn": gunicorn.__version__,
            "flask": version("flask"), "wechatpy": version("wechatpy"),
            "wrk": subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout.split("\n")[0].strip()}


if __name__ == "__main__":
    main()

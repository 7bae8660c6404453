"""Redis memory per active follower, measured with MEMORY USAGE on a real redis-server.

Drives the real Conversation (and the real engine over a copy of knowledge/ plus one very
long FAQ answer) the way the webhook does, then prints each key, its TTL and its size, and
the worst case for one follower: a full set of stored pages, a list of choices, and every
message of a rate-limit window still held for retries.

    python bench/state_memory.py            # starts its own redis-server on loopback
    REDIS_URL=redis://127.0.0.1:6379/15 python bench/state_memory.py   # or uses this one (flushes it)
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

import redis
from wechatpy import create_reply, parse_message
from wechatpy.crypto import WeChatCrypto

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from bot.chat.conversation import Conversation  # noqa: E402
from bot.chat.usage import HITS, HITS_CAP, MISSES, MISSES_CAP  # noqa: E402
from bot.config import load_config  # noqa: E402
from bot.engine.pipeline import Engine  # noqa: E402
from bot.engine.reading.knowledge import load_knowledge  # noqa: E402
from bot.engine.text.folding import MAX_KEY_CHARS as MAX_QUESTION_CHARS  # noqa: E402
from bot.state import create_store  # noqa: E402
from bot.web.retry import CLAIM_TTL, RetryClaims  # noqa: E402

LONG_QUESTION = "西部办公室做过哪些工作"
OPENID = "oyORnuP8q7ou2gfYjqLzSIWZf0rs"  # 28 characters, like a real openid
AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"


def start_redis(tmp: str) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no", "--dir", tmp], stdout=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    for _ in range(200):
        try:
            redis.Redis.from_url(url).ping()
            return proc, url
        except redis.ConnectionError:
            time.sleep(0.05)
    raise SystemExit("redis-server did not start")


def message(text: str, msg_id: int) -> object:
    return parse_message(f"<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName>"
                         f"<FromUserName><![CDATA[{OPENID}]]></FromUserName><CreateTime>1409735668</CreateTime>"
                         f"<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{text}]]></Content>"
                         f"<MsgId>{msg_id}</MsgId></xml>")


def main():
    tmp = tempfile.mkdtemp(prefix="state-memory-")
    proc = None
    url = os.environ.get("REDIS_URL")
    if not url:
        proc, url = start_redis(tmp)
    client = redis.Redis.from_url(url, decode_responses=True)
    client.flushdb()
    try:
        kb = os.path.join(tmp, "knowledge")
        shutil.copytree(os.path.join(ROOT, "knowledge"), kb)
        long_answer = "".join(f"第{n}项：西部办公室为西部地区建筑节能与绿色低碳发展提供沟通交流平台和协调机制。"
                              for n in range(1, 301))  # ~36 KB: more than MAX_PAGES pages
        with open(os.path.join(kb, "faq", "long.txt"), "w", encoding="utf-8") as f:
            f.write(f"问：{LONG_QUESTION}\n答：{long_answer}\n")
        config = load_config({}, {"REDIS_URL": url, "KB_DIR": kb, "WECHAT_APPID": "wx2c2769f8efd9abc2"})
        store = create_store(config)
        conversation = Conversation(store, config)
        engine = Engine(load_knowledge(kb))
        crypto = WeChatCrypto("spamtest", AES_KEY, "wx2c2769f8efd9abc2")

        claims = RetryClaims(store)

        def deliver(text, msg_id, encrypt):
            """What the webhook does: claim the message, answer it, keep the reply for retries."""
            msg = message(text, msg_id)
            if claims.claim(str(msg_id)) is not None:
                return
            reply = conversation.handle_text(OPENID, text, engine)
            body = create_reply(reply.text, msg).render()
            claims.finish(str(msg_id), crypto.encrypt_message(body, "1320562132", "1409735669")
                          if encrypt and body else body)

        # One window's worth of messages, each a full-size answer, held for retries (safe mode: encrypted).
        for n in range(config["RATE_LIMIT"] + 3):
            deliver(LONG_QUESTION, 6054768590064713728 + n, encrypt=True)
        # Worst-case session: remaining pages plus a list of choices and a context, as the engine may give.
        prefix = store.prefix
        session = store.get(f"chat:{OPENID}")
        session["context"] = {"person": "西藏自治区勘察设计与建设科技协会副理事长兼秘书长陶昌军",
                              "article": "news/2023-11-03-west-office-launch.txt"}
        session["choices"] = [{"label": f"第{n}次会议：西部地区建筑绿色低碳发展协调推进办公室成立大会",
                               "question": f"2024年第{n}次西部地区建筑绿色低碳发展协调推进办公室会议在哪里开的",
                               "context": {"article": f"news/2024-0{n}-01-west-office-meeting-{n}.txt"}}
                              for n in range(1, 10)]
        store.set(f"chat:{OPENID}", session, ttl=config["SESSION_TTL"])

        rows = []
        for key in sorted(client.keys(f"{prefix}:*")):
            rows.append((key, client.pttl(key) / 1000, client.memory_usage(key, samples=0)))
        print(f"{'key':<64} {'TTL s':>7} {'bytes':>7}")
        for key, ttl, size in rows:
            print(f"{key:<64} {ttl:>7.0f} {size:>7}")
        chat = sum(s for k, _, s in rows if ":chat:" in k)
        rate = sum(s for k, _, s in rows if ":rate:" in k)
        claims = [s for k, _, s in rows if ":msg:" in k]
        print(f"\nsession (4 stored pages + 9 choices + context): {chat} B; rate counter: {rate} B")
        print(f"claims alive within CLAIM_TTL={CLAIM_TTL}s: {len(claims)}, largest {max(claims)} B, "
              f"total {sum(claims)} B")
        print(f"worst case per active follower: {chat + rate + sum(claims)} B "
              f"(~{(chat + rate + sum(claims)) / 1024:.0f} KiB)")

        # The shared tallies, full: not per follower, bounded by their caps.
        client.flushdb()
        for n in range(MISSES_CAP):
            store.tally(MISSES, (f"{n}号问题：" + "西部地区建筑绿色低碳发展协调推进办公室的问题" * 5)[:MAX_QUESTION_CHARS],
                        MISSES_CAP)
        for n in range(HITS_CAP):
            store.tally(HITS, f"faq:西部办公室常见问题第{n}条", HITS_CAP)
        for name in (MISSES, HITS):
            keys = client.keys(f"{prefix}:tally:{name}:*")
            size = sum(client.memory_usage(k, samples=0) for k in keys)
            print(f"tally {name}: {client.zcard(keys[0])} members, {size} B (~{size / 1024:.0f} KiB), "
                  f"TTL {client.ttl(keys[0]) / 86400:.0f} days")
        store.close()
    finally:
        client.flushdb()
        client.close()
        if proc:
            proc.kill()
            proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

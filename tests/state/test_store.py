"""The same store suite against both backends: in-process memory and a real Redis."""

import threading
import time

import pytest
import redis
from served import RedisServer

from bot.state import BUSY, MemoryStore, create_store
from bot.state.failover import FailoverStore
from bot.state.redisstore import RedisStore


@pytest.fixture(params=["memory", "redis"])
def store(request):
    if request.param == "memory":
        yield MemoryStore("bot:wxtest")
        return
    url = request.getfixturevalue("redis_url")
    # The raw Redis backend: an error here fails the test instead of falling back to memory.
    store = RedisStore.from_url(url, "bot:wxtest")
    yield store
    store.close()


def test_values_round_trip_as_json(store):
    value = {"context": {"person": "武涌"}, "pages": ["第二页", "第三页"], "n": 3}
    store.set("chat:o1", value, ttl=60)
    assert store.get("chat:o1") == value
    assert store.get("chat:nobody") is None
    store.delete("chat:o1")
    assert store.get("chat:o1") is None


def test_values_expire(store):
    store.set("short", "x", ttl=0.1)
    store.set("long", "y", ttl=60)
    time.sleep(0.25)
    assert store.get("short") is None
    assert store.get("long") == "y"


def test_add_claims_once_until_deleted_or_expired(store):
    assert store.add("msg:1", {"state": "working"}, ttl=0.2) is True
    assert store.add("msg:1", {"state": "other"}, ttl=60) is False
    assert store.get("msg:1") == {"state": "working"}
    time.sleep(0.35)
    assert store.add("msg:1", "again", ttl=60) is True
    store.delete("msg:1")
    assert store.add("msg:1", "third", ttl=60) is True


def test_add_has_one_winner_among_racing_threads(store):
    wins = []
    start = threading.Barrier(16)

    def claim():
        start.wait()
        wins.append(store.add("msg:race", "mine", ttl=60))

    threads = [threading.Thread(target=claim) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(wins) == [False] * 15 + [True]


def test_incr_counts_in_a_fixed_window(store):
    assert [store.incr("rate:o1", ttl=0.3) for _ in range(3)] == [1, 2, 3]
    # Later increments do not push the window's end back.
    store.incr("rate:o1", ttl=60)
    time.sleep(0.45)
    assert store.incr("rate:o1", ttl=60) == 1
    assert store.incr("rate:o2", ttl=60) == 1


def test_tally_counts_with_first_and_last_seen(store):
    store.tally("misses", "明天会下雨吗", cap=10, now=100.0)
    store.tally("misses", "食堂几点开门", cap=10, now=150.0)
    assert store.tally("misses", "明天会下雨吗", cap=10, now=200.0) == 2
    assert store.tallies("misses") == [
        {"member": "明天会下雨吗", "count": 2, "first": 100.0, "last": 200.0},
        {"member": "食堂几点开门", "count": 1, "first": 150.0, "last": 150.0},
    ]
    assert store.tallies("hits") == []


def test_full_tally_evicts_the_weakest_but_never_the_newcomer(store):
    store.tally("misses", "常问", cap=3, now=1.0)
    store.tally("misses", "常问", cap=3, now=2.0)
    store.tally("misses", "旧的", cap=3, now=3.0)
    store.tally("misses", "新的", cap=3, now=4.0)
    # Full: the lowest count goes, and of the two with one, the one seen longest ago.
    store.tally("misses", "最新", cap=3, now=5.0)
    assert [r["member"] for r in store.tallies("misses")] == ["常问", "最新", "新的"]
    for n in range(50):
        store.tally("misses", f"问题{n}", cap=3, now=10.0 + n)
    rows = store.tallies("misses")
    assert len(rows) == 3
    assert rows[0]["member"] == "常问" and rows[1]["member"] == "问题49"


def test_memory_store_sweeps_expired_keys():
    """Keys nobody reads again (claims of old messages) must not pile up in a long-lived process."""
    store = MemoryStore()
    for n in range(100):
        store.set(f"msg:{n}", "reply", ttl=0.01)
    time.sleep(0.05)
    store._next_sweep = 0  # the next write is due to sweep
    store.set("msg:new", "reply", ttl=60)
    assert list(store._data) == ["msg:new"]


def test_redis_keys_are_prefixed_by_appid_and_all_expire(redis_url):
    store = create_store({"REDIS_URL": redis_url, "WECHAT_APPID": "wx123"})
    store.set("chat:o1", {"pages": ["p"]}, ttl=300)
    store.add("msg:42", {"state": "working"}, ttl=30)
    store.incr("rate:o1", ttl=60)
    store.tally("misses", "明天会下雨吗", cap=10)
    with redis.Redis.from_url(redis_url, decode_responses=True) as client:
        keys = sorted(client.keys("*"))
        ttls = [client.ttl(k) for k in keys]
    assert keys == ["bot:wx123:chat:o1", "bot:wx123:msg:42", "bot:wx123:rate:o1",
                    "bot:wx123:tally:misses:count", "bot:wx123:tally:misses:first",
                    "bot:wx123:tally:misses:last"]
    assert all(ttl > 0 for ttl in ttls)


def test_two_stores_on_one_redis_share_state(redis_url):
    a = create_store({"REDIS_URL": redis_url, "WECHAT_APPID": "wx123"})
    b = create_store({"REDIS_URL": redis_url, "WECHAT_APPID": "wx123"})
    other_account = create_store({"REDIS_URL": redis_url, "WECHAT_APPID": "wx999"})
    a.set("chat:o1", {"context": {"person": "武涌"}}, ttl=60)
    assert b.get("chat:o1") == {"context": {"person": "武涌"}}
    assert other_account.get("chat:o1") is None
    assert a.add("msg:7", "a", ttl=30) is True
    assert b.add("msg:7", "b", ttl=30) is False
    assert a.status() == b.status() == "ok"


def test_store_without_redis_url_is_in_process():
    store = create_store({"REDIS_URL": "", "WECHAT_APPID": ""})
    assert isinstance(store, MemoryStore)
    assert store.status() == "absent"


def test_failover_treats_a_slow_redis_as_down(tmp_path):
    """A Redis that stalls (here DEBUG SLEEP) must not hold a reply past WeChat's 5 s."""
    server = RedisServer(tmp_path).start()
    store = create_store({"REDIS_URL": server.url, "REDIS_RETRY_INTERVAL": 0.2})
    try:
        store.set("chat:o1", {"pages": ["shared"]}, ttl=60)
        with redis.Redis.from_url(server.url) as client:
            stall = threading.Thread(target=client.execute_command, args=("DEBUG", "SLEEP", "1.5"))
            stall.start()
            time.sleep(0.2)  # the server is now asleep
            assert store.get("chat:o1") is None  # timed out (0.5 s), answered from memory
            assert not store.healthy
            stall.join()
        deadline = time.monotonic() + 10
        while store.status() != "ok" and time.monotonic() < deadline:
            time.sleep(0.05)
        assert store.get("chat:o1") == {"pages": ["shared"]}
    finally:
        store.close()
        server.stop()


def test_failover_serves_from_memory_while_redis_is_down_and_recovers(tmp_path, caplog):
    server = RedisServer(tmp_path).start()
    store = create_store({"REDIS_URL": server.url, "REDIS_RETRY_INTERVAL": 0.2})
    try:
        assert isinstance(store, FailoverStore)
        store.set("chat:o1", {"pages": ["shared"]}, ttl=60)
        assert store.status() == "ok"

        server.stop()
        for n in range(20):  # no exception reaches the caller, whatever the call
            store.set(f"chat:o{n}", {"pages": ["local"]}, ttl=60)
            assert store.get(f"chat:o{n}") == {"pages": ["local"]}
        assert store.add("msg:1", "working", ttl=30) is True
        assert store.add("msg:1", "working", ttl=30) is False
        assert store.incr("rate:o1", ttl=60) == 1
        assert store.tally("misses", "明天会下雨吗", cap=10) == 1
        assert store.status() == "degraded" and not store.healthy
        down = [r for r in caplog.records if "Redis unavailable" in r.getMessage()]
        assert len(down) == 1, "an outage is logged once, not once per call"

        server.start()  # same port
        deadline = time.monotonic() + 10
        while store.status() != "ok" and time.monotonic() < deadline:
            time.sleep(0.05)
        assert store.status() == "ok"
        # Served by Redis again (restarted empty: no persistence), not by the outage's local copy.
        assert store.get("chat:o1") is None
        with redis.Redis.from_url(server.url) as client:
            client.set("bot:default:chat:o2", '{"pages": ["from redis"]}')
        assert store.get("chat:o2") == {"pages": ["from redis"]}
        assert any("Redis is back" in r.getMessage() for r in caplog.records)
    finally:
        store.close()
        server.stop()


def test_failover_catches_every_client_error_under_many_threads(tmp_path):
    """Redis killed while 8 threads are mid-command: no caller sees an exception of any type.

    redis-py raises more than RedisError when a server dies under concurrent use (its parser
    can fail with AttributeError once a connection is torn down), and the failover once reset
    the whole pool under other threads' feet; both surfaced as an apology to followers."""
    server = RedisServer(tmp_path).start()
    store = create_store({"REDIS_URL": server.url, "REDIS_RETRY_INTERVAL": 0.1})
    errors, stop = [], threading.Event()

    def chat(n):
        i = 0
        while not stop.is_set():
            try:
                store.set(f"chat:o{n}:{i}", {"pages": [str(i)]}, ttl=60)
                store.get(f"chat:o{n}:{i}")
                store.add(f"msg:{n}:{i}", "working", ttl=30)
                store.incr(f"rate:o{n}", ttl=60)
                store.tally("misses", f"q{i % 7}", cap=10)
            except BaseException as exc:  # the point: nothing may escape
                errors.append(repr(exc))
            i += 1

    threads = [threading.Thread(target=chat, args=(n,)) for n in range(8)]
    try:
        for t in threads:
            t.start()
        time.sleep(0.3)
        server.stop()  # SIGTERM while the threads are mid-command
        time.sleep(0.5)
        server.start()
        time.sleep(0.5)
    finally:
        stop.set()
        for t in threads:
            t.join()
        store.close()
        server.stop()
    assert errors == []


def test_failover_falls_back_on_an_error_that_is_not_a_redis_error():
    class Broken:
        prefix = "bot:x"

        def get(self, key):
            raise AttributeError("'NoneType' object has no attribute 'readline'")

        def ping(self):
            return True

    store = FailoverStore(Broken(), MemoryStore("bot:x"), retry_after=60)
    assert store.get("chat:o1") is None  # answered from memory, not raised
    assert not store.healthy


def test_counted_tallies_reach_redis_within_the_flush_interval_in_one_go(redis_url):
    """Counting is in process (no round trip per message); every interval the counts land in Redis."""
    store = create_store({"REDIS_URL": redis_url, "WECHAT_APPID": "wxtest", "TALLY_FLUSH_INTERVAL": 0.2})
    shared = RedisStore.from_url(redis_url, "bot:wxtest")
    try:
        for _ in range(3):
            store.tally("misses", "明天会下雨吗", cap=10, now=100.0)
        store.tally("misses", "食堂几点开门", cap=10, now=150.0)
        deadline = time.monotonic() + 5
        while not shared.tallies("misses") and time.monotonic() < deadline:
            time.sleep(0.05)
        assert [(r["member"], r["count"]) for r in shared.tallies("misses")] == [("明天会下雨吗", 3), ("食堂几点开门", 1)]
        store.tally("misses", "明天会下雨吗", cap=10, now=300.0)
        rows = store.tallies("misses")  # a read through the store includes this process's latest counts
        assert (rows[0]["count"], rows[0]["first"], rows[0]["last"]) == (4, 100.0, 300.0)
    finally:
        store.close()
        shared.close()


def test_counts_made_while_redis_is_down_are_written_when_it_is_back(tmp_path):
    server = RedisServer(tmp_path).start()
    store = create_store({"REDIS_URL": server.url, "REDIS_RETRY_INTERVAL": 0.1, "TALLY_FLUSH_INTERVAL": 60})
    try:
        server.stop()
        store.tally("misses", "断网时的问题", cap=10)
        store.flush()  # fails: kept
        server.start()
        time.sleep(0.2)
        store.flush()
        with redis.Redis.from_url(server.url) as client:
            assert client.zscore("bot:default:tally:misses:count", "断网时的问题") == 1
    finally:
        store.close()
        server.stop()


def test_incr_and_get_counts_and_reads_in_one_call(store):
    store.set("chat:o1", {"context": {"person": "武涌"}}, ttl=60)
    assert store.incr_and_get("rate:o1", 60, "chat:o1") == (1, {"context": {"person": "武涌"}})
    assert store.incr_and_get("rate:o1", 60, "chat:o9") == (2, None)
    assert store.incr_and_get("rate:o1", 60, None) == (3, None)


def test_begin_claims_counts_and_reads_at_once_and_a_retry_counts_nothing(store):
    store.set("chat:{o1}", {"context": {"person": "武涌"}}, ttl=60)
    first = store.begin("msg:{o1}:1", {"state": "working"}, 5, "rate:{o1}", 60, "chat:{o1}")
    assert first == (True, 1, {"context": {"person": "武涌"}})
    assert store.begin("msg:{o1}:1", {"state": "working"}, 5, "rate:{o1}", 60, "chat:{o1}") == \
        (False, {"state": "working"}, None)  # a retry: the claim it found, nothing counted
    assert store.begin("msg:{o1}:2", "w", 5, "rate:{o1}", 60, "chat:{o9}") == (True, 2, None)
    assert store.begin("msg:{o1}:3", "w", 5, "rate:{o1}", 0, "chat:{o1}")[:2] == (True, 0)  # no limit: not counted
    assert store.incr_and_get("rate:{o1}", 60, None) == (3, None)


def test_begin_counts_in_a_fixed_window_and_the_claim_is_a_lease(store):
    assert store.begin("msg:{o2}:1", "w", 0.2, "rate:{o2}", 0.3, "chat:{o2}")[:2] == (True, 1)
    time.sleep(0.25)  # the lease lapsed: a re-send claims again, inside the same rate window
    assert store.begin("msg:{o2}:1", "w", 0.2, "rate:{o2}", 0.3, "chat:{o2}")[:2] == (True, 2)
    time.sleep(0.2)  # the window is over
    assert store.begin("msg:{o2}:2", "w", 0.2, "rate:{o2}", 0.3, "chat:{o2}")[:2] == (True, 1)


def test_write_sets_and_deletes_together(store):
    store.set("chat:{o3}", {"pages": ["x"]}, ttl=60)
    store.write([("msg:{o3}:1", {"state": "done", "reply": "r"}, 30), ("chat:{o4}", {"context": {}}, 0.1)],
                ["chat:{o3}"])
    assert store.get("msg:{o3}:1") == {"state": "done", "reply": "r"}
    assert store.get("chat:{o3}") is None
    time.sleep(0.2)
    assert store.get("chat:{o4}") is None  # each set keeps its own expiry


def test_a_followers_turn_is_held_by_one_message_at_a_time(store):
    store.set("chat:{o5}", {"context": {"person": "甲"}}, ttl=60)
    first = store.begin("msg:{o5}:1", "w", 5, "rate:{o5}", 60, "chat:{o5}", "turn:{o5}")
    assert first == (True, 1, {"context": {"person": "甲"}})
    second = store.begin("msg:{o5}:2", "w", 5, "rate:{o5}", 60, "chat:{o5}", "turn:{o5}")
    assert second == (True, 2, BUSY)  # claimed and counted, but the session is not read yet
    assert store.take_turn("turn:{o5}", "msg:{o5}:2", 5, "chat:{o5}") == (False, None)
    store.write([], [], [("turn:{o5}", "msg:{o5}:9")])  # not its owner: nothing given back
    assert store.take_turn("turn:{o5}", "msg:{o5}:2", 5, "chat:{o5}") == (False, None)
    store.write([("chat:{o5}", {"choices": ["a", "b"]}, 60)], [], [("turn:{o5}", "msg:{o5}:1")])
    assert store.take_turn("turn:{o5}", "msg:{o5}:2", 5, "chat:{o5}") == (True, {"choices": ["a", "b"]})
    assert store.take_turn("turn:{o5}", "msg:{o5}:2", 5, "chat:{o5}")[0]  # its own turn, taken again


def test_a_turn_whose_holder_died_lapses_with_its_lease(store):
    assert store.begin("msg:{o6}:1", "w", 0.2, "rate:{o6}", 60, "chat:{o6}", "turn:{o6}")[2] is None
    assert store.take_turn("turn:{o6}", "msg:{o6}:2", 0.2, "chat:{o6}") == (False, None)
    time.sleep(0.3)
    assert store.take_turn("turn:{o6}", "msg:{o6}:2", 0.2, "chat:{o6}") == (True, None)

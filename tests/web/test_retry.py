"""WeChat's retries answered once: the claim, the wait for the first delivery, the release."""

import threading
import time

import pytest

from bot.chat.conversation import Conversation
from bot.state import MemoryStore, create_store
from bot.web import retry
from bot.web.retry import NOTHING, RetryClaims, retry_key


@pytest.fixture
def claims(store_url):
    return RetryClaims(create_store({"REDIS_URL": store_url, "WECHAT_APPID": "wxtest"}))


def answer_once(claims, key, produce):
    """What the webhook does with one delivery: (reply, was_retry)."""
    earlier = claims.claim(key)
    if earlier is not None:
        return earlier, True
    try:
        reply = produce()
    except BaseException:
        claims.release(key)
        raise
    claims.finish(key, reply)
    return reply, False


def test_retry_is_answered_once_with_the_same_reply(claims):
    produced = []

    def produce():
        produced.append(1)
        return f"<xml>reply {len(produced)}</xml>"

    assert answer_once(claims, "6054768590064713728", produce) == ("<xml>reply 1</xml>", False)
    assert answer_once(claims, "6054768590064713728", produce) == ("<xml>reply 1</xml>", True)
    assert answer_once(claims, "6054768590064713729", produce) == ("<xml>reply 2</xml>", False)
    assert len(produced) == 2


def test_retry_waits_for_the_first_delivery_still_working(claims):
    started, release = threading.Event(), threading.Event()
    results = {}

    def slow():
        started.set()
        release.wait(5)
        return "<xml>slow answer</xml>"

    first = threading.Thread(target=lambda: results.setdefault("first", answer_once(claims, "m1", slow)))
    first.start()
    started.wait(5)
    retry = threading.Thread(target=lambda: results.setdefault("retry", answer_once(claims, "m1", slow)))
    retry.start()
    time.sleep(0.2)  # the retry is now polling the claim
    release.set()
    first.join()
    retry.join()
    assert results == {"first": ("<xml>slow answer</xml>", False), "retry": ("<xml>slow answer</xml>", True)}


def test_retry_gives_up_politely_when_the_first_never_finishes(claims):
    claims.store.add("msg:m2", {"state": "working"}, ttl=30)
    claims.wait = 0.2
    assert answer_once(claims, "m2", lambda: "never") == (NOTHING, True)


def test_failed_delivery_releases_its_claim_for_the_retry(claims):
    def broken():
        raise RuntimeError("engine crashed")

    with pytest.raises(RuntimeError):
        answer_once(claims, "m3", broken)
    assert answer_once(claims, "m3", lambda: "<xml>ok</xml>") == ("<xml>ok</xml>", False)


def test_a_dead_workers_claim_lapses_and_the_resend_is_answered(claims):
    """A worker killed mid-answer renews nothing: WeChat's re-send finds the lease gone and answers."""
    claims.store.add("msg:m4", {"state": "working"}, ttl=0.3)  # claimed by a process that then died
    claims.wait = 2.0
    started = time.monotonic()
    assert answer_once(claims, "m4", lambda: "<xml>answered</xml>") == ("<xml>answered</xml>", False)
    assert time.monotonic() - started < 1.5


def test_the_claim_is_renewed_while_the_answer_takes_longer_than_the_lease(store_url):
    claims = RetryClaims(create_store({"REDIS_URL": store_url, "WECHAT_APPID": "wxtest"}), wait=3.0, lease=0.3)
    produced, results = [], {}

    def slow():
        produced.append(1)
        time.sleep(1.0)  # three leases long: only renewal keeps the claim
        return "<xml>slow but alive</xml>"

    first = threading.Thread(target=lambda: results.setdefault("first", answer_once(claims, "m5", slow)))
    first.start()
    time.sleep(0.6)
    results["retry"] = answer_once(claims, "m5", slow)
    first.join()
    assert produced == [1]
    assert results == {"first": ("<xml>slow but alive</xml>", False), "retry": ("<xml>slow but alive</xml>", True)}


def test_events_of_one_second_are_told_apart_by_type_and_key():
    from types import SimpleNamespace

    def event(kind, key=""):
        return SimpleNamespace(id=None, source="o1", time=1700000000, event=kind, key=key)

    assert retry_key(event("subscribe")) != retry_key(event("unsubscribe"))
    assert retry_key(event("click", "MENU_A")) != retry_key(event("click", "MENU_B"))
    assert retry_key(event("subscribe")) == retry_key(event("subscribe"))


def a_turn(openid):
    return Conversation(MemoryStore(), {}).start(openid)


def test_a_followers_next_message_waits_for_the_previous_and_reads_what_it_left(claims):
    """Two messages sent close together: the second picks from the first's choices, not from the
    session both would otherwise have read before either wrote."""
    first_turn, second_turn = a_turn("o7"), a_turn("o7")
    started, release, done = threading.Event(), threading.Event(), {}

    def first():
        assert claims.claim("{o7}:1", first_turn) is None
        started.set()
        release.wait(5)
        first_turn.sets.append(("chat:{o7}", {"choices": ["甲", "乙"]}, 60))
        claims.finish("{o7}:1", "<xml>choose</xml>", first_turn)
        done["first"] = time.monotonic()

    def second():
        assert claims.claim("{o7}:2", second_turn) is None
        done["second"] = time.monotonic()

    one = threading.Thread(target=first)
    one.start()
    started.wait(5)
    two = threading.Thread(target=second)
    two.start()
    time.sleep(0.3)
    assert "second" not in done  # still waiting for the first message's turn
    release.set()
    one.join()
    two.join()
    assert done["second"] >= done["first"]
    assert second_turn.session == {"choices": ["甲", "乙"]}
    claims.finish("{o7}:2", "<xml>picked</xml>", second_turn)
    third = a_turn("o7")
    started = time.monotonic()
    assert claims.claim("{o7}:3", third) is None
    assert time.monotonic() - started < 0.2 and third.owner  # given back: no wait
    claims.release("{o7}:3", third)
    assert claims.store.take_turn("turn:{o7}", "msg:{o7}:4", 1, "chat:{o7}")[0]  # released with the claim


def test_a_turn_held_by_a_dead_worker_lapses_within_the_lease(store_url):
    claims = RetryClaims(create_store({"REDIS_URL": store_url, "WECHAT_APPID": "wxtest"}), lease=0.3)
    claims.store.begin("msg:{o8}:1", "w", 0.3, "rate:{o8}", 0, "chat:{o8}", "turn:{o8}")  # then died
    turn = a_turn("o8")
    started = time.monotonic()
    assert claims.claim("{o8}:2", turn) is None
    assert 0.2 < time.monotonic() - started < 1.0 and turn.owner == "msg:{o8}:2"


def test_a_message_answers_anyway_when_the_previous_holds_the_turn_too_long(claims, monkeypatch, caplog):
    monkeypatch.setattr(retry, "TURN_WAIT", 0.3)
    claims.store.set("chat:{o9}", {"context": {"person": "丙"}}, ttl=60)
    claims.store.begin("msg:{o9}:1", "w", 30, "rate:{o9}", 0, "chat:{o9}", "turn:{o9}")
    turn = a_turn("o9")
    assert claims.claim("{o9}:2", turn) is None
    assert turn.session == {"context": {"person": "丙"}} and not turn.owner
    assert "still held its turn" in caplog.text
    claims.finish("{o9}:2", "<xml>x</xml>", turn)
    assert claims.store.take_turn("turn:{o9}", "msg:{o9}:3", 1, "chat:{o9}") == (False, None)  # not ours to give

"""#debug in the real chat: staff get matched, score and runner-up in WeChat; nobody else does."""

import pytest
from conftest import LONG_QUESTION, app_config
from wechat_client import Follower, WeChat

from bot import create_app
from bot.chat.paging import MAX_REPLY_BYTES, MORE_NOTE
from bot.chat.usage import hits, misses
from bot.engine.answer import Answer
from bot.web import debug

STAFF = "o-staff-1"
WEST = "西部地区建筑绿色低碳发展协调推进办公室"


def make_app(kb, **config):
    return create_app(app_config(kb, STAFF_OPENIDS=f"{STAFF}, o-staff-2", **config), environ={})


@pytest.fixture
def app(kb):
    return make_app(kb)


def store(app):
    return app.extensions["store"]


def test_staff_see_the_answer_then_what_matched(app):
    reply = Follower(STAFF).say(app.test_client(), "#debug 西部办公室是什么？")
    answer, details = reply.split(debug.SEPARATOR)
    assert WEST in answer
    assert details.splitlines()[:2] == ["匹配：faq:西部办公室", "分数：100.0"]
    assert "次选：" in details and "来源：faq/west-office.txt" in details


def test_a_declined_question_says_so_and_is_not_a_miss(app):
    client = app.test_client()
    reply = Follower(STAFF).say(client, "＃DEBUG：明天会下雨吗")
    assert "匹配：无（拒答）" in reply and "分数：0.0" in reply
    assert misses(store(app)) == [] and hits(store(app)) == []


def test_others_get_a_plain_answer_to_the_question(app):
    client = app.test_client()
    reply = Follower("o-stranger").say(client, "#debug 西部办公室是什么？")
    assert reply == Follower("o-stranger-2").say(client, "西部办公室是什么？")
    assert WEST in reply and "匹配" not in reply and debug.SEPARATOR not in reply
    assert [row["count"] for row in hits(store(app))] == [2]  # a normal question, counted as one


def test_debug_alone_explains_itself(app):
    assert Follower(STAFF).say(app.test_client(), "#debug") == debug.USAGE


def test_a_long_answer_and_its_details_fit_one_reply(long_kb):
    reply = Follower(STAFF).say(make_app(long_kb).test_client(), f"#debug {LONG_QUESTION}")
    assert len(reply.encode()) <= MAX_REPLY_BYTES
    answer, details = reply.split(debug.SEPARATOR)
    assert answer.startswith("第1项") and details.startswith("匹配：faq:")


def test_debug_leaves_the_staff_members_conversation_and_rate_limit_alone(long_kb):
    app = make_app(long_kb, RATE_LIMIT=2)
    client = app.test_client()
    staff = Follower(STAFF)
    assert staff.say(client, LONG_QUESTION).endswith(MORE_NOTE)
    for _ in range(3):
        assert debug.SEPARATOR in staff.say(client, "#debug 明天会下雨吗")
    assert staff.say(client, "更多").startswith("第")  # page 2: the debug questions kept the pages
    # The third message the limit counts is over it: the debug questions were not counted.
    assert staff.say(client, "西部办公室是什么？") == app.extensions["conversation"].limiter.notice()


def test_staff_debug_in_safe_mode(app):
    wechat = WeChat(openid=STAFF)
    path, body = wechat.push(wechat.text("#debug 西部办公室是什么？"), "safe")
    response = app.test_client().post(path, data=body, content_type="text/xml")
    reply = wechat.read(response.get_data())
    assert reply["encrypted"] and "匹配：faq:西部办公室" in reply["Content"]


@pytest.mark.parametrize("text, asked", [
    ("#debug 西部办公室是什么？", "西部办公室是什么？"),
    ("＃DEBUG：武涌是谁", "武涌是谁"),
    ("#debug武涌是谁", "武涌是谁"),
    ("  #debug  ", ""),
    ("#debugger 武涌是谁", None),
    ("请问 #debug 是什么", None),
])
def test_the_command_is_read_from_the_start_of_the_message(text, asked):
    assert debug.question(text) == asked


def test_runners_up_are_named_once_with_their_best_score():
    answer = Answer("…", "news/a.txt#where", 92.0, kind="where", evidence="会议在成都举行。" + "很长" * 100,
                    sources=[{"file": "news/a.txt", "title": "t", "date": ""}],
                    runners_up=[{"matched": "faq:甲", "score": 60.0}, {"matched": "faq:甲", "score": 71.5},
                                {"matched": "news/a.txt#where", "score": 92.0}, {"matched": "faq:乙", "score": 40}])
    lines = debug.describe(answer).splitlines()
    assert lines[:4] == ["匹配：news/a.txt#where", "分数：92.0", "类型：where", "次选：faq:甲（71.5）；faq:乙（40.0）"]
    assert lines[4].startswith("原文：会议在成都举行。") and lines[4].endswith("…")
    assert len(lines[4]) == len("原文：") + debug.MAX_EVIDENCE_CHARS + 1
    assert lines[5] == "来源：news/a.txt"

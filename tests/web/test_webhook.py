"""/wechat in plaintext mode: verification, every message type, retries, reply size, logs."""

import json
import logging

import pytest
from conftest import app_config
from wechat_client import TOKEN, Chat, WeChat

from bot import create_app
from bot.chat.conversation import Reply
from bot.ops.hot_reload import get_knowledge
from bot.ops.logs import JsonFormatter

WEST = "西部地区建筑绿色低碳发展协调推进办公室"


def test_verification_echoes_echostr(client, wechat):
    response = client.get(wechat.verify_path(echostr="5837397520665436492"))
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "5837397520665436492"


def test_verification_matches_the_official_example(kb):
    # developers.weixin.qq.com message-push guide: Token AAAAA, ts 1714036504, nonce 1514711492.
    client = create_app(app_config(kb, WECHAT_TOKEN="AAAAA", MAX_REQUEST_AGE=0), environ={}).test_client()
    response = client.get("/wechat?signature=f464b24fc39322e44b38aa78f5edd27bd1441696"
                          "&timestamp=1714036504&nonce=1514711492&echostr=hello")
    assert (response.status_code, response.get_data(as_text=True)) == (200, "hello")


@pytest.mark.parametrize("query", [
    "signature=0000000000000000000000000000000000000000&timestamp=1&nonce=2&echostr=x",
    "timestamp=1&nonce=2&echostr=x",
    "",
])
def test_verification_with_wrong_or_missing_signature_is_403(client, query):
    response = client.get("/wechat?" + query)
    assert response.status_code == 403
    assert "x" not in response.get_data(as_text=True)


def test_push_signed_with_another_token_is_403(client):
    stranger = WeChat(token="not-our-token")
    path, body = stranger.push(stranger.text("西部办公室是什么？"))
    assert client.post(path, data=body).status_code == 403


def test_text_is_answered_from_the_knowledge_base(chat, wechat):
    reply = chat.say("西部办公室是什么？")
    assert WEST in reply["Content"]
    assert reply["MsgType"] == "text"
    assert (reply["ToUserName"], reply["FromUserName"]) == (wechat.openid, "gh_test")


def test_unknown_question_gets_the_decline_text(chat):
    reply = chat.say("明天会下雨吗")
    assert reply["Content"]
    assert WEST not in reply["Content"]


def test_voice_with_recognition_is_answered_as_text(chat, wechat):
    xml = wechat.message("voice", "<MediaId><![CDATA[m1]]></MediaId><Format><![CDATA[amr]]></Format>"
                                  "<Recognition><![CDATA[西部办公室是什么？]]></Recognition>")
    assert WEST in wechat.read(chat.send(xml).get_data())["Content"]


@pytest.mark.parametrize("recognition", ["", "<Recognition><![CDATA[]]></Recognition>"])
def test_voice_without_recognition_asks_to_type(chat, wechat, recognition):
    xml = wechat.message("voice", f"<MediaId><![CDATA[m1]]></MediaId>{recognition}")
    assert "打字" in wechat.read(chat.send(xml).get_data())["Content"]


@pytest.mark.parametrize("msg_type, fields", [
    ("image", "<PicUrl><![CDATA[http://example.invalid/a.jpg]]></PicUrl><MediaId><![CDATA[m]]></MediaId>"),
    ("video", "<MediaId><![CDATA[m]]></MediaId><ThumbMediaId><![CDATA[t]]></ThumbMediaId>"),
    ("shortvideo", "<MediaId><![CDATA[m]]></MediaId><ThumbMediaId><![CDATA[t]]></ThumbMediaId>"),
    ("location", "<Location_X>29.56</Location_X><Location_Y>106.55</Location_Y><Scale>15</Scale>"
                 "<Label><![CDATA[重庆]]></Label>"),
    ("link", "<Title><![CDATA[t]]></Title><Description><![CDATA[d]]></Description>"
             "<Url><![CDATA[http://example.invalid]]></Url>"),
])
def test_media_gets_a_friendly_text_about_what_the_bot_does(chat, wechat, msg_type, fields):
    content = wechat.read(chat.send(wechat.message(msg_type, fields)).get_data())["Content"]
    assert "文字" in content
    assert "西部办公室是什么？" in content  # an example question from the knowledge base


@pytest.mark.parametrize("key", [None, "qrscene_123123"])
def test_subscribe_gets_welcome_with_example_questions(app, chat, wechat, key):
    response = chat.send(wechat.event("subscribe", key=key))
    content = wechat.read(response.get_data())["Content"]
    engine = get_knowledge(app).engine
    assert content.startswith(engine.kb.settings.welcome)
    for question in engine.suggestions(3):
        assert question in content


@pytest.mark.parametrize("event, key", [
    ("unsubscribe", None), ("VIEW", "https://example.invalid/menu"), ("SCAN", "123"),
    ("LOCATION", None), ("TEMPLATESENDJOBFINISH", None), ("CLICK", ""),
])
def test_other_events_get_success(chat, wechat, event, key):
    response = chat.send(wechat.event(event, key=key))
    assert (response.status_code, response.get_data(as_text=True)) == (200, "success")


def test_unknown_message_type_gets_success(chat, wechat):
    response = chat.send(wechat.message("miniprogrampage", "<Title><![CDATA[t]]></Title>"))
    assert (response.status_code, response.get_data(as_text=True)) == (200, "success")


@pytest.mark.parametrize("key", ["西部办公室是什么？", "西部办公室"])  # a question, an FAQ entry's 名称
def test_menu_click_asks_the_key(chat, wechat, key):
    assert WEST in wechat.read(chat.send(wechat.event("CLICK", key=key)).get_data())["Content"]


class CountingKnowledge:
    """The real LiveKnowledge, counting how many questions reach its engine."""

    def __init__(self, live):
        self.live, self.asked = live, 0

    @property
    def engine(self):
        knowledge = self

        class Counting:
            def __getattr__(self, name):
                return getattr(knowledge.live.engine, name)

            def answer(self, question, context=None):
                knowledge.asked += 1
                return knowledge.live.engine.answer(question, context)

        return Counting()


@pytest.fixture(params=["memory", "redis"])
def store_app(request, kb):
    """The app with each store backend; the redis one starts a real redis-server."""
    url = request.getfixturevalue("redis_url") if request.param == "redis" else ""
    app = create_app(app_config(kb, REDIS_URL=url), environ={})
    app.extensions["knowledge"] = CountingKnowledge(get_knowledge(app))
    yield app
    store = app.extensions["store"]
    if hasattr(store, "client"):
        store.client.close()


def test_retry_with_same_msgid_gets_same_reply_and_is_processed_once(store_app, wechat):
    chat = Chat(store_app.test_client(), wechat)
    xml = wechat.text("西部办公室是什么？")
    first, second, third = (chat.send(xml).get_data() for _ in range(3))
    assert first == second == third
    assert WEST in wechat.read(first)["Content"]
    assert get_knowledge(store_app).asked == 1


def test_event_retry_is_recognised_by_sender_and_create_time(store_app, wechat):
    chat = Chat(store_app.test_client(), wechat)
    first = chat.send(wechat.event("CLICK", key="西部办公室", create_time=1700000000)).get_data()
    again = chat.send(wechat.event("CLICK", key="西部办公室", create_time=1700000000)).get_data()
    later = chat.send(wechat.event("CLICK", key="西部办公室", create_time=1700000001)).get_data()
    assert first == again
    assert WEST in wechat.read(later)["Content"]
    assert get_knowledge(store_app).asked == 2


def test_retry_reaching_another_replica_gets_the_first_reply(kb, redis_url, wechat):
    replicas = [create_app(app_config(kb, REDIS_URL=redis_url), environ={}) for _ in range(2)]
    xml = wechat.text("西部办公室是什么？")
    bodies = [Chat(app.test_client(), wechat).send(xml).get_data() for app in replicas]
    assert bodies[0] == bodies[1]
    for app in replicas:
        app.extensions["store"].primary.client.close()


def long_faq(kb, answer: str):
    (kb / "faq" / "long.txt").write_text(f"名称：长答案\n问：请给我一个很长的答案\n答：{answer}\n", encoding="utf-8")


def test_long_answer_is_cut_to_2048_bytes_at_a_sentence(kb, wechat):
    long_faq(kb, "西部办公室推进绿色低碳发展工作。" * 300)
    chat = Chat(create_app(app_config(kb), environ={}).test_client(), wechat)
    content = chat.say("请给我一个很长的答案")["Content"]
    assert len(content.encode()) <= 2048
    assert "更多" in content


def test_long_welcome_is_cut_to_2048_bytes(kb, wechat):
    (kb / "settings.txt").write_text("欢迎语：" + "欢迎关注本会的公众号，这里有最新的新闻。" * 200 + "\n",
                                     encoding="utf-8")
    chat = Chat(create_app(app_config(kb), environ={}).test_client(), wechat)
    content = wechat.read(chat.send(wechat.event("subscribe")).get_data())["Content"]
    assert len(content.encode()) <= 2048
    assert content.endswith("。")


def test_knowledge_failure_on_a_valid_message_gets_an_apology(app, chat):
    class Broken:
        @property
        def engine(self):
            raise RuntimeError("knowledge exploded")

    app.extensions["knowledge"] = Broken()
    assert chat.say("西部办公室是什么？")["Content"] == "抱歉，出了点问题，请稍后再试"


def test_engine_failure_on_a_valid_message_gets_an_apology(app, chat):
    class BrokenEngine:
        kb = get_knowledge(app).engine.kb

        def answer(self, question, context=None):
            raise RuntimeError("engine exploded")

        def suggestions(self, n=3):
            return []

    class Knowledge:
        engine = BrokenEngine()

    app.extensions["knowledge"] = Knowledge()
    reply = chat.say("西部办公室是什么？")
    assert reply["Content"] == "抱歉，出了点问题，请稍后再试"


@pytest.mark.parametrize("text", ["", "  \n"])
def test_an_empty_reply_text_becomes_success_not_an_empty_message(app, chat, text):
    conversation = app.extensions["conversation"]

    class Silent(type(conversation)):
        def handle_text(self, openid, question, engine, turn=None):
            return Reply(text)

    app.extensions["conversation"] = Silent(conversation.store, conversation.config)
    response = chat.send(chat.wechat.text("西部办公室是什么？"))
    assert (response.status_code, response.get_data(as_text=True)) == (200, "success")


def test_one_json_log_line_per_message_without_secrets(chat, wechat, caplog):
    caplog.set_level(logging.INFO, logger="bot")
    chat.say("西部办公室是什么？")
    chat.say("明天会下雨吗")
    lines = [json.loads(JsonFormatter().format(r)) for r in caplog.records if r.name == "bot.messages"]
    assert [line["event"] for line in lines] == ["message", "message"]
    first, second = lines
    assert first["type"] == "text" and first["matched"].startswith("faq:") and first["score"] > 0
    assert second["matched"] is None
    assert first["openid"] == second["openid"] != wechat.openid
    assert isinstance(first["latency_ms"], float)
    everything = caplog.text
    assert TOKEN not in everything and wechat.aes_key not in everything and wechat.openid not in everything


def test_rejected_request_is_logged_with_its_reason(client, caplog):
    caplog.set_level(logging.INFO, logger="bot")
    client.get("/wechat?signature=bad&timestamp=1&nonce=2&echostr=x")
    [line] = [json.loads(JsonFormatter().format(r)) for r in caplog.records if r.name == "bot.messages"]
    assert line == {**line, "event": "rejected", "status": 403, "reason": "bad signature"}


@pytest.mark.parametrize("age", [-3600, 301, 86400 * 365])
def test_a_signed_push_from_outside_the_time_window_is_refused_as_a_replay(client, wechat, age, caplog):
    import time

    path, body = wechat.push(wechat.text("西部办公室是什么？"), timestamp=str(int(time.time()) - age))
    with caplog.at_level(logging.WARNING):
        response = client.post(path, data=body)
    assert response.status_code == 403
    assert any("clock" in r.getMessage() for r in caplog.records), "the log line names clock skew"


def test_a_signed_push_within_the_window_is_answered(chat, wechat, client):
    import time

    path, body = wechat.push(wechat.text("西部办公室是什么？"), timestamp=str(int(time.time()) - 120))
    assert WEST in client.post(path, data=body).get_data(as_text=True)


def test_the_verification_get_is_held_to_the_window_too(client, wechat):
    assert client.get(wechat.verify_path(timestamp="1409735669")).status_code == 403
    assert client.get(wechat.verify_path()).status_code == 200


def test_max_request_age_zero_turns_the_window_off(kb):
    old = WeChat()
    client = create_app(app_config(kb, WECHAT_TOKEN=TOKEN, MAX_REQUEST_AGE=0), environ={}).test_client()
    path, body = old.push(old.text("西部办公室是什么？"), timestamp="1409735669")
    assert client.post(path, data=body).status_code == 200

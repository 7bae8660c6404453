import hashlib
import time

from bot.engine import Engine
from bot.knowledge import load_knowledge


def test_faq_answers_and_unknown_declines(kb):
    engine = Engine(load_knowledge(str(kb)))
    assert "西部地区建筑绿色低碳发展协调推进办公室" in engine.answer("西部办公室是什么？").text
    assert engine.answer("明天会下雨吗").matched is None


def test_signed_text_message_gets_an_answer(client):
    timestamp, nonce = str(int(time.time())), "12345"
    signature = hashlib.sha1("".join(sorted(["test-token", timestamp, nonce])).encode()).hexdigest()
    body = ("<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[o1]]></FromUserName>"
            "<CreateTime>1</CreateTime><MsgType><![CDATA[text]]></MsgType>"
            "<Content><![CDATA[西部办公室是什么？]]></Content><MsgId>1</MsgId></xml>")
    response = client.post(f"/wechat?signature={signature}&timestamp={timestamp}&nonce={nonce}", data=body)
    assert response.status_code == 200
    assert "协调推进办公室" in response.get_data(as_text=True)

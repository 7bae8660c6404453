"""Hostile and broken input: a clear 4xx and a log line, never a 500, never a trace, never a leak."""

import random

import pytest
import xmltodict

from bot.chat import Reply
from bot.web.replies import render

XXE = ('<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
       "<xml><ToUserName><![CDATA[gh_test]]></ToUserName><FromUserName><![CDATA[o1]]></FromUserName>"
       "<CreateTime>1</CreateTime><MsgType><![CDATA[text]]></MsgType><Content>&xxe;</Content>"
       "<MsgId>1</MsgId></xml>")
EXTERNAL_DTD = ('<?xml version="1.0"?><!DOCTYPE xml SYSTEM "http://127.0.0.1:9/evil.dtd">'
                "<xml><FromUserName>o1</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType>"
                "<Content>&ext;</Content><MsgId>1</MsgId></xml>")
LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
                    for i in range(1, 10))
          + "]><xml><FromUserName>o1</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType>"
            "<Content>&lol9;</Content><MsgId>1</MsgId></xml>")
LOWERCASE_ENTITY = "<xml><!entity x 'y'><FromUserName>o1</FromUserName></xml>"
BODY = ("<xml><FromUserName>o1</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType>"
        "<Content>&e;</Content><MsgId>1</MsgId></xml>")
DTD = '<!DOCTYPE xml [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
HIDDEN = {
    "after-comments-and-pi": f'<?xml version="1.0"?>\n<!-- hi --><?pi x?> {DTD}{BODY}',
    "comment-fake-cdata": f"<!-- <![CDATA[ -->{DTD}<!-- ]]> -->{BODY}",
    "bom": f"\ufeff{DTD}{BODY}",
    "lowercase-doctype": "<!doctype xml>" + BODY,
}


def assert_plain_refusal(response, status):
    body = response.get_data(as_text=True)
    assert response.status_code == status, body
    assert response.mimetype == "text/plain"
    assert "Traceback" not in body and "File \"" not in body and len(body) < 100


@pytest.mark.parametrize("body", [XXE, EXTERNAL_DTD, LAUGHS, LOWERCASE_ENTITY],
                         ids=["xxe-file", "external-dtd", "billion-laughs", "lowercase-entity"])
def test_dtd_in_a_signed_plain_push_is_400_and_never_resolved(chat, body):
    response = chat.client.post(chat.wechat.push("")[0], data=body.encode())
    assert_plain_refusal(response, 400)
    assert "root:" not in response.get_data(as_text=True)
    assert "lol" not in response.get_data(as_text=True)


@pytest.mark.parametrize("body", HIDDEN.values(), ids=HIDDEN.keys())
def test_dtd_behind_comments_or_a_bom_is_still_refused(chat, body):
    response = chat.client.post(chat.wechat.push("")[0], data=body.encode())
    assert_plain_refusal(response, 400)
    assert "DOCTYPE" in response.get_data(as_text=True)


@pytest.mark.parametrize("content", ["<!DOCTYPE html> 是什么意思？", '<!ENTITY x "y"> 怎么写？'])
def test_follower_typing_doctype_is_answered(chat, content):
    assert chat.say(content)["Content"]


@pytest.mark.parametrize("body", [XXE, LAUGHS], ids=["xxe-file", "billion-laughs"])
def test_dtd_inside_an_encrypted_push_is_400(chat, body):
    response = chat.send(body, mode="safe")
    assert_plain_refusal(response, 400)
    assert "root:" not in response.get_data(as_text=True)


def test_body_over_64_kib_is_413(chat, wechat):
    xml = wechat.text("问" * (64 * 1024 // 3 + 10))
    assert len(xml.encode()) > 64 * 1024
    assert_plain_refusal(chat.send(xml), 413)


@pytest.mark.parametrize("size, status", [(64 * 1024, 200), (64 * 1024 + 1, 413)])
def test_the_limit_is_exactly_64_kib(chat, wechat, size, status):
    xml = wechat.text("西部办公室是什么？")
    body = xml.encode() + b" " * (size - len(xml.encode()))  # whitespace after the root is legal XML
    response = chat.client.post(wechat.push("")[0], data=body)
    assert (len(body), response.status_code) == (size, status)


def test_large_but_allowed_question_is_answered_within_the_reply_cap(chat):
    reply = chat.say("西部办公室" * 4000)  # ~60 KB of question
    assert 0 < len(reply["Content"].encode()) <= 2048


@pytest.mark.parametrize("body", [
    b"", b"   ", b"hello", b"\x00\x01\x02\xff\xfe", random.Random(0).randbytes(512),
    b'{"MsgType": "text"}', b"<xml>", b"<xml><MsgType>text</MsgType>", b"<notxml/>",
    "<xml><Content>中文</Content></xml>".encode("gbk"),
], ids=["empty", "blank", "words", "binary", "random", "json", "unclosed", "truncated", "root", "gbk"])
def test_garbage_is_400(chat, body):
    assert_plain_refusal(chat.client.post(chat.wechat.push("")[0], data=body), 400)


@pytest.mark.parametrize("xml, reason", [
    ("<xml><FromUserName>o1</FromUserName><CreateTime>1</CreateTime><Content>hi</Content><MsgId>1</MsgId></xml>",
     "missing MsgType"),
    ("<xml><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>hi</Content><MsgId>1</MsgId></xml>",
     "missing FromUserName"),
    ("<xml><FromUserName></FromUserName><MsgType>text</MsgType><MsgId>1</MsgId></xml>", "missing FromUserName"),
    ("<xml><FromUserName>o1</FromUserName><MsgType>text</MsgType><MsgId>abc</MsgId></xml>", "malformed"),
    ("<xml><FromUserName>o1</FromUserName><MsgType><a>x</a></MsgType><MsgId>1</MsgId></xml>", "malformed"),
    ("<xml><FromUserName>o1</FromUserName><MsgType>event</MsgType><Event>subscribe</Event></xml>",
     "missing MsgId and CreateTime"),
])
def test_missing_or_malformed_fields_are_400_with_a_reason(chat, xml, reason):
    response = chat.send(xml)
    assert_plain_refusal(response, 400)
    assert reason in response.get_data(as_text=True)


@pytest.mark.parametrize("content", ["😀👍🏽🇨🇳", "𠀀𪚥𰻞", "西部办公室是什么？😀", "a]]&gt;b&lt;/Content&gt;", "\u200b"])
def test_emoji_and_four_byte_characters_get_a_valid_reply(chat, content):
    reply = chat.say(content)
    assert reply["MsgType"] == "text" and reply["Content"]


def test_emoji_openid_is_answered_back_to_the_same_sender(chat, wechat):
    reply = wechat.read(chat.send(wechat.text("西部办公室是什么？", openid="o😀𠀀")).get_data())
    assert reply["ToUserName"] == "o😀𠀀"


def test_nested_content_is_treated_as_empty_text(chat, wechat):
    response = chat.send(wechat.message("text", "<Content><b>x</b></Content>"))
    assert response.status_code == 200
    assert wechat.read(response.get_data())["Content"]


@pytest.mark.parametrize("text", ["a]]>b", "]]>]]>", "x\x00y\x0bz\x1f", "end]]", "lone\ud800"])
def test_a_reply_survives_cdata_breakers_and_control_characters(text):
    msg = type("Msg", (), {"source": "o1", "target": "gh_test", "id": 1})()
    parsed = xmltodict.parse(render(Reply(text).text, msg))["xml"]  # a Reply is what render is given
    assert parsed["Content"] == "".join(c for c in text if c not in "\x00\x0b\x1f\ud800")


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_methods_are_405_in_plain_text(client, method):
    assert_plain_refusal(getattr(client, method)("/wechat"), 405)


def test_server_keeps_answering_after_hostile_requests(chat):
    for body in (XXE, LAUGHS, "garbage", "<xml>"):
        chat.client.post(chat.wechat.push("")[0], data=body.encode())
    assert "西部地区建筑绿色低碳发展协调推进办公室" in chat.say("西部办公室是什么？")["Content"]


def test_failure_outside_the_webhook_is_a_plain_error_without_a_trace(app, client, caplog):
    class Broken:
        def status(self):  # what /healthz asks the knowledge for
            raise RuntimeError("secret internals")

    app.extensions["knowledge"] = Broken()
    response = client.get("/healthz")
    assert (response.status_code, response.get_data(as_text=True)) == (500, "error")
    assert "secret internals" in caplog.text  # the trace is in the log, for ops

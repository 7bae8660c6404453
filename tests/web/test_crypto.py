"""Safe and compatible mode with real AES, checked against WeChat's official sample vectors.

Vectors A, C, D, E come from WeChat's official samples and docs (see
shared/reference/wechat-protocol.md §2); wechatpy has no 公众号 vector of its own. They were
signed years ago, so their apps run with MAX_REQUEST_AGE=0: their age is not what they test.
"""

import base64
import hashlib
import secrets
import string

import pytest
import xmltodict
from conftest import app_config
from wechat_client import WeChat
from wechatpy.crypto import PrpCrypto, WeChatCrypto

from bot import create_app

K = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
WEST = "西部地区建筑绿色低碳发展协调推进办公室"

C = {"token": "spamtest", "appid": "wx2c2769f8efd9abc2", "timestamp": "1409735669", "nonce": "1320562132",
     "msg_signature": "5d197aaffba7e9b25a30732f161a50dee96bd5fa",
     "encrypt": "hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFm"
                "OD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8d"
                "KOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5"
                "RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNP"
                "fUM669WuMyVWQLCzpu9GhglF2PE=",
     "from": "oyORnuP8q7ou2gfYjqLzSIWZf0rs", "to": "gh_10f6c3c3ac5a", "msg_id": "6054768590064713728"}
D = {**C, "timestamp": "1410349438", "nonce": "298025754", "msg_signature": "003fee52ecc56afb46c00b5c7721be87860ce785",
     "encrypt": "mfBCs65c67CeJw22u4VT2TD73q5H06+ocrAIxswCaeZ/d/Lw0msSZFHY0teqgSYiI1zR2gD2DKrB3TIrmX/liNSDrGqS8jSI/WPe"
                "KB5VPr7Ezr7gomZAyGCwJSgT1TRFWPfONGJMxuj2nk4faTuspAuVIFQ6SHwZuJBZC7mcJp7Cgr9cUhATQWDbOPaE7ukZBTV2Yqyz"
                "H+UI2AK+J1S47cE79k1RX8t0hcTz/O0hlK8DGXKnvYv88qKQcI7z4iaajqHfRVZKBNyOODabs+It+ZfM3dWTeFcPgDbGtIEnpt/E"
                "DtuuA/zMvtkaKdHdswPnVZQ+xdwbYr3ldGvfT8HlEYEgkgKaThxTFobVlwzu2ZkXCjicbP3xdr15Iq48ObgzPpqYuZ3IEoyggZDK"
                "Clquk0u0orMck4GTF/XyE8yGzc4=",
     "msg_id": "6057404712141979648"}
E = {"token": "AAAAA", "aes_key": "A" * 43, "appid": "wx134c8103faa5a59e", "timestamp": "1715943329",
     "nonce": "1590219412", "msg_signature": "6c12a4205838198b8fa631b3220723bb07f1015c",
     "body": "<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><Encrypt><![CDATA[D7yzvUNAL930rd28wf21s4h"
             "vXhz0L6Uit/p2Di6C5DHyYGpEgdBRnKjBec34JwoQXicwaZC7fOVihW80F4VtsdvE//1vr7oAbqjDv8KenVp+ajKYpJnyQ4zMRh"
             "IC+a31fCVOMC03FfzV/QuC94kBP55a+Za3sJgvAn+ZbsNqZI5DkyuzkhQN8OBqCzFhizGmy0xpM0MEA4agpvE+RuNO1rhHTtuJB5"
             "yltw1FiYzecSXJ+y/D2r81VkRn2eYjh2ltsoyfbDR7Is6ookXIFxTfyeNyeHxMeT4KN5WpCDmSbTcUYrbBUlkGLJ9n/rU8YOywm"
             "a6G7aTb7KZKOqCxgfoUlYEZPk4FUL/TK7ShriFDMVCLyjQJ15Ob++agDWtcxhfUfe6HIoIpRW8mKNBQiY/Jd1svvuskA1wLef1R"
             "TtzKfMpagSCX/laZINmdnX4zrF6kIaR9P4xQrWXbsTFHTYe0Mg==]]></Encrypt></xml>"}


def fixed_random(value: str):
    class FixedPrpCrypto(PrpCrypto):
        def get_random_string(self):
            return value

    return FixedPrpCrypto


def test_vector_a_fixed_random_encryption_matches_the_java_sample():
    key = base64.b64decode(K + "=")
    ciphertext = fixed_random("aaaabbbbccccdddd")(key).encrypt("我是中文abcd123", "wxb11529c136998cb6")
    assert ciphertext.decode() == ("jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMh"
                                   "kP72vVOfg==")


def test_vector_e_reply_encryption_matches_the_doc_example():
    crypto = WeChatCrypto(E["token"], E["aes_key"], E["appid"])
    sealed = crypto._encrypt_message("<xml><demo_resp>[CDATA[good luck]]</demo_resp></xml>", "415670741",
                                     "1713424427", fixed_random("999951349e8ee746"))
    envelope = xmltodict.parse(sealed)["xml"]
    assert envelope["Encrypt"] == ("hE8R6mGXHkJJjU72KxzKUd1GEkKJaEZq7vRL8XgK3o+00k8JGq6+pZJUIlTSyhsX+bxIBQ72g3G"
                                   "yvDdIZcr6+3HAZbSvPT9t/o11MI7d6WELwqrGd7jMnV0zv3Zc9Nq7")
    assert envelope["MsgSignature"] == "03e0812039325c2712ef5f0f980fd14c70d6e307"


def vector_app(kb, v, **extra):
    config = app_config(kb, MAX_REQUEST_AGE=0, WECHAT_TOKEN=v["token"], WECHAT_APPID=v["appid"],
                        WECHAT_AES_KEY=v.get("aes_key", K), **extra)
    return create_app(config, environ={}).test_client()


def vector_body(v, compatible: bool) -> str:
    plain = (f"<ToUserName><![CDATA[{v['to']}]]></ToUserName><FromUserName><![CDATA[{v['from']}]]></FromUserName>"
             f"<CreateTime>{v['timestamp']}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
             f"<Content><![CDATA[abcdteT]]></Content><MsgId>{v['msg_id']}</MsgId>")
    head = plain if compatible else f"<ToUserName><![CDATA[{v['to']}]]></ToUserName>"
    return f"<xml>{head}<Encrypt><![CDATA[{v['encrypt']}]]></Encrypt></xml>"


def vector_path(v, **override) -> str:
    params = {"timestamp": v["timestamp"], "nonce": v["nonce"], "encrypt_type": "aes",
              "msg_signature": v["msg_signature"], "openid": v.get("from", ""), **override}
    return "/wechat?" + "&".join(f"{k}={val}" for k, val in params.items() if val is not None)


def read_reply(body: bytes, v, aes_key=K) -> dict:
    envelope = xmltodict.parse(body)["xml"]
    crypto = WeChatCrypto(v["token"], aes_key, v["appid"])
    inner = crypto.decrypt_message(body.decode(), envelope["MsgSignature"], envelope["TimeStamp"],
                                   envelope["Nonce"])
    return xmltodict.parse(inner)["xml"]


@pytest.mark.parametrize("v, compatible", [(C, True), (C, False), (D, True), (D, False)],
                         ids=["C-compatible", "C-safe", "D-compatible", "D-safe"])
def test_official_vectors_c_d_are_decrypted_and_answered_encrypted(kb, v, compatible):
    response = vector_app(kb, v).post(vector_path(v), data=vector_body(v, compatible))
    assert response.status_code == 200
    reply = read_reply(response.get_data(), v)
    assert (reply["ToUserName"], reply["FromUserName"], reply["MsgType"]) == (v["from"], v["to"], "text")
    assert reply["Content"]


def test_compatible_body_without_encrypt_type_is_answered_in_plaintext(kb):
    signature = hashlib.sha1("".join(sorted([C["token"], C["timestamp"], C["nonce"]])).encode()).hexdigest()
    response = vector_app(kb, C).post(vector_path(C, encrypt_type=None, msg_signature=None, signature=signature),
                                      data=vector_body(C, compatible=True))
    reply = xmltodict.parse(response.get_data())["xml"]
    assert "Encrypt" not in reply
    assert (reply["ToUserName"], reply["MsgType"]) == (C["from"], "text")


def test_official_vector_e_event_is_decrypted(kb):
    response = vector_app(kb, E).post(vector_path(E), data=E["body"])
    # debug_demo is an event the bot has nothing to say to: "success", not a 400.
    assert (response.status_code, response.get_data(as_text=True)) == (200, "success")


@pytest.mark.parametrize("v", [C, E], ids=["C", "E"])
def test_wrong_appid_is_400(kb, v):
    client = vector_app(kb, {**v, "appid": "wx0000000000000000"})
    body = vector_body(v, False) if v is C else v["body"]
    response = client.post(vector_path(v), data=body)
    assert response.status_code == 400
    assert "AppId" in response.get_data(as_text=True)


def test_altered_msg_signature_is_403(kb):
    response = vector_app(kb, C).post(vector_path(C, msg_signature="5d197aaffba7e9b25a30732f161a50dee96bd5fb"),
                                      data=vector_body(C, False))
    assert response.status_code == 403


def test_missing_msg_signature_is_403(kb):
    response = vector_app(kb, C).post(vector_path(C, msg_signature=None), data=vector_body(C, False))
    assert response.status_code == 403


def random_aes_key() -> str:
    return "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(43))


def test_previous_key_still_opens_pushes_after_a_rotation(kb):
    client = vector_app(kb, {**C, "aes_key": random_aes_key()}, WECHAT_AES_KEY_PREVIOUS=K)
    response = client.post(vector_path(C), data=vector_body(C, False))
    assert response.status_code == 200
    assert read_reply(response.get_data(), C, aes_key=K)["ToUserName"] == C["from"]  # sealed with the key that worked


def test_neither_key_opens_the_push_is_400(kb):
    client = vector_app(kb, {**C, "aes_key": random_aes_key()}, WECHAT_AES_KEY_PREVIOUS=random_aes_key())
    assert client.post(vector_path(C), data=vector_body(C, False)).status_code == 400


def test_encrypted_push_without_a_configured_key_is_400(kb):
    client = create_app(app_config(kb, MAX_REQUEST_AGE=0, WECHAT_TOKEN=C["token"], WECHAT_AES_KEY=""), environ={}).test_client()
    assert client.post(vector_path(C), data=vector_body(C, False)).status_code == 400


@pytest.mark.parametrize("mode", ["safe", "compatible"])
def test_round_trip_with_emoji_in_both_encrypted_modes(chat, mode):
    reply = chat.say("西部办公室是什么？😀𠀀", mode=mode)
    assert reply["encrypted"] is True
    assert WEST in reply["Content"]


def test_plaintext_push_still_accepted_when_a_key_is_set(chat):
    reply = chat.say("西部办公室是什么？")
    assert "encrypted" not in reply and WEST in reply["Content"]


def test_encrypted_retry_decrypts_to_the_same_reply(chat, wechat):
    xml = wechat.text("西部办公室是什么？")
    first, second = (wechat.read(chat.send(xml, "safe").get_data()) for _ in range(2))
    assert first == second


def test_encrypted_garbage_with_a_valid_signature_is_400(client):
    wechat = WeChat()
    junk = base64.b64encode(b"\x00" * 48).decode()
    signature = wechat.signature(wechat.token, "1", "2", junk)
    body = f"<xml><Encrypt><![CDATA[{junk}]]></Encrypt></xml>"
    response = client.post(f"/wechat?encrypt_type=aes&timestamp=1&nonce=2&msg_signature={signature}", data=body)
    assert response.status_code == 400


def test_encrypted_success_reply_stays_plain(chat, wechat):
    response = chat.send(wechat.event("unsubscribe"), "safe")
    assert (response.status_code, response.get_data(as_text=True)) == (200, "success")


"""Hostile requests to the staff page's forms: each is refused, logged, and writes nothing.

Missing and wrong CSRF tokens, token guessing (throttled per address, counted in the store),
forms and uploads over MAX_UPLOAD_BYTES. Real requests to a real app over the real knowledge
files; the same page in a browser is tests/staff/test_admin_edit_browser.py.
"""

import contextlib
import http.client
import io
import json
import logging
import time

import pytest
from admin_client import FIELD, csrf_token, log_in, submit
from conftest import app_config, ready_app
from served import LOOPBACK, serve_bot
from static_site import serve_folder
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from bot.ops.logs import JsonFormatter

TOKEN = "staff-edit-token"
ATTACKER, COLLEAGUE = "198.51.100.66", "203.0.113.10"


def make_app(kb, **config):
    return ready_app(app_config(kb, **{"ADMIN_TOKEN": TOKEN, **config}))


def from_address(app, address: str):
    """A test client whose requests come from `address`, as a browser on another machine."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def rejected(caplog) -> list[dict]:
    """The `rejected` log lines so far, as the JSON ops read."""
    lines = [json.loads(JsonFormatter().format(r)) for r in caplog.records if r.name == "bot.messages"]
    return [line for line in lines if line.get("event") == "rejected"]


def knowledge_bytes(kb) -> dict:
    """Every file under the knowledge folder and its bytes: what "nothing was written" compares."""
    return {str(p.relative_to(kb)): p.read_bytes() for p in sorted(kb.rglob("*")) if p.is_file()}


@pytest.fixture
def app(kb):
    return make_app(kb)


@pytest.mark.parametrize("sent", [None, "", "not-the-token", "x" * 5000])
def test_a_login_without_the_forms_csrf_token_is_refused_and_logged(app, caplog, sent):
    caplog.set_level(logging.INFO, logger="bot")
    client = app.test_client()
    csrf_token(client)  # the browser has a session with a token, the forged form does not carry it
    data = {"token": TOKEN} if sent is None else {"token": TOKEN, "csrf_token": sent}
    response = client.post("/admin/login", data=data)
    assert response.status_code == 403
    assert "安全校验码" in response.get_data(as_text=True) and "没有做任何修改" in response.get_data(as_text=True)
    assert client.get("/admin").status_code == 401  # not logged in
    assert {"status": 403, "reason": "admin form without a valid CSRF token"}.items() <= rejected(caplog)[-1].items()


def test_a_session_without_a_token_never_matches_an_empty_field(app):
    client = app.test_client()  # never opened the page: no session, no token
    assert client.post("/admin/login", data={"token": TOKEN, "csrf_token": ""}).status_code == 403


def test_another_sessions_token_does_not_pass(app):
    mine, theirs = app.test_client(), app.test_client()
    response = mine.post("/admin/login", data={"token": TOKEN, "csrf_token": csrf_token(theirs)})
    assert response.status_code == 403


def test_logout_needs_the_token_and_logging_in_renews_it(app):
    client = app.test_client()
    before = csrf_token(client)
    assert log_in(client, TOKEN).status_code == 303
    after = csrf_token(client)
    assert after != before  # the token seen before the login does not write files
    assert client.post("/admin/logout", data={"csrf_token": before}).status_code == 403
    assert client.get("/admin").status_code == 200  # still logged in
    assert submit(client, "/admin/logout").status_code == 303
    assert client.get("/admin").status_code == 401


def test_every_form_on_the_page_carries_the_token(app):
    client = app.test_client()
    log_in(client, TOKEN)
    page = client.get("/admin").get_data(as_text=True)
    forms = page.split("<form")[1:]
    posts = [f for f in forms if 'method="post"' in f.split(">")[0]]
    assert posts and all('name="csrf_token"' in f.split("</form>")[0] for f in posts)


def test_scripts_with_the_bearer_header_need_no_csrf_token(app):
    response = app.test_client().post("/admin/reload", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200


def guess(client, token: str):
    return log_in(client, token)


@pytest.mark.parametrize("backend", ["memory", "redis"])
def test_twenty_wrong_tokens_lock_that_address_out_until_the_window_passes(kb, caplog, request, backend):
    redis_url = request.getfixturevalue("redis_url") if backend == "redis" else ""
    app = make_app(kb, REDIS_URL=redis_url, ADMIN_LOGIN_ATTEMPTS=5, ADMIN_LOGIN_WINDOW=3)
    caplog.set_level(logging.INFO, logger="bot")
    attacker = from_address(app, ATTACKER)
    started = time.time()
    statuses = [guess(attacker, f"guess-{n}").status_code for n in range(20)]
    assert statuses == [401] * 5 + [429] * 15
    refused = guess(attacker, TOKEN)  # the right token, from the address that guessed
    assert refused.status_code == 429 and attacker.get("/admin").status_code == 401
    assert "口令输错的次数太多" in refused.get_data(as_text=True)
    assert 1 <= int(refused.headers["Retry-After"]) <= 3
    lines = rejected(caplog)
    assert [line["status"] for line in lines].count(401) == 5
    assert [line["status"] for line in lines].count(429) == 16
    assert all(line["address"] == ATTACKER for line in lines)
    assert TOKEN not in caplog.text and "guess-3" not in caplog.text

    colleague = from_address(app, COLLEAGUE)  # another address is not affected
    assert guess(colleague, TOKEN).status_code == 303 and colleague.get("/admin").status_code == 200

    time.sleep(max(0.0, started + 3.2 - time.time()))  # the window that began with the first guess ends
    assert guess(attacker, TOKEN).status_code == 303
    assert attacker.get("/admin").status_code == 200


def test_the_count_is_shared_by_replicas_through_redis(kb, redis_url):
    one, two = (make_app(kb, REDIS_URL=redis_url, ADMIN_LOGIN_ATTEMPTS=3) for _ in range(2))
    for n in range(3):
        assert guess(from_address(one if n % 2 else two, ATTACKER), "wrong").status_code == 401
    assert guess(from_address(one, ATTACKER), TOKEN).status_code == 429
    assert guess(from_address(two, ATTACKER), TOKEN).status_code == 429


def test_wrong_bearer_tokens_count_too(app):
    attacker = from_address(app, ATTACKER)
    for n in range(5):
        assert attacker.get("/admin", headers={"Authorization": f"Bearer guess-{n}"}).status_code == 401
    assert attacker.get("/admin", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 429
    assert attacker.post("/admin/reload", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 429
    assert guess(attacker, TOKEN).status_code == 429


def test_a_logged_in_colleague_on_the_same_address_keeps_working(app):
    colleague = from_address(app, ATTACKER)
    assert log_in(colleague, TOKEN).status_code == 303
    attacker = from_address(app, ATTACKER)
    for _ in range(6):
        guess(attacker, "wrong")
    assert colleague.get("/admin").status_code == 200


def test_x_forwarded_for_is_ignored_unless_proxies_are_trusted(kb):
    app = make_app(kb)
    attacker = from_address(app, ATTACKER)
    for n in range(5):
        response = attacker.post("/admin/login", data={"token": "wrong", "csrf_token": csrf_token(attacker)},
                                 headers={"X-Forwarded-For": f"192.0.2.{n}"})
        assert response.status_code == 401
    response = attacker.post("/admin/login", data={"token": TOKEN, "csrf_token": csrf_token(attacker)},
                             headers={"X-Forwarded-For": "192.0.2.200"})
    assert response.status_code == 429  # a new claimed address per try changes nothing


def test_behind_a_trusted_proxy_the_forwarded_address_is_the_clients(kb, caplog):
    caplog.set_level(logging.INFO, logger="bot")
    app = make_app(kb, TRUSTED_PROXIES=1)
    proxy = from_address(app, "10.0.0.2")  # every request arrives from the proxy

    def login_via_proxy(client_address: str, token: str):
        # The client may send its own X-Forwarded-For; the proxy appends the address it saw.
        forwarded = f"192.0.2.99, {client_address}"
        return proxy.post("/admin/login", data={"token": token, "csrf_token": csrf_token(proxy)},
                          headers={"X-Forwarded-For": forwarded})

    for _ in range(5):
        assert login_via_proxy(ATTACKER, "wrong").status_code == 401
    assert login_via_proxy(ATTACKER, TOKEN).status_code == 429
    assert rejected(caplog)[-1]["address"] == ATTACKER
    assert login_via_proxy(COLLEAGUE, TOKEN).status_code == 303


def test_an_upload_over_the_limit_is_413_in_chinese_and_logged(kb, caplog):
    caplog.set_level(logging.INFO, logger="bot")
    app = make_app(kb, MAX_UPLOAD_BYTES=1024 * 1024)
    client = app.test_client()
    log_in(client, TOKEN)
    before = knowledge_bytes(kb)
    response = client.post("/admin/logout", data={"csrf_token": csrf_token(client), "text": "文" * 400_000})
    assert response.status_code == 413
    assert "上传的内容太大（超过 1 MB）" in response.get_data(as_text=True)
    assert rejected(caplog)[-1]["status"] == 413
    assert client.get("/admin").status_code == 200  # the form was not read, so no logout either
    assert knowledge_bytes(kb) == before


def test_the_webhook_keeps_its_own_small_limit(app):
    path = "/wechat?signature=x&timestamp=1&nonce=1"
    response = app.test_client().post(path, data=b"<xml>" + b"a" * (70 * 1024) + b"</xml>",
                                      content_type="text/xml")
    assert response.status_code == 413 and response.get_data(as_text=True) == "413 Request Entity Too Large"


ARTICLE = """重庆市绿色建筑协会召开2024年会员大会
发布时间：2024-05-18
5月17日，重庆市绿色建筑与建筑产业化协会2024年会员大会在重庆悦来国际会议中心召开。会议由副秘书长刘海主持。
"""


@pytest.fixture
def staff(app):
    client = app.test_client()
    assert log_in(client, TOKEN).status_code == 303
    return client


def everything_under(folder) -> dict:
    """Every file under `folder` and its bytes: nothing may appear outside the knowledge either."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def saved_form(staff) -> dict:
    """The hidden fields of the 保存 form after previewing ARTICLE, as the browser would send them."""
    from admin_client import form_fields

    response = submit(staff, "/admin/articles/preview", {"source": "text", "text": ARTICLE})
    return form_fields(response.get_data(as_text=True), "save")


@pytest.mark.parametrize("path, fields", [
    ("/admin/articles/save", {"path": "news/2024-05-18-x.txt", "title": "x", "text": ARTICLE}),
    ("/admin/faq/save", {"op": "add", "path": "faq/常见问题.txt", "questions": "会费是多少", "answer": "三千元。"}),
    ("/admin/faq/save", {"op": "delete", "path": "faq/west-office.txt", "line": "4"}),
    ("/admin/changes/undo", {"change": "20240501T101502-3f9a1c"}),
    ("/admin/articles/preview", {"source": "url", "url": "http://127.0.0.1:9/"}),
])
@pytest.mark.parametrize("csrf", ["missing", "wrong", "another session's"])
def test_a_form_without_its_csrf_token_is_refused_logged_and_writes_nothing(app, staff, tmp_path, caplog, path,
                                                                             fields, csrf):
    caplog.set_level(logging.INFO, logger="bot")
    before = everything_under(tmp_path)
    sent = {"missing": {}, "wrong": {"csrf_token": "x" * 43},
            "another session's": {"csrf_token": csrf_token(app.test_client())}}[csrf]
    response = staff.post(path, data={**fields, **sent})
    assert response.status_code == 403 and "没有做任何修改" in response.get_data(as_text=True)
    assert {"status": 403, "reason": "admin form without a valid CSRF token"}.items() <= rejected(caplog)[-1].items()
    assert everything_under(tmp_path) == before


def test_a_50_mb_upload_is_413_logged_and_writes_nothing(staff, tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="bot")
    before = everything_under(tmp_path)
    big = FileStorage(io.BytesIO(b"PK\x03\x04" + b"\0" * (50 * 1024 * 1024)), "年会.docx")
    boundary, body = encode_multipart(MultiDict({"source": "upload", "csrf_token": csrf_token(staff), "file": big}))
    response = staff.post("/admin/articles/preview", data=body,  # encoded in memory: no temporary file left open
                          content_type=f"multipart/form-data; boundary={boundary}")
    assert response.status_code == 413
    assert "上传的内容太大（超过 10 MB），没有保存" in response.get_data(as_text=True)
    assert {"status": 413, "reason": "admin upload over MAX_UPLOAD_BYTES"}.items() <= rejected(caplog)[-1].items()
    assert everything_under(tmp_path) == before


PAGE = ("<html><head><meta charset=\"utf-8\"><title>会员大会</title></head><body><h1>重庆市绿色建筑协会召开2024年会员大会</h1>"
        "<p>发布时间：2024-05-18</p><p>5月17日，重庆市绿色建筑与建筑产业化协会2024年会员大会在重庆悦来国际会议中心"
        "召开。会议由副秘书长刘海主持。</p></body></html>")


@pytest.fixture
def site(tmp_path):
    """The association's site on loopback, with one article page at /news/1.html."""
    (tmp_path / "site" / "news").mkdir(parents=True)
    (tmp_path / "site" / "news" / "1.html").write_text(PAGE, encoding="utf-8")
    with serve_folder(tmp_path / "site") as host:
        yield host


def test_a_url_on_loopback_is_refused_unless_a_setting_names_it(kb, tmp_path, site, caplog):
    caplog.set_level(logging.INFO, logger="bot")
    refused_app = make_app(kb)
    staff = refused_app.test_client()
    log_in(staff, TOKEN)
    before = everything_under(tmp_path)
    response = submit(staff, "/admin/articles/preview", {"source": "url", "url": f"http://{site}/news/1.html"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "IMPORT_ALLOWED_HOSTS" in page
    assert rejected(caplog)[-1]["status"] == 422 and rejected(caplog)[-1]["source"] == "url"
    assert everything_under(tmp_path) == before

    allowed = make_app(kb, IMPORT_ALLOWED_HOSTS=site).test_client()
    log_in(allowed, TOKEN)
    response = submit(allowed, "/admin/articles/preview", {"source": "url", "url": f"http://{site}/news/1.html"})
    assert response.status_code == 200 and "重庆悦来国际会议中心" in response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["../evil.txt", "news/../../evil.txt", "/tmp/evil.txt", "news/.hidden.txt",
                                  "faq/../settings.txt", "news\\..\\evil.txt"])
def test_a_forged_file_name_on_save_is_refused_logged_and_writes_nothing(staff, tmp_path, caplog, path):
    caplog.set_level(logging.INFO, logger="bot")
    fields = saved_form(staff)
    before = everything_under(tmp_path)
    response = staff.post("/admin/articles/save", data={**fields, "path": path})
    assert response.status_code == 400 and "没有保存" in response.get_data(as_text=True)
    assert rejected(caplog)[-1]["status"] == 400
    faq = staff.post("/admin/faq/save", data={"op": "add", "path": path.replace("news", "faq"), "questions": "问题",
                                              "answer": "答案。", "csrf_token": fields["csrf_token"]})
    assert faq.status_code == 422 and "文件名要像" in faq.get_data(as_text=True)
    assert everything_under(tmp_path) == before


def test_an_uploaded_file_named_with_dot_dots_lands_in_news_under_a_safe_name(staff, kb, tmp_path):
    from admin_client import form_fields

    response = submit(staff, "/admin/articles/preview",
                      {"source": "upload", "file": (io.BytesIO(ARTICLE.encode()), "../../../etc/cron.d/evil.txt")},
                      content_type="multipart/form-data")
    assert response.status_code == 200
    fields = form_fields(response.get_data(as_text=True), "save")
    assert fields["path"].startswith("news/") and ".." not in fields["path"]
    outside = {name for name in everything_under(tmp_path) if not name.startswith("knowledge/")}
    assert staff.post("/admin/articles/save", data=fields).status_code == 303
    assert (kb / fields["path"]).is_file()
    assert {name for name in everything_under(tmp_path) if not name.startswith("knowledge/")} == outside


@pytest.mark.parametrize("name, data", [("年会.docx", b"PK\x03\x04 not really a zip"), ("年会.pdf", b"%PDF-1.7\n%%EOF"),
                                        ("年会.docx", b"\x00" * 100), ("年会.html", b"\xff\xfe<" * 10)])
def test_a_broken_document_gets_a_message_and_the_page_keeps_serving(staff, tmp_path, name, data):
    before = everything_under(tmp_path)
    response = submit(staff, "/admin/articles/preview", {"source": "upload", "file": (io.BytesIO(data), name)},
                      content_type="multipart/form-data")
    assert response.status_code == 422 and 'id="error"' in response.get_data(as_text=True)
    assert staff.get("/admin").status_code == 200
    assert everything_under(tmp_path) == before


@pytest.mark.slow
def test_a_50_mb_upload_to_the_running_server_is_cut_short_with_413_and_it_keeps_serving(tmp_path, kb):
    """Over real HTTP: the server answers 413 before reading the body, the client's sending breaks
    off, nothing is written and the next request is served as usual."""
    before = everything_under(kb)
    with serve_bot(tmp_path, {"KB_DIR": str(kb), "ADMIN_TOKEN": TOKEN}) as served:
        connection = http.client.HTTPConnection(LOOPBACK, served.port, timeout=10)
        connection.request("GET", "/admin")
        page = connection.getresponse()
        assert FIELD.search(page.read().decode())  # the session now has a CSRF token; the limit comes first
        cookie = page.getheader("Set-Cookie").split(";")[0]
        connection.close()
        size, sent, chunk = 50 * 1024 * 1024, 0, b"a" * 65536
        connection = http.client.HTTPConnection(LOOPBACK, served.port, timeout=10)
        connection.putrequest("POST", "/admin/articles/preview")
        for name, value in [("Content-Type", "multipart/form-data; boundary=x"), ("Content-Length", str(size)),
                            ("Cookie", cookie)]:
            connection.putheader(name, value)
        connection.endheaders()
        with contextlib.suppress(OSError):  # the server stops reading: the rest of the upload is refused
            while sent < size:
                connection.send(chunk)
                sent += len(chunk)
        response = connection.getresponse()
        assert response.status == 413 and "上传的内容太大" in response.read().decode()
        connection.close()
        assert sent < size
        assert served.get("/healthz")[0] == 200
        lines = [line for line in served.json_lines() if line.get("event") == "rejected"]
        assert lines[-1]["status"] == 413 and lines[-1]["reason"] == "admin upload over MAX_UPLOAD_BYTES"
    assert everything_under(kb) == before

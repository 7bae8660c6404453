"""/admin: the login, the preview answered as followers are, status, misses and hit counts.

Real requests to the app, real signed pushes from followers, the real knowledge files. The
browser drives the same page in tests/test_admin_browser.py.
"""

import html
import json
import logging
import re

import pytest
from admin_client import csrf_token, log_in, submit
from conftest import app_config, ready_app
from served import RedisServer
from wechat_client import Follower, content

from bot import create_app
from bot.chat.usage import hits, misses
from bot.engine.reading.knowledge import load_knowledge
from bot.ops.hot_reload import get_knowledge
from bot.ops.logs import JsonFormatter
from bot.staff import panels as overview

TOKEN = "staff-secret-token"
WEST = "西部地区建筑绿色低碳发展协调推进办公室"
BEARER = {"Authorization": f"Bearer {TOKEN}"}


def make_app(kb, **config):
    return ready_app(app_config(kb, **{"ADMIN_TOKEN": TOKEN, **config}))


@pytest.fixture
def app(kb):
    return make_app(kb)


@pytest.fixture
def staff(app):
    """A test client logged in through the form, as a staff member's browser is."""
    client = app.test_client()
    assert log_in(client, TOKEN).status_code == 303
    return client


def page(client, question=None) -> str:
    response = client.get("/admin", query_string={"q": question} if question else None)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def shown(text: str, element_id: str) -> str:
    """The text inside the element with this id, unescaped, as the browser shows it."""
    match = re.search(rf'<(\w+)[^>]* id="{element_id}"[^>]*>(.*?)</\1>', text, re.S)
    assert match, f"no #{element_id} on the page"
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(2)))


@pytest.mark.parametrize("method, path", [("GET", "/admin"), ("GET", "/admin?q=西部办公室是什么？"),
                                          ("POST", "/admin/login"), ("POST", "/admin/logout"),
                                          ("GET", "/admin/static/admin.css"), ("GET", "/static/admin.css")])
def test_without_admin_token_every_admin_url_is_a_bare_404(kb, method, path):
    client = make_app(kb, ADMIN_TOKEN="").test_client()
    response = client.open(path, method=method, data={"token": ""}, headers={"Authorization": "Bearer "})
    assert (response.status_code, response.get_data(as_text=True)) == (404, "404 Not Found")
    assert "Set-Cookie" not in response.headers
    response.close()


@pytest.fixture
def client_for_401(kb):
    return make_app(kb).test_client(), kb


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN},
                                     {"Authorization": f"Basic {TOKEN}"}])
def test_without_login_the_page_is_a_401_login_form_that_reveals_nothing(client_for_401, headers):
    client, kb = client_for_401
    Follower("o-a").say(client, "明天会下雨吗")  # something the page would list
    response = client.get("/admin?q=西部办公室是什么？", headers=headers)
    body = response.get_data(as_text=True)
    assert response.status_code == 401 and response.headers["WWW-Authenticate"].startswith("Bearer")
    assert 'name="token"' in body and 'type="password"' in body
    kb_data = load_knowledge(str(kb))
    for secret in ["明天会下雨", "西部", kb_data.version, "faq/", "news/", "tests.txt", TOKEN]:
        assert secret not in body


def test_a_wrong_token_is_refused_and_logged_without_the_token(app, caplog):
    caplog.set_level(logging.INFO, logger="bot")
    client = app.test_client()
    response = log_in(client, "guess")
    assert response.status_code == 401 and "口令不对" in response.get_data(as_text=True)
    assert "Set-Cookie" not in response.headers
    assert client.get("/admin").status_code == 401
    lines = [json.loads(JsonFormatter().format(r)) for r in caplog.records if r.name == "bot.messages"]
    assert {"event": "rejected", "status": 401, "reason": "admin login with a wrong token"}.items() <= lines[-1].items()
    assert "guess" not in caplog.text


def test_the_login_cookie_is_httponly_strict_and_signed_with_a_key_from_the_token(kb, app):
    client = app.test_client()
    cookie = log_in(client, f" {TOKEN} ").headers["Set-Cookie"]
    assert {"HttpOnly", "SameSite=Strict", "Path=/admin"} <= {part.strip() for part in cookie.split(";")}
    assert "Secure" not in cookie  # plain http on loopback: a Secure cookie would never come back
    assert client.get("/admin").status_code == 200
    # Another replica with the same token accepts it; a server whose token changed does not.
    value = cookie.split(";")[0].split("=", 1)[1]
    for token, status in [(TOKEN, 200), ("a-new-token", 401)]:
        other = create_app(app_config(kb, ADMIN_TOKEN=token), environ={}).test_client()
        other.set_cookie("bot_admin", value, path="/admin")
        assert other.get("/admin").status_code == status
    assert submit(client, "/admin/logout").status_code == 303
    assert client.get("/admin").status_code == 401


def test_behind_the_https_proxy_the_cookie_is_secure(app):
    client = app.test_client()
    response = client.post("/admin/login", data={"token": TOKEN, "csrf_token": csrf_token(client)},
                           headers={"X-Forwarded-Proto": "https"})
    assert "Secure" in response.headers["Set-Cookie"]


def test_scripts_may_use_the_bearer_token_instead(app):
    response = app.test_client().get("/admin?q=西部办公室是什么？", headers=BEARER)
    assert response.status_code == 200 and WEST in response.get_data(as_text=True)


def test_the_page_forbids_scripts_frames_and_caching(staff):
    headers = staff.get("/admin").headers
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["Cache-Control"] == "no-store"
    with staff.get("/admin/static/admin.css") as css:
        assert css.status_code == 200 and css.mimetype == "text/css"


def test_the_preview_is_exactly_what_a_follower_gets(app, staff):
    text = page(staff, "西部办公室是什么？")
    follower = Follower("o-b").post(app.test_client(), "西部办公室是什么？")
    assert "Set-Cookie" not in follower.headers and "Vary" not in follower.headers  # no session at /wechat
    reply = content(follower.get_data(as_text=True))
    assert shown(text, "reply") == reply and WEST in reply
    assert re.sub(r"\s+", "", shown(text, "why")).startswith("命中faq:西部办公室分数100.0")
    assert "faq/west-office.txt" in shown(text, "sources")


def test_a_declined_preview_offers_the_faq_entry_to_write(app, staff):
    text = page(staff, "明天会下雨吗？")
    assert 'class="result declined"' in text
    assert shown(text, "reply") == get_knowledge(app).engine.decline().text
    assert "问：明天会下雨吗\n答：（请在这里写答案）" in html.unescape(text)


def test_previews_are_neither_misses_nor_hits(app, staff):
    for question in ["明天会下雨吗", "西部办公室是什么？", "更多", "2"]:
        page(staff, question)
    assert misses(app.extensions["store"]) == [] and hits(app.extensions["store"]) == []
    assert "还没有未答问题" in page(staff)


def test_followers_misses_are_listed_most_asked_first_with_an_entry_to_paste(app, staff):
    client = app.test_client()
    for openid, question in [("o-1", "明天会下雨吗"), ("o-2", "明天會下雨嗎？"), ("o-3", "协会几点下班")]:
        Follower(openid).say(client, question)
    text = html.unescape(page(staff))
    first, second = text.index("问：明天会下雨吗\n答："), text.index("问：协会几点下班\n答：")
    assert first < second
    assert re.search(r"明天会下雨吗</span> <span class=\"muted\">· 2 次", text)


def test_strangers_questions_are_shown_as_text_never_as_markup(app, staff):
    Follower("o-evil").say(app.test_client(), '<script>alert(1)</script><img src=x onerror=alert(2)>')
    text = page(staff, '"><script>alert(3)</script>')
    assert "<script" not in text and "<img" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text  # the miss, escaped
    assert 'value="&#34;&gt;&lt;script&gt;alert(3)&lt;/script&gt;"' in text  # the question box, escaped


def test_hit_counts_per_faq_entry_and_article(app, staff):
    client = app.test_client()
    for openid in ["o-1", "o-2"]:
        Follower(openid).say(client, "西部办公室是什么？")
    text = page(staff)
    hits_section = text[text.index('id="hits"'):]
    assert re.search(r"<td>西部办公室</td><td><code>faq/west-office.txt:4</code></td><td class=\"num\">2</td>",
                     hits_section)
    assert re.search(r"<td>西部办公室全称</td><td><code>faq/west-office.txt:\d+</code></td><td class=\"num\">0</td>",
                     hits_section)


def test_hits_are_grouped_by_entry_and_article_with_removed_ones_apart(kb):
    knowledge = load_knowledge(str(kb))
    article = knowledge.articles[0].path
    rows = [{"member": "faq:西部办公室", "count": 2}, {"member": f"{article}#where", "count": 3},
            {"member": f"{article}#person:武涌", "count": 1}, {"member": "faq:已删除的问答", "count": 4}]
    counts = overview.hit_counts(knowledge, rows)
    assert counts["faq"][0] == {"name": "西部办公室", "where": "faq/west-office.txt:4", "count": 2}
    assert [f["count"] for f in counts["faq"]] == [2] + [0] * (len(knowledge.faq) - 1)
    assert counts["articles"] == [{"title": knowledge.articles[0].title, "path": article, "count": 4,
                                   "facts": [("where", 3), ("person:武涌", 1)]}]
    assert counts["gone"] == [{"member": "faq:已删除的问答", "count": 4}]
    assert counts["faq_more"] == counts["articles_more"] == {"count": 0, "unused": 0}


def test_thousands_of_entries_are_summed_up_below_the_top_rows(kb, staff):
    entries = "".join(f"问：第{n}号活动在哪里举办？\n答：第{n}号活动在{n}号厅举办。\n\n"
                      for n in range(overview.TOP_HITS + 50))
    (kb / "faq" / "generated.txt").write_text(entries, encoding="utf-8")
    knowledge = load_knowledge(str(kb))
    counts = overview.hit_counts(knowledge, [{"member": "faq:第7号活动在哪里举办？", "count": 3}])
    assert len(counts["faq"]) == overview.TOP_HITS and counts["faq"][0]["name"] == "第7号活动在哪里举办？"
    left_out = len(knowledge.faq) - overview.TOP_HITS
    assert counts["faq_more"] == {"count": left_out, "unused": left_out}
    get_knowledge(staff.application).reload()
    assert f"另有 {left_out} 条问答没有列出，其中 {left_out} 条还没有被用到过" in page(staff)


def test_status_counts_and_a_regressed_staff_test_as_file_line_message(app, staff, kb):
    status = page(staff)
    knowledge = load_knowledge(str(kb))
    assert f"<dt>文章</dt><dd>{len(knowledge.articles)}</dd>" in status
    assert f"<dt>问答</dt><dd>{len(knowledge.faq)}</dd>" in status
    assert "全部通过" in status
    with open(kb / "tests.txt", "a", encoding="utf-8") as f:
        f.write("\n问：西部办公室是什么？\n应拒答\n")
    assert get_knowledge(app).reload()  # what the watcher does a moment after the save
    problems = shown(page(staff), "problems")
    assert re.search(r"tests\.txt:\d+: 测试问题“西部办公室是什么？”应该拒答，但机器人回答了", problems)


def test_files_refused_at_reload_are_shown_with_what_still_serves(app, staff, kb):
    with open(kb / "faq" / "west-office.txt", "a", encoding="utf-8") as f:
        f.write("\n问：没有答案的问题\n")
    assert not get_knowledge(app).reload()
    refused = shown(page(staff), "refused")
    assert re.search(r"faq/west-office\.txt:\d+: ", refused)
    assert WEST in shown(page(staff, "西部办公室是什么？"), "reply")  # the last good version still answers


@pytest.mark.parametrize("query", ["q=%00%01", "q=" + "%E9%97%AE" * 10_000, "q=%ED%A0%80", "q=%ff%fe",
                                   "q=%E6%9B%B4%E5%A4%9A", "q=++", "q=a&q=b", "q"])
def test_odd_questions_never_break_the_page(staff, query):
    response = staff.get("/admin?" + query)
    assert response.status_code == 200
    assert "<script" not in response.get_data(as_text=True)


def test_the_page_works_while_redis_is_down(kb, tmp_path):
    server = RedisServer(tmp_path / "redis").start()
    app = make_app(kb, REDIS_URL=server.url, REDIS_RETRY_INTERVAL=60)
    staff = app.test_client()
    log_in(staff, TOKEN)
    Follower("o-1").say(app.test_client(), "明天会下雨吗")
    server.stop()
    text = page(staff, "西部办公室是什么？")
    assert WEST in shown(text, "reply")
    assert "id=\"misses\"" in text


def test_the_preview_shows_the_link_to_the_original_as_its_address(kb):
    article = kb / "news" / "2023-11-03-west-office-launch.txt"
    lines = article.read_text(encoding="utf-8").splitlines()
    article.write_text("\n".join(lines[:1] + ["来源链接：https://www.example.org.cn/a?id=1"] + lines[1:]) + "\n",
                       encoding="utf-8")
    client = make_app(kb).test_client()
    assert log_in(client, TOKEN).status_code == 303
    text = page(client, "会议在哪里举行")
    assert "阅读原文：https://www.example.org.cn/a?id=1" in html.unescape(text)
    assert "&lt;a href" not in text

"""The staff page in a real browser: Debian's headless Chromium, driven by its chromedriver.

Issue 8's "done when": log in, ask a question and see the answer and its source, ask one the
bot declines, have a follower ask it through /wechat, and see it listed as unanswered; without
the token the page answers 401 or 404 and shows nothing. The server is `python -m bot serve`.
Every state is captured at phone and desktop size into $ADMIN_SCREENSHOTS (default: the test's
tmp folder), and at phone size nothing may be wider than the screen.
"""

import pytest
from chromium import click_and_wait, emulate, open_browser, refresh_until, snap, text_of
from served import serve_bot

pytestmark = pytest.mark.slow  # real servers or a browser: `pytest -m 'not slow'` skips them

TOKEN = "browser-test-token"
WEST = "西部地区建筑绿色低碳发展协调推进办公室"
DECLINED = "明天会下雨吗"


@pytest.fixture
def browser(tmp_path):
    with open_browser(tmp_path) as driver:
        yield driver


def ask(driver, question: str):
    box = driver.find_element("name", "q")
    box.clear()
    box.send_keys(question)
    click_and_wait(driver, "form.ask button")


def test_staff_preview_and_the_unanswered_loop_in_chromium(tmp_path, kb, browser):
    with serve_bot(tmp_path, {"KB_DIR": str(kb), "ADMIN_TOKEN": TOKEN}) as served:
        assert served.get("/admin")[0] == 401
        emulate(browser, "phone")
        browser.get(served.base + "/admin")
        body = text_of(browser, "body")
        assert "管理口令" in body and "西部" not in body and "未答" not in body
        snap(browser, "1-login")

        browser.find_element("id", "token").send_keys("not-the-token")
        click_and_wait(browser, "#login button")
        assert "口令不对" in text_of(browser, "#login")
        snap(browser, "2-wrong-token")

        browser.find_element("id", "token").send_keys(TOKEN)
        click_and_wait(browser, "#login button")
        assert "还没有未答问题" in text_of(browser, "#misses")
        assert "全部通过" in text_of(browser, "#status")
        snap(browser, "3-logged-in")

        ask(browser, "西部办公室是什么？")
        assert WEST in text_of(browser, "#reply")
        assert "faq/west-office.txt" in text_of(browser, "#sources")
        assert "faq:西部办公室" in text_of(browser, "#why")
        snap(browser, "4-answered")

        ask(browser, DECLINED)
        assert "拒答" in text_of(browser, "#result h3")
        assert "还没有未答问题" in text_of(browser, "#misses")  # the preview is not a follower's miss
        snap(browser, "5-declined")

        # Followers ask through /wechat, signed as WeChat signs: one declined question, one answered.
        assert WEST not in served.ask(DECLINED, openid="o-browser-follower")[1]
        assert WEST in served.ask("西部办公室是什么？", openid="o-browser-follower-2")[1]
        browser.get(served.base + "/admin#misses")
        misses = browser.find_element("id", "misses")
        assert DECLINED in misses.text
        snippet = misses.find_element("css selector", "textarea.snippet").get_attribute("value")
        assert snippet == f"问：{DECLINED}\n答：（请在这里写答案）\n"
        assert "西部办公室 faq/west-office.txt:4 1" in text_of(browser, "#hits")
        snap(browser, "6-unanswered-listed")

        # A staff test that no longer holds, then a broken file: both shown as file:line: message.
        with open(kb / "tests.txt", "a", encoding="utf-8") as f:
            f.write("\n问：西部办公室是什么？\n应包含：理事会\n")
        assert "tests.txt:" in refresh_until(browser, "#problems", "理事会")
        snap(browser, "7-staff-test-fails")
        with open(kb / "faq" / "west-office.txt", "a", encoding="utf-8") as f:
            f.write("\n问：没有答案的问题\n")
        assert "faq/west-office.txt:" in refresh_until(browser, "#status", "没有启用")
        snap(browser, "8-files-refused")

        click_and_wait(browser, "header form button")
        assert "管理口令" in text_of(browser, "body") and DECLINED not in text_of(browser, "body")
        status, page = served.get("/admin")
        assert status == 401 and DECLINED not in page


def test_without_admin_token_the_browser_gets_a_bare_404(tmp_path, kb, browser):
    with serve_bot(tmp_path, {"KB_DIR": str(kb), "ADMIN_TOKEN": None}) as served:
        assert served.get("/admin") == (404, "404 Not Found")
        browser.get(served.base + "/admin")
        assert text_of(browser, "body") == "404 Not Found"
        snap(browser, "0-no-token")

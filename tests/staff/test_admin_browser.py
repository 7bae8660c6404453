"""The staff page in a real browser: Debian's headless Chromium, driven by its chromedriver.

Issue 8's "done when": log in, ask a question and see the answer and its source, ask one the
bot declines, have a follower ask it through /wechat, and see it listed as unanswered; without
the token the page answers 401 or 404 and shows nothing. The server is `python -m bot serve`.
Every state is captured at phone and desktop size into $ADMIN_SCREENSHOTS (default: the test's
tmp folder), and at phone size nothing may be wider than the screen.
"""

import base64
import os
import shutil
import tempfile
import time

import pytest
from served import serve_bot

pytestmark = pytest.mark.slow  # real servers or a browser: `pytest -m 'not slow'` skips them

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
TOKEN = "browser-test-token"
WEST = "西部地区建筑绿色低碳发展协调推进办公室"
DECLINED = "明天会下雨吗"
SIZES = {"phone": (390, 844), "desktop": (1280, 900)}
# No traffic beyond loopback: nothing in the background, no updates, no sync, no first-run pages.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars", "--lang=zh-CN"]


@pytest.fixture
def browser(tmp_path):
    missing = [path for path in (CHROMIUM, CHROMEDRIVER) if not os.access(path, os.X_OK)]
    if missing:
        pytest.fail(f"{' and '.join(missing)} not found: the browser test needs Debian's Chromium "
                    "(apt-get install -y chromium chromium-driver)", pytrace=False)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM  # with the driver's path given, Selenium downloads nothing
    for flag in FLAGS + [f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.implicitly_wait(5)
    driver.shots = os.environ.get("ADMIN_SCREENSHOTS") or str(tmp_path)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def emulate(driver, size: str):
    """Lay the page out as on a phone (a mobile viewport that honours the viewport meta) or a desktop."""
    width, height = SIZES[size]
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": size == "phone"})


def snap(driver, name: str):
    """Save the whole page at phone and desktop size; at phone size it must fit the screen's width."""
    os.makedirs(driver.shots, exist_ok=True)
    for size in SIZES:
        emulate(driver, size)
        driver.execute_script("window.scrollTo(0, 0)")
        if size == "phone":
            page_width = driver.execute_script("return document.documentElement.scrollWidth")
            view_width = driver.execute_script("return window.innerWidth")
            assert page_width <= view_width, f"{name}: the page is {page_width}px wide on a {view_width}px phone"
        shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
        with open(os.path.join(driver.shots, f"{name}-{size}.png"), "wb") as f:
            f.write(base64.b64decode(shot["data"]))
    emulate(driver, "phone")


def text_of(driver, css: str) -> str:
    return driver.find_element("css selector", css).text


def click_and_wait(driver, css: str):
    """Click a submit button and wait until the next page has replaced this one."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.wait import WebDriverWait

    old = driver.find_element("tag name", "html")
    driver.find_element("css selector", css).click()

    def replaced(_):
        # Chromium reports a node of the page being replaced either as stale or as "not in the document".
        try:
            old.is_enabled()
        except WebDriverException:
            return True
        return False

    WebDriverWait(driver, 10).until(replaced)


def refresh_until(driver, css: str, words: str, timeout: float = 20) -> str:
    """The element's text once it shows `words`: the server notices edited files within seconds."""
    deadline = time.monotonic() + timeout
    while True:
        driver.refresh()
        found = driver.find_elements("css selector", css)
        if found and words in found[0].text:
            return found[0].text
        assert time.monotonic() < deadline, f"{css} never showed {words!r}"
        time.sleep(0.5)


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

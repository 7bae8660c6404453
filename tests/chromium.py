"""Debian's headless Chromium, driven by its chromedriver, for the staff page's browser tests.

`open_browser` starts one (each test module makes it its `browser` fixture); `snap` saves the whole page at phone and
desktop size into $ADMIN_SCREENSHOTS (default: the test's tmp folder) and fails when, at phone
size, anything is wider than the screen.
"""

import base64
import contextlib
import os
import shutil
import tempfile
import time

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
SIZES = {"phone": (390, 844), "desktop": (1280, 900)}
# No traffic beyond loopback: nothing in the background, no updates, no sync, no first-run pages.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars", "--lang=zh-CN"]


@contextlib.contextmanager
def open_browser(tmp_path):
    """A headless Chromium whose screenshots go to $ADMIN_SCREENSHOTS (default: `tmp_path`); closed after.

    Each test module makes it its `browser` fixture (`with open_browser(tmp_path) as driver: yield driver`)."""
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
    try:
        driver.implicitly_wait(5)
        driver.shots = os.environ.get("ADMIN_SCREENSHOTS") or str(tmp_path)
        yield driver
    finally:
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

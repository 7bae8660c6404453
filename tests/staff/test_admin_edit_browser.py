"""Editing the knowledge from the staff page in a real browser (Debian's headless Chromium).

Issue 15's "done when": log in, paste a raw article, see the preview, save it, and get an answer
about it through /wechat within 5 seconds (then keep that answer as a test question); upload a .docx and an .html page; import by URL from
a loopback server that IMPORT_ALLOWED_HOSTS allows; see a broken FAQ entry refused with its
line; undo a change. The server is `python -m bot serve` (gunicorn, the watcher, the real
writer); every step is captured at phone and desktop size into $ADMIN_SCREENSHOTS.
"""

import time

import pytest
from chromium import click_and_wait, open_browser, snap, text_of
from served import serve_bot
from static_site import serve_folder

pytestmark = pytest.mark.slow  # real servers and a browser: `pytest -m 'not slow'` skips them

TOKEN = "browser-edit-token"
ANSWER_WITHIN = 5.0  # seconds from pressing 保存 to a follower's answer through /wechat
# Pasted as copied from an association's site: channel, title, meta line, body, an image's name, share
# buttons.
PASTED = """协会动态
重庆市绿色建筑协会召开2024年会员大会
发布时间：2024-05-18    浏览量：321
5月17日，重庆市绿色建筑与建筑产业化协会2024年会员大会在重庆悦来国际会议中心召开。协会会长张明远、秘书长陈琼出席会议，来自全市的120家会员单位代表参加了会议。会议由副秘书长刘海主持。
大会现场.jpg
会长张明远作了工作报告，总结了2023年协会在绿色建筑标准编制、技术培训和行业交流等方面的工作。
会议审议通过了《重庆市绿色建筑与建筑产业化协会会费管理办法》。
分享到："""
PASTED_QUESTION, PASTED_VENUE = "重庆市绿色建筑协会2024年会员大会在哪里召开", "重庆悦来国际会议中心"
DOCX_TITLE = "协会举办2024年绿色建筑技术培训班"
DOCX_LINES = ["发布时间：2024-06-12",
              "6月11日至12日，协会在重庆市建设教育中心举办2024年绿色建筑技术培训班，共有86名学员参加培训。",
              "培训由协会副会长王立新主持，重庆大学教授李明华讲授了绿色建筑评价标准。"]
HTML_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>协会赴成都考察装配式建筑项目_新闻动态</title></head>
<body><nav><a href="/">首页</a> | <a href="/news/">新闻动态</a></nav>
<article><h1>协会赴成都考察装配式建筑项目</h1><p>发布时间：2024-07-03</p>
<p>7月2日，协会秘书长陈琼带领考察组赴成都天府新区考察装配式建筑项目，共有15家会员单位参加。</p>
<p>考察组参观了项目的预制构件生产线，并与建设单位进行了座谈交流。</p></article>
<footer>分享到：微信 微博</footer></body></html>"""
SITE_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>协会召开第三届理事会第五次会议_新闻动态</title></head>
<body><div class="article"><h1>协会召开第三届理事会第五次会议</h1><p>发布时间：2024-08-20</p>
<p>8月19日，协会第三届理事会第五次会议在重庆市渝北区召开，会长张明远主持会议，32名理事出席。</p>
<p>会议审议通过了协会2024年下半年工作计划。</p></div></body></html>"""
FAQ_QUESTION = "协会的会费是多少？"
FAQ_ANSWER = "单位会员每年三千元，个人会员每年二百元，每年3月底前交纳。"


@pytest.fixture
def browser(tmp_path):
    with open_browser(tmp_path) as driver:
        yield driver


def fill(driver, element_id: str, text: str):
    box = driver.find_element("id", element_id)
    box.clear()
    box.send_keys(text)


def saved_and_answered(driver, served, question: str, words: str) -> float:
    """Press 保存, then ask through /wechat until the answer has `words`; the seconds it took."""
    started = time.monotonic()
    click_and_wait(driver, "#save button")
    while True:
        status, reply = served.ask(question)
        elapsed = time.monotonic() - started
        if status == 200 and words in reply:
            return elapsed
        assert elapsed < ANSWER_WITHIN, f"{question!r} still answered without {words!r}: {reply}"
        time.sleep(0.1)


def make_docx(path):
    import docx

    document = docx.Document()
    document.add_heading(DOCX_TITLE, level=1)
    for line in DOCX_LINES:
        document.add_paragraph(line)
    document.save(str(path))


def test_staff_add_import_fix_and_undo_in_chromium(tmp_path, kb, browser):
    site = tmp_path / "site"
    (site / "news").mkdir(parents=True)
    (site / "news" / "council.html").write_text(SITE_PAGE, encoding="utf-8")
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    make_docx(uploads / "培训班.docx")
    (uploads / "考察.html").write_text(HTML_PAGE, encoding="utf-8")

    with serve_folder(site) as host, serve_bot(tmp_path, {"KB_DIR": str(kb), "ADMIN_TOKEN": TOKEN,
                                                          "IMPORT_ALLOWED_HOSTS": host}) as served:
        browser.get(served.base + "/admin")
        fill(browser, "token", TOKEN)
        fill(browser, "name", "小王")
        click_and_wait(browser, "#login button")

        # 1. Paste an article as copied from the site, see what the bot read, save, ask through /wechat.
        browser.get(served.base + "/admin/articles/new")
        snap(browser, "edit-01-new-article")
        fill(browser, "text", PASTED)
        fill(browser, "source_url", "https://www.example.org/news/2024/0518.html")
        click_and_wait(browser, "#paste button")
        assert text_of(browser, "#fact-title") == "重庆市绿色建筑协会召开2024年会员大会"
        assert "张明远（重庆市绿色建筑协会会长）" in text_of(browser, "#fact-people")
        assert PASTED_VENUE in text_of(browser, "#fact-places")
        assert "来自这篇文章" in text_of(browser, "#answers") and "检查通过" in text_of(browser, "#problems")
        snap(browser, "edit-02-article-preview")
        assert served.ask(PASTED_QUESTION)[1].find(PASTED_VENUE) < 0  # not saved yet: not answered
        assert saved_and_answered(browser, served, PASTED_QUESTION, PASTED_VENUE) < ANSWER_WITHIN
        assert "已保存《重庆市绿色建筑协会召开2024年会员大会》" in text_of(browser, "main")
        snap(browser, "edit-03-article-saved")

        # The answer is right: keep it as a test question, so no later edit breaks it unnoticed.
        browser.get(served.base + "/admin")
        box = browser.find_element("name", "q")
        box.send_keys(PASTED_QUESTION)
        click_and_wait(browser, "form.ask button")
        click_and_wait(browser, "#add-test")
        fill(browser, "words", PASTED_VENUE)
        click_and_wait(browser, "#test button")
        assert "检查通过" in text_of(browser, "#problems") and PASTED_VENUE in text_of(browser, "#answers")
        snap(browser, "edit-04-test-question")
        click_and_wait(browser, "#save button")
        assert f"问：{PASTED_QUESTION}\n应包含：{PASTED_VENUE}\n" in (kb / "tests.txt").read_text(encoding="utf-8")

        # 2. Upload a Word document, then an .html page saved from the site.
        browser.get(served.base + "/admin/articles/new")
        browser.find_element("id", "file").send_keys(str(uploads / "培训班.docx"))
        click_and_wait(browser, "#upload button")
        assert text_of(browser, "#fact-title") == DOCX_TITLE
        assert "重庆市建设教育中心" in text_of(browser, "#fact-places")
        snap(browser, "edit-05-docx-preview")
        assert saved_and_answered(browser, served, "2024年绿色建筑技术培训班在哪里举办", "重庆市建设教育中心") < ANSWER_WITHIN

        browser.get(served.base + "/admin/articles/new")
        browser.find_element("id", "file").send_keys(str(uploads / "考察.html"))
        click_and_wait(browser, "#upload button")
        assert text_of(browser, "#fact-title") == "协会赴成都考察装配式建筑项目"
        assert "首页" not in text_of(browser, "#edit-again")  # the site's menu is not in the article
        snap(browser, "edit-06-html-preview")
        click_and_wait(browser, "#save button")

        # 3. Import by URL from the site on loopback (IMPORT_ALLOWED_HOSTS names it).
        browser.get(served.base + "/admin/articles/new")
        fill(browser, "url", f"http://{host}/news/council.html")
        click_and_wait(browser, "#fetch button")
        assert text_of(browser, "#fact-title") == "协会召开第三届理事会第五次会议"
        assert f"http://{host}/news/council.html" in text_of(browser, "#facts")
        snap(browser, "edit-07-url-preview")
        assert saved_and_answered(browser, served, "第三届理事会第五次会议有多少名理事出席", "32") < ANSWER_WITHIN

        # 4. A new FAQ entry whose 名称 is taken: refused with its line; fixed, previewed, saved.
        browser.get(served.base + "/admin/faq")
        snap(browser, "edit-08-faq-list")
        click_and_wait(browser, "#add-faq")
        fill(browser, "path", "faq/west-office.txt")
        fill(browser, "questions", FAQ_QUESTION)
        fill(browser, "answer", FAQ_ANSWER)
        fill(browser, "name", "西部办公室")  # the first entry of that file is already called so
        click_and_wait(browser, "#entry button")
        problems = text_of(browser, "#problems")
        assert "不能保存" in problems and "faq/west-office.txt:" in problems and "名称" in problems
        assert [b.text for b in browser.find_elements("css selector", "#save button")] == ["返回修改"]
        snap(browser, "edit-09-faq-refused")
        click_and_wait(browser, "#save button.secondary")  # 返回修改, with what was typed
        fill(browser, "name", "会费")
        click_and_wait(browser, "#entry button")
        assert "原来答不了，保存后能答" in text_of(browser, "#effect")
        snap(browser, "edit-10-faq-preview")
        assert saved_and_answered(browser, served, FAQ_QUESTION, "三千元") < ANSWER_WITHIN
        snap(browser, "edit-11-faq-saved")

        # 5. Undo the last change (the FAQ entry): the question is declined again.
        browser.get(served.base + "/admin/changes")
        assert "新增问答“会费”" in text_of(browser, "#change-1") and "小王" in text_of(browser, "#change-1")
        snap(browser, "edit-12-changes")
        click_and_wait(browser, "#undo-1 button")
        assert "已撤销" in text_of(browser, "main")
        deadline = time.monotonic() + ANSWER_WITHIN
        while "三千元" in served.ask(FAQ_QUESTION)[1]:
            assert time.monotonic() < deadline, "the undone FAQ entry still answers"
            time.sleep(0.1)
        assert "撤销：新增问答“会费”" in text_of(browser, "#change-1")
        snap(browser, "edit-13-undone")
        assert "名称：会费" not in (kb / "faq" / "west-office.txt").read_text(encoding="utf-8")

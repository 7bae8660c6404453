"""Drafts from a paste, an upload or a URL: real documents made here, a real web site on loopback.

The .docx is written by python-docx and the .pdf built by hand, so the extractors read what
Word and a PDF printer make; the site (tests/loopback_site.py) serves pages, redirects and
servers that never stop sending. Every refusal is a Chinese sentence and a log line, and a URL
the bot must not call is never fetched.
"""

import io
import json
import logging
import re
import time
import zipfile

import docx
import pytest
from conftest import app_config
from loopback_site import ANNUAL_PAGE, Site, forever, lying_length, page, redirect, silent, trickle

from bot import create_app
from bot.config import DEFAULTS, load_config
from bot.ops.logs import JsonFormatter
from bot.staff.checks import check_proposed
from bot.staff.importing import ImportRefused, draft_from_text, draft_from_upload, draft_from_url

MB = 1024 * 1024


def settings(kb, **extra) -> dict:
    return load_config(environ={}, overrides={"KB_DIR": str(kb), **extra})


def refusal(call, caplog) -> str:
    """The Chinese sentence of the ImportRefused that `call` raises, after checking it was logged."""
    caplog.set_level(logging.INFO, logger="bot.staff")
    with pytest.raises(ImportRefused) as refused:
        call()
    message = str(refused.value)
    assert message.endswith("。") and "Traceback" not in message
    line = json.loads(JsonFormatter().format(caplog.records[-1]))
    assert line["event"] == "import_refused" and line["reason"]
    return message


def annual_docx(title_in_properties: str = "") -> bytes:
    """A Word file as staff get them: title, date line, paragraphs and a table of winners."""
    document = docx.Document()
    document.core_properties.title = title_in_properties
    document.add_heading("关于表彰2024年度优秀会员单位的通知", level=1)
    document.add_paragraph("发布时间：2024-06-11")
    document.add_paragraph("经协会理事会研究，决定表彰以下优秀会员单位。")
    table = document.add_table(rows=3, cols=3)
    for row, cells in zip(table.rows, [("序号", "单位名称", "类别"), ("1", "某建设集团", "一等奖"),
                                       ("2", "某设计研究院", "二等奖")], strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    document.add_paragraph("希望受表彰单位再接再厉。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def minimal_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with ASCII text in Helvetica, objects and cross-reference table built by hand."""
    text = " ".join(f"({line}) Tj 0 -24 Td" for line in lines)
    stream = f"BT /F1 16 Tf 72 720 Td {text} ET".encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


# --- pastes -------------------------------------------------------------------------------------


def test_a_paste_is_kept_as_pasted_with_one_source_line_added(kb):
    pasted = (kb / "news" / "2023-11-03-west-office-launch.txt").read_text(encoding="utf-8")
    url = "https://www.example.org/news/2023/west-office-launch.html"
    draft = draft_from_text(pasted, url, config=settings(kb))
    added = [line for line in draft.text.splitlines() if line not in pasted.splitlines()]
    assert added == [f"来源链接：{url}"]
    lines = draft.text.splitlines()
    assert lines[lines.index(added[0]) - 1].startswith("发布时间:2023-11-03")  # right under the date line
    assert (draft.title, draft.date, draft.source_url) == ("西部地区建筑绿色低碳发展协调推进行动在成都启动", "2023-11-03", url)
    assert draft.filename == "news/2023-11-03-west-office-launch.txt" or draft.filename.endswith("-2.txt")
    assert draft.filename == "news/2023-11-03-west-office-launch-2.txt"  # the shipped file has that name
    assert draft_from_text(draft.text, url, config=settings(kb)).text == draft.text  # has one already


def test_a_paste_without_date_or_link_gets_today_and_a_name_from_its_title(kb):
    draft = draft_from_text("培训通知\n\n协会将于下月举办绿色建筑培训班。\n", config=settings(kb))
    assert draft.text == "培训通知\n\n协会将于下月举办绿色建筑培训班。\n"
    assert draft.date == "" and draft.title == "培训通知"
    assert re.fullmatch(rf"news/{time.strftime('%Y-%m-%d')}-[0-9a-f]{{8}}\.txt", draft.filename)


@pytest.mark.parametrize("text, url", [("", ""), ("  \n ", ""), ("标题\n正文", "javascript:alert(1)"),
                                       ("标题\n正文", "http://example.org/a b"), ("标题\n正文", "file:///etc/passwd")])
def test_empty_pastes_and_bad_links_are_refused(kb, caplog, text, url):
    assert refusal(lambda: draft_from_text(text, url, config=settings(kb)), caplog)


# --- uploads ------------------------------------------------------------------------------------


def test_a_word_file_becomes_an_article_with_its_table(kb):
    draft = draft_from_upload("Awards 2024.docx", annual_docx(), config=settings(kb))
    assert draft.title == "关于表彰2024年度优秀会员单位的通知" and draft.date == "2024-06-11"
    assert draft.filename == "news/2024-06-11-awards-2024.txt"
    assert "序号｜单位名称｜类别\n1｜某建设集团｜一等奖\n2｜某设计研究院｜二等奖" in draft.text
    assert draft.text.startswith("关于表彰2024年度优秀会员单位的通知\n发布时间：2024-06-11\n")
    assert check_proposed(str(kb), {draft.filename: draft.text}).errors == []


def test_a_stale_title_property_of_the_template_is_not_taken_for_the_title(kb):
    draft = draft_from_upload("awards.docx", annual_docx(title_in_properties="Normal.dotm 模板"), config=settings(kb))
    assert draft.title == "关于表彰2024年度优秀会员单位的通知" and "模板" not in draft.text


def test_inside_the_app_its_settings_apply(kb):
    """The staff page calls draft_from_upload(filename, data): the serving app's limits and folder count."""
    app = create_app(app_config(kb, MAX_UPLOAD_BYTES=1000), environ={})
    (kb / "news" / "2024-06-11-awards.txt").write_text("已有的文章\n", encoding="utf-8")
    with app.app_context():
        with pytest.raises(ImportRefused, match="超过"):
            draft_from_upload("awards.docx", annual_docx())
    app.config["MAX_UPLOAD_BYTES"] = 10 * MB
    with app.app_context():
        assert draft_from_upload("awards.docx", annual_docx()).filename == "news/2024-06-11-awards-2.txt"


def test_a_pdf_becomes_an_article(kb):
    data = minimal_pdf(["Annual Meeting of the Association", "The meeting was held in Chongqing.",
                        "Zhang San chaired the meeting."])
    draft = draft_from_upload("meeting.pdf", data, config=settings(kb))
    assert draft.text.splitlines()[:3] == ["Annual Meeting of the Association", "The meeting was held in Chongqing.",
                                           "Zhang San chaired the meeting."]
    assert draft.title == "Annual Meeting of the Association"
    assert draft.filename == f"news/{time.strftime('%Y-%m-%d')}-meeting.txt"


def test_text_files_in_utf8_and_gbk_and_an_html_file(kb):
    article = "协会召开2024年年会\n发布时间：2024-05-01\n会长张三主持会议。\n"
    for data in (article.encode("utf-8"), b"\xef\xbb\xbf" + article.encode("utf-8"), article.encode("gbk")):
        draft = draft_from_upload("年会.txt", data, config=settings(kb))
        assert (draft.text, draft.date) == (article, "2024-05-01")
        assert re.fullmatch(r"news/2024-05-01-[0-9a-f]{8}\.txt", draft.filename)  # 年会: no ASCII in the name
    draft = draft_from_upload("annual.HTM", ANNUAL_PAGE.encode(), config=settings(kb))
    assert (draft.title, draft.date, draft.filename) == ("协会召开2024年年会", "2024-05-01", "news/2024-05-01-annual.txt")


def test_upload_refusals(kb, caplog):
    config = settings(kb)
    assert "超过 10 MB" in refusal(lambda: draft_from_upload("big.docx", b"\0" * (50 * MB), config=config), caplog)
    assert "只认 .txt、.html、.htm、.docx 和 .pdf" in refusal(lambda: draft_from_upload("a.exe", b"MZ", config=config),
                                                               caplog)
    assert "只认" in refusal(lambda: draft_from_upload("old.doc", b"\xd0\xcf\x11\xe0", config=config), caplog)
    assert "打不开" in refusal(lambda: draft_from_upload("broken.docx", b"PK\x03\x04broken", config=config), caplog)
    assert "打不开" in refusal(lambda: draft_from_upload("broken.pdf", b"%PDF-1.4\nbroken", config=config), caplog)
    assert "没有读出文字" in refusal(lambda: draft_from_upload("empty.pdf", minimal_pdf([]), config=config), caplog)
    assert "不是纯文本" in refusal(lambda: draft_from_upload("a.txt", b"\x00\x01binary", config=config), caplog)
    not_word = io.BytesIO()
    with zipfile.ZipFile(not_word, "w") as archive:
        archive.writestr("hello.txt", "not a Word document")
    assert "打不开" in refusal(lambda: draft_from_upload("zip.docx", not_word.getvalue(), config=config), caplog)


def test_a_zip_bomb_dressed_as_docx_is_refused_before_it_is_opened(kb, caplog):
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (60 * MB))  # 60 MB of zeros pack into about 60 KB
    assert len(bomb.getvalue()) < MB
    message = refusal(lambda: draft_from_upload("bomb.docx", bomb.getvalue(), config=settings(kb)), caplog)
    assert "解开后太大" in message


def test_a_new_name_never_clobbers_an_existing_file(kb):
    (kb / "news" / "2024-06-11-awards.txt").write_text("已有的文章\n", encoding="utf-8")
    (kb / "news" / "2024-06-11-awards-2.txt").write_text("已有的文章\n", encoding="utf-8")
    assert draft_from_upload("awards.docx", annual_docx(), config=settings(kb)).filename == "news/2024-06-11-awards-3.txt"


# --- URLs ---------------------------------------------------------------------------------------

pytest_slow = pytest.mark.slow


@pytest.fixture
def site():
    routes = {
        "/news/2024/annual-meeting.html": page(ANNUAL_PAGE),
        "/gbk.html": page(ANNUAL_PAGE.replace("utf-8", "gbk").encode("gbk"), "text/html; charset=gbk"),
        "/old-address": redirect("/news/2024/annual-meeting.html", 301),
        "/hop1": redirect("/hop2"), "/hop2": redirect("/hop3"), "/hop3": redirect("/news/2024/annual-meeting.html"),
        "/loop": redirect("/loop"),
        "/to-private": redirect("http://10.20.30.40/news.html"),
        "/to-metadata": redirect("http://169.254.169.254/latest/meta-data/"),
        "/awards.docx": page(annual_docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        "/photo.png": page(b"\x89PNG\r\n", "image/png"),
        "/forever": forever(),
        "/huge": lying_length(50 * MB),
        "/trickle": trickle(),
        "/silent": silent(),
    }
    with Site(routes) as served:
        yield served


def allowed(kb, site, **extra) -> dict:
    return settings(kb, IMPORT_ALLOWED_HOSTS=site.host, **extra)


@pytest_slow
def test_an_article_from_an_allowed_loopback_site(kb, site):
    url = site.url("/news/2024/annual-meeting.html")
    draft = draft_from_url(url, allowed(kb, site))
    assert (draft.title, draft.date, draft.source_url) == ("协会召开2024年年会", "2024-05-01", url)
    assert draft.filename == "news/2024-05-01-annual-meeting.txt"
    assert draft.text.startswith(f"协会召开2024年年会\n发布时间：2024-05-01\n来源链接：{url}\n")
    assert "会长张三主持会议" in draft.text and "分享到" not in draft.text
    report = check_proposed(str(kb), {draft.filename: draft.text})
    assert report.errors == [] and "张三" in report.engine.answer("2024年年会谁主持的").text
    gbk = draft_from_url(site.url("/gbk.html"), allowed(kb, site))
    assert gbk.title == "协会召开2024年年会" and "会长张三主持会议" in gbk.text
    word = draft_from_url(site.url("/awards.docx"), allowed(kb, site))
    assert word.filename == "news/2024-06-11-awards.txt" and f"来源链接：{site.url('/awards.docx')}" in word.text


@pytest_slow
def test_redirects_are_followed_three_times_at_most(kb, site, caplog):
    moved = draft_from_url(site.url("/old-address"), allowed(kb, site))
    assert moved.source_url == site.url("/news/2024/annual-meeting.html")  # where the article really is
    assert draft_from_url(site.url("/hop1"), allowed(kb, site)).title == "协会召开2024年年会"
    assert "跳转了 3 次以上" in refusal(lambda: draft_from_url(site.url("/loop"), allowed(kb, site)), caplog)
    assert site.requests.count("/loop") == 4


@pytest_slow
def test_loopback_without_the_setting_is_refused_and_never_fetched(kb, site, caplog):
    for url in (site.url("/news/2024/annual-meeting.html"), f"http://localhost:{site.port}/news/2024/annual-meeting.html"):
        message = refusal(lambda u=url: draft_from_url(u, settings(kb)), caplog)
        assert "内部网络地址" in message and "IMPORT_ALLOWED_HOSTS" in message
    # the host allowed on another port is not this one
    other = settings(kb, IMPORT_ALLOWED_HOSTS=f"127.0.0.1:{site.port + 1}")
    assert "内部网络地址" in refusal(lambda: draft_from_url(site.url("/news/2024/annual-meeting.html"), other), caplog)
    assert site.requests == []
    # a host named without a port is allowed on any
    assert draft_from_url(site.url("/news/2024/annual-meeting.html"), settings(kb, IMPORT_ALLOWED_HOSTS="127.0.0.1"))


@pytest.mark.parametrize("url", ["http://10.0.0.1/a.html", "http://192.168.1.1/", "http://172.16.0.1/",
                                 "http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://0.0.0.0/",
                                 "http://[::ffff:127.0.0.1]/", "http://100.64.0.1/", "http://224.0.0.1/",
                                 "http://127.1/", "http://2130706433/"])
def test_private_and_special_addresses_are_refused_without_a_connection(kb, caplog, url):
    """Refused at the address check, before any connection: no traffic leaves for these."""
    assert "内部网络地址" in refusal(lambda: draft_from_url(url, settings(kb)), caplog)


@pytest.mark.parametrize("url, says", [("ftp://example.org/a.txt", "http:// 或 https://"),
                                       ("file:///etc/passwd", "http:// 或 https://"),
                                       ("http://user:secret@example.org/", "用户名"),
                                       ("http://example.org:99999/", "端口"), ("", "请填写")])
def test_malformed_urls_are_refused(kb, caplog, url, says):
    assert says in refusal(lambda: draft_from_url(url, settings(kb)), caplog)


@pytest_slow
def test_redirects_to_private_addresses_are_refused(kb, site, caplog):
    for path in ("/to-private", "/to-metadata"):
        assert "内部网络地址" in refusal(lambda p=path: draft_from_url(site.url(p), allowed(kb, site)), caplog)


@pytest_slow
def test_size_limits_stop_the_reading(kb, site, caplog):
    started = time.monotonic()
    message = refusal(lambda: draft_from_url(site.url("/forever"), allowed(kb, site, MAX_UPLOAD_BYTES=MB)), caplog)
    assert "超过 1 MB" in message and time.monotonic() - started < 5
    assert "超过 10 MB" in refusal(lambda: draft_from_url(site.url("/huge"), allowed(kb, site)), caplog)
    assert "image/png" in refusal(lambda: draft_from_url(site.url("/photo.png"), allowed(kb, site)), caplog)
    assert "404" in refusal(lambda: draft_from_url(site.url("/missing"), allowed(kb, site)), caplog)


@pytest_slow
@pytest.mark.parametrize("path", ["/trickle", "/silent"])
def test_a_slow_server_is_stopped_by_the_timeout(kb, site, caplog, path):
    started = time.monotonic()
    message = refusal(lambda: draft_from_url(site.url(path), allowed(kb, site, FETCH_TIMEOUT=1)), caplog)
    assert "太慢" in message
    assert 0.9 < time.monotonic() - started < 2.5


def test_the_settings_have_safe_defaults():
    assert (DEFAULTS["IMPORT_ALLOWED_HOSTS"], DEFAULTS["FETCH_TIMEOUT"], DEFAULTS["MAX_UPLOAD_BYTES"]) == ("", 10.0, 10 * MB)
    config = load_config(environ={"IMPORT_ALLOWED_HOSTS": " Intranet.Example.org, 127.0.0.1:8000 ,"})
    assert config["IMPORT_ALLOWED_HOSTS"] == {"intranet.example.org", "127.0.0.1:8000"}

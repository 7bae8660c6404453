"""/admin's editing forms through real requests: 新增文章, 问答 and 最近的修改 over a real knowledge folder.

Each change is previewed, saved through the real writer and answered by the real engine at once;
what the forms refuse is refused with its line and leaves every file as it was. The same forms
in Chromium are tests/staff/test_admin_edit_browser.py; hostile requests are test_admin_edit.py.
"""

import contextlib
import html
import io
import re
import shutil
import subprocess

import pytest
from admin_client import form_fields, log_in, submit
from conftest import app_config, ready_app
from wechat_client import Follower

from bot.ops.hot_reload import get_knowledge

TOKEN = "staff-forms-token"
ARTICLE = """协会动态
重庆市绿色建筑协会召开2024年会员大会
发布时间：2024-05-18  浏览量：321
5月17日，重庆市绿色建筑与建筑产业化协会2024年会员大会在重庆悦来国际会议中心召开。协会会长张明远、秘书长陈琼出席会议，来自全市的120家会员单位代表参加了会议。会议由副秘书长刘海主持。
会长张明远作了工作报告，总结了2023年协会在绿色建筑标准编制、技术培训和行业交流等方面的工作。
会议审议通过了《重庆市绿色建筑与建筑产业化协会会费管理办法》。
"""
VENUE = "重庆悦来国际会议中心"
WEST_QUESTION = "西部办公室是什么？"


@pytest.fixture
def app(kb):
    return ready_app(app_config(kb, ADMIN_TOKEN=TOKEN))


@pytest.fixture
def staff(app):
    client = app.test_client()
    assert log_in(client, TOKEN, name="小王").status_code == 303
    return client


def text_of(page: str, element_id: str) -> str:
    """What the browser shows inside the element with this id."""
    match = re.search(rf'<(\w+)[^>]* id="{element_id}"[^>]*>(.*?)</\1>', page, re.S)
    assert match, f"no #{element_id} on the page"
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(2)))


def files(kb) -> dict:
    """The knowledge files and their bytes (the writer's .history folder left out)."""
    return {str(p.relative_to(kb)): p.read_bytes() for p in sorted(kb.rglob("*"))
            if p.is_file() and ".history" not in p.parts}


def preview_article(staff, text=ARTICLE, source_url="https://www.example.org/news/2024/0518.html"):
    response = submit(staff, "/admin/articles/preview", {"source": "text", "text": text, "source_url": source_url})
    return response, response.get_data(as_text=True)


def answer(app, question: str) -> str:
    return Follower("o-forms-follower").say(app.test_client(), question)


def test_a_pasted_article_is_previewed_with_what_the_engine_read_and_not_written(staff, kb):
    before = files(kb)
    response, page = preview_article(staff)
    assert response.status_code == 200
    assert text_of(page, "fact-title") == "重庆市绿色建筑协会召开2024年会员大会"
    assert text_of(page, "fact-date") == "2024-05-18"
    people = text_of(page, "fact-people")
    assert "张明远（重庆市绿色建筑协会会长）" in people and "刘海" in people
    assert VENUE in text_of(page, "fact-places") and "120家" in text_of(page, "fact-counts")
    answers = text_of(page, "answers")
    assert answers.count("来自这篇文章") >= 4 and f"地点：{VENUE}" in answers
    assert "检查通过" in text_of(page, "problems")
    path = form_fields(page, "save")["path"]
    assert re.fullmatch(r"news/2024-05-18-[\w-]+\.txt", path)
    assert files(kb) == before


def test_saving_writes_the_file_logs_who_and_followers_get_the_answer_at_once(app, staff, kb):
    _, page = preview_article(staff)
    fields = form_fields(page, "save")
    response = staff.post("/admin/articles/save", data=fields)
    assert response.status_code == 303 and response.headers["Location"].endswith("/admin/changes")
    saved = (kb / fields["path"]).read_text(encoding="utf-8")
    assert "来源链接：https://www.example.org/news/2024/0518.html" in saved and "张明远作了工作报告" in saved
    assert "\r" not in saved
    assert VENUE in answer(app, "重庆市绿色建筑协会2024年会员大会在哪里召开")  # no reload tick needed
    changes = staff.get("/admin/changes").get_data(as_text=True)
    assert "已保存《重庆市绿色建筑协会召开2024年会员大会》" in changes
    assert "新增文章《重庆市绿色建筑协会召开2024年会员大会》" in text_of(changes, "change-1")
    assert "小王（127.0.0.1）" in text_of(changes, "change-1") and fields["path"] in text_of(changes, "change-1")


def test_pressing_save_twice_writes_one_file(staff, kb):
    _, page = preview_article(staff)
    fields = form_fields(page, "save")
    for _ in range(2):
        assert staff.post("/admin/articles/save", data=fields).status_code == 303
    assert len(list((kb / "news").glob("2024-05-18-*.txt"))) == 1
    assert text_of(staff.get("/admin/changes").get_data(as_text=True), "changes").count("新增文章") == 1


def test_an_article_that_breaks_a_staff_test_is_refused_with_the_line_and_not_written(staff, kb):
    with open(kb / "tests.txt", "a", encoding="utf-8") as f:
        f.write("\n问：张明远是谁\n应拒答\n")
    line = (kb / "tests.txt").read_text(encoding="utf-8").splitlines().index("问：张明远是谁") + 1
    get_knowledge(staff.application).reload()
    before = files(kb)
    _, page = preview_article(staff)
    problems = text_of(page, "problems")
    assert "不能保存" in problems and f"tests.txt:{line}:" in problems
    assert 'id="save"' not in page
    forged = {**form_fields(page, "edit-form"), "path": "news/2024-05-18-x.txt", "title": "x"}  # save anyway
    response = staff.post("/admin/articles/save", data=forged)
    assert response.status_code == 422 and f"tests.txt:{line}:" in text_of(response.get_data(as_text=True), "problems")
    assert files(kb) == before


def test_a_docx_upload_is_read_into_an_article(staff):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in ARTICLE.splitlines()[1:]:
        document.add_paragraph(line)
    data = io.BytesIO()
    document.save(data)
    response = submit(staff, "/admin/articles/preview",
                      {"source": "upload", "file": (io.BytesIO(data.getvalue()), "会员大会.docx")},
                      content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 200, page
    assert text_of(page, "fact-title") == "重庆市绿色建筑协会召开2024年会员大会"
    assert VENUE in text_of(page, "fact-places")


@pytest.mark.parametrize("data, words", [({"source": "text", "text": "  "}, "文本框是空的"),
                                         ({"source": "upload"}, "没有选择文件"),
                                         ({"source": "url", "url": ""}, "网址是空的"),
                                         ({"source": "telepathy"}, "三种方式之一")])
def test_an_empty_or_odd_form_says_what_to_fill_in(staff, data, words):
    response = submit(staff, "/admin/articles/preview", data)
    assert response.status_code == 422 and words in text_of(response.get_data(as_text=True), "error")


def test_undo_puts_the_file_back_and_can_itself_be_undone(app, staff, kb):
    _, page = preview_article(staff)
    fields = form_fields(page, "save")
    staff.post("/admin/articles/save", data=fields)
    changes = staff.get("/admin/changes").get_data(as_text=True)
    response = staff.post("/admin/changes/undo", data=form_fields(changes, "undo-1"))
    assert response.status_code == 303
    assert not (kb / fields["path"]).exists()
    assert VENUE not in answer(app, "重庆市绿色建筑协会2024年会员大会在哪里召开")
    changes = staff.get("/admin/changes").get_data(as_text=True)
    assert "已撤销" in changes and "撤销：新增文章" in text_of(changes, "change-1")
    staff.post("/admin/changes/undo", data=form_fields(changes, "undo-1"))
    assert (kb / fields["path"]).exists()
    assert VENUE in answer(app, "重庆市绿色建筑协会2024年会员大会在哪里召开")


@contextlib.contextmanager
def immutable(folder):
    """The folder made unwritable even for root (chattr +i), as a read-only mount is for the bot."""
    if not shutil.which("chattr") or subprocess.run(["chattr", "+i", str(folder)]).returncode:
        pytest.skip("chattr +i is not available here to make the knowledge folder unwritable")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def test_a_read_only_knowledge_folder_is_explained_and_nothing_is_saved(staff, kb):
    _, page = preview_article(staff)
    fields = form_fields(page, "save")
    before = files(kb)
    with immutable(kb / "news"):
        page = staff.get("/admin/articles/new").get_data(as_text=True)
        assert "现在不能在网页上修改知识库" in text_of(page, "readonly")
        response = staff.post("/admin/articles/save", data=fields)
        assert response.status_code == 409 and "news" in text_of(response.get_data(as_text=True), "readonly")
        assert 'id="save"' not in response.get_data(as_text=True)
    assert files(kb) == before


def full_name_entry(kb) -> str:
    """The edit URL of the shipped entry 西部办公室全称, found by its line in the file."""
    lines = (kb / "faq" / "west-office.txt").read_text(encoding="utf-8").splitlines()
    return f"/admin/faq/edit?path=faq/west-office.txt&line={lines.index('名称：西部办公室全称') + 1}"


def faq_preview(staff, **fields):
    data = {"op": "add", "path": "faq/常见问题.txt", "questions": "", "answer": "", "name": "", "source": "", **fields}
    response = submit(staff, "/admin/faq/preview", data)
    return response, response.get_data(as_text=True)


def test_the_faq_list_shows_each_entry_with_its_file_and_line(staff):
    page = staff.get("/admin/faq").get_data(as_text=True)
    table = text_of(page, "faq")
    assert "西部办公室" in table and "faq/west-office.txt:4" in table and WEST_QUESTION in table
    assert 'href="/admin/faq/edit?path=faq/west-office.txt&amp;line=4"' in page


def test_a_new_entry_is_previewed_then_saved_and_answers_at_once(app, staff, kb):
    question = "协会的会费是多少？"
    assert "没有找到答案" in answer(app, question)
    response, page = faq_preview(staff, questions=question, answer="单位会员每年三千元，个人会员每年二百元。", name="会费")
    assert response.status_code == 200 and "原来答不了，保存后能答" in text_of(page, "effect")
    assert not (kb / "faq" / "常见问题.txt").exists()
    response = staff.post("/admin/faq/save", data=form_fields(page, "save"))
    assert response.status_code == 303
    assert (kb / "faq" / "常见问题.txt").read_text(encoding="utf-8") == (
        "名称：会费\n问：协会的会费是多少？\n答：单位会员每年三千元，个人会员每年二百元。\n")
    assert "三千元" in answer(app, question)
    assert "已保存：新增问答“会费”" in staff.get("/admin/faq").get_data(as_text=True)


def test_an_entry_that_takes_a_question_from_an_article_says_so(staff):
    _, page = faq_preview(staff, questions="会议在哪里举行", answer="在四川成都。")
    effect = text_of(page, "effect")
    assert "将从 news/2023-11-03-west-office-launch.txt#where 接过这个问题" in effect


def test_editing_an_entry_changes_only_its_lines(app, staff, kb):
    path = kb / "faq" / "west-office.txt"
    before = path.read_text(encoding="utf-8")
    form = staff.get(full_name_entry(kb)).get_data(as_text=True)
    fields = form_fields(form, "entry")
    assert fields["name"] == "西部办公室全称" and fields["questions"].startswith("西部办公室的全称是什么？")
    fields["answer"] = "全称是“西部地区建筑绿色低碳发展协调推进办公室”，简称西部办公室。"
    _, page = faq_preview(staff, **fields)
    assert staff.post("/admin/faq/save", data=form_fields(page, "save")).status_code == 303
    after = path.read_text(encoding="utf-8")
    start = before.splitlines().index("名称：西部办公室全称")
    old_entry = "\n".join(before.splitlines()[start:start + 5]) + "\n"
    new_entry = ("名称：西部办公室全称\n问：西部办公室的全称是什么？\n问：西部办公室全名叫什么\n"
                 f"答：{fields['answer']}\n来源：news/2023-11-03-west-office-launch.txt\n")
    assert after == before.replace(old_entry, new_entry)
    assert "简称西部办公室" in answer(app, "西部办公室全名叫什么")


def test_deleting_an_entry_is_previewed_and_the_question_goes_elsewhere(app, staff, kb):
    form = staff.get(full_name_entry(kb)).get_data(as_text=True)
    response, page = faq_preview(staff, **form_fields(form, "delete"))
    assert response.status_code == 200 and "确认删除" in page
    assert "faq:西部办公室全称" in text_of(page, "effect")
    assert staff.post("/admin/faq/save", data=form_fields(page, "save")).status_code == 303
    assert "名称：西部办公室全称" not in (kb / "faq" / "west-office.txt").read_text(encoding="utf-8")
    assert "西部办公室全称" not in text_of(staff.get("/admin/faq").get_data(as_text=True), "faq")


def test_a_broken_entry_is_refused_with_its_line_and_nothing_is_written(staff, kb):
    before = files(kb)
    response, page = faq_preview(staff, path="faq/west-office.txt", questions="西部办公室在哪里", answer="在成都。",
                                 name="西部办公室")  # 名称 already used by the entry at line 4
    problems = text_of(page, "problems")
    assert "不能保存" in problems and re.search(r"faq/west-office\.txt:2\d: .*名称", problems)
    assert "保存</button>" not in page
    response = staff.post("/admin/faq/save", data=form_fields(page, "save"))
    assert response.status_code == 422 and "faq/west-office.txt:2" in text_of(response.get_data(as_text=True),
                                                                              "problems")
    assert files(kb) == before


def test_an_answer_line_that_would_read_as_a_label_is_refused_with_the_line(staff, kb):
    before = files(kb)
    response, page = faq_preview(staff, questions="会费是多少", answer="每年三千元。\n来源：秘书处通知")
    assert response.status_code == 422 and "答案的第 2 行" in text_of(page, "error")
    assert files(kb) == before


def test_an_entry_changed_by_someone_else_meanwhile_is_not_overwritten(staff, kb):
    form = form_fields(staff.get(full_name_entry(kb)).get_data(as_text=True), "entry")
    path = kb / "faq" / "west-office.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("全名叫什么", "全名是什么"), encoding="utf-8")
    before = files(kb)
    response, page = faq_preview(staff, **{**form, "answer": "新的答案。"})
    assert response.status_code == 422 and "被改过了" in text_of(page, "error")
    response = staff.post("/admin/faq/save", data={**form, "answer": "新的答案。",
                                                   "csrf_token": form_fields(page, "entry")["csrf_token"]})
    assert response.status_code == 422 and files(kb) == before


def test_an_undo_that_would_bring_an_error_is_refused_with_it(staff, kb):
    def saved(**fields):
        _, page = faq_preview(staff, **fields)
        assert staff.post("/admin/faq/save", data=form_fields(page, "save")).status_code == 303

    saved(path="faq/会员.txt", questions="协会的会费是多少？", answer="每年三千元。", name="会费")
    form = staff.get("/admin/faq/edit?path=faq/会员.txt&line=1").get_data(as_text=True)
    saved(**form_fields(form, "delete"))
    saved(path="faq/收费.txt", questions="会费怎么交？", answer="银行转账。", name="会费")  # the name, taken again
    before = files(kb)
    changes = staff.get("/admin/changes").get_data(as_text=True)
    assert "删除问答“会费”" in text_of(changes, "change-2")
    response = staff.post("/admin/changes/undo", data=form_fields(changes, "undo-2"), follow_redirects=True)
    flash = response.get_data(as_text=True)
    assert "没有撤销" in flash and "faq/收费.txt:1: 名称“会费”已经用在 faq/会员.txt:1" in flash
    assert files(kb) == before


def test_a_test_question_is_previewed_with_todays_answer_and_appended_to_tests_txt(staff, kb):
    before = (kb / "tests.txt").read_text(encoding="utf-8")
    page = staff.get("/admin?q=西部办公室是什么？").get_data(as_text=True)
    assert 'href="/admin/tests/new?q=' in page
    form = form_fields(staff.get("/admin/tests/new?q=西部办公室是什么？").get_data(as_text=True), "test")
    response = submit(staff, "/admin/tests/preview", {**form, "kind": "expect", "words": "西部地区， 协调推进办公室"})
    page = response.get_data(as_text=True)
    assert text_of(page, "entry") == "问：西部办公室是什么？\n应包含：西部地区、协调推进办公室\n"
    assert "检查通过" in text_of(page, "problems") and "西部地区建筑绿色低碳发展协调推进办公室" in text_of(page, "answers")
    assert staff.post("/admin/tests/save", data=form_fields(page, "save")).status_code == 303
    assert (kb / "tests.txt").read_text(encoding="utf-8") == (
        before + "\n问：西部办公室是什么？\n应包含：西部地区、协调推进办公室\n")
    assert "新增测试问题“西部办公室是什么？”" in text_of(staff.get("/admin/changes").get_data(as_text=True), "change-1")


def test_a_test_question_that_fails_today_is_refused_with_its_line(staff, kb):
    before = files(kb)
    lines = len((kb / "tests.txt").read_text(encoding="utf-8").splitlines())
    response = submit(staff, "/admin/tests/preview", {"question": "西部办公室是什么？", "kind": "decline"})
    page = response.get_data(as_text=True)
    assert f"tests.txt:{lines + 2}: 测试问题“西部办公室是什么？”应该拒答" in text_of(page, "problems")
    response = staff.post("/admin/tests/save", data=form_fields(page, "save"))
    assert response.status_code == 422 and files(kb) == before

"""knowledge/menu.txt: the format, and `check`'s problems by line, as staff see them."""

import html
import json
import os

import pytest
from click.testing import CliRunner
from conftest import app_config, ready_app
from served import ROOT

from bot.cli import cli
from bot.engine import fingerprint
from bot.ops.hot_reload import get_knowledge
from bot.staff.menu import parse_menu

SHIPPED_MENU = {"button": [
    {"name": "成立大会", "sub_button": [
        {"type": "click", "name": "哪天启动", "key": "启动仪式是哪天"},
        {"type": "click", "name": "在哪里开", "key": "会议在哪里举行"},
        {"type": "click", "name": "谁主持的", "key": "谁主持的会议"},
        {"type": "click", "name": "谁出席了", "key": "有哪些领导出席了会议"},
        {"type": "click", "name": "通过的文件", "key": "会议通过了什么文件"}]},
    {"name": "西部办", "sub_button": [
        {"type": "click", "name": "是什么", "key": "西部办公室"},
        {"type": "click", "name": "全称", "key": "西部办公室全称"},
        {"type": "click", "name": "有什么作用", "key": "西部办公室的作用"}]},
    {"type": "click", "name": "联系我们", "key": "你们的电话是多少"}]}


def run(*args):
    return CliRunner().invoke(cli, list(args), env={"REDIS_URL": "", "WECHAT_AES_KEY": "", "KB_DIR": None})


def write_menu(kb, text: str):
    (kb / "menu.txt").write_text(text, encoding="utf-8")


# --- the format -----------------------------------------------------------------------------------

def test_the_shipped_menu_is_what_show_prints(kb):
    result = run("menu", "show", "--kb", str(kb))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == SHIPPED_MENU


def test_the_shipped_menus_buttons_are_all_answered(kb):
    """Each CLICK key answered through `ask`, as a follower pressing the button is."""
    keys = [b["key"] for main in SHIPPED_MENU["button"] for b in [main, *main.get("sub_button", [])] if "key" in b]
    for key in keys:
        answer = json.loads(run("ask", "--json", "--kb", str(kb), key).stdout)
        assert answer["matched"] is not None, key


def test_the_example_in_the_staff_guide_passes_check(kb):
    """knowledge/README.md's example, copied as staff would copy it, is a menu the bot answers."""
    with open(os.path.join(ROOT, "knowledge", "README.md"), encoding="utf-8") as f:
        section = f.read().split("## 6. 公众号菜单：`menu.txt`\n", 1)[1]
    example = section.split("例子：\n", 1)[1].split("\n- ", 1)[0]  # the indented block before the list
    write_menu(kb, "\n".join(line[4:] for line in example.splitlines()))
    result = run("check", "--kb", str(kb))
    assert result.exit_code == 0, result.output
    assert json.loads(run("menu", "show", "--kb", str(kb)).stdout)["button"][2] == {
        "type": "click", "name": "联系我们", "key": "你们的电话是多少"}


def test_full_width_dashes_half_width_colons_links_and_a_colon_inside_a_question():
    menu = parse_menu("关于\n－ 官网: https://www.example.org/a?b=1\n—— 地址：问：协会在哪\n"
                      "  - 联系 ： 你们的电话是多少\n文章:https://www.example.org/news\n")
    assert [str(p) for p in menu.problems] == []
    assert menu.to_wechat() == {"button": [
        {"name": "关于", "sub_button": [
            {"type": "view", "name": "官网", "url": "https://www.example.org/a?b=1"},
            {"type": "click", "name": "地址", "key": "问：协会在哪"},
            {"type": "click", "name": "联系", "key": "你们的电话是多少"}]},
        {"type": "view", "name": "文章", "url": "https://www.example.org/news"}]}


LONG_KEY = "西部办公室" * 9  # 135 bytes
SIX_SUBS = "".join(f"- 按钮{n}：西部办公室\n" for n in range(1, 7))


@pytest.mark.parametrize("text, expected", [
    ("- 地址：协会在哪\n",
     "menu.txt:1: 子菜单“地址：协会在哪”前面没有主菜单；请先顶格写一行主菜单的名字"),
    ("一：西部办公室\n二：西部办公室\n三：西部办公室\n四：西部办公室\n",
     "menu.txt:4: 主菜单最多 3 个，“四”是第 4 个；请删掉一个，或把它改成某个主菜单下的子菜单（以“-”开头）"),
    ("关于\n" + SIX_SUBS,
     "menu.txt:7: 主菜单“关于”下最多 5 个子菜单，“按钮6”是第 6 个；请删掉一个，或移到别的主菜单下"),
    ("关于\n\n联系：西部办公室\n",
     "menu.txt:1: 主菜单“关于”既没有子菜单也没有动作；请在下面加几行“- 名字：问题”，或写成“关于：问题或链接”"),
    ("关于：西部办公室\n- 全称：西部办公室全称\n",
     "menu.txt:2: 主菜单“关于”（第 1 行）已经有自己的动作，下面就不能再有子菜单；请删掉那一行冒号后面的内容，"
     "或把这些子菜单移到别的主菜单下"),
    ("关于\n- 全称\n",
     "menu.txt:2: 子菜单“全称”没有写问题或链接；请写成“- 全称：问题或问答名称”或“- 全称：https://…”"),
    ("关于\n- https://www.example.org/\n",
     "menu.txt:2: 这一行只有链接，没有按钮名字；请写成“- 名字：https://www.example.org/”"),
    ("关于\n- ：西部办公室\n",
     "menu.txt:2: 这个子菜单没有名字；请在冒号前面写上按钮上显示的字"),
    ("关于\n- 全称：西部办公室全称\n-\n",
     "menu.txt:3: 这个子菜单没有名字；请在冒号前面写上按钮上显示的字"),
    ("西部办公室介绍：西部办公室\n",
     "menu.txt:1: 主菜单名字“西部办公室介绍”有 21 字节，微信规定最多 16 字节（一个汉字算 3 字节）；请改短"),
    ("关于\n- " + "西部办公室" * 5 + "：西部办公室\n",
     "menu.txt:2: 子菜单名字“" + "西部办公室" * 5 + "”有 75 字节，微信规定最多 60 字节（一个汉字算 3 字节）；请改短"),
    (f"关于\n- 长问题：{LONG_KEY}\n",
     f"menu.txt:2: 问题“{LONG_KEY}”有 135 字节，微信规定最多 128 字节（约 42 个汉字）；请改短，"
     "或写成一条问答后在这里写它的“名称”"),
    ("关于\n- 官网：https://www.example.org/" + "a" * 1001 + "\n",
     "menu.txt:2: 链接有 1025 字节，微信规定最多 1024 字节；请换一个短一些的地址"),
    ("关于\n- 官网：www.example.org\n",
     "menu.txt:2: 链接“www.example.org”不是以 http:// 或 https:// 开头，微信打不开；"
     "请写完整的网址，如“https://www.example.org/”"),
    ("关于\n- 下载：ftp://files.example.org/a.pdf\n",
     "menu.txt:2: 链接“ftp://files.example.org/a.pdf”不是以 http:// 或 https:// 开头，微信打不开；"
     "请写完整的网址，如“https://www.example.org/”"),
    ("关于\n- 官网：https://www.example.org/a b\n",
     "menu.txt:2: 链接“https://www.example.org/a b”不完整或中间有空格；请从浏览器地址栏整个复制过来"),
    ("关于\n    全称：西部办公室全称\n",
     "menu.txt:2: “全称：西部办公室全称”前面有空格但没有“-”，分不清是主菜单还是子菜单；"
     "主菜单请顶格写，子菜单请以“-”开头"),
    ("# 还没有菜单\n",
     "menu.txt: 菜单里没有按钮；请按 knowledge/README.md 的格式写上主菜单，不用菜单就删掉 menu.txt"),
    ("关于\n- 天气：明天会下雨吗\n",
     "menu.txt:2: 按钮“天气”的问题“明天会下雨吗”机器人答不了（会拒答）；请改成某条问答的“名称”，"
     "或一个机器人答得了的问题（可以先用 python -m bot ask 试问）"),
], ids=["sub-first", "four-mains", "six-subs", "main-without-action", "main-with-action-and-subs",
        "sub-without-action", "bare-link", "no-name", "bare-dash", "main-name-bytes", "sub-name-bytes", "key-bytes",
        "url-bytes", "www-link", "ftp-link", "space-in-link", "indent-without-dash", "no-buttons", "declined"])
def test_check_reports_each_menu_problem_on_its_line(kb, text, expected):
    write_menu(kb, text)
    result = run("check", "--kb", str(kb))
    assert result.exit_code == 1
    assert expected in result.output.splitlines()
    shown = run("menu", "show", "--kb", str(kb))
    assert shown.exit_code == 1 and expected in shown.stderr.splitlines()
    assert "改好之前菜单不能推送" in shown.stderr and shown.stdout == ""


def test_a_name_the_app_cuts_is_a_reminder_not_an_error(kb):
    write_menu(kb, "西部办公室：西部办公室\n")
    result = run("check", "--kb", str(kb))
    assert result.exit_code == 0, result.output
    assert ("menu.txt:1: 提醒：主菜单名字“西部办公室”超过 4 个汉字，微信里只显示前面一部分，后面变成“…”；建议改短"
            in result.output.splitlines())


def test_an_unreadable_menu_is_reported_and_the_knowledge_still_loads(kb):
    (kb / "menu.txt").write_bytes(b"\xff\xfe\x00\xd8menu")
    result = run("check", "--kb", str(kb))
    assert result.exit_code == 1
    assert any(line.startswith("menu.txt:") and "编码" in line for line in result.output.splitlines())
    assert "西部地区建筑绿色低碳发展协调推进办公室" in run("ask", "--kb", str(kb), "西部办公室是什么？").output


def test_hot_reload_watches_the_menu(kb):
    before = fingerprint(str(kb))
    write_menu(kb, "联系我们：你们的电话是多少\n")
    assert fingerprint(str(kb)) != before


def test_a_menu_edit_reaches_the_staff_page_through_hot_reload(kb):
    """The served knowledge's checks (what /admin lists) include the menu, rebuilt when menu.txt changes."""
    app = ready_app(app_config(kb, ADMIN_TOKEN="staff-secret-token"))
    staff = app.test_client()
    assert staff.post("/admin/login", data={"token": "staff-secret-token"}).status_code == 303
    write_menu(kb, "关于\n- 天气：明天会下雨吗\n")
    assert get_knowledge(app).reload()  # what the watcher does a moment after the save
    page = html.unescape(staff.get("/admin").get_data(as_text=True))
    assert "menu.txt:2: 按钮“天气”的问题“明天会下雨吗”机器人答不了（会拒答）" in page


@pytest.mark.parametrize("command", [["menu"], ["menu", "show"]])
def test_the_menu_commands_document_themselves(command):
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output and "python -m bot menu" in result.output

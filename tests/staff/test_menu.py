"""knowledge/menu.txt: the format, `check`'s problems by line, and `menu push` to a fake WeChat API.

The fake API is a real HTTP server on loopback with WeChat's two endpoints, counting what it is
asked; the pushes are the real command, in this process or as two processes sharing a real Redis.
"""

import html
import json
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
import redis
from admin_client import log_in
from click.testing import CliRunner
from conftest import app_config, ready_app
from served import LOOPBACK, ROOT

from bot.cli import cli
from bot.config import ConfigError, load_config
from bot.engine import fingerprint
from bot.ops.hot_reload import get_knowledge
from bot.staff.access_token import StoreSession
from bot.staff.menu import parse_menu
from bot.state import RedisStore

APPID = "wx5a1b2c3d4e5f6a7b"
SECRET = "0123456789abcdef0123456789abcdef"
SHIPPED_MENU = {"button": [
    {"name": "成立大会", "sub_button": [
        {"type": "click", "name": "哪天启动", "key": "推进行动启动仪式是哪天"},
        {"type": "click", "name": "在哪里开", "key": "西部办公室成立大会在哪里举行"},
        {"type": "click", "name": "谁主持的", "key": "西部办公室成立大会是谁主持的"},
        {"type": "click", "name": "谁出席了", "key": "有哪些领导出席了西部办公室成立大会"},
        {"type": "click", "name": "通过的文件", "key": "西部办公室成立大会通过了什么文件"}]},
    {"name": "西部办", "sub_button": [
        {"type": "click", "name": "是什么", "key": "西部办公室"},
        {"type": "click", "name": "全称", "key": "西部办公室全称"},
        {"type": "click", "name": "有什么作用", "key": "西部办公室的作用"}]},
    {"type": "click", "name": "联系我们", "key": "你们的电话是多少"}]}


class FakeWeChat:
    """WeChat's /cgi-bin/token and /cgi-bin/menu/create on loopback, counting what they are asked.

    Tokens are TOKEN-1, TOKEN-2, ...; `expired` tokens get 42001 from menu/create, as WeChat
    answers a token past its time; `token_error` is answered to every token request instead."""

    def __init__(self, token_delay=0.0, expired=(), token_error=None, create_error=None):
        self.token_delay = token_delay
        self.expired = set(expired)
        self.token_error = token_error
        self.create_error = create_error
        self.token_requests: list[dict] = []
        self.create_requests: list[tuple[str, dict]] = []  # (token used, menu sent)
        self.menus: list[dict] = []  # menus WeChat accepted
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer((LOOPBACK, 0), self._handler())
        self.base = f"http://{LOOPBACK}:{self.server.server_port}/cgi-bin/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                url = urlsplit(self.path)
                if url.path != "/cgi-bin/token":
                    return self._answer({"errcode": 404, "errmsg": "not found"}, 404)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                time.sleep(fake.token_delay)
                with fake._lock:
                    fake.token_requests.append(query)
                    number = len(fake.token_requests)
                if fake.token_error:
                    return self._answer(fake.token_error)
                if query.get("appid") != APPID or query.get("secret") != SECRET:
                    return self._answer({"errcode": 40001, "errmsg": "invalid credential, access_token is "
                                                                    "invalid or not latest rid: 6650a1b2-0c1d2e3f"})
                self._answer({"access_token": f"TOKEN-{number}", "expires_in": 7200})

            def do_POST(self):
                url = urlsplit(self.path)
                token = parse_qs(url.query).get("access_token", [""])[0]
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])).decode("utf-8"))
                with fake._lock:
                    fake.create_requests.append((token, body))
                issued = {f"TOKEN-{n}" for n in range(1, len(fake.token_requests) + 1)}
                if url.path != "/cgi-bin/menu/create":
                    self._answer({"errcode": 404, "errmsg": "not found"}, 404)
                elif fake.create_error:
                    self._answer(fake.create_error)
                elif token in fake.expired:
                    self._answer({"errcode": 42001, "errmsg": "access_token expired rid: 6650a1b2-1"})
                elif token not in issued:
                    self._answer({"errcode": 40001, "errmsg": "invalid credential rid: 6650a1b2-2"})
                else:
                    fake.menus.append(body)
                    self._answer({"errcode": 0, "errmsg": "ok"})

            def _answer(self, payload, status=200):
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        return Handler

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake_wechat():
    fakes = []

    def start(**behaviour):
        fakes.append(FakeWeChat(**behaviour))
        return fakes[-1]

    yield start
    for fake in fakes:
        fake.close()


def settings(fake=None, redis_url="", **extra) -> dict:
    env = {"WECHAT_APPID": APPID, "WECHAT_APPSECRET": SECRET, "REDIS_URL": redis_url, "WECHAT_AES_KEY": "",
           "WECHAT_API_BASE": fake.base if fake else None, "KB_DIR": None}
    return {**env, **extra}


def run(*args, env=None):
    return CliRunner().invoke(cli, list(args), env=env or settings())


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


def test_no_menu_file_is_fine_for_check_and_named_by_push(kb):
    os.remove(kb / "menu.txt")
    assert run("check", "--kb", str(kb)).exit_code == 0
    result = run("menu", "push", "--kb", str(kb))
    assert result.exit_code == 1 and "没有 " in result.output and "menu.txt" in result.output


def test_hot_reload_watches_the_menu(kb):
    before = fingerprint(str(kb))
    write_menu(kb, "联系我们：你们的电话是多少\n")
    assert fingerprint(str(kb)) != before


def test_a_menu_edit_reaches_the_staff_page_through_hot_reload(kb):
    """The served knowledge's checks (what /admin lists) include the menu, rebuilt when menu.txt changes."""
    app = ready_app(app_config(kb, ADMIN_TOKEN="staff-secret-token"))
    staff = app.test_client()
    assert log_in(staff, "staff-secret-token").status_code == 303
    write_menu(kb, "关于\n- 天气：明天会下雨吗\n")
    assert get_knowledge(app).reload()  # what the watcher does a moment after the save
    page = html.unescape(staff.get("/admin").get_data(as_text=True))
    assert "menu.txt:2: 按钮“天气”的问题“明天会下雨吗”机器人答不了（会拒答）" in page


def test_the_api_base_is_a_setting_for_tests_and_gateways():
    assert load_config({})["WECHAT_API_BASE"] == "https://api.weixin.qq.com/cgi-bin/"
    assert load_config({"WECHAT_API_BASE": "http://127.0.0.1:9/cgi-bin"})["WECHAT_API_BASE"] == (
        "http://127.0.0.1:9/cgi-bin/")
    with pytest.raises(ConfigError, match="WECHAT_API_BASE must start with https://"):
        load_config({"WECHAT_API_BASE": "api.weixin.qq.com"})


@pytest.mark.parametrize("command", [["menu"], ["menu", "push"], ["menu", "show"]])
def test_the_menu_commands_document_themselves(command):
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output and "python -m bot menu" in result.output


# --- pushing ---------------------------------------------------------------------------------------

def test_push_sends_the_checked_menu_with_one_token(kb, fake_wechat):
    fake = fake_wechat()
    result = run("menu", "push", "--kb", str(kb), env=settings(fake))
    assert result.exit_code == 0, result.output
    assert "已推送到公众号 wx5a1b2c3d4e5f6a7b（3 个主菜单，8 个子菜单）" in result.output
    assert len(fake.token_requests) == 1
    assert fake.token_requests[0] == {"grant_type": "client_credential", "appid": APPID, "secret": SECRET}
    assert fake.menus == [SHIPPED_MENU]


def test_push_refuses_a_menu_with_problems_before_asking_wechat(kb, fake_wechat):
    fake = fake_wechat()
    write_menu(kb, "关于\n- 天气：明天会下雨吗\n")
    result = run("menu", "push", "--kb", str(kb), env=settings(fake))
    assert result.exit_code == 1
    assert "menu.txt:2: 按钮“天气”的问题“明天会下雨吗”机器人答不了" in result.output
    assert fake.token_requests == [] and fake.create_requests == []


def test_dry_run_checks_everything_and_sends_nothing(kb, fake_wechat):
    fake = fake_wechat()
    result = run("menu", "push", "--dry-run", "--kb", str(kb), env=settings(fake))
    assert result.exit_code == 0, result.output
    assert "菜单检查通过，可以推送到公众号 wx5a1b2c3d4e5f6a7b（3 个主菜单，8 个子菜单）；--dry-run：没有发送。" in result.output
    assert fake.token_requests == [] and fake.create_requests == []


@pytest.mark.parametrize("unset, named", [
    ({"WECHAT_APPSECRET": None}, "WECHAT_APPSECRET 未设置"),
    ({"WECHAT_APPID": None, "WECHAT_APPSECRET": None}, "WECHAT_APPID 和 WECHAT_APPSECRET 未设置"),
])
def test_a_missing_setting_is_named(kb, fake_wechat, unset, named):
    fake = fake_wechat()
    result = run("menu", "push", "--kb", str(kb), env=settings(fake, **unset))
    assert result.exit_code == 1
    assert f"Error: {named}：推送菜单要用公众号的开发者ID（AppID）和开发者密码（AppSecret）" in result.output
    assert fake.token_requests == []


def test_the_token_is_shared_through_redis_by_later_commands(kb, fake_wechat, redis_url):
    fake = fake_wechat()
    for _ in range(3):
        result = run("menu", "push", "--kb", str(kb), env=settings(fake, redis_url))
        assert result.exit_code == 0, result.output
    assert len(fake.token_requests) == 1 and len(fake.menus) == 3
    stored = redis.Redis.from_url(redis_url).get(f"bot:{APPID}:wechatpy:{APPID}_access_token")
    assert json.loads(stored) == "TOKEN-1"


def test_an_expired_token_is_renewed_once(kb, fake_wechat, redis_url):
    fake = fake_wechat(expired={"TOKEN-1"})
    result = run("menu", "push", "--kb", str(kb), env=settings(fake, redis_url))
    assert result.exit_code == 0, result.output
    assert len(fake.token_requests) == 2
    assert [token for token, _ in fake.create_requests] == ["TOKEN-1", "TOKEN-2"]
    assert fake.menus == [SHIPPED_MENU]


def test_a_token_refused_again_is_reported_not_renewed_without_end(kb, fake_wechat):
    fake = fake_wechat(expired={"TOKEN-1", "TOKEN-2", "TOKEN-3"})
    result = run("menu", "push", "--kb", str(kb), env=settings(fake))
    assert result.exit_code == 1
    assert "微信拒绝了“创建菜单”的请求（errcode 42001：access_token expired rid: 6650a1b2-1）。微信又拒绝了刚换的" in result.output
    assert len(fake.token_requests) == 2 and len(fake.create_requests) == 2


def test_a_wrong_secret_is_said_plainly_and_never_shown(kb, fake_wechat):
    fake = fake_wechat()
    wrong = "ffffffffffffffffffffffffffffffff"
    result = run("menu", "push", "--kb", str(kb), env=settings(fake, WECHAT_APPSECRET=wrong))
    assert result.exit_code == 1
    assert ("Error: 微信拒绝了“获取 access_token”的请求（errcode 40001：invalid credential, access_token is invalid "
            "or not latest rid: 6650a1b2-0c1d2e3f）。WECHAT_APPSECRET 不对（或已在公众平台重置）") in result.output
    assert wrong not in result.output
    assert len(fake.token_requests) == 1 and fake.create_requests == []


def test_a_server_outside_the_ip_whitelist_is_told_to_add_its_ip(kb, fake_wechat):
    errmsg = "invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist rid: 6650a1b2-3"
    fake = fake_wechat(token_error={"errcode": 40164, "errmsg": errmsg})
    result = run("menu", "push", "--kb", str(kb), env=settings(fake))
    assert result.exit_code == 1
    assert f"（errcode 40164：{errmsg}）。这台服务器的 IP 不在公众号的 IP 白名单里；" in result.output
    assert "IP白名单" in result.output


def test_a_menu_wechat_rejects_points_to_check(kb, fake_wechat):
    fake = fake_wechat(create_error={"errcode": 40018, "errmsg": "invalid button name size"})
    result = run("menu", "push", "--kb", str(kb), env=settings(fake))
    assert result.exit_code == 1
    assert ("（errcode 40018：invalid button name size）。微信认为菜单不合格；请运行 python -m bot check 检查 menu.txt"
            in result.output)


def test_an_unreachable_api_is_named_without_the_secret(kb, fake_wechat):
    fake = fake_wechat()
    fake.close()  # nothing listens on its port any more
    result = run("menu", "push", "--kb", str(kb), env=settings(fake))
    assert result.exit_code == 1
    assert f"Error: 连不上微信接口 {fake.base}（" in result.output
    assert SECRET not in result.output and "secret=***" in result.output


def test_a_redis_that_cannot_be_reached_is_named(kb, fake_wechat):
    fake = fake_wechat()
    result = run("menu", "push", "--kb", str(kb), env=settings(fake, f"redis://{LOOPBACK}:1/0"))
    assert result.exit_code == 1
    assert f"Error: 读不到 Redis（REDIS_URL=redis://{LOOPBACK}:1/0）" in result.output
    assert fake.token_requests == []


def test_a_waiting_process_reads_the_token_another_fetched(redis_url):
    """The lock as a second process meets it: held by someone else, then the token appears."""
    holder = StoreSession(RedisStore.from_url(redis_url, "bot:test"))
    waiter = StoreSession(RedisStore.from_url(redis_url, "bot:test"))
    key = f"{APPID}_access_token"
    assert holder.store.add(f"wechatpy:{key}:lock", "holder", 30)
    threading.Timer(0.3, holder.set, (key, "TOKEN-FROM-HOLDER", 7000)).start()
    started = time.monotonic()
    assert waiter.renew(key, fetch=lambda: pytest.fail("the waiter fetched a token of its own")) == "TOKEN-FROM-HOLDER"
    assert time.monotonic() - started >= 0.3


@pytest.mark.slow
def test_two_processes_pushing_at_once_fetch_one_token(kb, fake_wechat, redis_url):
    """The issue's goal: two `menu push` processes, one Redis, one token request, two menus created."""
    fake = fake_wechat(token_delay=3.0)  # the first fetch is still under way when the second needs a token
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WECHAT_", "REDIS_", "KB_DIR"))}
    env.update({k: v for k, v in settings(fake, redis_url).items() if v is not None})
    command = [sys.executable, "-m", "bot", "menu", "push", "--kb", str(kb)]
    processes = [subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True) for _ in range(2)]
    outputs = [p.communicate(timeout=60) for p in processes]
    for process, (out, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, out + err
        assert "已推送到公众号" in out
    assert len(fake.token_requests) == 1
    assert fake.menus == [SHIPPED_MENU, SHIPPED_MENU]
    assert sum("another process is fetching the access_token; waiting for it" in err for _, err in outputs) == 1

"""knowledge/menu.txt: the account's custom menu, written by staff and checked before it is pushed.

    成立大会
    - 在哪里开：会议在哪里举行
    - 协会官网：https://www.example.org/
    联系我们：你们的电话是多少

A line flush left is a main button (at most 3); a line starting with "-" is a sub-button of the
main button above it (at most 5 each). `名字：问题或FAQ名称` is a CLICK button the bot answers as if
the follower had typed it; `名字：https://…` opens the link (VIEW). A main button with sub-buttons
has no action of its own. The dash alone marks a sub-button, so an indented line without one is
an error rather than a guess.
"""

import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..engine import Problem, read_text

PATH = "menu.txt"

# WeChat's limits (developers.weixin.qq.com, 自定义菜单 / 创建接口); longer is refused with an errcode.
MAX_MAIN = 3  # main buttons
MAX_SUBS = 5  # sub-buttons under one main button
MAX_MAIN_NAME_BYTES = 16  # UTF-8: a Chinese character is 3 bytes, so 5 characters
MAX_SUB_NAME_BYTES = 60
MAX_KEY_BYTES = 128  # a CLICK key: about 42 Chinese characters
MAX_URL_BYTES = 1024
# What the WeChat app shows before cutting a name with "…" (a Chinese character is 2 columns).
SHOWN_MAIN_COLUMNS = 8  # 4 Chinese characters
SHOWN_SUB_COLUMNS = 14  # 7 Chinese characters

SUB_LINE = re.compile(r"^\s*[-－—–]+\s*(.*)$")  # "-", full-width "－" and the IME's "——" all mark a sub-button
# Name and action split at the first colon, full- or half-width, except the one in "https://".
SEPARATOR = re.compile(r"：|:(?!//)")
WEB_LINK = re.compile(r"^https?://", re.IGNORECASE)
OTHER_LINK = re.compile(r"^([a-z][a-z0-9+.-]*://|www\.|(weixin|mailto|tel|javascript):)", re.IGNORECASE)


@dataclass
class Button:
    name: str
    line: int
    key: str = ""  # CLICK: a question or an FAQ entry's 名称, asked as if typed
    url: str = ""  # VIEW: the page the WeChat app opens
    subs: list["Button"] = field(default_factory=list)

    def to_wechat(self) -> dict:
        """The button as WeChat's menu/create API takes it."""
        if self.subs:
            return {"name": self.name, "sub_button": [sub.to_wechat() for sub in self.subs]}
        if self.url:
            return {"type": "view", "name": self.name, "url": self.url}
        return {"type": "click", "name": self.name, "key": self.key}


@dataclass
class Menu:
    buttons: list[Button] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    found: bool = False  # menu.txt exists (without it there is no menu to check or push)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def to_wechat(self) -> dict:
        return {"button": [button.to_wechat() for button in self.buttons]}

    def summary(self) -> str:
        subs = sum(len(button.subs) for button in self.buttons)
        return f"{len(self.buttons)} 个主菜单，{subs} 个子菜单"


def load_menu(engine) -> Menu:
    """menu.txt of the engine's knowledge folder, read and checked, CLICK keys asked of `engine`.

    A key the bot would decline is an error: a follower pressing that button would get
    "没有找到答案" from the association's own menu."""
    menu = read_menu(engine.kb.kb_dir)
    menu.problems += unanswered(menu.buttons, engine)
    return menu


def read_menu(kb_dir: str) -> Menu:
    """menu.txt read and checked against WeChat's limits; an empty Menu when there is no file."""
    path = os.path.join(kb_dir, PATH)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return Menu()
    except OSError as exc:
        return Menu(problems=[Problem(PATH, 0, f"无法读取文件（{exc.strerror}）")], found=True)
    if not stat.S_ISREG(mode):  # a pipe would hang the reader, as for the other knowledge files
        return Menu(problems=[Problem(PATH, 0, "这不是普通文件；请放入普通的文本文件")], found=True)
    text, problems = read_text(path, PATH)
    if text is None:
        return Menu(problems=problems, found=True)
    menu = parse_menu(text)
    menu.problems[:0] = problems
    return menu


def parse_menu(text: str) -> Menu:
    """Buttons from the text, and every line that breaks the format or WeChat's limits."""
    menu = Menu(found=True)
    problem = menu.problems.append
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith(("#", "＃")):
            continue
        sub = SUB_LINE.match(line)
        if sub:
            _add_sub(menu, sub.group(1), number)
        elif line[0].isspace():
            problem(Problem(PATH, number, f"“{line.strip()}”前面有空格但没有“-”，分不清是主菜单还是子菜单；"
                                          "主菜单请顶格写，子菜单请以“-”开头"))
        else:
            _add_main(menu, line, number)
    for button in menu.buttons:
        if not button.subs and not button.key and not button.url and not _is_link(button.name):
            problem(Problem(PATH, button.line, f"主菜单“{button.name}”既没有子菜单也没有动作；请在下面加几行"
                                               f"“- 名字：问题”，或写成“{button.name}：问题或链接”"))
    if not menu.buttons and not menu.problems:
        problem(Problem(PATH, 0, "菜单里没有按钮；请按 knowledge/README.md 的格式写上主菜单，不用菜单就删掉 menu.txt"))
    return menu


def _add_main(menu: Menu, text: str, number: int):
    name, action = _split(text)
    if len(menu.buttons) == MAX_MAIN:
        menu.problems.append(Problem(PATH, number, f"主菜单最多 {MAX_MAIN} 个，“{name}”是第 {MAX_MAIN + 1} 个；"
                                                   "请删掉一个，或把它改成某个主菜单下的子菜单（以“-”开头）"))
    button = Button(name, number)
    menu.buttons.append(button)
    _check_name(menu, button, MAX_MAIN_NAME_BYTES, SHOWN_MAIN_COLUMNS, "主菜单")
    if action:  # "名字：" with nothing after it is a main button without an action
        _set_action(menu, button, action)


def _add_sub(menu: Menu, text: str, number: int):
    name, action = _split(text)
    if not menu.buttons:
        menu.problems.append(Problem(PATH, number, f"子菜单“{text}”前面没有主菜单；请先顶格写一行主菜单的名字"))
        return
    main = menu.buttons[-1]
    if main.key or main.url:
        if not main.subs:  # said once, at the first sub-button
            menu.problems.append(Problem(PATH, number, f"主菜单“{main.name}”（第 {main.line} 行）已经有自己的动作，"
                                                       "下面就不能再有子菜单；请删掉那一行冒号后面的内容，"
                                                       "或把这些子菜单移到别的主菜单下"))
    elif len(main.subs) == MAX_SUBS:
        menu.problems.append(Problem(PATH, number, f"主菜单“{main.name}”下最多 {MAX_SUBS} 个子菜单，“{name}”是第 "
                                                   f"{MAX_SUBS + 1} 个；请删掉一个，或移到别的主菜单下"))
    button = Button(name, number)
    main.subs.append(button)
    _check_name(menu, button, MAX_SUB_NAME_BYTES, SHOWN_SUB_COLUMNS, "子菜单")
    if action:
        _set_action(menu, button, action)
    elif name and not _is_link(name):  # a missing name or a bare link was reported by the name check
        menu.problems.append(Problem(PATH, number, f"子菜单“{name}”没有写问题或链接；请写成“- {name}：问题或问答名称”"
                                                   f"或“- {name}：https://…”"))


def _split(text: str) -> tuple[str, str]:
    parts = SEPARATOR.split(text, maxsplit=1)
    return parts[0].strip(), (parts[1].strip() if len(parts) == 2 else "")


def _check_name(menu: Menu, button: Button, max_bytes: int, shown_columns: int, kind: str):
    name, number = button.name, button.line
    if not name:
        menu.problems.append(Problem(PATH, number, f"这个{kind}没有名字；请在冒号前面写上按钮上显示的字"))
    elif _is_link(name):
        dash = "- " if kind == "子菜单" else ""
        menu.problems.append(Problem(PATH, number, f"这一行只有链接，没有按钮名字；请写成“{dash}名字：{name}”"))
    elif len(name.encode()) > max_bytes:
        menu.problems.append(Problem(PATH, number, f"{kind}名字“{name}”有 {len(name.encode())} 字节，微信规定最多 "
                                                   f"{max_bytes} 字节（一个汉字算 3 字节）；请改短"))
    elif _columns(name) > shown_columns:
        menu.problems.append(Problem(PATH, number, f"{kind}名字“{name}”超过 {shown_columns // 2} 个汉字，微信里只显示前面"
                                                   "一部分，后面变成“…”；建议改短", "warning"))


def _set_action(menu: Menu, button: Button, action: str):
    number = button.line
    if WEB_LINK.match(action):
        parts = urlsplit(action)
        if not parts.hostname or any(ch.isspace() for ch in action):
            menu.problems.append(Problem(PATH, number, f"链接“{action}”不完整或中间有空格；请从浏览器地址栏整个复制过来"))
        elif len(action.encode()) > MAX_URL_BYTES:
            menu.problems.append(Problem(PATH, number, f"链接有 {len(action.encode())} 字节，微信规定最多 "
                                                       f"{MAX_URL_BYTES} 字节；请换一个短一些的地址"))
        button.url = action
    elif OTHER_LINK.match(action):
        menu.problems.append(Problem(PATH, number, f"链接“{action}”不是以 http:// 或 https:// 开头，微信打不开；"
                                                   "请写完整的网址，如“https://www.example.org/”"))
        button.url = action
    else:
        if len(action.encode()) > MAX_KEY_BYTES:
            menu.problems.append(Problem(PATH, number, f"问题“{action}”有 {len(action.encode())} 字节，微信规定最多 "
                                                       f"{MAX_KEY_BYTES} 字节（约 42 个汉字）；请改短，"
                                                       "或写成一条问答后在这里写它的“名称”"))
        button.key = action


def _is_link(text: str) -> bool:
    return bool(WEB_LINK.match(text) or OTHER_LINK.match(text))


def _columns(text: str) -> int:
    """Width as the WeChat app shows it: a Chinese (wide) character takes two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def unanswered(buttons: list[Button], engine) -> list[Problem]:
    """A CLICK button whose key the bot declines, as a problem on its line."""
    problems = []
    for button in (b for main in buttons for b in [main, *main.subs]):
        if button.key and not button.subs and engine.answer(button.key).declined:
            problems.append(Problem(PATH, button.line, f"按钮“{button.name}”的问题“{button.key}”机器人答不了（会拒答）；"
                                                       "请改成某条问答的“名称”，或一个机器人答得了的问题"
                                                       "（可以先用 python -m bot ask 试问）"))
    return problems

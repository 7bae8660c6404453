"""knowledge/settings.txt: the few sentences and word lists staff may want to change.

    本会名称：重庆市绿色建筑与建筑产业化协会
    欢迎语：您好，欢迎关注！……
    拒答语：抱歉，这个问题我还不知道。
    同义词：西部办公室 = 西部地区建筑绿色低碳发展协调推进办公室
    同义词：绿建 = 绿色建筑

Every key is optional; the defaults below apply when a key is missing.
"""

import os
from dataclasses import dataclass, field

from ..text.folding import fold
from .fields import parse_fields, read_text
from .problem import Problem

LABELS = {
    "本会名称": "association", "机构名称": "association", "協會名稱": "association",
    "欢迎语": "welcome", "歡迎語": "welcome",
    "拒答语": "decline", "拒答語": "decline",
    "同义词": "synonyms", "同義詞": "synonyms", "别名": "synonyms",
}

DEFAULT_WELCOME = "您好，欢迎关注！我可以回答关于本会新闻和活动的问题，直接发文字给我就行。"
DEFAULT_DECLINE = "抱歉，这个问题我在现有资料里没有找到答案。"


@dataclass
class Settings:
    association: str = ""
    welcome: str = DEFAULT_WELCOME
    decline: str = DEFAULT_DECLINE
    synonyms: list[list[str]] = field(default_factory=list)  # groups of folded words that mean the same


def load_settings(kb_dir: str) -> tuple[Settings, list[Problem]]:
    path = os.path.join(kb_dir, "settings.txt")
    settings = Settings()
    if not os.path.exists(path):
        return settings, []
    text, problems = read_text(path, "settings.txt")
    if text is None:
        return settings, problems
    for f in parse_fields(text, LABELS):
        if f.key == "":
            problems.append(Problem("settings.txt", f.line, f"看不懂这一行：“{f.value[:20]}”；"
                                    "每行应以“本会名称：”“欢迎语：”“拒答语：”或“同义词：”开头"))
        elif f.key == "synonyms":
            for offset, line in enumerate(f.value.splitlines()):
                words = [fold(w).lower() for w in line.replace("＝", "=").split("=") if w.strip()]
                if len(words) < 2:
                    problems.append(Problem("settings.txt", f.line + offset,
                                            "同义词至少要两个词，用“=”隔开，例如：绿建 = 绿色建筑"))
                else:
                    settings.synonyms.append(words)
        elif not f.value:
            problems.append(Problem("settings.txt", f.line, f"“{f.label}：”后面是空的"))
        else:
            setattr(settings, f.key, f.value)
    return settings, problems

"""Which files the knowledge is read from: subfolders yes, pipes and devices no, megabytes no."""

import os
import shutil

import pytest
from served import ROOT

from bot.engine import load_knowledge
from bot.engine.reading.fields import MAX_FILE_BYTES

ARTICLE = os.path.join(ROOT, "knowledge", "news", "2023-11-03-west-office-launch.txt")


@pytest.fixture
def kb(tmp_path):
    shutil.copytree(os.path.join(ROOT, "knowledge"), tmp_path / "kb")
    return tmp_path / "kb"


def problems_of(kb, shown):
    return [p for p in load_knowledge(str(kb)).problems if p.path == shown]


def test_articles_in_subfolders_of_news_are_read(kb):
    (kb / "news" / "2024").mkdir()
    shutil.move(kb / "news" / os.path.basename(ARTICLE), kb / "news" / "2024" / "west.txt")
    loaded = load_knowledge(str(kb))
    assert [a.path for a in loaded.articles] == ["news/2024/west.txt"]


def test_a_pipe_in_news_is_reported_and_skipped_not_waited_on(kb):
    os.mkfifo(kb / "news" / "stuck.txt")  # opening it for reading would block forever
    problems = problems_of(kb, "news/stuck.txt")
    assert len(problems) == 1 and "不是普通文件" in problems[0].message


def test_a_link_to_a_device_is_reported_and_skipped(kb):
    os.symlink("/dev/zero", kb / "news" / "zero.txt")  # reading it would never end
    problems = problems_of(kb, "news/zero.txt")
    assert len(problems) == 1 and "不是普通文件" in problems[0].message


def test_a_link_to_a_regular_file_is_read(kb, tmp_path):
    shutil.copy(ARTICLE, tmp_path / "elsewhere.txt")
    os.remove(kb / "news" / os.path.basename(ARTICLE))
    os.symlink(tmp_path / "elsewhere.txt", kb / "news" / "linked.txt")
    assert [a.path for a in load_knowledge(str(kb)).articles] == ["news/linked.txt"]


def test_a_file_over_the_limit_is_refused_with_the_line_where_it_goes_over(kb):
    line = "某某协会召开理事会，会长某某主持会议。" * 20 + "\n"
    with open(kb / "news" / "paste.txt", "w", encoding="utf-8") as f:
        f.write(line * (MAX_FILE_BYTES // len(line.encode()) + 50))
    problems = problems_of(kb, "news/paste.txt")
    assert len(problems) == 1 and problems[0].severity == "error"
    assert "文件太大" in problems[0].message
    assert problems[0].line == MAX_FILE_BYTES // len(line.encode()) + 1
    assert "news/paste.txt" not in [a.path for a in load_knowledge(str(kb)).articles]

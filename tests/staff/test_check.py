"""python -m bot check: every problem as file:line: message a staff member can act on."""

import pytest
from click.testing import CliRunner

from bot.cli import cli


def check(kb):
    return CliRunner().invoke(cli, ["check", "--kb", str(kb)])


def test_shipped_knowledge_passes_with_a_summary(kb):
    result = check(kb)
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == "OK：1 篇文章，20 位人物，3 条问答，9 个测试问题"


@pytest.mark.parametrize("content, message", [
    ("问：协会几点上班？\n", "faq/broken.txt:1: 问题“协会几点上班？”没有答案；请在问题下面加一行“答：…”"),
    ("答：早上九点。\n", "faq/broken.txt:1: 这条答案前面没有问题；请在“答：”之前加一行“问：…”"),
    ("协会几点上班？\n答：九点\n", "faq/broken.txt:1: 这一行不属于任何问答：“协会几点上班？”；问题行请以“问：”开头，答案行以“答：”开头"),
    ("问：协会几点上班？\n答：九点\n答：十点\n", "faq/broken.txt:3: 同一条问答有两个“答：”；请合并成一个答案，或在新答案前加上它自己的“问：”"),
])
def test_broken_faq_file_is_reported_by_line(kb, content, message):
    (kb / "faq" / "broken.txt").write_text(content, encoding="utf-8")
    result = check(kb)
    assert result.exit_code == 1
    assert message in result.output.splitlines()


def test_two_entries_claiming_one_question(kb):
    (kb / "faq" / "zz-other.txt").write_text("问：西部办公室是什么？\n答：另一个答案\n", encoding="utf-8")
    result = check(kb)
    assert result.exit_code == 1
    assert ("faq/zz-other.txt:1: 问题“西部办公室是什么？”已经写在 faq/west-office.txt:5；"
            "同一个问题只能有一个答案，请删掉其中一处") in result.output.splitlines()


def test_a_phrasing_another_entry_would_steal(kb):
    (kb / "faq" / "more.txt").write_text("问：西部办公室是啥\n答：另一个答案\n", encoding="utf-8")
    result = check(kb)
    assert result.exit_code == 1
    assert ("faq/more.txt:1: 问题“西部办公室是啥”会被 faq/west-office.txt:4 的问答“西部办公室是什么？”抢走；"
            "请把问法写得更具体，或合并这两条问答") in result.output.splitlines()


def test_unreadable_and_empty_articles(kb):
    (kb / "news" / "bad.txt").write_bytes("协会召开年会\n发布时间：2024-01-02\n年会召开。\xff\n".encode() + b"\xff\xfe\x00")
    (kb / "news" / "empty.txt").write_text("首页 > 新闻\n", encoding="utf-8")
    result = check(kb)
    assert result.exit_code == 1
    assert "news/bad.txt:" in result.output and "UTF-8" in result.output
    assert "news/empty.txt:" in result.output and "没有正文" in result.output


def test_staff_test_that_regresses_fails_the_check_in_plain_words(kb):
    (kb / "tests.txt").write_text("问：武涌是谁\n应包含：理事长\n\n问：武涌是谁\n应拒答\n", encoding="utf-8")
    result = check(kb)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert any(line.startswith("tests.txt:1: “武涌是谁”的回答里没有“理事长”；实际回答：武涌，中国建筑节能协会会长")
               for line in lines)
    assert any(line.startswith("tests.txt:4: “武涌是谁”应该拒答，但机器人回答了：") for line in lines)


def test_malformed_staff_test(kb):
    (kb / "tests.txt").write_text("应包含：会长\n问：武涌是谁\n", encoding="utf-8")
    result = check(kb)
    assert "tests.txt:1: 这一行前面没有“问：”" in result.output
    assert "tests.txt:2: 测试“武涌是谁”没有写期望" in result.output


def test_missing_knowledge_folder(tmp_path):
    result = check(tmp_path / "nowhere")
    assert result.exit_code == 1
    assert "知识库文件夹不存在" in result.output


@pytest.mark.parametrize("command", ["serve", "ask", "check", "misses", "stats"])
def test_every_command_documents_itself(command):
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0 and "Example:" in result.output or "python -m bot" in result.output

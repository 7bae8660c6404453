"""python -m bot check: every problem as file:line: message a staff member can act on."""

import json

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
    # Questions cut off from their answer are never joined to the next entry's answer.
    ("问：怎么加入协会？\n问：如何成为会员\n\n问：会费是多少？\n答：按会员等级收取。\n",
     "faq/broken.txt:1: 问题“怎么加入协会？”还没有写“答：”，就空了一行（第 3 行）；请在这个问题下面加一行“答：…”，"
     "如果它和下面的问题是同一条问答，请删去空行"),
    ("问：怎么加入协会？\n名称：会费\n问：会费是多少？\n答：按会员等级收取。\n",
     "faq/broken.txt:1: 问题“怎么加入协会？”还没有写“答：”，第 2 行的“名称：”就开始了另一条问答；"
     "请在这个问题下面加一行“答：…”，如果它属于下一条问答，请把它移到那条的“名称：”下面"),
    ("问：怎么加入协会？\n\n答：填写入会申请表。\n",
     "faq/broken.txt:1: 问题“怎么加入协会？”还没有写“答：”，下面隔了一个空行（第 2 行）才是第 3 行的“答：”；"
     "同一条问答的问和答之间不能空行，请删去这个空行"),
    ("名称：入会\n名称：会费\n问：怎么加入协会？\n答：填写入会申请表。\n",
     "faq/broken.txt:2: 同一条问答有两个“名称：”（第 1 行已经写了“入会”）；请删掉一个，或在它之前写完上一条的“答：”"),
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


def test_two_entries_with_one_name(kb):
    (kb / "faq" / "zz-other.txt").write_text("名称：西部办公室\n问：西部办公室在哪个城市\n答：成都\n", encoding="utf-8")
    result = check(kb)
    assert result.exit_code == 1
    assert ("faq/zz-other.txt:1: 名称“西部办公室”已经用在 faq/west-office.txt:4；"
            "菜单按钮和统计靠名称找到问答，名称不能重复，请改一个") in result.output.splitlines()


@pytest.mark.parametrize("question", ["怎么加入协会？", "如何成为会员"])
def test_a_question_cut_off_from_its_answer_is_not_answered_with_the_next_one(kb, question):
    (kb / "faq" / "join.txt").write_text("问：怎么加入协会？\n问：如何成为会员\n\n问：会费是多少？\n"
                                         "答：单位会员每年会费按会员等级收取。\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["ask", "--json", "--kb", str(kb), question])
    assert json.loads(result.output)["matched"] is None


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
    article = "文章 news/2023-11-03-west-office-launch.txt（西部地区建筑绿色低碳发展协调推进行动在成都启动）"
    assert (f"tests.txt:1: 测试问题“武涌是谁”的回答里没有“理事长”。现在回答它的是{article}："
            "“武涌，中国建筑节能协会会长。”如果是新加的文章抢走了这个问题，请在测试问题里写明活动或文章的名称；"
            "如果回答本身不对，请修改回答它的文章或问答。") in lines
    assert (f"tests.txt:4: 测试问题“武涌是谁”应该拒答，但机器人回答了{article}：“武涌，中国建筑节能协会会长。”"
            "如果这个回答其实是对的，请把“应拒答”改成“应包含：…”。") in lines


def test_a_staff_test_two_articles_now_answer_names_them_and_the_fix(kb):
    """A new article on the same kind of event: the message names who answers and how to be specific."""
    (kb / "news" / "2024-03-01-council.txt").write_text(
        "重庆市绿色建筑与建筑产业化协会召开2024年理事会\n发布时间：2024-03-01\n"
        "2024年3月1日，重庆市绿色建筑与建筑产业化协会理事会在重庆召开。会议由副会长李明主持。\n", encoding="utf-8")
    (kb / "tests.txt").write_text("问：谁主持的会议\n应包含：李明\n", encoding="utf-8")
    lines = check(kb).output.splitlines()
    assert ("tests.txt:1: 测试问题“谁主持的会议”的回答里没有“李明”。现在回答它的是文章 "
            "news/2023-11-03-west-office-launch.txt（西部地区建筑绿色低碳发展协调推进行动在成都启动）："
            "“由四川省建设科技协会秘书长侯文主持。”几篇文章都和这个问题有关，机器人选了别的那篇；"
            "请在测试问题里写明活动或文章的名称（例如“某某会议在哪里开的”），或改“应包含”的词。") in lines


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

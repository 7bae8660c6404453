"""`python -m bot history` and `undo` (and `import`): staff changes from the command line."""

from click.testing import CliRunner

from bot.cli import cli
from bot.staff.writer import KnowledgeWriter
from bot.state import MemoryStore


def run(*args):
    return CliRunner().invoke(cli, list(args))


def test_history_lists_changes_and_undo_puts_a_file_back(kb):
    writer = KnowledgeWriter(str(kb), MemoryStore())
    assert run("history", "--kb", str(kb)).output == "还没有修改记录。\n"
    created = writer.save("faq/hours.txt", "问：协会几点上班？\n答：九点。\n", who="王老师", what="新建问答")
    listed = run("history", "--kb", str(kb))
    assert listed.exit_code == 0
    assert listed.output.startswith(f"{created.id}  ") and "王老师  新建 faq/hours.txt  新建问答" in listed.output

    undone = run("undo", "--kb", str(kb), created.id)
    assert undone.exit_code == 0, undone.output
    assert not (kb / "faq" / "hours.txt").exists()
    latest = writer.recent(1)[0]
    assert undone.output == f"已撤销：faq/hours.txt（这次撤销的编号是 {latest.id}）\n"
    assert "删除 faq/hours.txt  撤销：新建问答（撤销 " in run("history", "--kb", str(kb)).output


def test_an_undo_that_would_break_the_knowledge_writes_nothing(kb):
    writer = KnowledgeWriter(str(kb), MemoryStore())
    original = (kb / "faq" / "west-office.txt").read_text(encoding="utf-8")
    writer.save("faq/west-office.txt", original.replace("答：", "答：\n答：", 1), who="a", what="坏的版本")
    good = writer.save("faq/west-office.txt", original, who="a", what="修好")
    result = run("undo", "--kb", str(kb), good.id)  # would bring the broken version back
    assert result.exit_code == 1
    assert "faq/west-office.txt:" in result.output and "什么也没有写入" in result.output
    assert (kb / "faq" / "west-office.txt").read_text(encoding="utf-8") == original
    assert run("undo", "--kb", str(kb), "no-such-id").output == "Error: 找不到这次修改（编号 no-such-id）；请刷新页面再试。\n"

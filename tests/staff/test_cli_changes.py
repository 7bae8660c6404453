"""`python -m bot import`, `history` and `undo`: staff changes from the command line."""

import os
import subprocess
import sys

import pytest
from click.testing import CliRunner
from loopback_site import ANNUAL_PAGE, Site, page
from served import ROOT

from bot.cli import cli
from bot.staff.writer import KnowledgeWriter
from bot.state import MemoryStore


def run(*args, env=None):
    return CliRunner().invoke(cli, list(args), env={"REDIS_URL": "", **(env or {})})


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


@pytest.fixture
def site():
    with Site({"/news/2024/annual-meeting.html": page(ANNUAL_PAGE)}) as served:
        yield served


@pytest.mark.slow
def test_import_a_page_from_loopback_then_ask_about_it(kb, site):
    """The real command line, as ops would type it: import the page, then a follower's question."""
    url = site.url("/news/2024/annual-meeting.html")
    env = {**os.environ, "IMPORT_ALLOWED_HOSTS": site.host, "KB_DIR": str(kb)}
    env.pop("REDIS_URL", None)
    imported = subprocess.run([sys.executable, "-m", "bot", "import", url], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=60)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.startswith("已写入 news/2024-05-01-annual-meeting.txt。标题：协会召开2024年年会；日期：2024-05-01")
    written = (kb / "news" / "2024-05-01-annual-meeting.txt").read_text(encoding="utf-8")
    assert written.startswith(f"协会召开2024年年会\n发布时间：2024-05-01\n来源链接：{url}\n")
    asked = subprocess.run([sys.executable, "-m", "bot", "ask", "2024年年会是谁主持的"], cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=60)
    assert asked.returncode == 0 and "张三" in asked.stdout and "协会召开2024年年会" in asked.stdout
    change = KnowledgeWriter(str(kb), MemoryStore()).recent(1)[0]
    assert (change.path, change.existed, change.what) == ("news/2024-05-01-annual-meeting.txt", False, f"导入 {url}")
    assert f"python -m bot undo {change.id}" in imported.stdout


@pytest.mark.slow
def test_import_dry_run_and_refusals_write_nothing(kb, site):
    url = site.url("/news/2024/annual-meeting.html")
    before = sorted(os.listdir(kb / "news"))
    dry = run("import", "--kb", str(kb), "--dry-run", url, env={"IMPORT_ALLOWED_HOSTS": site.host})
    assert dry.exit_code == 0, dry.output
    assert dry.output.startswith("协会召开2024年年会\n发布时间：2024-05-01\n")
    assert "可以导入为 news/2024-05-01-annual-meeting.txt（--dry-run：没有写入）" in dry.output

    refused = run("import", "--kb", str(kb), url, env={"IMPORT_ALLOWED_HOSTS": ""})
    assert refused.exit_code == 1 and "内部网络地址" in refused.output and "IMPORT_ALLOWED_HOSTS" in refused.output

    # staff's own test says this question must be declined: the import would break it
    with open(kb / "tests.txt", "a", encoding="utf-8") as f:
        f.write("\n问：2024年年会是谁主持的\n应拒答\n")
    broken = run("import", "--kb", str(kb), url, env={"IMPORT_ALLOWED_HOSTS": site.host})
    assert broken.exit_code == 1
    assert "tests.txt:" in broken.output and "应该拒答" in broken.output and "什么也没有写入" in broken.output
    assert sorted(os.listdir(kb / "news")) == before and not (kb / ".history").exists()


def test_import_of_files(kb, tmp_path):
    upload = tmp_path / "Annual Meeting.html"
    upload.write_text(ANNUAL_PAGE, encoding="utf-8")
    result = run("import", "--kb", str(kb), str(upload))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("已写入 news/2024-05-01-annual-meeting.txt。")
    again = run("import", "--kb", str(kb), str(upload))
    assert again.output.startswith("已写入 news/2024-05-01-annual-meeting-2.txt。")  # never over the first
    big = tmp_path / "big.pdf"
    with open(big, "wb") as f:
        f.truncate(50 * 1024 * 1024)
    assert run("import", "--kb", str(kb), str(big)).output == f"Error: 文件 {big} 超过 10 MB，太大了；一篇文章通常不到 1 MB。\n"
    odd = tmp_path / "notes.odt"
    odd.write_bytes(b"PK")
    assert "只认 .txt、.html、.htm、.docx 和 .pdf" in run("import", "--kb", str(kb), str(odd)).output
    assert "读不到文件" in run("import", "--kb", str(kb), str(tmp_path / "missing.txt")).output

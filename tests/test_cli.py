"""The command line as staff and ops use it: `ask`, `check`, and what they say when KB_DIR is wrong."""

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner
from served import LOOPBACK, ROOT

from bot.cli import cli

WEST = "西部地区建筑绿色低碳发展协调推进办公室"


@pytest.mark.slow
def test_ask_from_the_repository_root_uses_the_shipped_knowledge():
    """The README's first command, after the install: no settings at all."""
    env = {k: v for k, v in os.environ.items() if k not in ("KB_DIR", "REDIS_URL", "WECHAT_TOKEN")}
    result = subprocess.run([sys.executable, "-m", "bot", "ask", "西部办公室是什么？"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert WEST in result.stdout


def test_ask_json_names_what_matched(kb):
    result = CliRunner().invoke(cli, ["ask", "--json", "--kb", str(kb), "明天会下雨吗"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["matched"] is None


@pytest.mark.slow
@pytest.mark.parametrize("args, hint", [
    (["ask", "--kb", "{missing}", "西部办公室是什么？"], "set KB_DIR or --kb"),
    (["ask", "西部办公室是什么？"], "set KB_DIR or --kb"),
    (["serve", "--host", LOOPBACK, "--port", "0"], "set KB_DIR"),
], ids=["ask-kb", "ask-env", "serve-env"])
def test_a_missing_knowledge_folder_is_one_clear_line_not_silent_declines(tmp_path, args, hint):
    missing = tmp_path / "no-such-folder"
    command = [sys.executable, "-m", "bot", *(a.format(missing=missing) for a in args)]
    env = {"PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8", "KB_DIR": str(missing)}
    # A process with a timeout: a serve that did start would otherwise never return.
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"Error: 知识库文件夹不存在：{missing} — {hint}\n"


def test_check_passes_on_the_shipped_knowledge():
    result = CliRunner().invoke(cli, ["check", "--kb", os.path.join(ROOT, "knowledge")])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("OK：")


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_has_help_with_an_example(command):
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "Example: " in result.stdout


@pytest.mark.parametrize("args, env, says", [
    (["serve", "--port", "99999"], {}, "99999"),
    (["serve"], {"PORT": "70000"}, "PORT must be between 0 and 65535"),
    (["serve"], {"REDIS_URL": "localhost:6379"}, "REDIS_URL must start with redis://"),
])
def test_a_bad_port_or_redis_url_is_one_line_naming_the_setting(args, env, says, monkeypatch):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    result = CliRunner().invoke(cli, args)
    assert result.exit_code != 0
    assert says in result.output
    assert "Traceback" not in result.output

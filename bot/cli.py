"""Command line: serve the webhook, ask a question, check the knowledge files."""

import json
import logging
import sys

import click

from .config import ConfigError, load_config
from .engine import Engine
from .knowledge import load_knowledge


@click.group()
def cli():
    """WeChat Official Account knowledge bot."""
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)


def _config(**overrides) -> dict:
    try:
        return load_config(overrides={k: v for k, v in overrides.items() if v is not None})
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None


@cli.command()
@click.option("--host", help="Address to listen on (default 0.0.0.0, or HOST).")
@click.option("--port", type=int, help="Port to listen on (default 8080, or PORT).")
def serve(host, port):
    """Run the production webhook server (gunicorn).

    Example: WECHAT_TOKEN=secret python -m bot serve --port 8080
    """
    from .server import serve as run

    run(_config(HOST=host, PORT=port))


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per answer.")
@click.option("--kb", "kb_dir", help="Knowledge folder (default KB_DIR, or knowledge/).")
@click.argument("question", required=False)
def ask(as_json, kb_dir, question):
    """Answer QUESTION as a follower would be answered.

    With no QUESTION, answers each line of standard input, one output line per question.

    Example: python -m bot ask 西部办公室是什么？
    """
    config = _config(KB_DIR=kb_dir)
    engine = Engine(load_knowledge(config["KB_DIR"]))
    questions = [question] if question is not None else (line.rstrip("\r\n") for line in sys.stdin)
    for q in questions:
        answer = engine.answer(q)
        if as_json:
            click.echo(json.dumps(answer.to_json(), ensure_ascii=False))
        elif question is not None:
            click.echo(answer.text)
        else:
            click.echo(answer.text.replace("\n", " | "))


@cli.command()
@click.option("--kb", "kb_dir", help="Knowledge folder (default KB_DIR, or knowledge/).")
def check(kb_dir):
    """Check the knowledge files; print `file:line: problem` for each one.

    Exits 1 when a file has an error staff must fix.

    Example: python -m bot check --kb knowledge/
    """
    config = _config(KB_DIR=kb_dir)
    kb = load_knowledge(config["KB_DIR"])
    for problem in kb.problems:
        click.echo(str(problem))
    if kb.errors:
        raise click.ClickException(f"{len(kb.errors)} 个错误需要修改（见上）")
    click.echo(f"OK：{len(kb.articles)} 篇文章，{len(kb.faq)} 条问答")

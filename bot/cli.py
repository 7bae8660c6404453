"""Command line: serve the webhook, ask a question, check, import and undo changes to the knowledge."""

import getpass
import json
import logging
import os
import sys
import time

import click

from .config import ConfigError, load_config
from .engine import Engine, load_knowledge


@click.group()
def cli():
    """WeChat Official Account knowledge bot."""
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)


def _config(**overrides) -> dict:
    try:
        return load_config(overrides={k: v for k, v in overrides.items() if v is not None})
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None


def _knowledge_dir(config: dict, hint: str) -> str:
    """KB_DIR, or a one-line error: without the folder every question would just be declined."""
    path = config["KB_DIR"]
    if not os.path.isdir(path):
        raise click.ClickException(f"知识库文件夹不存在：{os.path.abspath(path)} — {hint}")
    return path


@cli.command()
@click.option("--host", help="Address to listen on (default 0.0.0.0, or HOST).")
@click.option("--port", type=click.IntRange(0, 65535), help="Port to listen on (default 8080, or PORT).")
def serve(host, port):
    """Run the production webhook server (gunicorn).

    Example: WECHAT_TOKEN=secret python -m bot serve --port 8080
    """
    from .app import create_app
    from .ops.server import serve as run

    config = _config(HOST=host, PORT=port)
    _knowledge_dir(config, "set KB_DIR")
    run(create_app, config)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per answer.")
@click.option("--kb", "kb_dir", help="Knowledge folder (default KB_DIR, or knowledge/).")
@click.argument("question", required=False)
def ask(as_json, kb_dir, question):
    """Answer QUESTION as a follower would be answered.

    With no QUESTION, answers each line of standard input, one output line per question.

    Example: python -m bot ask 西部办公室是什么？
    """
    engine = Engine(load_knowledge(_knowledge_dir(_config(KB_DIR=kb_dir), "set KB_DIR or --kb")))
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

    Also runs staff's test questions (knowledge/tests.txt). Exits 1 when anything must be fixed;
    lines marked 提醒 are worth a look but do not fail the check.

    Example: python -m bot check --kb knowledge/
    """
    from .staff.checks import check_knowledge

    config = _config(KB_DIR=kb_dir)
    report = check_knowledge(config["KB_DIR"])
    for problem in report.problems:
        click.echo(str(problem))
    if report.errors:
        raise click.ClickException(f"{len(report.errors)} 处需要修改（见上）；{report.summary()}")
    click.echo(f"OK：{report.summary()}")


NO_REDIS = ("REDIS_URL 未设置：服务用的是进程内存储，{what}只记在每个服务进程自己的内存里，"
            "进程重启就清空，这个命令读不到。要汇总请设置 REDIS_URL（与服务相同）后再运行。")


def _read_shared(what: str, read):
    """`read(store)` on the Redis the servers share, or None (after saying why) when there is none."""
    import redis

    from .state import RedisStore, key_prefix

    config = _config()
    if not config["REDIS_URL"]:
        click.echo(NO_REDIS.format(what=what))
        return None
    prefix = key_prefix(config)
    store = RedisStore.from_url(config["REDIS_URL"], prefix)
    try:
        found = _prefixes_with_tallies(store.client)
        others = found - {prefix}
        if not config["WECHAT_APPID"] and others and prefix not in found:
            # the servers run with WECHAT_APPID and keep their tallies under it: find them, or name them
            if len(others) > 1:
                raise click.ClickException("WECHAT_APPID 未设置，而 Redis 里有几个公众号的记录："
                                           f"{'、'.join(sorted(others))}；请设置与服务相同的 WECHAT_APPID 再运行。")
            prefix = others.pop()
            click.echo(f"WECHAT_APPID 未设置：读的是 Redis 里唯一一个公众号的记录（{prefix}）。")
            store = RedisStore.from_url(config["REDIS_URL"], prefix)
        return read(store)
    except redis.RedisError as exc:
        raise click.ClickException(f"读不到 Redis（REDIS_URL={config['REDIS_URL']}）：{exc}") from None


def _prefixes_with_tallies(client) -> set[str]:
    """The key prefixes (bot:<AppId>) under which some server kept tallies."""
    return {key.decode().split(":tally:")[0] for key in client.scan_iter(match="bot:*:tally:*", count=1000)}


def _when(ts: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(ts))


@cli.command()
@click.option("--top", default=20, show_default=True, type=click.IntRange(min=1), help="How many to print.")
def misses(top):
    """Print the questions the bot declined, most asked first, for staff to write FAQ entries.

    Reads the Redis named by REDIS_URL; questions are folded (Simplified, half-width, no end
    punctuation) and kept without the follower's openid.

    Example: REDIS_URL=redis://127.0.0.1:6379/0 python -m bot misses --top 50
    """
    from .chat import usage

    rows = _read_shared("未答问题", lambda store: usage.misses(store, top))
    if rows is None:
        return
    if not rows:
        click.echo("还没有未答问题。")
        return
    click.echo("次数  首次              最近              问题")
    for row in rows:
        click.echo(f"{row['count']:>4}  {_when(row['first'])}  {_when(row['last'])}  {row['member']}")


@cli.command()
@click.option("--top", default=20, show_default=True, type=click.IntRange(min=1), help="How many to print.")
def stats(top):
    """Print which FAQ entries and article facts answered followers, and how often.

    Reads the Redis named by REDIS_URL.

    Example: REDIS_URL=redis://127.0.0.1:6379/0 python -m bot stats
    """
    from .chat import usage

    both = _read_shared("回答次数", lambda store: (usage.hits(store), usage.misses(store)))
    if both is None:
        return
    hits, missed = both
    answered = sum(row["count"] for row in hits)
    declined = sum(row["count"] for row in missed)
    click.echo(f"已回答 {answered} 次，未答 {declined} 次（{len(missed)} 种问题，见 misses）")
    if hits:
        click.echo("次数  最近              答案来源")
    for row in hits[:top]:
        click.echo(f"{row['count']:>4}  {_when(row['last'])}  {row['member']}")


@cli.group()
def menu():
    """The account's custom menu, written in knowledge/menu.txt (format: knowledge/README.md).

    Example: python -m bot menu push --dry-run
    """


def _checked_menu(kb_dir, problems_to_stderr=False):
    """(config, Menu) when menu.txt passes its checks; otherwise its problems, and exit 1."""
    from .staff.menu import load_menu

    config = _config(KB_DIR=kb_dir)
    engine = Engine(load_knowledge(_knowledge_dir(config, "set KB_DIR or --kb")))
    found = load_menu(engine)
    if not found.found:
        raise click.ClickException(f"没有 {os.path.join(config['KB_DIR'], 'menu.txt')}；请按 knowledge/README.md "
                                   "写好菜单再运行")
    for problem in found.problems:
        click.echo(str(problem), err=problems_to_stderr)
    if found.errors:
        raise click.ClickException(f"menu.txt 有 {len(found.errors)} 处需要修改（见上）；改好之前菜单不能推送")
    return config, found


@menu.command()
@click.option("--kb", "kb_dir", help="Knowledge folder (default KB_DIR, or knowledge/).")
def show(kb_dir):
    """Print the JSON that `menu push` would send to WeChat (problems go to stderr).

    Example: python -m bot menu show --kb knowledge/
    """
    _, found = _checked_menu(kb_dir, problems_to_stderr=True)
    click.echo(json.dumps(found.to_wechat(), ensure_ascii=False, indent=2))


@menu.command()
@click.option("--kb", "kb_dir", help="Knowledge folder (default KB_DIR, or knowledge/).")
@click.option("--dry-run", is_flag=True, help="Check the menu and the settings; send nothing.")
def push(kb_dir, dry_run):
    """Check knowledge/menu.txt and send it to the account as its custom menu.

    Needs WECHAT_APPID and WECHAT_APPSECRET. With REDIS_URL set, the access_token is shared with
    every replica and later command through Redis (WeChat limits how many are fetched a day).

    Example: WECHAT_APPID=wx… WECHAT_APPSECRET=… python -m bot menu push
    """
    import redis

    from .staff.access_token import token_store
    from .staff.wechat_api import WeChatApiError, push_menu

    config, found = _checked_menu(kb_dir)
    missing = [key for key in ("WECHAT_APPID", "WECHAT_APPSECRET") if not config[key]]
    if missing:
        raise click.ClickException(f"{' 和 '.join(missing)} 未设置：推送菜单要用公众号的开发者ID（AppID）和开发者密码"
                                   "（AppSecret），在公众平台“设置与开发 → 基本配置”里；请写进 .env 或环境变量")
    target = f"公众号 {config['WECHAT_APPID']}（{found.summary()}）"
    if dry_run:
        click.echo(f"菜单检查通过，可以推送到{target}；--dry-run：没有发送。")
        return
    if not config["REDIS_URL"]:
        click.echo("REDIS_URL 未设置：access_token 只在这次命令里用，下次推送会重新获取一个（微信每天限约 2000 次）。")
    store = token_store(config)
    try:
        push_menu(config, store, found.to_wechat())
    except WeChatApiError as exc:
        raise click.ClickException(str(exc)) from None
    except redis.RedisError as exc:
        raise click.ClickException(f"读不到 Redis（REDIS_URL={config['REDIS_URL']}）：{exc}") from None
    finally:
        store.close()
    click.echo(f"已推送到{target}。微信里最多 5 分钟后显示新菜单（取消关注再关注可以马上看到）。")


def _who() -> str:
    """Who a change from the command line is logged as: the OS user, or "cli" when there is none."""
    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment or the password database (a bare container)
        return "cli"


def _writer(config: dict):
    """A KnowledgeWriter on the store the servers share (REDIS_URL), so a change waits for theirs."""
    from .staff.writer import KnowledgeWriter
    from .state import create_store

    return KnowledgeWriter(_knowledge_dir(config, "set KB_DIR or --kb"), create_store(config))


def _echo_problems(report) -> None:
    """Print `file:line: message` for each problem; fail (exit 1) when any is an error."""
    for problem in report.problems:
        click.echo(str(problem))
    if report.errors:
        raise click.ClickException(f"{len(report.errors)} 处需要修改（见上），什么也没有写入")


@cli.command()
@click.option("--kb", "kb_dir", help="Knowledge folder (default KB_DIR, or knowledge/).")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=1), help="How many to print.")
def history(kb_dir, limit):
    """Print the latest changes made from the staff page or `import`, newest first.

    Each line: the change's id (for `undo`), when, who, what and which file. The versions they
    replaced are kept in KB_DIR/.history/versions/, the log in KB_DIR/.history/changes.jsonl.

    Example: python -m bot history --limit 50
    """
    changes = _writer(_config(KB_DIR=kb_dir)).recent(limit)
    if not changes:
        click.echo("还没有修改记录。")
    for change in changes:
        kind = "删除" if change.deleted else "修改" if change.existed else "新建"
        undid = f"（撤销 {change.undoes}）" if change.undoes else ""
        click.echo(f"{change.id}  {_when(change.at)}  {change.who}  {kind} {change.path}  {change.what}{undid}")


@cli.command()
@click.option("--kb", "kb_dir", help="Knowledge folder (default KB_DIR, or knowledge/).")
@click.argument("change_id")
def undo(kb_dir, change_id):
    """Undo the change CHANGE_ID (an id printed by `history`): the file goes back to how it was.

    The files as they would be are checked first, as `check` does; nothing is written when
    that finds errors. The undo is itself a change, so it can be undone in turn.

    Example: python -m bot undo 20240501T101502-3f9a1c
    """
    from .staff.checks import check_proposed
    from .staff.writer import WriteError

    config = _config(KB_DIR=kb_dir)
    writer = _writer(config)
    try:
        _echo_problems(check_proposed(config["KB_DIR"], writer.undo_files(change_id)))
        change = writer.undo(change_id, who=_who())
    except WriteError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"已撤销：{change.path}（这次撤销的编号是 {change.id}）")


@cli.command("import")
@click.option("--kb", "kb_dir", help="Knowledge folder (default KB_DIR, or knowledge/).")
@click.option("--dry-run", is_flag=True, help="Show the article file and the check; write nothing.")
@click.argument("source")
def import_(kb_dir, dry_run, source):
    """Import an article from SOURCE (a URL, or a .txt .html .htm .docx .pdf file) into news/.

    The article becomes news/<date>-<short-name>.txt with its title, date and 来源链接 (the URL).
    The knowledge with it is checked as `check` does; on errors nothing is written and the
    problems are printed as file:line: message. A URL is fetched safely (see IMPORT_ALLOWED_HOSTS,
    FETCH_TIMEOUT, MAX_UPLOAD_BYTES), and the change can be undone (`history`, `undo`).

    Example: python -m bot import https://www.example.org/news/2024/annual-meeting.html
    """
    from .staff.checks import check_proposed
    from .staff.importing import ImportRefused, draft_from_upload, draft_from_url
    from .staff.writer import WriteError

    config = _config(KB_DIR=kb_dir)
    kb = _knowledge_dir(config, "set KB_DIR or --kb")
    try:
        if source.lower().startswith(("http://", "https://")):
            draft = draft_from_url(source, config)
        else:
            draft = draft_from_upload(os.path.basename(source), _read_upload(source, config["MAX_UPLOAD_BYTES"]),
                                      config=config)
        report = check_proposed(kb, {draft.filename: draft.text})
        if dry_run:
            click.echo(draft.text)
        _echo_problems(report)
        summary = f"标题：{draft.title or '（没有找到）'}；日期：{draft.date or '（没有找到）'}"
        if dry_run:
            click.echo(f"可以导入为 {draft.filename}（--dry-run：没有写入）。{summary}")
            return
        writer = _writer(config)
        reason = writer.readonly_reason()
        if reason:
            raise click.ClickException(reason)
        change = writer.create(draft.filename, draft.text, who=_who(), what=f"导入 {draft.source_url or source}")
    except (ImportRefused, WriteError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"已写入 {change.path}。{summary}（撤销：python -m bot undo {change.id}）")


def _read_upload(path: str, limit: int) -> bytes:
    """The file's bytes, refused before reading when it is larger than MAX_UPLOAD_BYTES."""
    try:
        with open(path, "rb") as f:
            if os.fstat(f.fileno()).st_size > limit:
                raise click.ClickException(f"文件 {path} 超过 {limit / 1024 / 1024:.3g} MB，太大了；一篇文章通常不到 1 MB。")
            return f.read(limit + 1)
    except OSError as exc:
        raise click.ClickException(f"读不到文件 {path}（{exc.strerror}）") from None

"""KnowledgeWriter: staff changes land whole, in turn, inside KB_DIR, and can be undone.

Real files in tmp_path, a real redis-server for the lock, real processes saving at once, and a
real read-only bind mount and a real full disk made in a private mount namespace (unshare).
"""

import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
import textwrap
import threading

import pytest
from conftest import app_config, ready_app
from served import ROOT

from bot.engine import load_knowledge
from bot.ops.hot_reload import get_knowledge
from bot.ops.logs import JsonFormatter
from bot.staff.history import LOG_NAME
from bot.staff.writer import BUSY, LOCK_KEY, KnowledgeWriter, WriteError
from bot.state import MemoryStore, RedisStore, create_store, get_store

ARTICLE = "协会召开年会\n发布时间：2024-05-01\n协会年会在重庆召开，会长张三主持会议。\n"
EDITED = "协会召开年会（更正）\n发布时间：2024-05-01\n协会年会在成都召开，会长张三主持会议。\n"


@pytest.fixture
def writer(kb):
    return KnowledgeWriter(str(kb), MemoryStore())


def files(kb) -> dict[str, bytes]:
    """Every file under kb except the history, by relative path: what a refused change must not alter."""
    found = {}
    for folder, dirs, names in os.walk(kb):
        dirs[:] = [d for d in dirs if d != ".history"]
        for name in names:
            path = os.path.join(folder, name)
            with open(path, "rb") as f:
                found[os.path.relpath(path, kb)] = f.read()
    return found


def log_lines(kb) -> list[dict]:
    path = kb / ".history" / LOG_NAME
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def test_save_creates_edits_and_logs_each_change(kb, writer, caplog):
    caplog.set_level(logging.INFO, logger="bot.staff")
    created = writer.save("news/2024-05-01-meeting.txt", ARTICLE, who="王老师", what="新建文章")
    edited = writer.save("news/2024-05-01-meeting.txt", EDITED.replace("\n", "\r\n"), who="李老师", what="改地点")
    assert (kb / "news" / "2024-05-01-meeting.txt").read_bytes() == EDITED.encode()  # a browser's \r\n stored as \n
    assert (created.existed, edited.existed) == (False, True)
    assert (kb / ".history" / "versions" / edited.kept).read_text(encoding="utf-8") == ARTICLE
    lines = log_lines(kb)
    assert [(line["id"], line["who"], line["what"], line["path"], line["existed"], line["kept"]) for line in lines] == [
        (created.id, "王老师", "新建文章", "news/2024-05-01-meeting.txt", False, ""),
        (edited.id, "李老师", "改地点", "news/2024-05-01-meeting.txt", True, edited.kept)]
    assert [c.id for c in writer.recent()] == [edited.id, created.id]
    assert writer.recent(1) == [edited]
    record = json.loads(JsonFormatter().format(caplog.records[-1]))
    assert (record["event"], record["id"], record["who"], record["path"]) == (
        "knowledge_change", edited.id, "李老师", "news/2024-05-01-meeting.txt")
    # the loader reads the new article and never the history
    kb_read = load_knowledge(str(kb))
    assert "协会召开年会（更正）" in [a.title for a in kb_read.articles]
    assert not [p for p in kb_read.problems if ".history" in p.path]


def test_undo_of_a_create_an_edit_and_a_delete(kb, writer):
    path = kb / "faq" / "hours.txt"
    created = writer.save("faq/hours.txt", "问：协会几点上班？\n答：九点。\n", who="a", what="新建")
    edited = writer.save("faq/hours.txt", "问：协会几点上班？\n答：八点半。\n", who="a", what="改时间")
    undone = writer.undo(edited.id, who="b")
    assert path.read_text(encoding="utf-8") == "问：协会几点上班？\n答：九点。\n"
    assert (undone.undoes, undone.what, undone.who) == (edited.id, "撤销：改时间", "b")
    writer.undo(undone.id, who="b")  # an undo is a change too: undoing it redoes the edit
    assert path.read_text(encoding="utf-8") == "问：协会几点上班？\n答：八点半。\n"

    deleted = writer.delete("faq/hours.txt", who="a", what="删除")
    assert not path.exists() and deleted.existed and deleted.deleted
    restored = writer.undo(deleted.id, who="b")
    assert path.read_text(encoding="utf-8") == "问：协会几点上班？\n答：八点半。\n" and not restored.existed

    article = writer.save("news/x.txt", ARTICLE, who="a", what="新建")
    writer.undo(article.id, who="b")
    assert not (kb / "news" / "x.txt").exists()
    assert len(log_lines(kb)) == len(writer.recent(100)) == 8
    assert created.id in [c.id for c in writer.recent(100)]


def test_undo_refuses_to_throw_away_a_later_change(kb, writer):
    first = writer.save("news/x.txt", ARTICLE, who="王老师", what="新建")
    writer.save("news/x.txt", EDITED, who="李老师", what="改地点")
    with pytest.raises(WriteError, match="又改过.*李老师“改地点”.*请先撤销后来的那次"):
        writer.undo(first.id, who="王老师")
    (kb / "news" / "x.txt").write_text("直接在服务器上改的\n", encoding="utf-8")
    last = writer.recent(1)[0]
    with pytest.raises(WriteError, match="被直接改过"):
        writer.undo(last.id, who="王老师")
    with pytest.raises(WriteError, match="找不到这次修改"):
        writer.undo("no-such-change", who="王老师")
    assert (kb / "news" / "x.txt").read_text(encoding="utf-8") == "直接在服务器上改的\n"


def test_delete_of_a_missing_file_is_refused(writer):
    with pytest.raises(WriteError, match="已经不存在"):
        writer.delete("news/none.txt", who="a", what="删除")


@pytest.mark.parametrize("path", [
    "../x.txt", "/etc/passwd", "news/../../x.txt", "news/.hidden.txt", "news/x.py", ".history/changes.txt",
    "settings.txt", "x.txt", "news/", "news//x.txt", "news/./x.txt", "news\\x.txt", "news/a\x00b.txt",
    "news/a\nb.txt", "news/\u202etxt.exe.txt", "news/~backup.txt", "", "news/" + "长" * 100 + ".txt",
    "C:/news/x.txt",
])
def test_refused_paths_write_nothing(kb, writer, path):
    before = files(kb)
    with pytest.raises(WriteError) as refused:
        writer.save(path, ARTICLE, who="a", what="b")
    assert str(refused.value).endswith("。")  # a whole sentence for staff
    with pytest.raises(WriteError):
        writer.delete(path, who="a", what="b")
    assert files(kb) == before and log_lines(kb) == []


def test_links_out_of_the_knowledge_folder_are_refused(kb, writer, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("secret\n", encoding="utf-8")
    os.symlink(outside, kb / "news" / "elsewhere")
    os.symlink(outside / "secret.txt", kb / "news" / "secret.txt")
    os.symlink(tmp_path, kb / "faq" / "up")
    for path in ("news/elsewhere/x.txt", "news/elsewhere/new/x.txt", "news/secret.txt", "faq/up/outside/x.txt"):
        with pytest.raises(WriteError, match="链接"):
            writer.save(path, ARTICLE, who="a", what="b")
    with pytest.raises(WriteError, match="链接"):
        writer.delete("news/secret.txt", who="a", what="b")
    assert sorted(os.listdir(outside)) == ["secret.txt"] and (outside / "secret.txt").read_text() == "secret\n"
    assert log_lines(kb) == []


def test_a_new_subfolder_is_made_and_create_never_clobbers(kb, writer):
    writer.save("news/2024/05/x.txt", ARTICLE, who="a", what="b")
    assert (kb / "news" / "2024" / "05" / "x.txt").read_text(encoding="utf-8") == ARTICLE
    second = writer.create("news/2024/05/x.txt", EDITED, who="a", what="导入")
    third = writer.create("news/2024/05/x.txt", EDITED, who="a", what="导入")
    assert (second.path, third.path) == ("news/2024/05/x-2.txt", "news/2024/05/x-3.txt")
    assert (kb / "news" / "2024" / "05" / "x.txt").read_text(encoding="utf-8") == ARTICLE


def test_a_held_lock_makes_a_save_wait_then_say_so_and_is_not_released_by_it(kb, redis_url):
    store = RedisStore.from_url(redis_url)
    writer = KnowledgeWriter(str(kb), store)
    writer.lock_wait = 0.3
    store.add(LOCK_KEY, "another-replica", 30)
    with pytest.raises(WriteError) as busy:
        writer.save("news/x.txt", ARTICLE, who="a", what="b")
    assert str(busy.value) == BUSY == "另一位同事正在保存，请稍后再试。"
    assert store.get(LOCK_KEY) == "another-replica"  # not ours: left alone
    assert not (kb / "news" / "x.txt").exists()
    store.delete(LOCK_KEY)
    writer.save("news/x.txt", ARTICLE, who="a", what="b")
    assert store.get(LOCK_KEY) is None  # ours: released


def test_threads_saving_at_once_through_redis_all_land(kb, redis_url):
    writers = [KnowledgeWriter(str(kb), create_store({"REDIS_URL": redis_url})) for _ in range(8)]
    start = threading.Barrier(len(writers))
    errors = []

    def save(n, writer):
        start.wait()
        try:
            for round_ in range(5):
                writer.save(f"news/t{n}.txt", f"{ARTICLE}第{round_}次\n", who=f"w{n}", what="并发")
                writer.save("faq/shared.txt", f"问：谁最后保存？\n答：w{n} 第{round_}次\n", who=f"w{n}", what="同一文件")
        except Exception as exc:  # collected: an assertion in a thread would be lost
            errors.append(exc)

    threads = [threading.Thread(target=save, args=(n, w)) for n, w in enumerate(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    for n in range(len(writers)):
        assert (kb / "news" / f"t{n}.txt").read_text(encoding="utf-8") == f"{ARTICLE}第4次\n"
    changes = log_lines(kb)
    assert len(changes) == 80
    shared = [c for c in changes if c["path"] == "faq/shared.txt"]
    # nothing lost: each save of the shared file kept exactly the version the one before it wrote
    for before, after in zip(shared, shared[1:], strict=False):
        kept = (kb / ".history" / "versions" / after["kept"]).read_bytes()
        assert hashlib.sha256(kept).hexdigest() == before["after"]


SAVER = textwrap.dedent("""
    import sys
    from bot.staff.writer import KnowledgeWriter
    from bot.state import create_store
    kb, url, n = sys.argv[1], sys.argv[2], sys.argv[3]
    writer = KnowledgeWriter(kb, create_store({"REDIS_URL": url}))
    for i in range(10):
        writer.save(f"news/p{n}-{i}.txt", "标题\\n正文\\n", who=f"process {n}", what="并发")
        writer.save("faq/shared.txt", f"问：谁？\\n答：{n}-{i}\\n", who=f"process {n}", what="同一文件")
""")


@pytest.mark.slow
def test_processes_saving_at_once_through_redis_all_land(kb, redis_url):
    processes = [subprocess.Popen([sys.executable, "-c", SAVER, str(kb), redis_url, str(n)], cwd=ROOT)
                 for n in range(4)]
    assert [p.wait(timeout=60) for p in processes] == [0, 0, 0, 0]
    assert len(log_lines(kb)) == 80
    assert all((kb / "news" / f"p{n}-{i}.txt").exists() for n in range(4) for i in range(10))
    assert not [name for name in os.listdir(kb / "news") + os.listdir(kb / "faq") if name.endswith(".tmp")]


def test_readonly_reason_is_empty_when_writable_and_leaves_nothing_behind(kb, writer):
    before = sorted(os.listdir(kb))
    assert writer.readonly_reason() == ""
    assert sorted(os.listdir(kb)) == before
    assert "不存在" in KnowledgeWriter(str(kb / "missing"), MemoryStore()).readonly_reason()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through chmod; the bind-mount test covers root")
def test_a_folder_without_write_permission_is_explained(kb, writer):
    os.chmod(kb / "news", 0o555)
    try:
        assert "没有写入知识库文件夹的权限" in writer.readonly_reason()
        with pytest.raises(WriteError, match="chown"):
            writer.save("news/x.txt", ARTICLE, who="a", what="b")
    finally:
        os.chmod(kb / "news", 0o755)


IN_NAMESPACE = textwrap.dedent("""
    import json, os, sys
    from bot.staff.writer import KnowledgeWriter, WriteError
    from bot.state import MemoryStore
    writer = KnowledgeWriter(sys.argv[1], MemoryStore())
    result = {"reason": writer.readonly_reason()}
    try:
        writer.save(sys.argv[2], sys.stdin.read(), who="a", what="b")
        result["saved"] = True
    except WriteError as exc:
        result["error"] = str(exc)
    target = os.path.join(sys.argv[1], sys.argv[2])
    result["after"] = open(target, encoding="utf-8").read() if os.path.exists(target) else None
    result["files"] = sorted(os.path.relpath(os.path.join(d, n), sys.argv[1])
                             for d, _, names in os.walk(sys.argv[1]) for n in names)
    print(json.dumps(result, ensure_ascii=False))
""")


def in_namespace(mount: str, kb, path: str, text: str) -> dict:
    """Run a save in a private mount namespace where `mount` (a shell command) has set up kb."""
    if not shutil.which("unshare"):
        pytest.skip("unshare (util-linux) is needed to make a read-only or full mount")
    script = f'{mount} && exec "$0" -c "$1" "$2" "$3"'
    result = subprocess.run(["unshare", "-rm", "sh", "-c", script, sys.executable, IN_NAMESPACE, str(kb), path],
                            input=text, cwd=ROOT, capture_output=True, text=True, timeout=60)
    if result.returncode and "mount" in result.stderr:
        pytest.skip(f"cannot mount in a user namespace here: {result.stderr.strip()}")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.slow
def test_a_read_only_bind_mount_as_compose_makes_it_is_explained_and_nothing_is_written(kb):
    before = files(kb)
    result = in_namespace(f"mount --bind -o ro {kb} {kb}", kb, "news/x.txt", ARTICLE)
    assert result["reason"].startswith("知识库文件夹是只读的，现在不能在管理页上修改")
    assert "compose.yaml" in result["reason"] and "“:ro” 去掉" in result["reason"]
    assert result["error"].startswith("知识库文件夹是只读的，“news/x.txt”没有保存，文件没有改动。")
    assert files(kb) == before


@pytest.mark.slow
def test_a_full_disk_is_a_sentence_and_leaves_the_old_file_whole(tmp_path):
    kb = tmp_path / "kb"
    kb.mkdir()
    # a 64 KiB file system holding the article, then a save far larger than what is left
    setup = (f"mount -t tmpfs -o size=64k tmpfs {kb} && mkdir {kb}/news && printf '%s' '{ARTICLE}' > "
             f"{kb}/news/x.txt")
    result = in_namespace(setup, kb, "news/x.txt", ARTICLE + "很长的正文。" * 20_000)
    assert result["reason"] == ""
    assert result["error"] == ("服务器磁盘已满，“news/x.txt”没有保存，文件没有改动；请联系技术人员清理磁盘后再试。")
    assert result["after"] == ARTICLE
    # no half-written file, temporary or kept version left behind, and no log line for a change not made
    assert set(result["files"]) - {".history/.lock", ".history/changes.jsonl"} == {"news/x.txt"}


def test_a_save_is_served_by_the_hot_reload_and_an_undo_takes_it_back(kb):
    app = ready_app(app_config(kb))
    live = get_knowledge(app)
    writer = KnowledgeWriter(str(kb), get_store(app))
    assert live.engine.answer("协会几点上班？").declined
    change = writer.save("faq/hours.txt", "问：协会几点上班？\n答：每天早上九点。\n", who="a", what="新建")
    assert live.check() is True  # what every worker's watcher does every RELOAD_INTERVAL
    assert "每天早上九点" in live.engine.answer("协会几点上班？").text
    writer.undo(change.id, who="a")
    assert live.check() is True and live.engine.answer("协会几点上班？").declined


def test_a_save_based_on_an_older_text_is_refused_so_a_colleagues_save_is_kept(kb, writer):
    """Two staff edit two entries of one FAQ file from the same text: the second save must not undo the first."""
    path = "faq/west-office.txt"
    before = (kb / path).read_text(encoding="utf-8")
    writer.save(path, before + "\n问：协会几点上班\n答：九点。\n", who="a", what="新增", based_on=before)
    with pytest.raises(WriteError, match="刚刚被同事改过"):
        writer.save(path, before + "\n问：协会几点下班\n答：五点。\n", who="b", what="新增", based_on=before)
    assert "几点上班" in (kb / path).read_text(encoding="utf-8")
    # a new file is based on nothing
    writer.save("faq/new.txt", "问：甲\n答：乙\n", who="a", what="新增", based_on="")
    assert (kb / "faq" / "new.txt").exists()

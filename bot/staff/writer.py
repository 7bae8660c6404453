"""Staff changes to the knowledge files: safe names, atomic writes, one writer at a time, undo.

Staff are not programmers and may be on a phone, so every refusal is a Chinese sentence
(WriteError) and nothing is ever half done: a new version is written beside the file, synced
and renamed over it; the old version is kept under KB_DIR/.history first (bot/staff/history.py)
and the change logged there, so any change can be undone. Workers and replicas take turns
through a lock in the store; the hot reload of every replica then serves the change.
"""

import errno
import hashlib
import logging
import os
import socket
import tempfile
import time
import unicodedata
import uuid

from .history import FOLDER, Change, History, discard, staged, sync_folder

log = logging.getLogger(__name__)

__all__ = ["Change", "KnowledgeWriter", "WriteError", "knowledge_path"]

LOCK_KEY = "knowledge:write-lock"  # in the store, so every worker of every replica takes turns
LOCK_TTL = 30.0  # seconds: far above a save (milliseconds), and a crashed holder frees it by itself
LOCK_WAIT = 5.0  # seconds a save waits for another one before telling staff to try again
LOCK_POLL = 0.05  # seconds between tries while waiting
FOLDERS = ("news", "faq")  # where staff may write (what the loader reads), besides TOP_FILES
TOP_FILES = ("tests.txt",)
MAX_NAME_BYTES = 200  # one path part; the file system allows 255 and the temporary name adds ~25
MAX_NOTE_CHARS = 200  # `who` and `what` in the log
# Categories of characters never allowed in a path: controls, format marks (e.g. right-to-left
# overrides that make a name read differently from what it is) and line separators.
BAD_CATEGORIES = {"Cc", "Cf", "Zl", "Zp"}
READONLY_HINT = ("要在管理页上编辑，请在 compose.yaml 里把 “./knowledge:/app/knowledge:ro” 末尾的 “:ro” 去掉，"
                 "再运行 docker compose up -d。")
PERMISSION_HINT = ("请让运行机器人的用户能写这个文件夹（Docker 镜像里是 uid 10001，例如在服务器上运行 "
                   "sudo chown -R 10001:10001 knowledge）。")
BUSY = "另一位同事正在保存，请稍后再试。"


class WriteError(Exception):
    """A change that was not made; str() is a Chinese sentence for staff saying what to do."""


CHANGED_MEANWHILE = ("“{path}”刚刚被同事改过，你的修改没有保存（以免覆盖对方的修改）；"
                     "请刷新页面，在最新的内容上再改一次。")


def knowledge_path(path: str) -> str:
    """`path` as a knowledge file staff may write (news/…/x.txt, faq/…/x.txt, tests.txt), or WriteError.

    Checked as text before any file is touched: relative, `/`-separated, no `..` or hidden part,
    no control characters, `.txt`. Where it really lands is checked again by KnowledgeWriter."""
    shown = path if isinstance(path, str) else repr(path)
    if not isinstance(path, str) or not path:
        raise WriteError("没有给出文件名。")
    if any(unicodedata.category(c) in BAD_CATEGORIES for c in path):
        raise WriteError(f"文件名 {path!r} 里有控制字符；请只用文字、数字、“-”和“_”。")
    if path.startswith("/") or "\\" in path or (len(path) > 1 and path[1] == ":"):
        raise WriteError(f"文件名“{shown}”不能是绝对路径或带反斜杠；请写成 news/2024-05-01-名称.txt 这样。")
    parts = path.split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise WriteError(f"文件名“{shown}”里不能有“..”、“.”或空的部分；请写成 news/2024-05-01-名称.txt 这样。")
    if any(part.startswith((".", "~")) for part in parts):
        raise WriteError(f"文件名“{shown}”里有以“.”或“~”开头的部分，机器人不会读它；请去掉开头的“.”或“~”。")
    if any(len(part.encode("utf-8")) > MAX_NAME_BYTES for part in parts):
        raise WriteError(f"文件名“{shown[:40]}…”太长；请用短一些的名字。")
    if not path.endswith(".txt"):
        raise WriteError(f"文件名“{shown}”必须以 .txt 结尾。")
    if path not in TOP_FILES and (len(parts) < 2 or parts[0] not in FOLDERS):
        raise WriteError(f"只能写 news/ 或 faq/ 文件夹里的文件（或 tests.txt），“{shown}”不在其中。")
    return path


def _inside(path: str, root: str) -> bool:
    return os.path.commonpath([path, root]) == root


def _sha(data: bytes | None) -> str:
    return "" if data is None else hashlib.sha256(data).hexdigest()


def _note(text: str) -> str:
    """`who`/`what` for the log: one line, no control characters, not unbounded."""
    return "".join(" " if unicodedata.category(c) in BAD_CATEGORIES else c for c in str(text))[:MAX_NOTE_CHARS]


def _said(exc: OSError, action: str) -> str:
    """What staff are told when the disk refuses: what happened (nothing changed) and what to do."""
    if exc.errno == errno.EROFS:
        return f"知识库文件夹是只读的，{action}。{READONLY_HINT}"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"机器人没有写入知识库文件夹的权限，{action}。{PERMISSION_HINT}"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"服务器磁盘已满，{action}；请联系技术人员清理磁盘后再试。"
    return f"{action}（{exc.strerror or exc}）；请稍后再试，或联系技术人员。"


class KnowledgeWriter:
    """Saves, deletes and undoes staff changes to the knowledge folder `kb_dir`."""

    lock_wait = LOCK_WAIT  # seconds a change waits for another one (a test may shorten it)

    def __init__(self, kb_dir: str, store):
        self.kb_dir = str(kb_dir)
        self.store = store
        self.history = History(self.kb_dir)

    def readonly_reason(self) -> str:
        """"" when staff can save; else what is wrong and how to enable editing.

        Tries to create a file rather than asking os.access: as root, access() says yes on a
        read-only bind mount (compose's `:ro`), and only the write itself says no."""
        if not os.path.isdir(self.kb_dir):
            return f"知识库文件夹不存在（{self.kb_dir}）；请检查 KB_DIR。"
        folders = [self.kb_dir] + [os.path.join(self.kb_dir, name) for name in (*FOLDERS, FOLDER)]
        for folder in (f for f in folders if os.path.isdir(f)):
            try:
                fd, probe = tempfile.mkstemp(prefix=".write-test-", dir=folder)
                os.close(fd)
                os.unlink(probe)
            except OSError as exc:
                shown = os.path.relpath(folder, self.kb_dir)
                return _said(exc, "现在不能在管理页上修改" + ("" if shown == "." else f"（{shown}/）"))
        return ""

    def save(self, path: str, text: str, *, who: str, what: str, based_on: str | None = None) -> Change:
        """Write `text` as the file `path` (relative to KB_DIR): atomic, locked, old version kept.

        Line ends become "\\n" (a browser's form sends "\\r\\n"); the text is stored as UTF-8.
        `based_on`: the file's text the new one was made from (one FAQ entry edited in it). If the
        file is no longer that when the lock is held, a colleague saved in between: refused, so
        neither change is lost."""
        data = text.replace("\r\n", "\n").encode("utf-8")
        return self._locked(knowledge_path(path), data, who, what, based_on=based_on)

    def create(self, path: str, text: str, *, who: str, what: str) -> Change:
        """Like save, but never over an existing file: news/x.txt is taken, so news/x-2.txt, -3…

        For a new article whose name was made from its date and title (bot/staff/importing.py):
        two staff importing the same page at once get two files, not one over the other."""
        data = text.replace("\r\n", "\n").encode("utf-8")
        return self._locked(knowledge_path(path), data, who, what, fresh=True)

    def delete(self, path: str, *, who: str, what: str) -> Change:
        """Remove the file `path`; the removed version is kept, so undo brings it back."""
        return self._locked(knowledge_path(path), None, who, what)

    def undo(self, change_id: str, *, who: str) -> Change:
        """Put back the file as it was before change `change_id`: itself a change, so it can be undone.

        Refused when the file changed again since: undoing then would silently throw away the later
        change, so staff are told which one to undo first."""
        change = self._change(change_id)
        return self._locked(knowledge_path(change.path), None, who, f"撤销：{change.what}", undoing=change)

    def undo_files(self, change_id: str) -> dict[str, str | None]:
        """What `undo(change_id)` would write, as check_proposed takes it: {path: text, or None to delete}."""
        change = self._change(change_id)
        if not change.existed:
            return {change.path: None}
        try:
            return {change.path: self.history.kept(change.kept).decode("utf-8", errors="replace")}
        except OSError:
            raise WriteError(f"这次修改之前的版本（.history/versions/{change.kept}）找不到了，不能撤销。") from None

    def recent(self, limit: int = 20) -> list[Change]:
        """The latest `limit` changes, newest first."""
        return self.history.changes()[::-1][:limit]

    def _change(self, change_id: str) -> Change:
        change = self.history.find(str(change_id))
        if change is None:
            raise WriteError(f"找不到这次修改（编号 {change_id}）；请刷新页面再试。")
        return change

    def _locked(self, path: str, data: bytes | None, who: str, what: str, *, fresh: bool = False,
                undoing: Change | None = None, based_on: str | None = None) -> Change:
        owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex}"
        self._acquire(owner)
        try:
            # flock too: while Redis is down the store's lock is per process, and replicas on one
            # host (one bind mount) must still take turns.
            with self.history.lock(self.lock_wait, LOCK_POLL):
                if undoing is not None:
                    data = self._undo_data(undoing)
                if based_on is not None and (_read(self._target(path)) or b"").decode("utf-8", "replace") != based_on:
                    raise WriteError(CHANGED_MEANWHILE.format(path=path))
                change = self._apply(path, data, _note(who), _note(what), fresh, undoing)
        except TimeoutError:
            raise WriteError(BUSY) from None
        except OSError as exc:
            log.warning("knowledge change failed: %s %s: %s", what, path, exc,
                        extra={"event": "knowledge_change_failed", "path": path, "who": _note(who),
                               "errno": exc.errno, "error": str(exc)})
            verb = "删除" if data is None and undoing is None else "保存"
            raise WriteError(_said(exc, f"“{path}”没有{verb}，文件没有改动")) from None
        finally:
            self._release(owner)
        log.info("knowledge change %s: %s %s by %s", change.id, change.what, change.path, change.who,
                 extra={"event": "knowledge_change", **vars(change)})
        return change

    def _acquire(self, owner: str):
        deadline = time.monotonic() + self.lock_wait
        while not self.store.add(LOCK_KEY, owner, LOCK_TTL):
            if time.monotonic() >= deadline:
                log.warning("knowledge write lock busy for %.1f s", self.lock_wait,
                            extra={"event": "knowledge_change_busy", "holder": self.store.get(LOCK_KEY)})
                raise WriteError(BUSY)
            time.sleep(LOCK_POLL)

    def _release(self, owner: str):
        """Delete the lock only if it is still ours: after LOCK_TTL it may have passed to another
        saver. The store has no compare-and-delete, so a lock expiring between the get and the delete
        could still be lost; with a TTL 1000 times a save's length that needs a save to stall 30 s."""
        if self.store.get(LOCK_KEY) == owner:
            self.store.delete(LOCK_KEY)

    def _undo_data(self, change: Change) -> bytes | None:
        target = self._target(change.path)
        now = _sha(_read(target))
        if now != change.after:
            changes = self.history.changes()
            later = [c for c in changes[changes.index(change) + 1:] if c.path == change.path]
            if not later:
                raise WriteError(f"“{change.path}”在这次修改之后被直接改过（不是在管理页上），撤销它会丢掉那些修改；"
                                 "请先把文件改回来，或请技术人员处理。")
            last = later[-1]
            when = time.strftime("%m-%d %H:%M", time.localtime(last.at))
            raise WriteError(f"“{change.path}”在这次修改之后又改过（最近一次：{when} {last.who}“{last.what}”），"
                             "撤销它会丢掉后来的修改；请先撤销后来的那次。")
        return self.history.kept(change.kept) if change.existed else None

    def _apply(self, path: str, data: bytes | None, who: str, what: str, fresh: bool,
               undoing: Change | None) -> Change:
        """The change itself, under both locks: keep the old version, stage the new one, log, rename."""
        target = self._target(path)
        if fresh:
            path, target = self._unused(path, target)
        old = _read(target)
        if data is None and old is None:
            raise WriteError(f"“{path}”已经不存在了，不用删除。")
        change_id = time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
        kept = self.history.keep(change_id, path, old) if old is not None else ""
        change = Change(change_id, time.time(), who, what, path, existed=old is not None, kept=kept,
                        deleted=data is None, after=_sha(data), undoes=undoing.id if undoing else "")
        temporary = None
        try:
            temporary = staged(target, data) if data is not None else None
            size = self.history.append(change)
            try:
                if temporary:
                    os.replace(temporary, target)
                else:
                    os.unlink(target)
            except OSError:
                self.history.truncate(size)  # the log never names a change that did not happen
                raise
        except BaseException:
            if temporary:
                discard(temporary)
            if kept:
                self.history.forget(kept)
            raise
        sync_folder(os.path.dirname(target))
        return change

    def _target(self, path: str) -> str:
        """The absolute file `path` names, after following every link: it must stay in KB_DIR.

        Missing folders (news/2024/) are made one at a time, each only after its parent was found
        inside KB_DIR, so a link such as news/x -> /etc can never make anything outside."""
        root = os.path.realpath(self.kb_dir)
        if not os.path.isdir(root):
            raise WriteError(f"知识库文件夹不存在（{self.kb_dir}）；请检查 KB_DIR。")
        folder = root
        for part in path.split("/")[:-1]:
            folder = os.path.join(folder, part)
            if not os.path.lexists(folder):
                os.mkdir(folder)
            folder = os.path.realpath(folder)
            if not _inside(folder, root) or not os.path.isdir(folder):
                raise WriteError(f"“{path}”指向知识库文件夹以外的地方（链接），不能写入。")
        target = os.path.join(folder, os.path.basename(path))
        if os.path.islink(target):
            raise WriteError(f"“{path}”是一个链接，不是普通文件；管理页只改普通文件，请让技术人员处理。")
        if os.path.lexists(target) and not os.path.isfile(target):
            raise WriteError(f"“{path}”不是普通文件（可能是文件夹）；请换一个文件名。")
        return target

    def _unused(self, path: str, target: str) -> tuple[str, str]:
        stem, number = path[: -len(".txt")], 2
        candidate, candidate_target = path, target
        while os.path.lexists(candidate_target):
            candidate = f"{stem}-{number}.txt"
            candidate_target = f"{target[: -len('.txt')]}-{number}.txt"
            number += 1
        return knowledge_path(candidate), candidate_target


def _read(target: str) -> bytes | None:
    try:
        with open(target, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return None

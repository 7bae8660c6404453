"""KB_DIR/.history: every version a staff change replaced, and one JSON line per change.

    .history/changes.jsonl                 {"id", "at", "who", "what", "path", "existed", "kept", ...}
    .history/versions/<id>--x.txt          the file as it was before change <id>

The folder is hidden, so the knowledge loader never reads it (it reads only news/, faq/,
settings.txt and tests.txt) and the image build leaves it out (.dockerignore drops dot-files).
Nothing here takes the lock: KnowledgeWriter calls it while holding it.
"""

import contextlib
import fcntl
import json
import logging
import os
import time
from dataclasses import asdict, dataclass, fields

log = logging.getLogger(__name__)

FOLDER = ".history"
LOG_NAME = "changes.jsonl"
VERSIONS = "versions"


@dataclass
class Change:
    """One line of KB_DIR/.history/changes.jsonl."""

    id: str  # sortable by time: 20240501T101502-3f9a1c
    at: float  # Unix time of the change
    who: str  # the login or OS user who made it
    what: str  # what staff said they did, e.g. "导入 https://…" or "撤销：…"
    path: str  # relative to KB_DIR, e.g. "news/2024-05-01-x.txt"
    existed: bool  # False: the change created the file (undo deletes it)
    kept: str = ""  # name under .history/versions/ of the file as it was before; "" when it did not exist
    deleted: bool = False  # True: the change removed the file
    after: str = ""  # sha256 of the file after the change ("" when deleted): undo checks nobody changed it since
    undoes: str = ""  # the id of the change this one undid


class History:
    """The kept versions and the change log of one knowledge folder."""

    def __init__(self, kb_dir: str):
        self.folder = os.path.join(kb_dir, FOLDER)
        self.log_path = os.path.join(self.folder, LOG_NAME)
        self.versions = os.path.join(self.folder, VERSIONS)

    def keep(self, change_id: str, path: str, data: bytes) -> str:
        """Store `data` (the file before change `change_id`) durably; returns the kept name."""
        os.makedirs(self.versions, exist_ok=True)
        name = f"{change_id}--{os.path.basename(path)}"  # the log says which path; a name stays short
        write_durably(os.path.join(self.versions, name), data)
        return name

    def kept(self, name: str) -> bytes:
        with open(os.path.join(self.versions, os.path.basename(name)), "rb") as f:
            return f.read()

    def forget(self, name: str):
        """Remove a kept version whose change did not happen (the write after it failed)."""
        discard(os.path.join(self.versions, os.path.basename(name)))

    def append(self, change: Change) -> int:
        """Add the change's line, synced to disk; returns the log's size before it (see `truncate`)."""
        os.makedirs(self.folder, exist_ok=True)
        line = json.dumps(asdict(change), ensure_ascii=False) + "\n"
        with open(self.log_path, "ab") as f:
            size = f.tell()
            try:
                f.write(line.encode("utf-8"))
                f.flush()
                os.fsync(f.fileno())
            except OSError:
                f.truncate(size)  # a full disk may have taken half the line; the log stays whole lines
                raise
        return size

    def truncate(self, size: int):
        """Take back the last line: the change it records could not be made."""
        with open(self.log_path, "ab") as f:
            f.truncate(size)

    @contextlib.contextmanager
    def lock(self, wait: float, poll: float):
        """An exclusive flock on .history/.lock for a `with` block; TimeoutError after `wait` seconds."""
        os.makedirs(self.folder, exist_ok=True)
        fd = os.open(os.path.join(self.folder, ".lock"), os.O_RDWR | os.O_CREAT, 0o644)
        try:
            deadline = time.monotonic() + wait
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise TimeoutError("knowledge file lock busy") from None
                    time.sleep(poll)
            yield
        finally:
            os.close(fd)  # closing the last descriptor releases the flock

    def changes(self) -> list[Change]:
        """Every change, oldest first; a line that cannot be read (edited by hand) is skipped."""
        try:
            with open(self.log_path, encoding="utf-8", errors="replace") as f:
                lines = f.readlines()
        except FileNotFoundError:
            return []
        except OSError as exc:  # unreadable (permissions changed by hand): no history rather than an error page
            log.warning("cannot read the change log %s: %s", self.log_path, exc)
            return []
        known = {f.name for f in fields(Change)}
        changes = []
        for line in lines:
            try:
                record = json.loads(line)
                changes.append(Change(**{k: v for k, v in record.items() if k in known}))
            except (ValueError, TypeError):
                continue
        return changes

    def find(self, change_id: str) -> Change | None:
        return next((c for c in self.changes() if c.id == change_id), None)


def write_durably(path: str, data: bytes):
    """Write `data` to `path` all or nothing (see `staged`)."""
    temporary = staged(path, data)
    try:
        os.replace(temporary, path)
    except BaseException:
        discard(temporary)
        raise
    sync_folder(os.path.dirname(path))


def staged(path: str, data: bytes) -> str:
    """`data` in a hidden temporary file beside `path`, synced to disk; the caller renames it.

    Same folder, so the rename is atomic; the name starts with a dot, so a reload that runs
    meanwhile never reads it, and a crash leaves at worst a hidden leftover, never a
    half-written knowledge file."""
    folder, name = os.path.split(path)
    temporary = os.path.join(folder, f".{name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    try:
        with open(temporary, "xb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        discard(temporary)
        raise
    return temporary


def discard(path: str):
    try:
        os.unlink(path)
    except OSError:
        pass


def sync_folder(folder: str):
    """fsync a folder so a rename or removal in it survives a power cut."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)

"""The engine currently serving, rebuilt beside the old one and swapped whole when files change.

A request takes `live.engine` once and uses that object to the end, so it never sees a
half-built knowledge base. A rebuild whose files have new errors is refused: the last good
engine keeps answering and the errors are shown in /healthz until staff fix them.

A watcher thread polls the files' names, sizes and mtimes every RELOAD_INTERVAL seconds
(polling works on bind mounts and network volumes, where change notifications do not).
With Redis, replicas also share two keys: the version the newest reload produced, so a
replica that missed a change rebuilds and every replica can tell whether it agrees, and a
counter that POST /admin/reload bumps to make every worker of every replica rebuild.
"""

import logging
import threading
import time
import weakref

from flask import current_app

from ..engine import Engine, fingerprint, load_knowledge
from ..state import get_store, shared_redis
from . import metrics

log = logging.getLogger(__name__)
_building = threading.Lock()  # one first build per process, however many requests arrive at once

VERSION_KEY = "knowledge:version"  # the knowledge version the newest reload in the fleet produced
FORCE_KEY = "knowledge:forced"  # bumped by POST /admin/reload: every worker rebuilds
SHARED_TTL = 30 * 24 * 3600  # the store wants an expiry; a month outlives any deployment pause
# A changed file is read again after this pause: an editor or a copy still writing it would otherwise
# be caught half-written (an empty FAQ file would silently drop its answers).
SETTLE_SECONDS = 0.25
MAX_SHOWN_PROBLEMS = 20  # /healthz lists this many problems and counts the rest


class LiveKnowledge:
    """The serving engine plus what ops need to know about it: version, last reload, last error."""

    def __init__(self, kb_dir: str, store=None):
        self.kb_dir = kb_dir
        # The fleet's keys are read from Redis itself, which raises when it is down: the app's store
        # would answer them from this process's memory and make a lone replica look in sync.
        self.redis = shared_redis(store)
        self._unpublished = None  # a version built while Redis was down, published when it is back
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._fingerprint = fingerprint(kb_dir)
        started = time.monotonic()
        kb = load_knowledge(kb_dir)
        # At start there is nothing better to serve, so even a knowledge base with errors is used.
        self._engine = Engine(kb)
        self.last_reload = {"at": time.time(), "ok": True, "trigger": "start", "version": kb.version,
                            "seconds": round(time.monotonic() - started, 3)}
        self.last_error = _problems(kb.errors) if kb.errors else None
        self.last_check = time.time()
        self.shared = {"version": None, "forced": None, "error": None}
        self._report(kb, ok=True, trigger="start", seconds=self.last_reload["seconds"], previous="")
        self._read_shared()  # remember the fleet's state now, so only later changes trigger a rebuild

    @property
    def engine(self) -> Engine:
        return self._engine

    def reload(self, force: bool = False, trigger: str = "files") -> bool:
        """Rebuild beside the current engine and swap if the files changed; True if swapped."""
        with self._lock:
            current = fingerprint(self.kb_dir)
            if current == self._fingerprint and not force:
                return False
            if not force:
                time.sleep(SETTLE_SECONDS)
                if fingerprint(self.kb_dir) != current:
                    return False  # still being written: the next tick reads the finished file
            started = time.monotonic()
            try:
                kb = load_knowledge(self.kb_dir)
                engine = Engine(kb, previous=self._engine)
            except Exception as exc:  # the loader collects problems; this is a bug, and must not stop serving
                log.exception("knowledge reload crashed; the last good knowledge keeps serving")
                self._fingerprint = current
                crash = f"{self.kb_dir}: {type(exc).__name__}: {exc}"
                self._refuse([crash], trigger, time.monotonic() - started)
                return False
            seconds = time.monotonic() - started
            if fingerprint(self.kb_dir) != current:
                return False  # changed while loading: this build may mix old and new; the next tick redoes it
            self._fingerprint = current  # a refused version is not retried until the files change again
            new_errors = _new_errors(kb, self._engine.kb)
            if new_errors:
                self._refuse([str(p) for p in new_errors], trigger, seconds, version=kb.version)
                return False
            previous = self._engine.kb.version
            self._engine = engine
            self.last_reload = {"at": time.time(), "ok": True, "trigger": trigger, "version": kb.version,
                                "seconds": round(seconds, 3)}
            self.last_error = _problems(kb.errors) if kb.errors else None
            self._report(kb, ok=True, trigger=trigger, seconds=seconds, previous=previous)
            if kb.version != previous:
                self._publish(kb.version)
            return True

    def check(self) -> bool:
        """One watcher tick: reload if the files, or the fleet's shared keys, say so. True if swapped."""
        self.last_check = time.time()
        swapped = self.reload()
        seen_version, seen_forced = self.shared["version"], self.shared["forced"]
        if not self._read_shared():
            return swapped
        if self.shared["forced"] != seen_forced:
            return self.reload(force=True, trigger="admin") or swapped
        fleet = self.shared["version"]
        if fleet and fleet != seen_version and fleet != self._engine.kb.version:
            # Another replica loaded a version this one has not: its files may have changed
            # without this replica's sizes and mtimes showing it (copied with mtimes kept).
            return self.reload(force=True, trigger="fleet") or swapped
        return swapped

    def reload_everywhere(self) -> bool:
        """Rebuild here now, and tell every other worker and replica to rebuild (POST /admin/reload)."""
        if self.redis is not None:
            try:
                self.shared.update(forced=self.redis.incr(FORCE_KEY, ttl=SHARED_TTL), error=None)
            except Exception as exc:
                self._shared_failed(exc, "could not tell other replicas to reload")
        return self.reload(force=True, trigger="admin")

    def start(self, interval: float):
        """Poll every `interval` seconds in a daemon thread; 0 turns polling off."""
        if interval <= 0:
            return
        # The thread holds only a weak reference, so an app that is dropped (as in tests) stops its watcher.
        thread = threading.Thread(target=_watch, args=(weakref.ref(self), self._stop, interval),
                                  name="knowledge-watcher", daemon=True)
        thread.start()

    def stop(self):
        self._stop.set()

    def status(self) -> dict:
        """What /healthz and /readyz show about the knowledge."""
        kb = self._engine.kb
        fleet = self.shared["version"]
        return {
            "version": kb.version, "articles": len(kb.articles), "faq": len(kb.faq),
            "warnings": len(kb.problems) - len(kb.errors), "loaded_at": _iso(kb.loaded_at),
            "last_check": _iso(self.last_check),
            "last_reload": {**self.last_reload, "at": _iso(self.last_reload["at"])},
            "last_error": self.last_error and {**self.last_error, "at": _iso(self.last_error["at"])},
            "fleet_version": fleet, "in_sync": fleet is None or fleet == kb.version,
            "shared_store_error": self.shared["error"],
        }

    def _refuse(self, problems: list[str], trigger: str, seconds: float, version: str = ""):
        self.last_error = _problems(problems)
        metrics.reload_finished(False, seconds)
        metrics.knowledge_errors(self.last_error["count"])
        log.warning("knowledge not reloaded (%s); the last good knowledge keeps serving: %s", trigger,
                    "; ".join(self.last_error["problems"]),
                    extra={"event": "reload", "ok": False, "trigger": trigger, "version": version,
                           "serving_version": self._engine.kb.version, "seconds": round(seconds, 3),
                           "errors": self.last_error["problems"], "kb_dir": self.kb_dir})

    def _report(self, kb, ok: bool, trigger: str, seconds: float, previous: str):
        if trigger != "start":
            metrics.reload_finished(ok, seconds)
        metrics.knowledge_loaded(kb, kb.loaded_at)
        metrics.knowledge_errors(len(kb.errors))
        log.info("knowledge %s (%s): version %s, %d articles, %d FAQ entries, %.3f s",
                 "loaded" if trigger == "start" else "reloaded", trigger, kb.version,
                 len(kb.articles), len(kb.faq), seconds, extra={"event": "reload", "ok": ok, "trigger": trigger, "version": kb.version,
                                 "previous_version": previous, "articles": len(kb.articles),
                                 "faq": len(kb.faq), "errors": [str(p) for p in kb.errors],
                                 "seconds": round(seconds, 3), "kb_dir": self.kb_dir})

    def _read_shared(self) -> bool:
        """Fetch the fleet's keys from Redis; False (and the error kept for /healthz) when it fails."""
        if self.redis is None:
            return False
        try:
            version, forced = self.redis.get(VERSION_KEY), self.redis.get(FORCE_KEY)
        except Exception as exc:
            self._shared_failed(exc, "Redis unreachable; watching local files only")
            return False
        self.shared.update(version=version, forced=forced, error=None)
        if self._unpublished:
            self._publish(self._unpublished)
        return True

    def _publish(self, version: str):
        if self.redis is None:
            return
        try:
            self.redis.set(VERSION_KEY, version, ttl=SHARED_TTL)
        except Exception as exc:
            self._unpublished = version
            self._shared_failed(exc, f"could not publish knowledge version {version}")
            return
        self._unpublished = None
        self.shared.update(version=version, error=None)

    def _shared_failed(self, exc: Exception, what: str):
        if self.shared["error"] is None:  # once per outage, not every tick
            log.warning("%s: %s", what, exc)
        self.shared["error"] = f"{type(exc).__name__}: {exc}"


def init_app(app):
    """Register the knowledge; it is built on first use (`get_knowledge`), not by the factory."""
    app.extensions["knowledge"] = None


def get_knowledge(app=None) -> LiveKnowledge:
    """The app's LiveKnowledge, built the first time it is asked for.

    The server asks in each worker before it takes requests (`start_watching`), so followers
    never wait for the build; tests and the command line get it on first use.
    """
    app = app or current_app
    live = app.extensions["knowledge"]
    if live is None:
        with _building:
            live = app.extensions["knowledge"]
            if live is None:
                live = app.extensions["knowledge"] = LiveKnowledge(app.config["KB_DIR"], get_store(app))
    return live


def start_watching(app):
    """Build the knowledge now and poll its files every RELOAD_INTERVAL seconds (the server's job)."""
    get_knowledge(app).start(app.config["RELOAD_INTERVAL"])


def _watch(ref, stop: threading.Event, interval: float):
    while not stop.wait(interval):
        live = ref()
        if live is None:
            return
        try:
            live.check()
        except Exception:  # a watcher that dies silently would freeze the knowledge: log and go on
            log.exception("knowledge watcher tick failed")
        del live


def _new_errors(kb, serving_kb) -> list:
    """Errors the new files have that the serving knowledge did not (line numbers may have moved).

    Errors already present when the bot started do not block every later reload.
    """
    old = {(p.path, p.message) for p in serving_kb.errors}
    return [p for p in kb.errors if (p.path, p.message) not in old]


def _problems(problems) -> dict:
    """`file:line: message` texts for /healthz, the first few of them, with the total."""
    texts = [str(p) for p in problems]
    return {"at": time.time(), "count": len(texts), "problems": texts[:MAX_SHOWN_PROBLEMS]}


def _iso(t: float | None) -> str | None:
    return None if t is None else time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))

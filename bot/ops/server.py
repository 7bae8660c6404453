"""Production serving: the Flask app under gunicorn, never Flask's development server.

SIGTERM (docker stop, Kubernetes) is a graceful stop: gunicorn closes the listening socket,
each worker finishes the requests it has in flight (up to GRACEFUL_TIMEOUT seconds) and exits.
"""

import glob
import logging
import logging.config
import os
import shutil
import sys
import tempfile
import time

from gunicorn.app.base import BaseApplication
from gunicorn.workers.gthread import TConn, ThreadWorker

from . import hot_reload, logs, metrics

log = logging.getLogger(__name__)

GRACEFUL_TIMEOUT = 20  # seconds for in-flight requests after SIGTERM; WeChat gives up after 5 anyway
BODY_TIMEOUT = 2.0  # seconds a request body may stall between bytes before the thread gives up on it
YIELD_ACCEPT = 0.002  # seconds a worker with every thread busy waits before taking a new connection
METRICS_DIR_ENV = "PROMETHEUS_MULTIPROC_DIR"  # prometheus-client's own name for its file folder


class GunicornServer(BaseApplication):
    """gunicorn configured from our settings instead of a gunicorn.conf.py file."""

    def __init__(self, app_factory, options: dict):
        self.app_factory = app_factory
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            if key in self.cfg.settings:  # skip settings newer than the installed gunicorn
                self.cfg.set(key, value)

    def load(self):
        return self.app_factory()


class BotWorker(ThreadWorker):
    """gunicorn's threaded worker, with two things a webhook facing the internet needs.

    A stalled body: gunicorn waits for a request's first bytes with a timeout, but then reads the
    body with none, so a client that stops mid-upload holds a thread for good (eight of them and
    a real question waits past WeChat's 5 s). The body is read with BODY_TIMEOUT between bytes.

    A stop: on SIGTERM gunicorn stops accepting but keeps the listening socket open while it
    finishes in-flight requests, so the kernel keeps queueing new connections that are reset once
    the worker exits, after the client sent its request. This worker accepts and serves what is
    queued and closes its listening sockets at once: later connections are refused at connect
    time, which a client or proxy can retry safely."""

    def accept(self, listener):
        # Every worker's poller wakes for a new connection and the first to accept() gets it, so
        # without this one worker can end up holding every kept-alive connection while the other
        # idles. A worker whose threads are all busy lets an idle one take it first.
        if self.nr_conns - len(self.keepalived_conns) >= self.cfg.threads:
            time.sleep(YIELD_ACCEPT)
        return super().accept(listener)

    def handle_request(self, req, conn):
        conn.sock.settimeout(BODY_TIMEOUT)  # headers are in; the app reads the body under this
        return super().handle_request(req, conn)

    def set_accept_enabled(self, enabled):
        super().set_accept_enabled(enabled)
        if not enabled and not self.alive:
            self._serve_queued_and_close()

    def _serve_queued_and_close(self):
        for listener in self.sockets:
            listener.setblocking(False)
            while True:
                try:
                    client, address = listener.accept()
                except OSError:  # nothing queued (BlockingIOError), or already closed
                    break
                self.nr_conns += 1
                client.setblocking(True)
                self.enqueue_req(TConn(self.cfg, client, address, listener.getsockname()))
            listener.close()


def _post_worker_init(worker):
    """Build the knowledge and start its watcher in each worker, before it takes requests."""
    hot_reload.start_watching(worker.wsgi)


def gunicorn_options(config: dict) -> dict:
    """Workers x threads from WEB_CONCURRENCY / GUNICORN_THREADS; one worker without Redis.

    Without REDIS_URL each worker keeps retries and conversations in its own memory, so a
    WeChat retry landing on another worker would be answered twice: one worker, more threads.
    """
    workers = max(1, config["WEB_CONCURRENCY"])
    if workers > 1 and not config["REDIS_URL"]:
        log.info("REDIS_URL is not set: running 1 gunicorn worker instead of %d (WEB_CONCURRENCY) so "
                 "retries and conversations stay in one process; set REDIS_URL to use more.", workers)
        workers = 1
    return {
        "bind": f"{config['HOST']}:{config['PORT']}",
        "workers": workers,
        "threads": max(1, config["GUNICORN_THREADS"]),
        "worker_class": BotWorker,  # gthread, with body timeouts and a clean stop
        "timeout": 30,
        "graceful_timeout": GRACEFUL_TIMEOUT,
        "keepalive": 5,
        "logconfig_dict": logs.logconfig(),  # gunicorn's own lines as JSON too
        # gunicorn >= 24 opens ~/.gunicorn/gunicorn.ctl by default; replicas on one host would share it.
        "control_socket_disable": True,
    }


def serve(app_factory, config: dict):
    """Run `app_factory(config)` until SIGTERM; workers finish in-flight requests first (graceful timeout)."""
    logging.config.dictConfig(logs.logconfig())  # JSON from the first line on
    # Workers are forked from this process: make them all use the same (maybe generated) token.
    os.environ["WECHAT_TOKEN"] = config["WECHAT_TOKEN"]
    temporary = _prepare_metrics_dir()

    def on_exit(_server):
        if temporary:
            shutil.rmtree(temporary, ignore_errors=True)

    options = gunicorn_options(config)
    options.update(post_worker_init=_post_worker_init, child_exit=_child_exit, worker_exit=_worker_exit,
                   on_exit=on_exit)
    GunicornServer(lambda: app_factory(config), options).run()


def _prepare_metrics_dir() -> str | None:
    """An empty folder for the workers' metric files; returns it if made here (removed at exit).

    prometheus-client wants it wiped at every start, or old workers' counts would be added in.
    """
    path = os.environ.get(METRICS_DIR_ENV)
    made = None
    if not path:
        path = made = tempfile.mkdtemp(prefix="bot-metrics-")
    os.makedirs(path, exist_ok=True)
    for name in glob.glob(os.path.join(path, "*.db")):
        os.remove(name)
    os.environ[METRICS_DIR_ENV] = path
    if "prometheus_client.values" in sys.modules:
        log.warning("prometheus_client was imported before %s was set: /metrics shows one worker only",
                    METRICS_DIR_ENV)
    return made


def _child_exit(_server, worker):
    """A worker died or was replaced: drop its live gauges so /metrics does not show ghosts."""
    metrics.worker_exited(worker.pid)


def _worker_exit(_server, worker):
    """Stop the knowledge watcher and hand over the worker's counts before its interpreter shuts down."""
    app = getattr(worker, "wsgi", None)
    extensions = getattr(app, "extensions", {})
    live = extensions.get("knowledge")
    if live is not None:
        live.stop()
    store = extensions.get("store")
    if hasattr(store, "flush"):
        store.flush()

"""Production serving: the Flask app under gunicorn, never Flask's development server."""

import logging
import os

from gunicorn.app.base import BaseApplication

log = logging.getLogger(__name__)


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
        "worker_class": "gthread",
        "timeout": 30,
        "graceful_timeout": 20,
        "keepalive": 5,
        "accesslog": None,
        "errorlog": "-",
        # gunicorn >= 24 opens ~/.gunicorn/gunicorn.ctl by default; replicas on one host would share it.
        "control_socket_disable": True,
    }


def serve(config: dict):
    """Run until SIGTERM; workers finish in-flight requests first (graceful timeout)."""
    from .app import create_app

    # Workers are forked from this process: make them all use the same (maybe generated) token.
    os.environ["WECHAT_TOKEN"] = config["WECHAT_TOKEN"]
    GunicornServer(lambda: create_app(config), gunicorn_options(config)).run()

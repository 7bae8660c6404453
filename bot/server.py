"""Production serving: the Flask app under gunicorn, never Flask's development server."""

import os

from gunicorn.app.base import BaseApplication


class GunicornServer(BaseApplication):
    """gunicorn configured from our settings instead of a gunicorn.conf.py file."""

    def __init__(self, app_factory, options: dict):
        self.app_factory = app_factory
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return self.app_factory()


def serve(config: dict):
    """Run until SIGTERM; workers finish in-flight requests first (graceful timeout)."""
    from .app import create_app

    # Workers are forked from this process: make them all use the same (maybe generated) token.
    os.environ["WECHAT_TOKEN"] = config["WECHAT_TOKEN"]
    options = {
        "bind": f"{config['HOST']}:{config['PORT']}",
        "workers": max(1, config["WEB_CONCURRENCY"]),
        "threads": max(1, config["GUNICORN_THREADS"]),
        "worker_class": "gthread",
        "timeout": 30,
        "graceful_timeout": 20,
        "keepalive": 5,
        "accesslog": None,
        "errorlog": "-",
    }
    GunicornServer(lambda: create_app(config), options).run()

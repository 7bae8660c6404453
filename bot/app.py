"""The Flask application factory: defaults, then the environment, then the test's dict.

The factory only wires parts together (each part's `init_app`); nothing is built or started
here. The knowledge is built on first use or by the server before a worker takes requests
(bot/ops/hot_reload.py), and only the server starts the watcher that reloads it.
"""

import logging

from flask import Flask, Response
from werkzeug.exceptions import HTTPException

from . import chat, state
from .config import load_config
from .ops import health, hot_reload, logs
from .staff import page
from .web import webhook

log = logging.getLogger(__name__)


def create_app(config: dict | None = None, environ=None) -> Flask:
    """Build the app; `config` overrides the environment (tests pass a dict)."""
    app = Flask(__name__, static_folder=None)  # the only static files are the staff page's, under /admin
    app.config.update(load_config(environ, config))
    # One byte of headroom: a chunked body is cut silently at this limit, and the webhook needs to
    # see that it went over MAX_BODY_BYTES to answer 413 instead of parsing a truncated body.
    app.config["MAX_CONTENT_LENGTH"] = app.config["MAX_BODY_BYTES"] + 1
    logging.getLogger("bot").setLevel(app.config["LOG_LEVEL"])
    if app.config.get("WECHAT_TOKEN_GENERATED"):
        log.warning("WECHAT_TOKEN is not set: using a random token for this run only: %s -- fine for a "
                    "local trial; for a real Official Account set WECHAT_TOKEN to the Token entered in "
                    "the WeChat console, or WeChat's signatures will not match.", app.config["WECHAT_TOKEN"])
    state.init_app(app)
    hot_reload.init_app(app)
    chat.init_app(app)
    app.register_blueprint(webhook.bp)
    app.register_blueprint(health.bp)
    page.init_app(app)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        """Short plain text for 404/405/413...: no HTML, nothing about the server."""
        if exc.code is None or exc.code < 400:
            return exc
        logs.rejected(exc.code, exc.name)
        return Response(f"{exc.code} {exc.name}", exc.code, mimetype="text/plain")

    @app.errorhandler(Exception)
    def internal_error(exc: Exception):
        """Last resort: the trace goes to the log, never into the response."""
        log.exception("unhandled error")
        return Response("error", 500, mimetype="text/plain")

    return app

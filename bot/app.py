"""The Flask application factory: defaults, then the environment, then the test's dict."""

import logging

from flask import Flask

from .config import load_config
from .conversation import Conversation
from .live import LiveKnowledge
from .store import create_store

log = logging.getLogger(__name__)


def create_app(config: dict | None = None, environ=None) -> Flask:
    """Build the app; `config` overrides the environment (tests pass a dict)."""
    app = Flask(__name__)
    app.config.update(load_config(environ, config))
    app.config["MAX_CONTENT_LENGTH"] = app.config["MAX_BODY_BYTES"]
    if app.config.get("WECHAT_TOKEN_GENERATED"):
        log.warning("WECHAT_TOKEN is not set; using a random token for this run: %s", app.config["WECHAT_TOKEN"])
    app.extensions["store"] = create_store(app.config)
    app.extensions["knowledge"] = LiveKnowledge(app.config["KB_DIR"], app.extensions["store"])
    app.extensions["knowledge"].start(app.config["RELOAD_INTERVAL"])
    app.extensions["conversation"] = Conversation(app.extensions["store"], app.config)

    from . import health, webhook
    app.register_blueprint(webhook.bp)
    app.register_blueprint(health.bp)

    return app

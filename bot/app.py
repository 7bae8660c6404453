"""The Flask application factory: defaults, then the environment, then the test's dict."""

import logging

from flask import Flask, jsonify

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
    app.extensions["knowledge"] = LiveKnowledge(app.config["KB_DIR"])
    app.extensions["store"] = create_store(app.config)
    app.extensions["conversation"] = Conversation(app.extensions["store"], app.config)

    from . import webhook
    app.register_blueprint(webhook.bp)

    @app.get("/healthz")
    def healthz():
        kb = app.extensions["knowledge"].engine.kb
        redis = app.extensions["store"].status()  # "ok", "degraded" (answering without Redis) or "absent"
        return jsonify(status="degraded" if redis == "degraded" else "ok", redis=redis,
                       knowledge={"version": kb.version, "articles": len(kb.articles), "faq": len(kb.faq)})

    return app

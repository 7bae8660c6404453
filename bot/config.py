"""Settings from the environment, read and checked in one place.

Every module reads `app.config[...]`, never `os.environ`, so tests pass a dict.
A bad value stops start-up with a message that names the key and the value.
"""

import logging
import os
import re
import secrets
from collections.abc import Mapping

log = logging.getLogger(__name__)

DEFAULTS = {
    "WECHAT_TOKEN": "",  # empty: a random one is made at start (see load_config)
    "WECHAT_APPID": "",
    "WECHAT_AES_KEY": "",  # EncodingAESKey; set it to accept safe and compatible mode
    "WECHAT_AES_KEY_PREVIOUS": "",  # the key before a rotation, still accepted for decryption
    "WECHAT_APPSECRET": "",  # the AppSecret: `menu push` gets an access_token with it; never logged
    "WECHAT_API_BASE": "https://api.weixin.qq.com/cgi-bin/",  # WeChat's API; another only for tests or a gateway
    "REDIS_URL": "",  # empty: an in-process store, fine for one process
    "REDIS_RETRY_INTERVAL": 5.0,  # seconds between tries of a Redis that failed; answers go on meanwhile
    "TALLY_FLUSH_INTERVAL": 5.0,  # seconds a worker counts misses/hits before writing them to Redis at once
    "KB_DIR": "knowledge",
    "HOST": "0.0.0.0",
    "PORT": 8080,
    "WEB_CONCURRENCY": 2,  # gunicorn workers: one per core on a small box
    "GUNICORN_THREADS": 4,  # threads per worker: requests wait on Redis, not on CPU
    "RATE_LIMIT": 20,  # messages per follower per RATE_WINDOW seconds
    "RATE_WINDOW": 60,
    "SESSION_TTL": 300,  # seconds of silence after which a conversation is forgotten
    "RELOAD_INTERVAL": 2.0,  # seconds between checks of the knowledge files for changes
    "ADMIN_TOKEN": "",  # staff page /admin and POST /admin/reload; empty: every /admin URL is 404
    "ADMIN_LOGIN_ATTEMPTS": 5,  # wrong tokens one address may send per ADMIN_LOGIN_WINDOW before a pause
    "ADMIN_LOGIN_WINDOW": 900,  # seconds: guessing a 24-character token at 5 tries per 15 minutes is hopeless
    "TRUSTED_PROXIES": 0,  # reverse proxies in front that append the client to X-Forwarded-For; 0: ignore it
    "STAFF_OPENIDS": "",  # comma-separated openids allowed to use "#debug 问题"
    "MAX_BODY_BYTES": 64 * 1024,  # WeChat messages are a few KiB; anything larger is hostile
    "MAX_REQUEST_AGE": 300,  # seconds a signed request's timestamp may be off our clock; 0: no check
    "LOG_LEVEL": "INFO",
    # Importing an article by URL (/admin, `python -m bot import`): hosts on loopback or private
    # networks are refused unless named here, comma-separated, as host or host:port.
    "IMPORT_ALLOWED_HOSTS": "",
    "FETCH_TIMEOUT": 10.0,  # seconds a URL import may take in all, redirects included (not the DNS lookup)
    "MAX_UPLOAD_BYTES": 10 * 1024 * 1024,  # largest uploaded or fetched document; a .docx of text is far less
}

INT_KEYS = {"PORT", "WEB_CONCURRENCY", "GUNICORN_THREADS", "RATE_LIMIT", "RATE_WINDOW", "SESSION_TTL",
            "MAX_BODY_BYTES", "MAX_REQUEST_AGE", "ADMIN_LOGIN_ATTEMPTS", "ADMIN_LOGIN_WINDOW", "TRUSTED_PROXIES",
            "MAX_UPLOAD_BYTES"}
FLOAT_KEYS = {"RELOAD_INTERVAL", "REDIS_RETRY_INTERVAL", "TALLY_FLUSH_INTERVAL", "FETCH_TIMEOUT"}
AES_KEY_PATTERN = re.compile(r"[A-Za-z0-9]{43}")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
REDIS_SCHEMES = ("redis://", "rediss://", "unix://")  # rediss: TLS


class ConfigError(ValueError):
    """A setting has a value the bot cannot run with."""


def load_config(environ: Mapping[str, str] | None = None, overrides: Mapping | None = None) -> dict:
    """Defaults, then the environment, then `overrides`; checked and typed."""
    environ = os.environ if environ is None else environ
    config = dict(DEFAULTS)
    for key in DEFAULTS:
        if environ.get(key, "") != "":
            config[key] = environ[key]
    config.update(overrides or {})
    for key in INT_KEYS:
        config[key] = _number(key, config[key], int)
    for key in FLOAT_KEYS:
        config[key] = _number(key, config[key], float)
    for key in ("WECHAT_AES_KEY", "WECHAT_AES_KEY_PREVIOUS"):
        value = config[key] or ""
        if value and not AES_KEY_PATTERN.fullmatch(value):
            raise ConfigError(f"{key} must be 43 letters and digits (the EncodingAESKey from the WeChat "
                              f"console), got {len(value)} characters")
    if not 0 <= config["PORT"] <= 65535:
        raise ConfigError(f"PORT must be between 0 and 65535, got {config['PORT']}")
    if not config["FETCH_TIMEOUT"] > 0:
        raise ConfigError(f"FETCH_TIMEOUT must be more than 0 seconds, got {config['FETCH_TIMEOUT']!r}")
    url = str(config["REDIS_URL"] or "")
    if url and not url.startswith(REDIS_SCHEMES):
        raise ConfigError(f"REDIS_URL must start with {', '.join(REDIS_SCHEMES)} "
                          f"(for example redis://localhost:6379/0), got {url!r}")
    api_base = str(config["WECHAT_API_BASE"])
    if not api_base.startswith(("https://", "http://")):
        raise ConfigError(f"WECHAT_API_BASE must start with https:// (default {DEFAULTS['WECHAT_API_BASE']}), "
                          f"got {api_base!r}")
    config["WECHAT_API_BASE"] = api_base.rstrip("/") + "/"  # wechatpy appends "menu/create" to it
    config["LOG_LEVEL"] = str(config["LOG_LEVEL"]).upper()
    if config["LOG_LEVEL"] not in LOG_LEVELS:
        raise ConfigError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, got {config['LOG_LEVEL']!r}")
    if config["WECHAT_AES_KEY"] and not config["WECHAT_APPID"]:
        raise ConfigError("WECHAT_APPID must be set when WECHAT_AES_KEY is set: safe mode checks the AppId")
    if not config["WECHAT_TOKEN"]:
        # Never a well-known default: a forgotten setting must not be a hole.
        config["WECHAT_TOKEN"] = secrets.token_urlsafe(16)
        config["WECHAT_TOKEN_GENERATED"] = True
    if isinstance(config["STAFF_OPENIDS"], str):
        config["STAFF_OPENIDS"] = {s.strip() for s in config["STAFF_OPENIDS"].split(",") if s.strip()}
    config["IMPORT_ALLOWED_HOSTS"] = allowed_hosts(config["IMPORT_ALLOWED_HOSTS"])
    config["KB_DIR"] = str(config["KB_DIR"])
    return config


def allowed_hosts(value) -> frozenset[str]:
    """IMPORT_ALLOWED_HOSTS as lower-case `host` and `host:port` entries (a string or a collection)."""
    items = value.split(",") if isinstance(value, str) else value
    return frozenset(str(item).strip().lower() for item in items if str(item).strip())


def _number(key, value, kind):
    try:
        number = kind(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{key} must be a number, got {value!r}") from None
    if number < 0:
        raise ConfigError(f"{key} must not be negative, got {value!r}")
    return number

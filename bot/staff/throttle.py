"""Login throttling for /admin: a few wrong tokens from one address, then a pause.

ADMIN_TOKEN is the only thing between the internet and the knowledge files once the page can
write them, so guessing it must be slow. Wrong tokens are counted per client address in the
store (Redis with several replicas, so the count is the fleet's, not one worker's): after
ADMIN_LOGIN_ATTEMPTS of them within ADMIN_LOGIN_WINDOW seconds, that address is refused, even
with the right token, until the window that began with its first wrong token ends. Other
addresses are unaffected, and a staff member already logged in keeps working.

The address is `request.remote_addr`. Behind a reverse proxy every request comes from the
proxy, so TRUSTED_PROXIES says how many proxies put the client in X-Forwarded-For (werkzeug's
ProxyFix reads it then); by default the header is ignored, or an attacker could send a new
address with every guess.
"""

import time

from flask import current_app, request
from werkzeug.middleware.proxy_fix import ProxyFix

from ..state import get_store

KEY = "admin:login-failures:{address}"  # wrong tokens from one address in the current window
SINCE_KEY = "admin:login-failures-since:{address}"  # when that window began (its first wrong token)


def init_app(app):
    """Read the client's address from X-Forwarded-For only through as many proxies as are trusted."""
    proxies = app.config.get("TRUSTED_PROXIES", 0)
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies)


def client_address() -> str:
    return request.remote_addr or "unknown"


def retry_at(address: str | None = None) -> float | None:
    """When this address may try again (a Unix time), or None while it is not blocked."""
    address = address or client_address()
    store, config = get_store(), current_app.config
    failures = store.get(KEY.format(address=address)) or 0
    if failures < config["ADMIN_LOGIN_ATTEMPTS"]:
        return None
    since = store.get(SINCE_KEY.format(address=address)) or time.time()
    return since + config["ADMIN_LOGIN_WINDOW"]


def failed(address: str | None = None) -> int:
    """Count one wrong token from this address; how many it has sent in the current window."""
    address = address or client_address()
    store, window = get_store(), current_app.config["ADMIN_LOGIN_WINDOW"]
    count = store.incr(KEY.format(address=address), window)
    if count == 1:  # the window's expiry was set by this first increment: remember when that was
        store.set(SINCE_KEY.format(address=address), time.time(), window)
    return count

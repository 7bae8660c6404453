"""/admin: staff's preview page — ask as a follower would, see why, see what is missing and used.

ADMIN_TOKEN turns it on; without it every /admin URL is a plain 404 that reveals nothing.
Staff log in once with the token (a form) and get a signed session cookie: HttpOnly, so no
script reads it, SameSite=Strict, so no other site's page can send it along, and signed with
a key derived from the token, so every replica accepts it without another setting and a new
token logs everyone out. Scripts send `Authorization: Bearer <ADMIN_TOKEN>` instead.

The page is read-only (the knowledge files stay the source of truth): the question box is a
GET, and the only POSTs are logging in and out. They need no CSRF token: logging in asks for
the token itself, and a forged logout (a cross-site POST carries no Strict cookie) does no harm.
"""

import hashlib
import hmac
from datetime import timedelta

from flask import Blueprint, abort, current_app, jsonify, redirect, render_template, request, session, url_for
from flask.sessions import SecureCookieSessionInterface

from ..ops import logs
from ..ops.hot_reload import get_knowledge
from ..state import get_store
from . import panels

bp = Blueprint("admin", __name__, template_folder="templates", static_folder="static",
               static_url_path="/admin/static")

SESSION_HOURS = 12  # a staff member's working day; then the token is asked again
# No scripts, nothing from other sites, never inside another site's frame.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
                               "frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


class AdminSession(SecureCookieSessionInterface):
    """Flask's signed cookie session, marked Secure whenever the browser came over HTTPS.

    Locally (http://127.0.0.1) a Secure cookie would never come back; behind the HTTPS proxy
    it must not travel over plain HTTP.
    """

    def get_cookie_secure(self, app) -> bool:
        return request.is_secure or request.headers.get("X-Forwarded-Proto", "") == "https"


def init_app(app):
    """Derive the session key from ADMIN_TOKEN and mount the page (404 everywhere when it is empty)."""
    token = app.config.get("ADMIN_TOKEN") or ""
    if token:
        app.secret_key = hmac.new(token.encode(), b"bot admin session", hashlib.sha256).hexdigest()
    app.session_interface = AdminSession()
    app.config.update(SESSION_COOKIE_NAME="bot_admin", SESSION_COOKIE_PATH="/admin",
                      SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Strict",
                      PERMANENT_SESSION_LIFETIME=timedelta(hours=SESSION_HOURS))
    app.register_blueprint(bp)


@bp.before_request
def enabled():
    if not current_app.config.get("ADMIN_TOKEN"):
        abort(404)  # no token configured: the page does not exist


@bp.after_request
def secure(response):
    response.headers.update(SECURITY_HEADERS)
    return response


def bearer_ok(token: str) -> bool:
    """True when the request carries `Authorization: Bearer <token>` (compared in constant time)."""
    sent = request.headers.get("Authorization", "")
    return bool(token) and hmac.compare_digest(sent.encode(), f"Bearer {token}".encode())


def logged_in() -> bool:
    return bearer_ok(current_app.config["ADMIN_TOKEN"]) or session.get("admin") is True


def login_page(error: str = "") -> tuple[str, int, dict]:
    """401 with the login form and nothing else: no counts, no questions, no file names."""
    return render_template("admin_login.html", error=error), 401, {"WWW-Authenticate": 'Bearer realm="admin"'}


@bp.get("/admin")
def page():
    """The preview page; `?q=问题` previews the answer a follower would get."""
    if not logged_in():
        return login_page()
    live = get_knowledge()
    engine = live.engine  # taken once: a reload during the request cannot mix two versions
    question = request.args.get("q", "").strip()
    answer = panels.preview(question, engine) if question else None
    return render_template("admin.html", question=question, answer=answer, status=panels.knowledge_status(live),
                           usage=panels.usage_tables(get_store(), engine.kb),
                           top=panels.TOP_MISSES)


@bp.post("/admin/login")
def login():
    token = current_app.config["ADMIN_TOKEN"]
    sent = request.form.get("token", "").strip()
    if not hmac.compare_digest(sent.encode(), token.encode()):
        logs.rejected(401, "admin login with a wrong token")
        return login_page("口令不对，请重新输入。")
    session.clear()
    session["admin"] = True
    session.permanent = True  # expires after SESSION_HOURS even if the browser stays open
    return redirect(url_for("admin.page"), 303)


@bp.post("/admin/logout")
def logout():
    session.clear()
    return redirect(url_for("admin.page"), 303)


@bp.post("/admin/reload")
def admin_reload():
    """Rebuild the knowledge now, in every worker and replica; 422 if the files have errors."""
    token = current_app.config.get("ADMIN_TOKEN") or ""
    if not token:
        abort(404)  # no token configured: the endpoint does not exist
    if not bearer_ok(token):
        return jsonify(error="a valid 'Authorization: Bearer <ADMIN_TOKEN>' header is required"), 401, {
            "WWW-Authenticate": 'Bearer realm="admin"'}
    live = get_knowledge()
    swapped = live.reload_everywhere()  # forced: it only fails to swap when the new files are refused
    return jsonify(reloaded=swapped, knowledge=live.status()), 200 if swapped else 422

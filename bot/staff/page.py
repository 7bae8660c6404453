"""/admin: staff's page — ask as a follower would, see why, see what is missing, and edit.

ADMIN_TOKEN turns it on; without it every /admin URL is a plain 404 that reveals nothing.
Staff log in once with the token (a form) and get a signed session cookie: HttpOnly, so no
script reads it, SameSite=Strict, so no other site's page can send it along, and signed with
a key derived from the token, so every replica accepts it without another setting and a new
token logs everyone out. Scripts send `Authorization: Bearer <ADMIN_TOKEN>` instead.

The page writes the knowledge files (new articles, FAQ entries, test questions, undo: the
nested blueprints in articles.py, faqs.py, questions.py and changes.py), so it is guarded beyond
the cookie: every POST form carries a CSRF token kept in the session (csrf.py; the login form
gets one before login), wrong tokens are throttled per address in the store (throttle.py), and
forms and uploads have their own size limit (MAX_UPLOAD_BYTES; the webhook keeps MAX_BODY_BYTES).
A script with the Bearer header needs no CSRF token: a browser never adds that header to another
site's request by itself. The question box stays a GET; the files stay the source of truth, and
every write is checked first and goes through bot/staff/writer.py (which keeps the old version).
"""

import hashlib
import hmac
from datetime import timedelta

from flask import Blueprint, abort, current_app, jsonify, redirect, render_template, request, session, url_for
from flask.sessions import SecureCookieSessionInterface

from ..ops import logs
from ..ops.hot_reload import get_knowledge
from ..state import get_store
from . import articles, changes, csrf, faqs, panels, questions, throttle
from .access import bearer_ok, logged_in, login_page, message_page, too_many_tries

bp = Blueprint("admin", __name__, template_folder="templates", static_folder="static",
               static_url_path="/admin/static")

for part in (articles, faqs, questions, changes):
    bp.register_blueprint(part.bp)  # nested: this blueprint's guard, headers and error pages cover them

SESSION_HOURS = 12  # a staff member's working day; then the token is asked again
MAX_NAME_CHARS = 20  # the optional name at login, shown in the change log
BEARER_ONLY = {"admin.admin_reload"}  # POSTs that ignore the session cookie, so need no CSRF token
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
    app.jinja_env.globals["csrf_field"] = csrf.field
    throttle.init_app(app)
    app.register_blueprint(bp)


@bp.before_request
def enabled():
    if not current_app.config.get("ADMIN_TOKEN"):
        abort(404)  # no token configured: the page does not exist


@bp.before_request
def guard():
    """Before every /admin view: the upload limit, throttled tokens, the CSRF token on forms, the login.

    A request with an Authorization header is a try of the token like a login: from a blocked
    address it is refused, and a wrong one counts. The editing pages (the nested blueprints)
    need a login; the main page and the login form decide for themselves.
    """
    limit = current_app.config["MAX_UPLOAD_BYTES"]
    request.max_content_length = request.max_form_memory_size = limit  # the webhook keeps MAX_BODY_BYTES
    if "Authorization" in request.headers:
        until = throttle.retry_at()
        if until:
            logs.rejected(429, "admin token tried from an address with too many wrong tokens",
                          address=throttle.client_address())
            return too_many_tries(until)
        if bearer_ok(current_app.config["ADMIN_TOKEN"]):
            return None  # a script: no cookie is involved, so no CSRF token either
        throttle.failed()
        logs.rejected(401, "admin request with a wrong bearer token", address=throttle.client_address())
    if request.method == "POST" and request.endpoint not in BEARER_ONLY and not csrf.valid():
        logs.rejected(403, "admin form without a valid CSRF token", address=throttle.client_address(),
                      endpoint=request.endpoint)
        return message_page("这个表单已失效（缺少或不符合安全校验码），没有做任何修改。"
                            "请回到页面、刷新后重新提交；如果已经退出，请重新登录。", 403)
    if request.blueprint != bp.name and not logged_in():
        return login_page()
    return None


@bp.after_request
def secure(response):
    response.headers.update(SECURITY_HEADERS)
    return response


@bp.errorhandler(413)
def too_large(_exc):
    """An upload or form over MAX_UPLOAD_BYTES: said in Chinese, logged, nothing read or written."""
    limit = current_app.config["MAX_UPLOAD_BYTES"]
    logs.rejected(413, "admin upload over MAX_UPLOAD_BYTES", address=throttle.client_address(),
                  content_length=request.content_length)
    return message_page(f"上传的内容太大（超过 {limit / 1024 / 1024:.0f} MB），没有保存。请只上传文章本身："
                        "Word 文件可以先删去图片，或者把正文复制粘贴到文本框里。", 413)


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
    until = throttle.retry_at()
    if until:
        logs.rejected(429, "admin login from an address with too many wrong tokens", address=throttle.client_address())
        return too_many_tries(until)
    token = current_app.config["ADMIN_TOKEN"]
    sent = request.form.get("token", "").strip()
    if not hmac.compare_digest(sent.encode(), token.encode()):
        failures = throttle.failed()
        logs.rejected(401, "admin login with a wrong token", address=throttle.client_address(), failures=failures)
        return login_page("口令不对，请重新输入。")
    session.clear()
    session["admin"] = True
    session["who"] = " ".join(request.form.get("name", "").split())[:MAX_NAME_CHARS]
    csrf.renew()
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

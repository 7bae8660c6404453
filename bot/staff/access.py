"""Who is at the staff page: the token (typed once, or a script's Bearer header), the session,
who made a change, and the short pages that turn a request away.

Shared by the page and its editing forms, so the forms need nothing from the page itself.
"""

import hmac
import time

from flask import current_app, render_template, request, session

from . import throttle


def bearer_ok(token: str) -> bool:
    """True when the request carries `Authorization: Bearer <token>` (compared in constant time)."""
    sent = request.headers.get("Authorization", "")
    return bool(token) and hmac.compare_digest(sent.encode(), f"Bearer {token}".encode())


def logged_in() -> bool:
    return bearer_ok(current_app.config["ADMIN_TOKEN"]) or session.get("admin") is True


def who() -> str:
    """Who is making a change, for the change log: the name given at login, and the address."""
    name = session.get("who") or ("脚本" if bearer_ok(current_app.config["ADMIN_TOKEN"]) else "未署名")
    return f"{name}（{throttle.client_address()}）"


def login_page(error: str = "") -> tuple[str, int, dict]:
    """401 with the login form and nothing else: no counts, no questions, no file names."""
    return render_template("admin_login.html", error=error), 401, {"WWW-Authenticate": 'Bearer realm="admin"'}


def message_page(text: str, status: int, headers: dict | None = None):
    """A short Chinese page for a refused request, with a way back."""
    return render_template("admin_message.html", message=text, status=status), status, headers or {}


def too_many_tries(until: float):
    """429 with when to try again (also as Retry-After, for scripts)."""
    wait = max(1, int(until - time.time() + 0.999))
    at = time.strftime("%H:%M:%S", time.localtime(until))
    return message_page(f"口令输错的次数太多，这个网络地址暂时不能登录。请在 {at} 之后（约 {(wait + 59) // 60} 分钟后）再试；"
                        "如果忘了口令，请找技术人员查看服务器设置里的 ADMIN_TOKEN。", 429,
                        {"Retry-After": str(wait)})

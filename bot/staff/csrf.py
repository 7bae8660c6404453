"""The staff page's CSRF token: one random value per browser session, in every POST form.

The session cookie is SameSite=Strict already, but the page now writes knowledge files, so a
second lock is worth having: a browser that does not honour SameSite, or a page on a sibling
subdomain, must still be unable to submit a form in a staff member's name. The token lives in
the signed session cookie (so every replica can check it) and in a hidden field of each form;
a POST whose field does not match is refused before the view runs.
"""

import hmac
import secrets

from flask import request, session
from markupsafe import Markup

SESSION_KEY = "csrf"
FIELD = "csrf_token"  # the hidden field's name in every form (templates: {{ csrf_field() }})
TOKEN_BYTES = 32  # 256 bits: never guessed, even over millions of requests


def token() -> str:
    """This session's token, made on first use (the login form gets one before anyone logs in)."""
    value = session.get(SESSION_KEY)
    if not isinstance(value, str) or not value:
        value = secrets.token_urlsafe(TOKEN_BYTES)
        session[SESSION_KEY] = value
    return value


def field() -> Markup:
    """The hidden field every POST form of the page carries ({{ csrf_field() }} in a template)."""
    return Markup('<input type="hidden" name="{}" value="{}">').format(FIELD, token())


def renew() -> str:
    """A fresh token after logging in: one seen before the login is not the one that writes files."""
    session[SESSION_KEY] = secrets.token_urlsafe(TOKEN_BYTES)
    return session[SESSION_KEY]


def valid() -> bool:
    """True when the POSTed field equals the session's token (compared in constant time).

    A session without a token never matches, not even an empty field: a forged form has neither.
    """
    expected = session.get(SESSION_KEY)
    sent = request.form.get(FIELD, "")
    return isinstance(expected, str) and bool(expected) and hmac.compare_digest(sent.encode(), expected.encode())

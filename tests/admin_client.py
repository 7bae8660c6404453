"""A staff member's browser, for tests that drive /admin through Flask's test client.

Every POST form on the page carries the session's CSRF token in a hidden field, so a test does
what the browser does: open a page, read the field, send it back with the form.
"""

import html
import re

FIELD = re.compile(r'<input type="hidden" name="csrf_token" value="([^"]+)">')


def csrf_token(client, path: str = "/admin") -> str:
    """The token the page at `path` puts in its forms (the login form has one too)."""
    response = client.get(path)
    match = FIELD.search(response.get_data(as_text=True))
    assert match, f"no CSRF field on {path} ({response.status_code})"
    return html.unescape(match.group(1))


def submit(client, path: str, data: dict | None = None, **kw):
    """POST a form as the browser does, with the CSRF token of the page the form is on."""
    return client.post(path, data={**(data or {}), "csrf_token": csrf_token(client)}, **kw)


def log_in(client, token: str, name: str = ""):
    """Log in through the form; the response (303 on success)."""
    return submit(client, "/admin/login", {"token": token, "name": name})


def form_fields(page: str, form_id: str) -> dict:
    """The fields a form on `page` would send as it stands (inputs and textareas), unescaped."""
    match = re.search(rf'<form [^>]*id="{form_id}"[^>]*>(.*?)</form>', page, re.S)
    assert match, f"no form #{form_id} on the page"
    body = match.group(1)
    fields = {}
    for tag in re.findall(r"<input [^>]*>", body):
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        if name and 'type="file"' not in tag:
            fields[name.group(1)] = html.unescape(value.group(1)) if value else ""
    for name, value in re.findall(r'<textarea [^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', body, re.S):
        fields[name] = html.unescape(value)
    return fields

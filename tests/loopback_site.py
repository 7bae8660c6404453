"""A real web site on loopback for import tests: pages, documents, redirects and hostile servers.

    with Site({"/a.html": page("<html>…</html>"), "/old": redirect("/a.html")}) as site:
        draft_from_url(site.url("/old"), {"IMPORT_ALLOWED_HOSTS": site.host, ...})

Each route is a function given the request handler; `site.requests` lists the paths asked for,
so a test can tell that a refused URL was never fetched. Servers that stream forever or trickle
stop by themselves when the site closes (or after a bounded time), so no thread outlives a test.
"""

import http.server
import threading
import time

from served import LOOPBACK

MAX_STREAM_SECONDS = 30  # a hostile route gives up by itself after this, whatever the client does
# A news page as association sites make them: menu, title, date in the page's metadata, body, share
# buttons and a footer. Invented, like every name in it.
ANNUAL_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>协会召开2024年年会_新闻动态_某市建筑协会</title>
<meta property="article:published_time" content="2024-05-01"></head><body>
<div class="nav"><a href="/">首页</a> | <a href="/news/">新闻动态</a> | <a href="/about/">关于我们</a></div>
<div class="article"><h1>协会召开2024年年会</h1>
<p>5月1日，某市建筑协会2024年年会在重庆召开。会长张三主持会议，秘书长李四作工作报告。</p>
<p>会议审议通过了《协会章程修正案》。来自全市的120家会员单位代表参加了会议。</p>
<p>会议选举赵立新为协会副会长。与会代表围绕绿色建筑发展进行了交流。</p></div>
<div class="share">分享到：微信 微博</div>
<div class="footer">版权所有 某市建筑协会 地址：重庆市某区某路1号</div></body></html>"""


def page(body: bytes | str, content_type: str = "text/html; charset=utf-8", status: int = 200, headers=None):
    data = body.encode("utf-8") if isinstance(body, str) else body

    def route(handler):
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(data)
    return route


def redirect(location: str, status: int = 302):
    return page(b"", "text/plain", status, {"Location": location})


def lying_length(length: int):
    """Says Content-Length: `length` and sends almost nothing."""
    def route(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", str(length))
        handler.end_headers()
        handler.wfile.write(b"<html>")
    return route


def forever(chunk: bytes = b"<p>" + "无穷无尽的文字。".encode() * 1000 + b"</p>\n"):
    """An HTML body that never ends (no Content-Length), until the client hangs up."""
    def route(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.end_headers()
        _until_closed(handler, lambda: handler.wfile.write(chunk), 0)
    return route


def trickle(every: float = 0.2):
    """Headers at once, then one byte every `every` seconds: each read is fast, the whole never ends."""
    def route(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.end_headers()
        _until_closed(handler, lambda: (handler.wfile.write(b" "), handler.wfile.flush()), every)
    return route


def silent():
    """Accepts the request and never answers."""
    def route(handler):
        handler.server.closing.wait(MAX_STREAM_SECONDS)
        handler.close_connection = True
    return route


def _until_closed(handler, send, pause: float):
    deadline = time.monotonic() + MAX_STREAM_SECONDS
    try:
        while time.monotonic() < deadline and not handler.server.closing.is_set():
            send()
            if pause:
                time.sleep(pause)
    except OSError:  # the client hung up: what the test wanted
        pass
    handler.close_connection = True


class Site:
    def __init__(self, routes: dict):
        self.routes = routes
        self.requests: list[str] = []
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                site.requests.append(self.path)
                route = site.routes.get(self.path.split("?")[0])
                (route or page("not found", "text/plain", 404))(self)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer((LOOPBACK, 0), Handler)
        self.server.daemon_threads = True
        self.server.closing = threading.Event()
        self.port = self.server.server_address[1]
        self.host = f"{LOOPBACK}:{self.port}"  # as IMPORT_ALLOWED_HOSTS names it
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://{self.host}{path}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.closing.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)

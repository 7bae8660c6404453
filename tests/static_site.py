"""A folder served over HTTP on loopback, standing for the association's web site in import tests."""

import contextlib
import functools
import http.server
import threading

from served import LOOPBACK


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass  # the test's output is for the test, not for every GET


@contextlib.contextmanager
def serve_folder(folder):
    """Serve `folder` until the block ends; yields its `host:port` (what IMPORT_ALLOWED_HOSTS names)."""
    server = http.server.ThreadingHTTPServer((LOOPBACK, 0), functools.partial(QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"{LOOPBACK}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()

"""Fetch the page or document behind a URL staff paste, without letting the URL reach inside.

The bot sits next to Redis, the other replicas and perhaps an intranet, so a URL must not be a
way to make it call them (server-side request forgery). Before each connection the host's
addresses are resolved and every one must be public, unless ops named the host in
IMPORT_ALLOWED_HOSTS; the connection then goes to the address that was checked, so a second DNS
answer cannot swap in another (DNS rebinding). Redirects are followed by hand, at most
MAX_REDIRECTS, each checked the same way. One deadline (FETCH_TIMEOUT) covers everything after
the name lookup, and reading stops past MAX_UPLOAD_BYTES.
"""

import http.client
import ipaddress
import socket
import ssl
import time
import zlib
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from ..config import DEFAULTS, allowed_hosts
from .documents import refused

MAX_REDIRECTS = 3  # a site moving to https and to a new path needs two
CHUNK = 64 * 1024  # bytes read at a time, so the size limit and the deadline are checked often
REDIRECTS = {301, 302, 303, 307, 308}
# The content types an import reads, and the reader (bot/staff/documents.py) for each.
KINDS = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "txt",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/pdf": "pdf",
}
HEADERS = {"User-Agent": "wechat-kb-bot (article import)", "Accept-Encoding": "identity",
           "Accept": "text/html,text/plain,application/pdf,"
                     "application/vnd.openxmlformats-officedocument.wordprocessingml.document;q=0.9"}
HINT = "请打开网页，复制文章文字，用“粘贴”导入。"


@dataclass
class Fetched:
    url: str  # where the document was found, after redirects
    kind: str  # "html", "txt", "docx" or "pdf"
    data: bytes
    charset: str  # from the Content-Type header; "" when the server did not say


def fetch(url: str, config: dict) -> Fetched:
    """The document at `url` (http or https), or ImportRefused saying why not."""
    timeout = float(config.get("FETCH_TIMEOUT", DEFAULTS["FETCH_TIMEOUT"]))
    deadline = time.monotonic() + timeout
    limit = int(config.get("MAX_UPLOAD_BYTES", DEFAULTS["MAX_UPLOAD_BYTES"]))
    allowed = allowed_hosts(config.get("IMPORT_ALLOWED_HOSTS", ""))
    for _ in range(MAX_REDIRECTS + 1):
        host, port, address, target, secure = _checked(url, allowed)
        connection = _Pinned.make(secure, host, port, address, _left(deadline, url))
        sock = response = None
        try:
            connection.request("GET", target, headers=HEADERS)
            sock = connection.sock  # kept: the connection lets go of it when the response will close it
            response = connection.getresponse()
            if response.status in REDIRECTS and response.getheader("Location"):
                url = urljoin(url, response.getheader("Location").strip())
                continue
            if response.status != 200:
                raise refused(f"网站回答“{response.status} {response.reason}”，没有给出文章；请检查链接，或{HINT}",
                              f"HTTP {response.status}", url)
            kind = _kind(response, url)
            data = _body(response, sock, limit, deadline, url)
            return Fetched(url, kind, data, response.headers.get_content_charset() or "")
        except TimeoutError:
            raise _too_slow(timeout, url) from None
        except (OSError, http.client.HTTPException) as exc:
            raise refused(f"连接不上这个网站，或网站的回答有误（{type(exc).__name__}）；请检查链接，或{HINT}",
                          f"fetch failed: {exc!r}", url) from None
        finally:
            for part in (response, connection, sock):
                if part is not None:
                    part.close()
    raise refused(f"这个链接跳转了 {MAX_REDIRECTS} 次以上，没有到达文章；请打开它，把最后的网址粘贴进来。",
                  "too many redirects", url)


def _checked(url: str, allowed: frozenset[str]) -> tuple[str, int, str, str, bool]:
    """(host, port, the address to connect to, path and query, https?) for a URL that may be fetched."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https"):
        raise refused("只能导入 http:// 或 https:// 开头的网址。", f"scheme {parts.scheme!r}", url)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise refused("这个网址的端口号不对；请检查链接。", "bad port", url) from None
    host = (parts.hostname or "").lower()
    if not host or parts.username is not None or any(c in url for c in "\r\n\t "):
        raise refused("这个网址不完整或带有空格、用户名；请复制浏览器地址栏里的网址。", "malformed url", url)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise refused(f"找不到网站“{host}”；请检查网址是否写对。", "name does not resolve", url) from None
    addresses = [info[4][0] for info in infos]
    if host not in allowed and f"{host}:{port}" not in allowed:
        inside = [a for a in addresses if not _public(a)]
        if inside:
            raise refused(f"这个网址指向内部网络地址（{inside[0]}），为了安全不能导入；如确实需要，"
                          f"请技术人员把 {host} 加入设置 IMPORT_ALLOWED_HOSTS。",
                          f"non-public address {inside[0]}", url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return host, port, addresses[0], target, parts.scheme == "https"


def _public(address: str) -> bool:
    """True for an address on the public internet: not loopback, private, link-local, multicast,
    reserved, unspecified, shared (100.64/10) or documentation space; IPv4 inside IPv6 counts as IPv4."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class _Pinned:
    """http.client connections that connect to an address already checked, never resolving again.

    The host name still goes in the Host header and, for https, in SNI and the certificate check."""

    @staticmethod
    def make(secure: bool, host: str, port: int, address: str, timeout: float) -> http.client.HTTPConnection:
        kind = _PinnedHTTPS if secure else _PinnedHTTP
        connection = kind(host, port, timeout=timeout)
        connection.address = address
        return connection


class _PinnedHTTP(http.client.HTTPConnection):
    address = ""

    def connect(self):
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    address = ""

    def connect(self):
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = ssl.create_default_context().wrap_socket(sock, server_hostname=self.host)


def _kind(response: http.client.HTTPResponse, url: str) -> str:
    content_type = (response.getheader("Content-Type") or "").split(";")[0].strip().lower()
    if content_type not in KINDS:
        raise refused(f"这个网址给出的不是网页、文本、Word 或 PDF（而是“{content_type or '未知类型'}”）；"
                      f"请检查链接，或{HINT}", f"content type {content_type!r}", url)
    return KINDS[content_type]


def _body(response, sock, limit: int, deadline: float, url: str) -> bytes:
    """The response body, read in chunks against the size limit and the deadline."""
    length = response.getheader("Content-Length")
    if length and length.isdigit() and int(length) > limit:
        raise _too_big(limit, url)
    encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
    if encoding not in ("identity", "gzip", "x-gzip", "deflate"):
        raise refused("网站用了读不懂的压缩方式；请复制文章文字，用“粘贴”导入。", f"content encoding {encoding}", url)
    unzip = zlib.decompressobj(16 + zlib.MAX_WBITS if "gzip" in encoding else zlib.MAX_WBITS) \
        if encoding != "identity" else None
    body = bytearray()
    while True:
        sock.settimeout(_left(deadline, url))
        chunk = response.read1(CHUNK)  # what one receive brings: a trickle cannot hold a read past the deadline
        if not chunk:
            return bytes(body)
        if unzip:  # a server that compresses anyway: unpacked no further than the limit allows
            chunk = unzip.decompress(chunk, limit + 1 - len(body))
        body += chunk
        if len(body) > limit:
            raise _too_big(limit, url)


def _too_big(limit: int, url: str):
    return refused(f"这个文件超过 {limit / 1024 / 1024:.3g} MB，太大了；一篇文章通常不到 1 MB。请复制文章文字，"
                   "用“粘贴”导入。", f"larger than {limit} bytes", url)


def _left(deadline: float, url: str) -> float:
    """Seconds left before the deadline, as the timeout of the next step; refused when none are."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise refused(f"网站太慢，超时了；请稍后再试，或{HINT}", "timed out", url)
    return left


def _too_slow(timeout: float, url: str):
    return refused(f"网站太慢，{timeout:g} 秒内没有给完文章；请稍后再试，或{HINT}", "timed out", url)

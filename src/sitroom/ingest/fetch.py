"""Fetch one URL, guarded against server-side request forgery.

Only http and https. The host is resolved once and every address it resolves
to is checked: loopback, private, link-local, multicast, reserved and
unspecified addresses are refused unless `allow_private`. The connection is
then made to the checked address itself (so a second DNS answer cannot swap
in an internal one), and every redirect is checked the same way.
"""
from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from sitroom import __version__
from sitroom.errors import InputError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MAX_REDIRECTS = 5
USER_AGENT = f"sitroom/{__version__} (+https://github.com/sitroom)"


@dataclass
class FetchResult:
    url: str  # the final URL, after redirects
    status: int
    content_type: str  # media type, lower case, without parameters
    charset: str | None
    body: bytes


def is_public_address(address: str) -> bool:
    """True for a globally routable unicast address."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
        or ip.is_reserved or ip.is_unspecified or not ip.is_global
    )


def resolve_checked(url: str, host: str, port: int, allow_private: bool) -> str:
    """The first address of `host`, after checking every address it resolves to."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise InputError(url, f"cannot resolve host {host!r} ({exc})") from None
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise InputError(url, f"host {host!r} has no address")
    if not allow_private:
        for address in addresses:
            if not is_public_address(address):
                raise InputError(url, f"refused: {host} resolves to non-public address {address}")
    return addresses[0]


def _connection(url: str, timeout: float, allow_private: bool) -> tuple[http.client.HTTPConnection, str]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise InputError(url, f"only http and https URLs are fetched, not {parts.scheme or 'no scheme'!r}")
    if not parts.hostname:
        raise InputError(url, "URL has no host")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise InputError(url, f"bad port ({exc})") from None
    address = resolve_checked(url, parts.hostname, port, allow_private)
    host = parts.hostname

    class _PinnedHTTP(http.client.HTTPConnection):
        def connect(self) -> None:
            self.sock = socket.create_connection((address, port), self.timeout)

    class _PinnedHTTPS(http.client.HTTPSConnection):
        def connect(self) -> None:
            sock = socket.create_connection((address, port), self.timeout)
            self.sock = self._context.wrap_socket(sock, server_hostname=host)

    if parts.scheme == "https":
        conn: http.client.HTTPConnection = _PinnedHTTPS(host, port, timeout=timeout, context=ssl.create_default_context())
    else:
        conn = _PinnedHTTP(host, port, timeout=timeout)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return conn, path


def fetch_url(
    url: str, *, allow_private: bool = False, timeout: float = 10, max_bytes: int = DEFAULT_MAX_BYTES,
) -> FetchResult:
    """GET `url` (following up to 5 redirects); InputError on any refusal or failure."""
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        conn, path = _connection(current, timeout, allow_private)
        try:
            conn.request("GET", path, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
            response = conn.getresponse()
            if response.status in (301, 302, 303, 307, 308):
                location = response.getheader("Location")
                if not location:
                    raise InputError(current, f"HTTP {response.status} redirect without a Location")
                current = urljoin(current, location)
                continue
            if response.status >= 400:
                raise InputError(current, f"HTTP {response.status} {response.reason}")
            declared = response.getheader("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise InputError(current, f"response too large ({int(declared)} bytes > {max_bytes})")
            chunks, size = [], 0
            while True:
                chunk = response.read(65536)
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:
                    raise InputError(current, f"response too large (over {max_bytes} bytes)")
                chunks.append(chunk)
            media_type, charset = parse_content_type(response.getheader("Content-Type") or "")
            return FetchResult(current, response.status, media_type, charset, b"".join(chunks))
        except InputError:
            raise
        except (OSError, http.client.HTTPException, ssl.SSLError) as exc:
            raise InputError(current, f"fetch failed ({type(exc).__name__}: {exc})") from None
        finally:
            conn.close()
    raise InputError(url, f"more than {MAX_REDIRECTS} redirects")


def parse_content_type(value: str) -> tuple[str, str | None]:
    media_type, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.strip().partition("=")
        if key.lower() == "charset" and val:
            charset = val.strip().strip('"').lower()
    return media_type.strip().lower(), charset

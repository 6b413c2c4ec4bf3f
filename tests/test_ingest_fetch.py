"""fetch_url: the SSRF guard refuses internal addresses by default; a local
server on 127.0.0.1 is reachable only with allow_private=True."""
from __future__ import annotations

import http.server
import threading
from pathlib import Path

import pytest

from sitroom.errors import InputError
from sitroom.ingest import read_inputs
from sitroom.ingest.fetch import fetch_url, is_public_address

FEED = (Path(__file__).parent / "fixtures" / "ingest" / "feed.rss").read_bytes()
PAGE = b"<html><head><title>Local page</title></head><body><article><p>" + (
    b"Security forces dispersed a sit-in outside the governorate building on Saturday, witnesses said. " * 3
) + b"</p></article></body></html>"


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's name
        routes = {
            "/feed.rss": (200, "application/rss+xml", FEED),
            "/page.html": (200, "text/html; charset=utf-8", PAGE),
            "/big": (200, "text/plain", b"x" * 5000),
        }
        if self.path == "/redirect-out":
            self.send_response(302)
            self.send_header("Location", "http://10.0.0.1/secret")
            self.end_headers()
            return
        status, kind, body = routes.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/", "http://localhost:8080/x", "http://10.1.2.3/", "http://169.254.169.254/latest/meta-data/",
    "http://192.168.0.1/", "http://[::1]/", "http://0.0.0.0/", "http://[::ffff:127.0.0.1]/",
])
def test_internal_addresses_are_refused_by_default(url):
    with pytest.raises(InputError, match="refused"):
        fetch_url(url, timeout=2)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://x", "/etc/passwd"])
def test_only_http_and_https(url):
    with pytest.raises(InputError, match="only http and https"):
        fetch_url(url)


def test_public_address_check():
    assert is_public_address("8.8.8.8")
    assert not is_public_address("172.16.5.4")
    assert not is_public_address("100.64.0.1")  # carrier-grade NAT is not public either


def test_local_server_needs_allow_private(server):
    with pytest.raises(InputError, match="refused"):
        fetch_url(server + "/page.html")
    result = fetch_url(server + "/page.html", allow_private=True)
    assert result.status == 200 and result.content_type == "text/html" and result.charset == "utf-8"
    assert result.body == PAGE


def test_size_limit_and_http_errors(server):
    with pytest.raises(InputError, match="too large"):
        fetch_url(server + "/big", allow_private=True, max_bytes=1000)
    with pytest.raises(InputError, match="HTTP 404"):
        fetch_url(server + "/missing", allow_private=True)


def test_redirect_to_internal_address_is_checked_again(server):
    # Allowed to reach the local server, the redirect target is still resolved and checked;
    # without allow_private the first hop is refused already.
    with pytest.raises(InputError, match="refused"):
        fetch_url(server + "/redirect-out")


def test_feed_url_is_read_entry_by_entry(server):
    errors = []
    docs = list(read_inputs([server + "/feed.rss"], on_error=errors.append, allow_private=True))
    assert errors == []
    assert [d.url for d in docs] == ["https://wire.example.org/clashes-south", "https://wire.example.org/protest-centre"]
    assert all(d.fmt == "rss" for d in docs)


def test_url_input_refused_without_allow_private(server):
    errors = []
    docs = list(read_inputs([server + "/page.html"], on_error=errors.append))
    assert docs == [] and "refused" in str(errors[0])

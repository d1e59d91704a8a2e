"""The client server over real TLS on 127.0.0.1, with the certificate `workshop tls init` made:
a client that trusts only the clinic's authority gets the app, with HSTS, hardened cookies,
gzip and cache headers; a plain-HTTP client gets nothing; the download page hands out the
authority's certificate on port + 2."""

from __future__ import annotations

import gzip
import http.client
import re
import ssl
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.servers import Server, stop_server
from support.tls import https_request, start_tls_server

pytestmark = pytest.mark.server  # HTTPS from Python: no Chromium

GZIP = {"Accept-Encoding": "gzip, deflate"}


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Path]]:
    """One TLS server for the module, over a store with a group of two, on Voila's page:
    its ~100 scripts (which the dashboard's page has too) are where the static files' rules
    matter most; the light page's three files follow the same rules
    (test_light_page_browser.py, test_tls_browser.py)."""
    from toolkit.settings.config import Config
    from toolkit.store.demo import WORKSHOP_ORDER
    from toolkit.store.store import Store

    home = tmp_path_factory.mktemp("tls") / "home"
    store = Store.open(Config.from_env({"WORKSHOP_HOME": str(home)}))
    session = store.create_session("TLS group", list(WORKSHOP_ORDER), 2)
    server, ca = start_tls_server(home, extra=("--page", "voila"))
    server.codes = [p.code for p in store.participants(session.id)]
    try:
        yield server, ca
    finally:
        stop_server(server)


_PAGES: dict[str, tuple[int, http.client.HTTPMessage, bytes]] = {}


def _page(tls: tuple[Server, Path]) -> tuple[int, http.client.HTTPMessage, bytes]:
    """The app's page, fetched once for the module (each fetch starts a kernel)."""
    server, ca = tls
    if server.url not in _PAGES:
        _PAGES[server.url] = https_request(server, ca, "GET", f"/?code={server.codes[0]}",
                                           GZIP)
    return _PAGES[server.url]


def _assets(body: bytes) -> list[str]:
    return re.findall(r'(?:src|href)="(/voila/[^"]+)"', body.decode())


def test_the_app_comes_over_https_verified_against_the_clinic_authority(tls) -> None:
    """The page opens for a client that trusts only the authority, and says HSTS."""
    status, headers, body = _page(tls)
    assert status == 200
    assert gzip.decompress(body).count(b"application/vnd.jupyter.widget-view+json")
    assert headers["Strict-Transport-Security"].startswith("max-age=")


def test_the_printed_link_is_https(tls) -> None:
    """The console gives the counselor the https address to share (and to put on cards)."""
    server, _ = tls
    assert server.log is not None
    assert f"Client app: {server.url}\n" in server.log.read_text()
    assert server.url.startswith("https://")


def test_the_service_worker_is_served_from_the_page_scope_and_revalidated(tls) -> None:
    """It lists the immutable files earlier pages fetched and no page; a 304 when unchanged."""
    server, ca = tls
    _page(tls)
    status, headers, body = https_request(server, ca, "GET", "/workshop-sw.js")
    assert status == 200 and headers["Content-Type"].startswith("text/javascript")
    assert headers["Cache-Control"] == "no-cache" and "code=" not in body.decode()
    again, _, _ = https_request(server, ca, "GET", "/workshop-sw.js",
                                {"If-None-Match": headers["Etag"]})
    assert again == 304


def test_every_cookie_is_secure_samesite_and_httponly_unless_the_page_reads_it(tls) -> None:
    """workshop_client, _xsrf and the user cookie: Secure and SameSite; HttpOnly but _xsrf."""
    _, headers, _ = _page(tls)
    cookies = headers.get_all("Set-Cookie")
    names = {c.split("=", 1)[0] for c in cookies}
    assert {"workshop_client", "_xsrf"} <= names
    for cookie in cookies:
        flags = cookie.lower()
        assert "; secure" in flags and "samesite=" in flags, cookie
        assert ("; httponly" in flags) != cookie.startswith("_xsrf="), cookie


def test_plain_http_to_the_tls_port_gets_no_page(tls) -> None:
    """A browser speaking plain HTTP to the port gets no answer at all (nothing readable)."""
    server, _ = tls
    with pytest.raises((http.client.HTTPException, ConnectionError, OSError)):
        urllib.request.urlopen(server.url.replace("https", "http", 1), timeout=20).read()


def test_a_client_that_does_not_trust_the_authority_is_refused(tls) -> None:
    """The system's usual authorities do not vouch for the clinic's certificate."""
    server, _ = tls
    with pytest.raises(urllib.error.URLError) as refused:
        urllib.request.urlopen(server.url, timeout=20,
                               context=ssl.create_default_context()).read()
    assert isinstance(refused.value.reason, ssl.SSLCertVerificationError)


def test_scripts_are_gzipped_and_hashed_ones_cached_for_good(tls) -> None:
    """voila.js (from its tagged path) is gzip-compressed and immutable; the same bytes as
    uncompressed; a template file with ?v= is immutable too."""
    server, ca = tls
    _, _, body = _page(tls)
    assets = _assets(gzip.decompress(body))
    script = next(a for a in assets if a.endswith("/voila.js"))
    assert re.fullmatch(r"/voila/static/v/[0-9a-f]+/voila\.js", script)
    status, headers, packed = https_request(server, ca, "GET", script, GZIP)
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert "immutable" in headers["Cache-Control"] and "max-age=31536000" in headers[
        "Cache-Control"]
    _, plain_headers, plain = https_request(server, ca, "GET", script)
    assert "Content-Encoding" not in plain_headers
    assert gzip.decompress(packed) == plain and len(packed) < len(plain) / 2
    # A browser that takes brotli gets it once the background copy is made, gzip until then.
    _, headers, packed = https_request(server, ca, "GET", script,
                                       {"Accept-Encoding": "gzip, br"})
    if headers["Content-Encoding"] == "br":
        import brotli

        assert brotli.decompress(packed) == plain
    else:
        assert headers["Content-Encoding"] == "gzip"
    versioned = next(a for a in assets if "?v=" in a)
    _, headers, _ = https_request(server, ca, "GET", versioned, GZIP)
    assert "immutable" in headers["Cache-Control"]


def test_files_without_a_hash_revalidate_with_an_etag(tls) -> None:
    """voila.js at its plain address: no-cache, an ETag, and a 304 with no body for it."""
    server, ca = tls
    status, headers, _ = https_request(server, ca, "GET", "/voila/static/voila.js", GZIP)
    assert status == 200 and headers["Cache-Control"] == "no-cache" and headers["Etag"]
    status, _, body = https_request(server, ca, "GET", "/voila/static/voila.js",
                                    {**GZIP, "If-None-Match": headers["Etag"]})
    assert status == 304 and body == b""


def test_an_old_tag_is_not_cached_for_good(tls) -> None:
    """A page from before an upgrade asks for an old tag: served, but revalidated."""
    server, ca = tls
    status, headers, _ = https_request(server, ca, "GET",
                                       "/voila/static/v/0123456789abcdef/voila.js", GZIP)
    assert status == 200 and headers["Cache-Control"] == "no-cache"


def test_the_download_page_hands_out_the_authority_over_plain_http(tls) -> None:
    """Port + 2: the steps in plain words, the fingerprint, the certificate; nothing else."""
    from toolkit.serve.certs import read_cert

    server, ca = tls
    port = int(server.url.rsplit(":", 1)[1].strip("/")) + 2
    page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=20).read().decode()
    assert read_cert(ca).sha256 in page and 'href="/clinic-ca.crt"' in page
    assert f"https://127.0.0.1:{port - 2}/" in page
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/clinic-ca.crt", timeout=20) as r:
        assert r.headers["Content-Type"] == "application/x-x509-ca-cert"
        assert r.read() == ca.read_bytes()
    es = urllib.request.Request(f"http://127.0.0.1:{port}/",
                                headers={"Accept-Language": "es-MX,es;q=0.9"})
    assert '<html lang="es">' in urllib.request.urlopen(es, timeout=20).read().decode()
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/voila/static/voila.js", timeout=20)
    assert refused.value.code == 404


def test_a_first_visit_is_told_to_fetch_the_scripts_earlier_pages_needed(tls) -> None:
    """Once a page has fetched its scripts, the next first visit (no cookie yet) gets them
    as preload links, so it fetches them at once rather than one after another; a returning
    browser (they are in its cache) does not."""
    server, ca = tls
    _, headers, body = _page(tls)
    script = next(a for a in _assets(gzip.decompress(body)) if a.endswith("/voila.js"))
    https_request(server, ca, "GET", script, GZIP)
    _, first, _ = https_request(server, ca, "GET", "/", GZIP)
    assert f"<{script}>; rel=preload; as=script" in first["Link"]
    cookie = next(c.split(";")[0] for c in headers.get_all("Set-Cookie")
                  if c.startswith("workshop_client="))
    _, again, _ = https_request(server, ca, "GET", "/", {**GZIP, "Cookie": cookie})
    assert again["Link"] is None

"""How answers travel, decided before anything listens: the plain-HTTP rule, the flag the
dashboard reads, cookies hardened for HTTPS, and the download page's language."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from toolkit.serve.secure import harden_cookie
from toolkit.serve.transport import (
    PLAIN_HTTP_ENV,
    Transport,
    TransportError,
    is_loopback,
    mark_plain_http,
)
from toolkit.serve.trust import page_language


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "localhost"])
def test_loopback_stays_plain(host: str) -> None:
    """This computer only: no certificate needed, nothing to warn about."""
    assert is_loopback(host) and Transport().check(host) is False


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "clinic.local"])
def test_the_network_needs_tls_or_a_deliberate_flag(host: str) -> None:
    """Refused without TLS; allowed (and reported as unencrypted) with --allow-plain-http;
    with a certificate, nothing to report."""
    with pytest.raises(TransportError, match="refusing to serve plain HTTP"):
        Transport().check(host)
    assert Transport(allow_plain_http=True).check(host) is True
    tls = Transport(certfile=Path("c.pem"), keyfile=Path("k.pem"))
    assert tls.check(host) is False and tls.scheme == "https"


def test_the_dashboard_flag_says_answers_travel_unencrypted(monkeypatch) -> None:
    """WORKSHOP_PLAIN_HTTP=1 while serving plain HTTP to the network, absent otherwise."""
    monkeypatch.delenv(PLAIN_HTTP_ENV, raising=False)
    mark_plain_http(True)
    assert os.environ[PLAIN_HTTP_ENV] == "1"
    mark_plain_http(False)
    assert PLAIN_HTTP_ENV not in os.environ


def test_cookies_over_https_are_secure_samesite_and_httponly_unless_read() -> None:
    """Flags added where missing, never twice; the page's _xsrf stays readable."""
    assert harden_cookie("a=1; Path=/", True) == "a=1; Path=/; SameSite=Lax; HttpOnly; Secure"
    assert harden_cookie("_xsrf=2; Path=/; SameSite=Strict", True) == (
        "_xsrf=2; Path=/; SameSite=Strict; Secure")
    assert harden_cookie("b=3; HttpOnly; Secure; SameSite=Strict", True) == (
        "b=3; HttpOnly; Secure; SameSite=Strict")
    assert "Secure" not in harden_cookie("c=4", False)


def test_the_download_page_speaks_the_browsers_language() -> None:
    """?lang= first, then Accept-Language, then English."""
    assert page_language("es", "en-US") == "es"
    assert page_language(None, "es-MX,es;q=0.9,en;q=0.8") == "es"
    assert page_language("xx", "fr-FR") == "en"

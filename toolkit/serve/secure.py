"""What a response says about its own safety once answers travel over TLS: HSTS, cookies
that are Secure, HttpOnly where the page does not read them, and SameSite; and the proxy rule:
only the proxy's own address may say, in X-Forwarded-Proto and X-Forwarded-For, what the
connection it passed on was."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from typing import Any

HSTS = "max-age=31536000"
"""A year: a browser that once reached the app over HTTPS never tries plain HTTP there again."""
PAGE_READS = frozenset({"_xsrf"})
"""Cookies the page's own script reads (it posts `_xsrf` back): not HttpOnly."""


def harden_cookie(cookie: str, https: bool) -> str:
    """One Set-Cookie value with SameSite, HttpOnly (unless the page reads it) and, over
    HTTPS, Secure added where missing."""
    name = cookie.split("=", 1)[0].strip()
    flags = {part.strip().split("=", 1)[0].lower() for part in cookie.split(";")[1:]}
    extra = []
    if "samesite" not in flags:
        extra.append("SameSite=Lax")
    if "httponly" not in flags and name not in PAGE_READS:
        extra.append("HttpOnly")
    if https and "secure" not in flags:
        extra.append("Secure")
    return "; ".join([cookie, *extra]) if extra else cookie


def secure_headers_transform() -> type:
    """A tornado output transform adding HSTS and hardening every cookie a response sets."""
    import tornado.web

    class SecureHeaders(tornado.web.OutputTransform):
        def __init__(self, request: Any):
            super().__init__(request)
            self._https = request.protocol == "https"
            # A browser would pin plain http://localhost (any port, any app) to HTTPS for a
            # year; addresses are never pinned (browsers ignore HSTS for them).
            self._hsts = self._https and request.host_name != "localhost"

        def transform_first_chunk(self, status_code: int, headers: Any, chunk: bytes,
                                  finishing: bool) -> tuple[int, Any, bytes]:
            if self._hsts:
                headers["Strict-Transport-Security"] = HSTS
            cookies = headers.get_list("Set-Cookie")
            if cookies:
                del headers["Set-Cookie"]
                for cookie in cookies:
                    headers.add("Set-Cookie", harden_cookie(cookie, self._https))
            return status_code, headers, chunk

    return SecureHeaders


def normalise(address: str) -> str:
    """An address as tornado reports a peer (IPv4-mapped IPv6 shown as IPv4)."""
    try:
        ip = ipaddress.ip_address(address.strip("[]"))
    except ValueError:
        return address
    mapped = getattr(ip, "ipv4_mapped", None)
    return str(mapped or ip)


def http_server(app: Any, ssl_options: Any = None, proxies: Iterable[str] = ()) -> Any:
    """Tornado's HTTPServer for `app`, which applies X-Forwarded-* only to requests that come
    straight from one of `proxies` (tornado's own `xheaders` trusts whoever sends them)."""
    from tornado.httpserver import HTTPServer, _ProxyAdapter

    trusted = frozenset(normalise(p) for p in proxies)

    class ProxyAwareServer(HTTPServer):
        def start_request(self, server_conn: Any, request_conn: Any) -> Any:
            delegate = super().start_request(server_conn, request_conn)
            address = getattr(request_conn.context, "address", None)
            if trusted and isinstance(address, tuple) and normalise(address[0]) in trusted:
                delegate = _ProxyAdapter(delegate, request_conn)
            return delegate

    return ProxyAwareServer(app, ssl_options=ssl_options, xheaders=False)

"""The Voila pieces the client server changes: its one page (with the browser's cookie),
the channel that hands a preheated kernel its request, the `_xsrf` cookie for the tab's
shutdown beacon, and quiet request logs (the kernel manager is in kernels.py)."""

from __future__ import annotations

import logging
import secrets
from typing import Any


def xsrf_cookie_transform() -> type:
    import tornado.web

    class XsrfCookie(tornado.web.OutputTransform):
        """Give every page an `_xsrf` cookie, so the tab's shutdown beacon is accepted.

        Voila's page posts `_xsrf` from the cookie when a tab closes, but its page handler
        never sets the cookie (neither for a fresh nor a preheated kernel), so the server
        refuses the beacon and the kernel lives on. A random token is a valid one: tornado
        only checks that the posted value matches the cookie.
        """

        def __init__(self, request: Any):
            super().__init__(request)
            self._needed = "_xsrf" not in request.cookies

        def transform_first_chunk(self, status_code: int, headers: Any, chunk: bytes,
                                  finishing: bool) -> tuple[int, Any, bytes]:
            if self._needed and headers.get("Content-Type", "").startswith("text/html"):
                headers.add("Set-Cookie",
                            f"_xsrf={secrets.token_hex(16)}; Path=/; SameSite=Strict")
            return status_code, headers, chunk

    return XsrfCookie


def server_classes() -> dict[str, type]:
    """The Voila pieces we change (built on demand: importing Voila takes seconds)."""
    import tornado.web
    from voila.request_info_handler import RequestInfoSocketHandler
    from voila.tornado.handler import TornadoVoilaHandler

    from toolkit.access.clientid import COOKIE, is_key, new_key
    from toolkit.serve.channels import connection_class
    from toolkit.serve.kernels import warming_kernel_manager

    class AppPage(TornadoVoilaHandler):
        """The app's one page, at the server root."""

        async def prepare(self) -> None:  # type: ignore[override]
            if not is_key(self.get_cookie(COOKIE)):  # a first visit: nothing cached yet
                from toolkit.serve.static import preload_links

                links = preload_links()
                if links:
                    self.set_header("Link", links)
            if self.settings.get("workshop_client_cookie"):
                self._ensure_client_cookie()
            await super().prepare()

        def _ensure_client_cookie(self) -> None:
            """Every browser gets a random `workshop_client` cookie; its kernel sees it."""
            if is_key(self.get_cookie(COOKIE)):
                return
            key = new_key()
            self.set_cookie(COOKIE, key, expires_days=365, httponly=True, samesite="Strict")
            # A first visit has no cookie yet. Voila hands the kernel this request's Cookie
            # header, so put the new key in there too: the first page knows its browser.
            kept = [f"{n}={m.value}" for n, m in self.request.cookies.items() if n != COOKIE]
            self.request.headers["Cookie"] = "; ".join([*kept, f"{COOKIE}={key}"])

        def should_use_rendered_notebook(self, notebook_data: Any, pool_size: int,
                                         *_: Any) -> bool:
            # Voila takes pool kernels only once the first one has started; a join before
            # that starts one more cold kernel, competing with the whole pool for the cores
            # (the ~100 s first join). Wait for a pool kernel instead. Template and theme
            # overrides are switched off, so the other arguments cannot differ.
            return pool_size > 0

        def set_cookie(self, name: str, value: str | bytes, *args: Any,  # type: ignore[override]
                       **kwargs: Any) -> None:
            """Every cookie of the page (ours, and jupyter_server's user cookie) is Secure
            over HTTPS, SameSite, and HttpOnly unless the page's script reads it."""
            from toolkit.serve.secure import PAGE_READS

            if self.request.protocol == "https":
                kwargs["secure"] = True
            kwargs.setdefault("samesite", "Lax")
            if name not in PAGE_READS:
                kwargs["httponly"] = True
            super().set_cookie(name, value, *args, **kwargs)

        def _request_summary(self) -> str:
            # Tornado logs failures with the full URI, and the URI holds the join code.
            return f"{self.request.method} {self.request.path} ({self.request.remote_ip})"

    class KernelQuery(RequestInfoSocketHandler):
        """Voila's channel that hands a preheated kernel its request: for our kernels only
        (they run on this machine), and it tells the kernel manager the kernel is warm."""

        def prepare(self) -> None:
            if self.request.remote_ip not in self.settings["workshop_local_ips"]:
                raise tornado.web.HTTPError(403)

        def open(self, kernel_id: str) -> None:  # type: ignore[override]
            super().open(kernel_id)
            kernels = self.settings["kernel_manager"]
            kernels.warmed(kernel_id)
            connection_class().warm(kernels, kernel_id)  # its page's channels, ready now

    return {"AppPage": AppPage, "KernelQuery": KernelQuery,
            "WarmingKernelManager": warming_kernel_manager(),
            "RequestInfoSocketHandler": RequestInfoSocketHandler,
            "TornadoVoilaHandler": TornadoVoilaHandler}


def log_request(handler: Any) -> None:
    """Log server errors only, by path: a query string can hold a join code."""
    if handler.get_status() >= 500:
        logging.getLogger("tornado.access").error(
            "%d %s %s", handler.get_status(), handler.request.method, handler.request.path)

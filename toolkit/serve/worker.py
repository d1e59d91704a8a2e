"""The page's service worker at <base url>workshop-sw.js: it keeps the files whose address
changes with their content (the ones earlier pages asked for, toolkit.serve.static) so that a
returning phone neither asks for them nor compiles their scripts again (V8 caches the code of
scripts a service worker stores while installing). It never keeps the page, the API, the
kernels' messages or anything a client typed.

The script names its cache after a digest of the list; when a file changes or pages need one
more, the script's bytes change, the browser installs the new worker on its next check (the
page asks once it has loaded) and the new worker drops the old cache."""

from __future__ import annotations

import hashlib
import json
from importlib.resources import files
from typing import Any

from toolkit.serve.static import REVALIDATE, kept_files

WORKER_PATH = "workshop-sw.js"
"""Its address under the base URL; its scope is the base URL (the app's page)."""
CACHE_PREFIX = "workshop-static-"
"""Every cache the worker makes starts so (the script's PREFIX); others are not its own."""
_BODY = (files("toolkit.serve") / "share" / "offline-worker.js").read_text(encoding="utf-8")


def worker_script(urls: list[str]) -> str:
    """The worker's JavaScript for these addresses (paths under the server's base URL)."""
    listed = json.dumps(urls, separators=(",", ":"))
    name = CACHE_PREFIX + hashlib.sha256(listed.encode()).hexdigest()[:16]
    return f"const CACHE = {json.dumps(name)};\nconst FILES = {listed};\n{_BODY}"


def worker_handler() -> type:
    """A tornado handler serving the worker (revalidated each time: an ETag makes it a 304)."""
    import tornado.web

    class Worker(tornado.web.RequestHandler):
        def get(self) -> None:
            self.set_header("Content-Type", "text/javascript; charset=utf-8")
            self.set_header("Cache-Control", REVALIDATE)
            self.write(worker_script(kept_files()))

        def _request_summary(self) -> str:
            return f"{self.request.method} {self.request.path}"

    return Worker


def with_worker(hook: Any) -> Any:
    """Voila's page_config_hook `hook`, and the worker's address in the page's config
    (`workshopWorker`), where the template's script finds it to register it."""

    def both(page_config: dict[str, Any], base_url: str, *args: Any, **kwargs: Any
             ) -> dict[str, Any]:
        page_config = hook(page_config, base_url, *args, **kwargs)
        page_config["workshopWorker"] = f"{base_url.rstrip('/')}/{WORKER_PATH}"
        return page_config

    return both

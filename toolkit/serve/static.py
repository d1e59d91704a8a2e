"""The page's static files, light for a phone: compressed once and kept (brotli copies made in
the background by toolkit.serve.precompress, gzip -9 until then and for browsers without
brotli), cached for good when their address changes with their content, revalidated by ETag
otherwise.

Voila's own scripts (voila.js and its ~90 chunks) carry no hash in their names, so the page is
told to load them from /voila/static/v/<tag>/, where the tag is a digest of every file there:
a new Voila is a new address. Template files carry ?v=<hash> and lab extensions a hash in the
file name; both stay as they are, now with immutable cache headers.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
from functools import cache
from pathlib import Path
from typing import Any

from toolkit.serve.precompress import digest, read_copy

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"  # keep, but ask each time (an ETag makes the answer a short 304)
VERSIONED = "/voila/static/v/"
COMPRESSIBLE = re.compile(r"\.(js|mjs|css|json|html|svg|txt|map|eot|ttf)$")
HASHED_NAME = re.compile(r"[.-][0-9a-f]{8,}\.[a-z0-9]+$")
"""A bundler's content hash in a file name: remoteEntry.5cbb9d23.js, 747.67662283a5.js."""
MIN_SIZE = 1024


@cache
def static_tag(paths: tuple[str, ...]) -> str:
    """A digest of the names, sizes and times of every file under `paths`."""
    digest = hashlib.sha256()
    for root in paths:
        for folder, _dirs, names in sorted(os.walk(root)):
            for name in sorted(names):
                st = os.stat(os.path.join(folder, name))
                digest.update(f"{folder}/{name}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


def page_config_hook(tag: str) -> Any:
    """Voila's page_config_hook: the page loads voila.js and its chunks from the tagged path."""

    def hook(page_config: dict[str, Any], base_url: str, *_: Any, **__: Any) -> dict[str, Any]:
        page_config["fullStaticUrl"] = f"{base_url.rstrip('/')}{VERSIONED}{tag}"
        return page_config

    return hook


class _Body:
    """One file's bytes, as sent and gzipped, with ETags (kept while the file is unchanged)."""

    def __init__(self, path: str, stamp: tuple[int, int]):
        self.stamp = stamp
        self.raw = Path(path).read_bytes()
        self.tag = digest(self.raw)
        self.gzipped: bytes | None = None
        self.brotli: bytes | None = None
        if len(self.raw) >= MIN_SIZE and COMPRESSIBLE.search(path):
            packed = gzip.compress(self.raw, compresslevel=9, mtime=0)
            if len(packed) < len(self.raw) * 0.9:
                self.gzipped = packed

    def encoded(self, accept: str) -> tuple[str | None, bytes, str]:
        """(Content-Encoding, body, ETag) for a browser sending `accept`."""
        if self.gzipped is None:
            return None, self.raw, f'"{self.tag}"'
        if "br" in accept:
            if self.brotli is None:
                self.brotli = read_copy(self.tag)  # made meanwhile in the background?
            if self.brotli is not None:
                return "br", self.brotli, f'"{self.tag}-br"'
        if "gzip" in accept:
            return "gzip", self.gzipped, f'"{self.tag}-gz"'
        return None, self.raw, f'"{self.tag}"'


_BODIES: dict[str, _Body] = {}


def _body(path: str) -> _Body:
    st = os.stat(path)
    stamp = (st.st_size, st.st_mtime_ns)
    body = _BODIES.get(path)
    if body is None or body.stamp != stamp:
        body = _BODIES[path] = _Body(path, stamp)
    return body


PRELOAD_LIMIT = 150
_SEEN: dict[str, str] = {}  # path -> address of each immutable script and style, in order


def remember(uri: str) -> None:
    """Note a script or style a page asked for (its address never changes its content). One
    address per file: made-up ?v= variants cannot grow the list."""
    path = uri.split("?")[0]
    if len(_SEEN) < PRELOAD_LIMIT and path.endswith((".js", ".css")):
        _SEEN.setdefault(path, uri)


def kept_files() -> list[str]:
    """The address of every immutable script and style earlier pages asked for, in order
    (what the service worker keeps, toolkit.serve.worker)."""
    return list(_SEEN.values())


def preload_links() -> str:
    """A Link header value that lets a first visit fetch at once every script and style
    earlier pages asked for one after another (each found only when the one before ran)."""
    return ", ".join(f"<{uri}>; rel=preload; as={'style' if path.endswith('.css') else 'script'}"
                     for path, uri in _SEEN.items())


class QuickStatic:
    """A mixin for a tornado StaticFileHandler: same files, same path checks; served from
    memory, gzipped when the browser takes it, with the cache headers above."""

    def immutable(self) -> bool:
        request = self.request  # type: ignore[attr-defined]
        return "v" in request.arguments or bool(HASHED_NAME.search(request.path))

    async def get(self, path: str, include_body: bool = True) -> None:
        self.path = self.parse_url_path(path)  # type: ignore[attr-defined]
        absolute = self.get_absolute_path(self.root, self.path)  # type: ignore[attr-defined]
        self.absolute_path = self.validate_absolute_path(  # type: ignore[attr-defined]
            self.root, absolute)  # type: ignore[attr-defined]
        if self.absolute_path is None:
            return
        accept = self.request.headers.get("Accept-Encoding", "")  # type: ignore[attr-defined]
        encoding, data, etag = _body(self.absolute_path).encoded(accept)
        set_header = self.set_header  # type: ignore[attr-defined]
        set_header("Content-Type", self.get_content_type())  # type: ignore[attr-defined]
        set_header("Cache-Control", IMMUTABLE if self.immutable() else REVALIDATE)
        set_header("Etag", etag)
        if self.check_etag_header():  # type: ignore[attr-defined]
            self.set_status(304)  # type: ignore[attr-defined]
            return
        if encoding:
            set_header("Content-Encoding", encoding)
        set_header("Content-Length", len(data))
        if self.immutable():
            remember(self.request.uri)  # type: ignore[attr-defined]
        if include_body:
            self.write(data)  # type: ignore[attr-defined]

    def compute_etag(self) -> str | None:
        return None  # set in get(); tornado must not hash the body again


def quick(handler: type) -> type:
    """`handler` (a StaticFileHandler) served the quick way."""
    return type(f"Quick{handler.__name__}", (QuickStatic, handler), {})


def versioned_handler(handler: type, tag: str) -> type:
    """Voila's static handler at /voila/static/v/<tag>/: immutable when the tag is this
    server's (a page from before an upgrade gets the new files, revalidated)."""

    class Versioned(QuickStatic, handler):  # type: ignore[misc, valid-type]
        async def get(self, given: str, path: str,  # type: ignore[override]
                      include_body: bool = True) -> None:
            self._current = given == tag
            await super().get(path, include_body)

        async def head(self, given: str, path: str) -> None:  # type: ignore[override]
            await self.get(given, path, include_body=False)

        def immutable(self) -> bool:
            return self._current

    return Versioned

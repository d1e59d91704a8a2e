"""Page headers and footers laid out once and reused, on every page and in every document.

A worksheet's footer (the crisis lines and the confidentiality notice) and its header are
the same text on page after page and printout after printout, yet WeasyPrint lays each one
out anew on every page: a sixth of a one-worksheet render. Inside `reusing(scope)`, a margin
box whose content (every box's kind, tag, class and text), size and position match one laid
out before under the same scope (the stylesheets) is that same laid-out box; its lines stay
shaped for drawing (fastdraw.pin). Nothing else changes: tests/render/test_marginboxes.py
compares the bytes with and without.

The cache is per thread (laid-out boxes hold Pango objects, which are not thread-safe) and
bounded; it lives in memory only, and what it holds of a printout is its margin text (the
worksheet title, join code, page numbers, crisis lines, notice). Outside `reusing`, or on a
WeasyPrint other than the one checked (CHECKED in fastdraw.py), every margin box is laid out
the stock way.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from typing import Any

from weasyprint.layout import page as page_layout

from toolkit.render import fastdraw

SIZE = 256
"""Laid-out margin boxes kept per thread (a packet's footers and headers need a few dozen)."""

_STOCK = page_layout.margin_box_content_layout
_local = threading.local()


@contextmanager
def reusing(scope: Hashable) -> Iterator[None]:
    """Reuse laid-out margin boxes among documents rendered with the same `scope` (pass the
    stylesheet objects: boxes laid out under other styles never match)."""
    outer = getattr(_local, "scope", None)
    _local.scope = scope
    try:
        yield
    finally:
        _local.scope = outer


@contextmanager
def disabled() -> Iterator[None]:
    """Every margin box laid out the stock way for the duration (what the tests compare)."""
    _local.off = True
    try:
        yield
    finally:
        _local.off = False


def clear() -> None:
    """Forget this thread's laid-out margin boxes."""
    _cache().clear()


def _cache() -> OrderedDict:
    cache = getattr(_local, "cache", None)
    if cache is None:
        cache = _local.cache = OrderedDict()
    return cache


def _margin_box_content_layout(context: Any, page: Any, box: Any) -> Any:
    scope = getattr(_local, "scope", None)
    if scope is None or getattr(_local, "off", False):
        return _STOCK(context, page, box)
    key = (scope, box.at_keyword, box.position_x, box.position_y, box.width, box.height,
           _content(box))
    cache = _cache()
    laid_out = cache.get(key)
    if laid_out is None:
        laid_out = cache[key] = _STOCK(context, page, box)
        fastdraw.pin(laid_out)
        if len(cache) > SIZE:
            cache.popitem(last=False)
    else:
        cache.move_to_end(key)
    return laid_out


def _content(box: Any) -> tuple:
    """What a margin box's layout depends on besides its size and the stylesheets."""
    return tuple(
        (type(b).__name__, b.element_tag,
         b.element.get("class") if getattr(b, "element", None) is not None else None,
         getattr(b, "text", None))
        for b in box.descendants())


if fastdraw.supported():  # on another WeasyPrint, margin boxes are laid out the stock way
    page_layout.margin_box_content_layout = _margin_box_content_layout

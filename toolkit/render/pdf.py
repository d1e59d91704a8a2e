"""WeasyPrint as every print view uses it: fetching nothing, fonts loaded once, our own HTML
parsed fast, text drawn without shaping it twice (fastdraw.py), tagged for screen readers
(tags.py), and the garbage collector out of the way while a document is laid out.
"""

from __future__ import annotations

import gc
import logging
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

import cssselect2
import weasyprint
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from toolkit.render import fastdraw, tags

# Libraries that quote the text they handle in their logs: WeasyPrint names the characters
# of an answer no font has, fontTools the glyphs kept in a subset. Client text never goes
# to a log, so only their errors are let through.
for _name in ("weasyprint", "fontTools"):
    logging.getLogger(_name).setLevel(logging.ERROR)

fastdraw.install()
tags.install()


class _NoFetch(URLFetcher):
    """Refuses every URL. Printouts hold client text: should escaping ever fail, a hostile
    `<img src>` or `url()` still reaches neither the network nor the disk."""

    def fetch(self, url: str, headers: Any = None) -> Any:
        raise ValueError(f"a printout fetches nothing (asked for {url[:40]!r})")


NO_FETCH = _NoFetch()
"""The one URL fetcher of every print view."""


@cache
def fonts() -> FontConfiguration:
    """One font configuration per process: loading it is a good part of a first render."""
    return FontConfiguration()


def css(text: str) -> weasyprint.CSS:
    """A parsed stylesheet (build it once: parsing costs more than applying it)."""
    return weasyprint.CSS(string=text, font_config=fonts(), url_fetcher=NO_FETCH)


class PrintHTML(weasyprint.HTML):
    """WeasyPrint's HTML for markup our templates write, with a given user-agent stylesheet.

    The templates write well-formed XHTML-style markup (void elements closed, client text
    escaped), which Python's expat parser reads some fifty times faster than WeasyPrint's
    pure-Python HTML5 parser: a twentieth of a render. Anything expat refuses goes to
    WeasyPrint's parser as usual, so a template slip costs speed, never the printout.
    """

    def __init__(self, html: str, ua: weasyprint.CSS | None = None):
        self._ua = ua
        try:
            root = ET.fromstring(html)
        except (ET.ParseError, ValueError):  # ValueError: a lone surrogate cannot be UTF-8
            super().__init__(string=html, url_fetcher=NO_FETCH)
            return
        # What weasyprint.HTML.__init__ sets, from the tree parsed here (no <base>: our
        # markup has none and no URLs to resolve).
        self.base_url = None
        self.url_fetcher = NO_FETCH
        self.media_type = "print"
        self.wrapper_element = cssselect2.ElementWrapper.from_html_root(
            root, content_language=None)
        self.etree_element = self.wrapper_element.etree_element

    def _ua_stylesheets(self, forms: bool = False) -> list[weasyprint.CSS]:
        return [self._ua] if self._ua is not None else super()._ua_stylesheets(forms)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while WeasyPrint works.

    A document is a few hundred thousand boxes, styles and text runs that all live until
    the PDF is written: the collector would walk them over and over (a tenth of a render,
    measured), and on each full collection the whole process too. What is garbage once the
    PDF is written goes in the next collection, one pass.
    """
    if not gc.isenabled():  # the caller, or an outer render, paused it already
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()

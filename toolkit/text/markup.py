"""The one rule for showing text safely: worksheet text as markdown without raw HTML (typed
markup is shown inert), client text cleaned of what no view can show, and HTML escaping.
Widgets, the SVG map, printouts and the dashboard all use these."""

from __future__ import annotations

import html
import re

from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": False, "linkify": False}).disable("image")


def markdown_html(text: str) -> str:
    """Render trusted-format markdown; any HTML in it is escaped, not run."""
    return _md.render(text)


def escape(text: object) -> str:
    """Plain text for HTML: every <, >, & and quote escaped."""
    return html.escape(str(text), quote=True)


_SURROGATE = re.compile("[\ud800-\udfff]")
_UNSHOWABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def clean(text: object) -> str:
    """Client text as characters every view can show and store.

    A lone UTF-16 surrogate (a browser can send one) becomes U+FFFD: nothing can encode it,
    so one would make a whole batch of saves fail, a PDF refuse to build and an export
    break. Control characters other than tab and line breaks (C0, DEL, C1) and the
    noncharacters U+FFFE and U+FFFF are dropped: they are invisible, XML refuses most of
    them, and they break spreadsheets. Everything else, emoji and right-to-left text
    included, is kept as typed; escaping for HTML or XML is the view's next step.
    """
    return _UNSHOWABLE.sub("", _SURROGATE.sub("\ufffd", str(text)))


def has_lone_surrogate(text: str) -> bool:
    """True when `clean` would have to replace something that cannot be encoded."""
    return _SURROGATE.search(text) is not None

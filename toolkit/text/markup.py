"""Worksheet text to safe HTML: markdown without raw HTML, so typed markup is shown inert."""

from __future__ import annotations

import html

from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": False, "linkify": False}).disable("image")


def markdown_html(text: str) -> str:
    """Render trusted-format markdown; any HTML in it is escaped, not run."""
    return _md.render(text)


def escape(text: object) -> str:
    """Plain text for HTML: every <, >, & and quote escaped."""
    return html.escape(str(text), quote=True)

"""The Jinja set-up every print template shares: client text is always escaped."""

from __future__ import annotations

import jinja2


def environment() -> jinja2.Environment:
    """A fresh environment over toolkit/render/templates with autoescape forced on."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("toolkit.render", "templates"),
        autoescape=True,  # select_autoescape() would miss the .j2 suffix
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )

"""Data views: a session's answers as pandas DataFrames (exports, pre/post, group counts).

Like the model, these import no widgets; the group view holds counts only.
"""

from __future__ import annotations

from .export import export_session, export_tables
from .group import group_view
from .prepost import group_change, prepost_svg, prepost_table

__all__ = [
    "export_session",
    "export_tables",
    "group_change",
    "group_view",
    "prepost_svg",
    "prepost_table",
]

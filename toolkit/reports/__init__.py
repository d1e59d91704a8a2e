"""Data views: a session's answers as pandas DataFrames (exports, pre/post, group counts).

Like the model, these import no widgets; the group view holds counts only. Imports the store
and the layers below it.
"""

from __future__ import annotations

from toolkit.reports.export import export_session, export_tables
from toolkit.reports.group import group_view
from toolkit.reports.prepost import group_change, prepost_svg, prepost_table

__all__ = [
    "export_session",
    "export_tables",
    "group_change",
    "group_view",
    "prepost_svg",
    "prepost_table",
]

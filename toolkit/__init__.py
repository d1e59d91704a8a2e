"""Workshop toolkit: declarative recovery-support worksheets served as Voila apps.

The model, loader, scoring and store import no widgets; the widget names load on first use.
"""

from __future__ import annotations

import logging
from typing import Any

from toolkit.settings.config import Config
from toolkit.store.store import Store
from toolkit.worksheet.loader import WorksheetError, load_folder, load_worksheet
from toolkit.worksheet.model import Worksheet
from toolkit.worksheet.scoring import score_worksheet

__all__ = [
    "ClientApp",
    "Config",
    "Store",
    "Worksheet",
    "WorksheetError",
    "WorksheetForm",
    "client_app",
    "load_folder",
    "load_worksheet",
    "score_worksheet",
]

# Libraries that quote the text they handle in their logs: WeasyPrint names the characters
# of an answer no font has, fontTools the glyphs kept in a subset. Client text never goes
# to a log, so only their errors are let through.
for _name in ("weasyprint", "fontTools"):
    logging.getLogger(_name).setLevel(logging.ERROR)

_WIDGETS = {"ClientApp", "WorksheetForm", "client_app"}


def __getattr__(name: str) -> Any:
    if name in _WIDGETS:
        from toolkit import widgets

        return getattr(widgets, name)
    raise AttributeError(f"module 'toolkit' has no attribute {name!r}")

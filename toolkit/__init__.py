"""Workshop toolkit: declarative recovery-support worksheets served as Voila apps.

The public face: the worksheet model and its loader, scoring, the store and the settings,
and (loaded on first use, so the model layers never import ipywidgets) the client app and
the facilitator dashboard. Everything else lives in the layer packages (see their
docstrings and tests/test_layers.py).
"""

from toolkit.settings.config import Config
from toolkit.store.store import Store
from toolkit.worksheet.loader import WorksheetError, load_folder, load_worksheet
from toolkit.worksheet.model import Worksheet
from toolkit.worksheet.scoring import score_worksheet

__all__ = [
    "ClientApp",
    "Config",
    "FacilitatorDashboard",
    "Store",
    "Worksheet",
    "WorksheetError",
    "WorksheetForm",
    "client_app",
    "dashboard",
    "load_folder",
    "load_worksheet",
    "score_worksheet",
]

_WIDGETS = frozenset({"ClientApp", "FacilitatorDashboard", "WorksheetForm", "client_app",
                      "dashboard"})


def __getattr__(name: str) -> object:
    if name in _WIDGETS:
        from toolkit import widgets

        return getattr(widgets, name)
    raise AttributeError(f"module 'toolkit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_WIDGETS})

"""The widget views (ipywidgets, anywidget) over the model: `items` (one view per item
type), `form` (a worksheet), `client` (join, consent, the client app) and `facilitator` (the
passphrase gate, the board, the print tab). Imports every layer below it; nothing imports it
but the notebooks, the public API and the CLI's notebook runs.
"""

from toolkit.widgets.client.app import ClientApp, client_app, code_from_request
from toolkit.widgets.facilitator.gate import FacilitatorDashboard, dashboard
from toolkit.widgets.form import WorksheetForm
from toolkit.widgets.items.factory import item_view

__all__ = [
    "ClientApp",
    "FacilitatorDashboard",
    "WorksheetForm",
    "client_app",
    "code_from_request",
    "dashboard",
    "item_view",
]

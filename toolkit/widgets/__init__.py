"""The widget view of the worksheet model (ipywidgets, anywidget)."""

from .app import ClientApp, client_app, code_from_request
from .form import WorksheetForm
from .items import item_view

__all__ = ["ClientApp", "WorksheetForm", "client_app", "code_from_request", "item_view"]

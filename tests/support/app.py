"""The client app driven without a browser: join past the consent notice, read the screen."""

from __future__ import annotations

import html

from toolkit.store.store import Store
from toolkit.widgets.client.app import ClientApp


def _texts(widget: object) -> list[str]:
    own = getattr(widget, "value", None) or getattr(widget, "description", None)
    out = [own] if isinstance(own, str) else []
    for child in getattr(widget, "children", ()):
        out += _texts(child)
    return out


def screen_text(app: ClientApp) -> str:
    """All the words on the current screen, as a person would read them."""
    return html.unescape(" ".join(_texts(app.screen)))


def joined(store: Store, sheets: dict, code: str, **kwargs: object) -> ClientApp:
    """An app for `code`, past the consent notice (agreed, if not already)."""
    app = ClientApp(store, sheets, code=code, scheduler=None, **kwargs)
    if app.screen_name == "consent":
        app.agree()
    assert app.screen_name == "home"
    return app

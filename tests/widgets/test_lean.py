"""Layouts and styles are sent without their empty fields, and still reach the page whole."""

from __future__ import annotations

import json

import ipywidgets as w
import pytest
from ipywidgets.widgets.widget_style import Style
from support.app import joined

from toolkit.widgets.lean import lean_states


@pytest.fixture
def lean() -> None:
    lean_states()


def _full(widget: w.Widget) -> dict:
    """The state as ipywidgets alone makes it."""
    get = type(widget).get_state
    return getattr(get, "__wrapped__", get)(widget)


def test_a_layout_is_sent_with_only_its_set_fields_and_model_names(lean: None) -> None:
    layout = w.Layout(width="100%", display="none")
    state = layout.get_state()
    assert state["width"] == "100%" and state["display"] == "none"
    assert "height" not in state and "grid_area" not in state
    assert state["_model_name"] == "LayoutModel" and state["_view_name"] == "LayoutView"
    assert len(json.dumps(state)) < 300  # was about 1 KB


def test_a_field_emptied_later_is_still_sent_as_empty(lean: None) -> None:
    layout = w.Layout(display="none")
    sent: list[dict] = []
    layout.send_state = lambda key=None: sent.append(layout.get_state(key))  # type: ignore
    layout.display = None
    assert sent == [{"display": None}]


def test_a_button_style_keeps_what_is_set(lean: None) -> None:
    button = w.Button(description="Open")
    button.style.button_color = "#005a9c"
    state = button.style.get_state()
    assert state["button_color"] == "#005a9c"
    assert state["_model_name"] == "ButtonStyleModel"
    assert "font_family" not in state and "text_color" not in state


def test_making_it_lean_twice_wraps_once(lean: None) -> None:
    first = w.Layout.get_state
    lean_states()
    assert w.Layout.get_state is first


def test_a_return_visitors_page_is_sent_far_less(setup: tuple,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The client app (as a notebook starts it) makes its kernel lean: the home screen's
    widgets, as a returning client's page asks for them all, weigh at most two thirds of what
    they did."""
    from ipywidgets.widgets.widget import _instances

    from toolkit.settings.config import Config
    from toolkit.widgets.client.app import client_app

    for cls in (w.Layout, Style):  # as a new kernel has them
        get = cls.get_state
        monkeypatch.setattr(cls, "get_state", getattr(get, "__wrapped__", get))
    store, sheets, codes = setup
    joined(store, sheets, codes[0])  # agreed to the notice on an earlier visit
    before = set(_instances)
    app = client_app(codes[0], config=Config.from_env())
    assert app.screen_name == "home"
    widgets = [x for k, x in _instances.items() if k not in before]
    lean = sum(len(json.dumps(x.get_state())) for x in widgets)
    full = sum(len(json.dumps(_full(x))) for x in widgets)
    assert lean < full * 2 / 3, (lean, full)
    for x in widgets:
        if isinstance(x, (w.Layout, Style)):
            assert all(v is not None for k, v in x.get_state().items()
                       if not k.startswith(("_model_", "_view_")))


def test_the_dashboard_is_sent_less_too(home: object, monkeypatch: pytest.MonkeyPatch) -> None:
    """The facilitator dashboard (as its notebook starts it) makes its kernel lean as well:
    its page is sent at most four fifths of what it was."""
    from ipywidgets.widgets.widget import _instances

    from toolkit.widgets.facilitator.gate import dashboard

    for cls in (w.Layout, Style):  # as a new kernel has them
        get = cls.get_state
        monkeypatch.setattr(cls, "get_state", getattr(get, "__wrapped__", get))
    before = set(_instances)
    dashboard(idle_minutes=30)
    widgets = [x for k, x in _instances.items() if k not in before]
    lean = sum(len(json.dumps(x.get_state())) for x in widgets)
    full = sum(len(json.dumps(_full(x))) for x in widgets)
    assert lean < full * 0.8, (lean, full)  # its passphrase screen: 34 KB, not 46 KB

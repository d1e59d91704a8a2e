"""Layouts and styles sent without their empty fields.

Every ipywidget has a layout, and many a style: on the client app's home screen, 41 layouts
and 25 styles of the 107 models a page is sent, and each layout's state names all its 40 CSS
fields, almost all of them empty (about 1 KB each, 40% of the 107 KB the page waits for on a
return visit). The frontend's own defaults for those fields are the same emptiness (null, or
"" for some style fields, which sets nothing either), so a full state (a new widget's, or
every widget's for a page that asks) leaves them out; a change is still sent field by field,
empty or not, so a field emptied later does reach the page.
"""

from __future__ import annotations

import functools
from typing import Any

import ipywidgets as w
from ipywidgets.widgets.widget_style import Style

KEEP = ("_model_", "_view_")
"""Fields a widget's opening message must carry, empty or not (the page finds its model's
class by them)."""


def _lean(get_state: Any) -> Any:
    @functools.wraps(get_state)
    def get(self: Any, key: Any = None, drop_defaults: bool = False) -> dict[str, Any]:
        state = get_state(self, key, drop_defaults)
        if key is not None:
            return state
        return {k: v for k, v in state.items() if v is not None or k.startswith(KEEP)}

    get.lean = True
    return get


def lean_states() -> None:
    """Make layouts and styles leave their empty fields out of full states (once per
    kernel)."""
    for cls in (w.Layout, Style):
        if not getattr(cls.get_state, "lean", False):
            cls.get_state = _lean(cls.get_state)

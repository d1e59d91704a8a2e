"""The ARIA our widgets' markup cannot carry (ipywidgets renders its own inputs and buttons):
names, groups, landmarks and focus, set in the browser from the classes the widgets declare.

Each item view marks its question `ws-question`, its help `ws-help` and its choice box
`ws-choices` (with `ws-multi` for several); the app marks its banner `ws-head` and its main
part `ws-main`. toolkit/widgets/aria.js turns those into aria-labelledby, aria-describedby,
radio groups with aria-checked and arrow keys, the banner and main landmarks, and moves the
focus to a new screen's h1."""

from __future__ import annotations

from pathlib import Path

import anywidget

HERE = Path(__file__).parent


class Aria(anywidget.AnyWidget):
    """Put one in the app; it shows nothing."""

    _esm = HERE / "aria.js"

"""The stylesheet's colour tokens keep WCAG contrast: 4.5:1 for text, 3:1 for control edges
and the focus ring (1.4.3, 1.4.11), checked from the one place they are set."""

from __future__ import annotations

import re

import pytest

from toolkit.widgets.chrome import CSS

TEXT = [("ws-ink", "ws-paper"), ("ws-muted", "ws-paper"), ("ws-paper", "ws-accent"),
        ("ws-paper", "ws-accent-hover"), ("ws-paper", "ws-success"),
        ("ws-paper", "ws-success-hover"), ("ws-warning", "ws-paper"), ("ws-danger", "ws-paper"),
        ("ws-success", "ws-paper"), ("ws-ink", "ws-control"), ("ws-ink", "ws-accent-soft"),
        ("ws-ink", "ws-success-soft"), ("ws-ink", "ws-warning-soft"),
        ("ws-warning", "ws-warning-soft")]
"""Text colour on background, as the stylesheet pairs them."""
EDGES = [("ws-line", "ws-paper"), ("ws-line", "ws-control"), ("ws-focus", "ws-paper"),
         ("ws-accent", "ws-paper")]
"""A control's edge or the focus ring against what surrounds it."""


def tokens() -> dict[str, str]:
    root = re.search(r":root\s*{(.*?)}", CSS, re.S)
    assert root, "style.css names its tokens in :root"
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", root.group(1)))


def luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize(("fg", "bg"), TEXT)
def test_text_colours_reach_4_5_to_1(fg: str, bg: str) -> None:
    """Each text colour on its background: at least 4.5:1."""
    t = tokens()
    assert contrast(t[fg], t[bg]) >= 4.5, (fg, t[fg], bg, t[bg])


@pytest.mark.parametrize(("edge", "bg"), EDGES)
def test_control_edges_and_focus_ring_reach_3_to_1(edge: str, bg: str) -> None:
    """Control borders and the focus ring against the page: at least 3:1."""
    t = tokens()
    assert contrast(t[edge], t[bg]) >= 3, (edge, t[edge], bg, t[bg])


def test_colours_are_named_once() -> None:
    """Outside the tokens, the client app's rules use var(--ws-...), not raw hex colours."""
    body = re.sub(r"/\*.*?\*/", "", re.sub(r":root\s*{.*?}", "", CSS, count=1, flags=re.S),
                  flags=re.S)
    rules = re.findall(r"([^{}]+){([^{}]*)}", body)
    raw = [sel.strip() for sel, decl in rules
           if re.search(r"#[0-9a-fA-F]{3,6}\b", decl) and "ws-facilitator" not in sel]
    assert raw == []

"""Print views: plain models rendered as HTML/CSS and then PDF (no widgets)."""

from __future__ import annotations

from .card import render_card

__all__ = ["render_card"]

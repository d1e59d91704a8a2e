"""Where the worksheets and notebooks that ship with the toolkit are.

A wheel carries copies of the repository's top-level `worksheets/` and `notebooks/` inside
the package, in `toolkit/shipped/` (pyproject.toml's wheel `sources`); a checkout has no
such folder and uses the top-level folders themselves. Everything else asks here.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
"""The installed `toolkit` package folder."""
SHIPPED = PACKAGE / "shipped"
"""Where a wheel puts its copies; never present in a checkout."""


def shipped_root() -> Path:
    """The folder holding `worksheets/` and `notebooks/`: the package's copies when installed
    from a wheel, else the checkout's top level."""
    return SHIPPED if SHIPPED.is_dir() else PACKAGE.parent


WORKSHEETS_DIR = shipped_root() / "worksheets"
"""The worksheets that come with the toolkit (a clinic's own folder: WORKSHOP_WORKSHEETS)."""
NOTEBOOKS_DIR = shipped_root() / "notebooks"
CLIENT_NOTEBOOK = NOTEBOOKS_DIR / "client.ipynb"
"""The client app that `workshop serve` and `workshop demo` run."""
FACILITATOR_NOTEBOOK = NOTEBOOKS_DIR / "facilitator.ipynb"
"""The facilitator dashboard that `workshop facilitator` runs."""

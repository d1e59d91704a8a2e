"""Where the shipped worksheets and notebooks are found (a checkout here; the wheel test
covers an installed wheel)."""

from __future__ import annotations

from pathlib import Path

from toolkit.settings import paths

ROOT = Path(__file__).resolve().parents[2]


def test_checkout_uses_the_top_level_folders() -> None:
    """In a checkout the worksheets and notebooks are the repository's own folders."""
    assert paths.WORKSHEETS_DIR == ROOT / "worksheets"
    assert paths.CLIENT_NOTEBOOK == ROOT / "notebooks" / "client.ipynb"
    assert paths.FACILITATOR_NOTEBOOK == ROOT / "notebooks" / "facilitator.ipynb"


def test_checkout_has_no_shipped_folder() -> None:
    """Only a wheel has toolkit/shipped: one in the checkout would hide the real folders."""
    assert not paths.SHIPPED.exists()


def test_shipped_files_exist() -> None:
    """The paths name files that are there."""
    assert list(paths.WORKSHEETS_DIR.glob("*.yaml"))
    assert paths.CLIENT_NOTEBOOK.is_file() and paths.FACILITATOR_NOTEBOOK.is_file()

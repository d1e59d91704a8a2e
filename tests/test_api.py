"""The public face of the package."""

from __future__ import annotations

import toolkit


def test_all_is_sorted_and_importable() -> None:
    """`toolkit.__all__` is sorted, and every name in it resolves."""
    assert toolkit.__all__ == sorted(toolkit.__all__)
    for name in toolkit.__all__:
        assert getattr(toolkit, name) is not None


def test_model_layer_imports_no_widgets() -> None:
    """Importing the model, loader, scoring and store does not import ipywidgets."""
    import subprocess
    import sys

    code = ("import sys, toolkit, toolkit.worksheet.loader, toolkit.worksheet.scoring, "
            "toolkit.store.store;"
            "print('ipywidgets' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"

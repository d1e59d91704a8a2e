"""The public face of the package."""

from __future__ import annotations

import json
import types
from pathlib import Path

import toolkit

ROOT = Path(__file__).resolve().parents[1]


def test_all_is_sorted_and_importable() -> None:
    """`toolkit.__all__` is sorted, and every name in it resolves."""
    assert toolkit.__all__ == sorted(toolkit.__all__)
    for name in toolkit.__all__:
        assert getattr(toolkit, name) is not None


def test_all_is_complete() -> None:
    """Every public name the package offers (its own and the ones loaded on first use) is in
    `__all__`, and nothing else is: the layer packages are reached by their full names."""
    offered = {name for name in dir(toolkit) if not name.startswith("_")
               and not isinstance(getattr(toolkit, name), types.ModuleType)}
    assert offered == set(toolkit.__all__)


def test_the_notebooks_import_from_the_public_face() -> None:
    """The client and facilitator notebooks use `from toolkit import ...` only."""
    for name in ("client", "facilitator"):
        cells = json.loads((ROOT / "notebooks" / f"{name}.ipynb").read_text())["cells"]
        code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        imports = [line for line in code.splitlines() if "import" in line]
        assert imports and all(line.startswith("from toolkit import ") for line in imports)


def test_model_layer_imports_no_widgets() -> None:
    """Importing the model, loader, scoring and store does not import ipywidgets."""
    import subprocess
    import sys

    code = ("import sys, toolkit, toolkit.worksheet.loader, toolkit.worksheet.scoring, "
            "toolkit.store.store;"
            "print('ipywidgets' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"

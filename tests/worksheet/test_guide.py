"""The guide for writing worksheet text lives in the product and matches worksheets/.

The product points to worksheets/WRITING.md, never to the team's notes outside the repository,
and the guide's teaching order names exactly the worksheets that ship.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from toolkit.store.demo import WORKSHOP_ORDER

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "worksheets" / "WRITING.md"
PRODUCT = ("worksheets", "toolkit", "notebooks", "benchmarks", "README.md")
OUTSIDE = re.compile(r"\.\./shared|shared/CONTENT\.md|\bCONTENT\.md|\binstruments\.md")
ORDER_HEADING = "## The exercises, in teaching order"
ORDER_ROW = re.compile(r"^\|\s*\d+\s*\|\s*`([^`]+)`\s*\|")


def _product_files() -> Iterator[Path]:
    for name in PRODUCT:
        top = ROOT / name
        files = [top] if top.is_file() else sorted(top.rglob("*"))
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts:
                yield path


def _teaching_order() -> list[str]:
    section = GUIDE.read_text(encoding="utf-8").split(ORDER_HEADING, 1)[1].split("\n## ", 1)[0]
    return [m.group(1) for line in section.splitlines() if (m := ORDER_ROW.match(line))]


def test_product_never_points_outside_the_repository():
    """No file in the product names ../shared, CONTENT.md or instruments.md."""
    found = []
    for path in _product_files():
        text = path.read_bytes().decode("utf-8", errors="ignore")
        for n, line in enumerate(text.splitlines(), 1):
            if OUTSIDE.search(line):
                found.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert found == []


def test_outside_pattern_catches_the_old_references():
    """The check catches the old paths and leaves 'a shared device' alone."""
    for text in ("Follow `../shared/CONTENT.md`", "teaching order (CONTENT.md)",
                 "see instruments.md", "../shared/STYLE.md"):
        assert OUTSIDE.search(text), text
    assert not OUTSIDE.search("the next person on a shared device; WRITING.md")


def test_product_files_are_found():
    """The scan reads the guide, the format README, the toolkit and the notebooks."""
    names = {path.relative_to(ROOT).as_posix() for path in _product_files()}
    assert {"README.md", "worksheets/README.md", "worksheets/WRITING.md",
            "toolkit/__init__.py", "notebooks/client.ipynb"} <= names


def test_teaching_order_names_existing_worksheets():
    """Every worksheet id in the guide's teaching order is a file in worksheets/."""
    order = _teaching_order()
    assert order, f"no teaching-order rows under '{ORDER_HEADING}' in {GUIDE.name}"
    missing = [wid for wid in order if not (ROOT / "worksheets" / f"{wid}.yaml").is_file()]
    assert missing == []


def test_teaching_order_lists_every_worksheet_once():
    """Every shipped worksheet appears in the guide's teaching order, exactly once."""
    order = _teaching_order()
    shipped = sorted(p.stem for p in (ROOT / "worksheets").glob("*.yaml"))
    assert sorted(order) == shipped


def test_teaching_order_is_the_demo_order():
    """The guide teaches the worksheets in the order the demo session offers them."""
    assert tuple(_teaching_order()) == WORKSHOP_ORDER


def test_readme_points_to_the_guide():
    """The format README and the project README send writers to worksheets/WRITING.md."""
    assert "(WRITING.md)" in (ROOT / "worksheets" / "README.md").read_text(encoding="utf-8")
    assert "(worksheets/WRITING.md)" in (ROOT / "README.md").read_text(encoding="utf-8")

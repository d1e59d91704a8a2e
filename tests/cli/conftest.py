"""The commands' tests read English lines: each starts with no terminal language set (English),
whatever the developer's own is; a test that wants Spanish sets it."""

from __future__ import annotations

import pytest

from toolkit.cli.language import LOCALE_VARIABLES


@pytest.fixture(autouse=True)
def _english_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)

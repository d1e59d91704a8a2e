"""What the tests need to know about where they run: in CI or not, and where pictures go."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


def unavailable(reason: str) -> None:
    """Skip on a developer machine; in CI a missing browser or server is a failure."""
    if IN_CI:
        pytest.fail(f"{reason} (required in CI)")
    pytest.skip(reason)

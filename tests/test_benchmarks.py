"""The benchmark scripts still run, for one round each. Their figures are the benchmark's to
print, never asserted here."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support.ci import unavailable

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [pytest.mark.browser, pytest.mark.server]


def test_first_worksheet_benchmark_runs_one_round() -> None:
    """`make bench`'s script, one round: it joins through the consent notice, opens the first
    worksheet, and prints both medians and their ratio."""
    if not (shutil.which("chromium") or shutil.which("chromium-browser")):
        unavailable("chromium is not installed (apt-get install chromium)")
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "first_worksheet.py"),
                           "--rounds", "1"], cwd=ROOT, capture_output=True, text=True,
                          timeout=900)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    assert "rounds: 1 (after one warm-up)" in done.stdout
    assert re.search(r"hello-world notebook, link to interactive widget: median \d+ ms",
                     done.stdout)
    assert re.search(r"client app, link to first interactive worksheet: +median \d+ ms",
                     done.stdout)
    assert re.search(r"ratio client / hello: \d+\.\d\d", done.stdout)

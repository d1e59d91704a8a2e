"""The save status line: the kernel's status, and its answer to the browser's "touched"."""

from __future__ import annotations

from typing import Any

from toolkit.widgets.savestatus import SETTLE, SaveStatus


def test_shows_the_kernel_status_in_the_language() -> None:
    """show() puts the status, as a live region, in the client's language."""
    status = SaveStatus("es", scheduler=None)
    status.show("saved")
    assert 'class="ws-status-saved"' in status.value and "Guardado" in status.value
    assert 'role="status"' in status.value
    assert status.saving == "Guardando…"
    assert status.unreached.startswith("Sin conexión: aún no se guardó.")  # said by the browser
    assert "ws-status" in status._dom_classes


def test_touched_is_answered_after_a_settling_pause() -> None:
    """A "touched" message is answered SETTLE seconds later, so held-back updates come first."""
    calls: list[tuple[float, Any]] = []
    status = SaveStatus(scheduler=lambda delay, fn: calls.append((delay, fn)))
    status._message(None, {"type": "touched", "n": 3}, None)
    assert status.answered == 0 and calls[0][0] == SETTLE
    calls[0][1]()
    assert status.answered == 3


def test_stale_or_hostile_touches_change_nothing() -> None:
    """Old numbers, non-numbers and other messages are ignored; the answer never goes back."""
    status = SaveStatus(scheduler=None)
    status._message(None, {"type": "touched", "n": 5}, None)
    for msg in ({"type": "touched", "n": 2}, {"type": "touched", "n": "9"},
                {"type": "touched", "n": True}, {"type": "other", "n": 99}, "touched"):
        status._message(None, msg, None)
    assert status.answered == 5

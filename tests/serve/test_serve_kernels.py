"""The client server's kernel manager follows kernel activity from two JSON frames."""

from __future__ import annotations

import json
from types import SimpleNamespace

from toolkit.serve.kernels import warming_kernel_manager


def _frames(msg_type: str, parent_type: str | None, content: dict | None = None) -> list[bytes]:
    parent = {"msg_type": parent_type} if parent_type else {}
    return [b"kernel", b"<IDS|MSG>", b"signature", json.dumps({"msg_type": msg_type}).encode(),
            json.dumps(parent).encode(), b"{}", json.dumps(content or {}).encode()]


def _record(kernel: SimpleNamespace, frames: list[bytes]) -> SimpleNamespace:
    untracked = (None, "status", "comm_info_request")
    manager = SimpleNamespace(last_kernel_activity=None,
                              track_message_type=lambda t: t not in untracked)
    warming_kernel_manager()._record_activity(manager, kernel, frames)
    return manager


def test_status_reply_sets_execution_state() -> None:
    """A busy status in reply to an execute request marks the kernel busy and active."""
    kernel = SimpleNamespace(execution_state="idle", last_activity=None)
    manager = _record(kernel, _frames("status", "execute_request", {"execution_state": "busy"}))
    assert kernel.execution_state == "busy"
    assert kernel.last_activity is not None
    assert manager.last_kernel_activity == kernel.last_activity


def test_untracked_message_leaves_idle_kernel_alone() -> None:
    """An untracked message from an idle kernel is no activity (culling still applies)."""
    kernel = SimpleNamespace(execution_state="idle", last_activity=None)
    _record(kernel, _frames("status", "comm_info_request", {"execution_state": "busy"}))
    assert kernel.execution_state == "idle"
    assert kernel.last_activity is None


def test_malformed_message_is_ignored() -> None:
    """Frames without the delimiter or with bad JSON are skipped, not raised."""
    kernel = SimpleNamespace(execution_state="idle", last_activity=None)
    _record(kernel, [b"no delimiter"])
    _record(kernel, [b"<IDS|MSG>", b"sig", b"not json", b"{}", b"{}", b"{}"])
    assert kernel.last_activity is None

"""The demo group session: made once, reused on every `workshop demo`."""

from __future__ import annotations

from toolkit.settings.config import Config
from toolkit.store.store import Participant, Session, Store

DEMO_NAME = "Demo group"
WORKSHOP_ORDER = (
    "safe-relationships", "my-support-map", "opening-up", "leap-of-faith", "meetings-plan",
    "reach-out-plan", "treatment-needs", "mspss", "barc-10",
)
"""The support-system workshop in teaching order (worksheets/WRITING.md)."""


def demo_session(config: Config | None = None, size: int = 5) -> tuple[Session, list[Participant]]:
    """The demo session and its participants, creating them on first use."""
    store = Store.open(config)
    for s in store.sessions():
        if s.name == DEMO_NAME:
            return s, store.participants(s.id)
    session = store.create_session(DEMO_NAME, list(WORKSHOP_ORDER), size)
    return session, store.participants(session.id)

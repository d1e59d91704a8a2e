"""A throw-away store for the studio's client preview: answers typed while trying a worksheet
go to a temporary folder, never to the program's data folder or database."""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from toolkit.settings.config import Config
from toolkit.store.store import Participant, Store
from toolkit.worksheet.model import Worksheet


class ScratchStore:
    """A store in its own temporary folder, with one consenting participant per worksheet."""

    def __init__(self) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix="workshop-studio-")
        self.home = Path(self._dir.name)
        # Only this folder: no WORKSHOP_DB or WORKSHOP_KEY from the environment applies.
        self.store = Store.open(Config.from_env({"WORKSHOP_HOME": str(self.home)}))
        self._people: dict[str, Participant] = {}

    def participant(self, worksheet_id: str) -> Participant:
        if worksheet_id not in self._people:
            session = self.store.create_session("Studio preview", [worksheet_id], 1)
            [p] = self.store.participants(session.id)
            self.store.record_consent(p)
            self._people[worksheet_id] = p
        return self._people[worksheet_id]

    def saver(self, ws: Worksheet, lang: str) -> Any:
        """A WorksheetForm `save` callback that keeps the answers here."""
        p = self.participant(ws.id)

        def save(values: Mapping[str, Any]) -> None:
            self.store.save_answers(p, ws.id, values, ws.version, lang)

        return save

    def answers(self, worksheet_id: str) -> dict[str, Any]:
        return self.store.latest_for(self.participant(worksheet_id), worksheet_id)

    def close(self) -> None:
        self.store.engine.dispose()
        self._dir.cleanup()

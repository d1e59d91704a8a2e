"""What the store keeps beside the answers: the audit log, and the files the toolkit wrote
with participant data (so that `workshop forget` finds them). Nothing here is sealed: the
audit log holds ids, never answers, names or codes. A part of Store (toolkit.store.store)."""

from __future__ import annotations

import json
import time
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from toolkit.store.schema import AuditEntry, ExportFile, audit, exports


class Trail:
    """The audit log and the record of files made; Store gives `transaction`."""

    if TYPE_CHECKING:
        def transaction(self, write: bool = True) -> AbstractContextManager[Connection]:
            ...

    # --- files written with participant data ----------------------------------------------

    def record_export(self, paths: list[Path], session_id: str, participant_ids: list[int],
                      kind: str = "export") -> None:
        """Remember files the toolkit wrote holding these participants' data, so that
        `workshop forget` can remove them. Call it for every such file (exports, cards)."""
        now = time.time()
        ids = json.dumps(sorted(set(participant_ids)))
        rows = [dict(path=str(Path(f).resolve()), session_id=session_id, kind=kind,
                     participant_ids=ids, made_at=now) for f in paths]
        if rows:
            with self.transaction() as conn:
                conn.execute(exports.insert(), rows)

    def export_files(self, session_id: str | None = None,
                     participant_id: int | None = None) -> list[ExportFile]:
        """Files recorded by record_export, oldest first; of one session or participant."""
        query = sa.select(exports).order_by(exports.c.id)
        if session_id is not None:
            query = query.where(exports.c.session_id == session_id)
        with self.transaction(write=False) as conn:
            made = [ExportFile(Path(r.path), r.session_id, r.kind,
                               tuple(json.loads(r.participant_ids)), r.made_at)
                    for r in conn.execute(query)]
        return [f for f in made if participant_id is None or participant_id in f.participant_ids]

    # --- audit ----------------------------------------------------------------------------

    def audit(self, action: str, target: str = "", detail: str = "",
              actor: str = "facilitator") -> None:
        """Append one line to the audit log. Pass ids (participant 12, session s-...), never
        answers, names or join codes."""
        with self.transaction() as conn:
            conn.execute(audit.insert().values(
                at=time.time(), actor=actor[:64], action=action[:64], target=target[:200],
                detail=detail[:500]))

    def audit_log(self, since: float | None = None) -> list[AuditEntry]:
        """The audit log, oldest first."""
        query = sa.select(audit).order_by(audit.c.id)
        if since is not None:
            query = query.where(audit.c.at >= since)
        with self.transaction(write=False) as conn:
            return [AuditEntry(r.at, r.actor, r.action, r.target, r.detail)
                    for r in conn.execute(query)]

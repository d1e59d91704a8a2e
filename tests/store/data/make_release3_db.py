"""Make release3.sqlite, release3.key and release3.json: a database written by the release
whose schema is version 3 (the last one before Alembic), for the upgrade test.

Synthetic data only. Run it against the code of that release, not the current one:

    git worktree add /tmp/old 111dc57
    PYTHONPATH=/tmp/old .venv/bin/python tests/store/data/make_release3_db.py
    git worktree remove /tmp/old

release3.json lists what the database must still hold after any upgrade (ids, codes and
answer values); the key is a fixed synthetic key, written here so that re-making the
database keeps the same key file.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
KEY_TEXT = base64.urlsafe_b64encode(
    hashlib.sha256(b"workshop-toolkit synthetic release-3 test key").digest()).decode()

PEOPLE = [  # the support map's person list, one repeat row each
    {"_row": "r-ana", "name": "Ana (sister)", "kind": "family", "ring": "closest",
     "supports_recovery": "yes", "in_recovery": "no", "phone": "555-0101"},
    {"_row": "r-group", "name": "Tuesday NA meeting", "kind": "group", "ring": "professional",
     "supports_recovery": "yes"},
    {"_row": "r-sam", "name": "Sam", "kind": "friend", "ring": "wider",
     "supports_recovery": "unsure", "note": "Only when sober — ¿mañana?"},
]
ANSWERS = {  # participant index -> worksheet -> item -> value (the latest, after all saves)
    0: {"my-support-map": {"people": PEOPLE, "map_strengths": "My sister picks up."},
        "mspss": {f"item{i}": (i % 7) + 1 for i in range(1, 13)},
        "opening-up": {"readiness": 6, "why_not_lower": "I came back this week."}},
    1: {"mspss": {"item1": 3, "item2": 4},
        "opening-up": {"why_not_lower": "Não sei ainda."}},
}
EARLIER = {0: {"opening-up": {"readiness": 4}}}  # saved before the values above
CLEARED = {1: {"mspss": {"item3": 5}}}  # saved, then cleared (None)
FORGOTTEN_ANSWERS = {"mspss": {"item1": 2}, "opening-up": {"why_not_lower": "forget me"}}
MEETINGS = [dt.date(2026, 3, 3), dt.date(2026, 3, 10)]
NOTICE = "Synthetic consent notice wording for the release-3 fixture."
PASSPHRASE = "synthetic fixture passphrase"


def make(out: Path) -> None:
    from toolkit.config import Config  # the old layout: this runs against release 3's code
    from toolkit.passphrase import set_passphrase
    from toolkit.retention import forget

    from toolkit.store import SCHEMA_VERSION, Store

    assert SCHEMA_VERSION == 3, "run this against the release with schema 3 (see above)"
    home = Path(tempfile.mkdtemp(prefix="release3-"))
    (home / "workshop.key").write_text(KEY_TEXT + "\n")
    (home / "workshop.key").chmod(0o600)
    config = Config.from_env({"WORKSHOP_HOME": str(home)})
    store = Store.open(config)
    session = store.create_session("Tuesday group", ["my-support-map", "mspss", "opening-up"])
    other = store.create_session("Thursday group", ["mspss"])
    people = store.add_participants(session.id, 3)
    [late] = store.add_participants(other.id, 1)
    kept, forgotten = [*people[:2], late], people[2]
    for p in people:
        store.record_consent(p, NOTICE)
    for n, sheets in EARLIER.items():
        for ws, values in sheets.items():
            store.save_answers(people[n], ws, values, "1.0")
    for n, sheets in ANSWERS.items():
        for ws, values in sheets.items():
            store.save_answers(people[n], ws, values, "1.0")
    for n, sheets in CLEARED.items():
        for ws, values in sheets.items():
            store.save_answers(people[n], ws, values, "1.0")
            store.save_answers(people[n], ws, dict.fromkeys(values), "1.0")
    for ws, values in FORGOTTEN_ANSWERS.items():
        store.save_answers(forgotten, ws, values, "1.0")
    for day in MEETINGS:
        store.add_meeting(session.id, day)
    set_passphrase(store, PASSPHRASE)
    store.audit("session-new", f"session {session.id}", "3 participants")
    store.record_failed_join("browser-1")
    # One export names everybody (so forget must find it); one names the two who stay.
    everyone = home / "export-all.xlsx"
    everyone.write_bytes(b"synthetic")
    store.record_export([everyone], session.id, [p.id for p in people], "export")
    store.record_export([home / "cards.pdf"], session.id, [people[0].id, people[1].id],
                        "join cards")
    forget(store, forgotten, actor="fixture")
    audit = [[e.actor, e.action, e.target, e.detail] for e in store.audit_log()]
    exports = [[f.kind, list(f.participant_ids)] for f in store.export_files()]
    store.engine.dispose()

    db = home / "workshop.sqlite"
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # one self-contained file
    con.close()
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(db, out / "release3.sqlite")
    shutil.copyfile(home / "workshop.key", out / "release3.key")
    (out / "release3.key").chmod(0o644)  # git keeps no modes: the test sets 0600 itself
    manifest = {
        "sessions": {s.id: s.name for s in (session, other)},
        "participants": {str(p.id): {"session": p.session_id, "code": p.code} for p in kept},
        "forgotten": {"id": forgotten.id, "code": forgotten.code},
        "answers": {str(people[n].id): sheets for n, sheets in ANSWERS.items()},
        "earlier": {str(people[n].id): sheets for n, sheets in EARLIER.items()},
        "cleared": {str(people[n].id): sheets for n, sheets in CLEARED.items()},
        "notice_sha256": hashlib.sha256(NOTICE.encode()).hexdigest(),
        "consented": [p.id for p in people[:2]],
        "meetings": {session.id: [d.isoformat() for d in MEETINGS]},
        "passphrase": PASSPHRASE,
        "audit": audit,
        "exports": exports,
    }
    (out / "release3.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n")
    shutil.rmtree(home)


if __name__ == "__main__":
    make(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)

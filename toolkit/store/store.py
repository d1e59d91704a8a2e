"""The answer store: SQLAlchemy Core, append-only answer versions, values encrypted at rest.
The tables and the records read from them live in schema.py (re-exported), the sealing
formats in sealing.py, the migrations run on open in migrate.py."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import secrets
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from toolkit.settings.config import Config
from toolkit.store import codes, sealing
from toolkit.store.crypto import Cipher, CryptoKeyError, load_or_create_key
from toolkit.store.database import (
    BUSY_TIMEOUT_MS,
    make_engine,
    sqlite_path,
    upsert,
    writers_queue,
)
from toolkit.store.keyed import Keyed
from toolkit.store.migrate import HEAD, current_revision, upgrade_engine
from toolkit.store.schema import (
    SCHEMA_VERSION,
    AnswerVersion,
    AuditEntry,
    ExportFile,
    Participant,
    Session,
    answers,
    audit,
    consents,
    exports,
    failed_joins,
    meetings,
    participants,
    schema_version,
    sessions,
    settings,
)
from toolkit.store.trail import Trail
from toolkit.text.languages import DEFAULT_LANGUAGE, LANGUAGES
from toolkit.text.message import msg

__all__ = [  # what other modules import from here, the schema's names included
    "BUSY_TIMEOUT_MS", "SCHEMA_VERSION", "AnswerVersion", "AuditEntry",
    "ConsentRequired", "ExportFile", "Participant", "ParticipantGone", "Session", "Store",
    "answers", "audit", "consents", "exports", "failed_joins", "make_engine", "meetings",
    "participants", "schema_version", "sessions", "settings", "sqlite_path", "writers_queue",
]


OLD_ANSWERS_LANGUAGE = "en"
"""What a version saved before languages were recorded was shown in: every worksheet was
English-only then."""


def _check_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; known: {', '.join(LANGUAGES)}")


class ConsentRequired(PermissionError):
    """A save for a participant who has not agreed to the consent and privacy notice."""


class ParticipantGone(LookupError):
    """A save for a participant who was forgotten (or purged) meanwhile: nothing was saved."""


class Store(Trail, Keyed):
    """Answers keyed by (session, participant, worksheet id, item id); a save never overwrites."""

    def __init__(self, engine: Engine, cipher: Cipher):
        self.engine = engine
        self._cipher = cipher
        self._key_check = b""
        self._database = sqlite_path(engine)
        self._migrate()

    @classmethod
    def open(cls, config: Config | None = None) -> Store:
        config = config or Config.from_env()
        key = load_or_create_key(config.key, config.key_file)
        try:
            return cls(make_engine(config.db_url), Cipher(key))
        except CryptoKeyError as e:
            pending = sealing.pending_key_file(config.key_file)
            if pending.exists():
                raise CryptoKeyError(msg("crypto_rotation_interrupted",
                                         error=e.message or str(e), path=pending)) from None
            raise

    @contextmanager
    def transaction(self, write: bool = True) -> Iterator[Connection]:
        """The one unit of work: commit on success, roll back on any error. A writing one
        takes SQLite's write lock at the start (and waits for it); pass write=False to read."""
        with writers_queue(self._database if write else None), self.engine.connect() as conn:
            conn.execution_options(workshop_write=write)
            with conn.begin():
                yield conn

    def _check_key(self, conn: Connection) -> None:
        """Refuse to seal with a key the database no longer uses (rotated or restored since
        this store was opened): a value sealed so could never be opened again. The key check
        is read with a shared lock that key rotation's exclusive one waits for (PostgreSQL),
        so a save sealed with the old key never lands after a rotation."""
        self._accept_key_check(sealing.read_key_check(conn, lock=True))

    def _accept_key_check(self, check: bytes | None) -> None:
        if check == self._key_check:  # verified already: skip the decryption
            return
        sealing.verify_key_check(self._cipher, check)
        self._key_check = check

    def _migrate(self) -> None:
        # Kernels in a warm pool open stores all the time: when the database is up to date
        # and has its key check, one read and no lock (and no Alembic) is all it costs.
        with self.transaction(write=False) as conn:
            current = current_revision(conn)
            check = sealing.read_key_check(conn) if current == HEAD else None
        if current != HEAD:
            upgrade_engine(self.engine)
        if check is None:
            with self.transaction() as conn:
                # A new database: this key seals it, unless another process got there first.
                conn.execute(upsert(conn, settings).values(
                    name=sealing.KEY_CHECK, value=sealing.seal_key_check(self._cipher))
                    .on_conflict_do_nothing(index_elements=[settings.c.name]))
                self._check_key(conn)
        else:
            self._accept_key_check(check)

    # --- sessions and participants ------------------------------------------------------------

    def create_session(self, name: str, worksheets: list[str], participants_n: int = 0) -> Session:
        session = Session("s-" + secrets.token_hex(4), name, tuple(worksheets), time.time())
        with self.transaction() as conn:
            conn.execute(sessions.insert().values(
                id=session.id, name=name, worksheets=json.dumps(worksheets),
                created_at=session.created_at))
        if participants_n:
            self.add_participants(session.id, participants_n)
        return session

    def sessions(self) -> list[Session]:
        with self.transaction(write=False) as conn:
            rows = conn.execute(sa.select(sessions).order_by(sessions.c.created_at)).all()
        return [Session(r.id, r.name, tuple(json.loads(r.worksheets)), r.created_at)
                for r in rows]

    def session(self, session_id: str) -> Session:
        for s in self.sessions():
            if s.id == session_id:
                return s
        raise LookupError(f"no session {session_id!r}")

    def add_meeting(self, session_id: str, date: dt.date | None = None) -> dt.date:
        """Record that the group met on `date` (default today); a day counts once."""
        day = date or dt.date.today()
        with self.transaction() as conn:
            conn.execute(upsert(conn, meetings).values(session_id=session_id, date=day)
                         .on_conflict_do_nothing())
        return day

    def meetings(self, session_id: str) -> list[dt.date]:
        """The days the group met, oldest first."""
        with self.transaction(write=False) as conn:
            return list(conn.execute(sa.select(meetings.c.date).where(
                meetings.c.session_id == session_id).order_by(meetings.c.date)).scalars())

    def add_participants(self, session_id: str, n: int) -> list[Participant]:
        made: list[Participant] = []
        with self.transaction() as conn:
            self._check_key(conn)
            taken = set(conn.execute(sa.select(participants.c.code_digest)).scalars())
            for _ in range(n):
                code = codes.new_code()
                while sealing.code_digest(self._cipher, code) in taken:
                    code = codes.new_code()
                digest = sealing.code_digest(self._cipher, code)
                taken.add(digest)
                pid = conn.execute(participants.insert().values(
                    session_id=session_id, code_digest=digest,
                    code=self._cipher.seal(code, sealing.code_aad(digest)), created_at=time.time())
                ).inserted_primary_key[0]
                made.append(Participant(pid, session_id, code))
        return made

    def participants(self, session_id: str) -> list[Participant]:
        with self.transaction(write=False) as conn:
            rows = conn.execute(sa.select(participants).where(
                participants.c.session_id == session_id).order_by(participants.c.id)).all()
        return [self._participant(r) for r in rows]

    def participant_by_code(self, code: str | None) -> Participant | None:
        """The participant a typed code opens, or None (malformed and unknown alike)."""
        canonical = codes.normalize(code)
        if canonical is None:
            return None
        with self.transaction(write=False) as conn:
            r = conn.execute(sa.select(participants).where(
                participants.c.code_digest == sealing.code_digest(self._cipher, canonical))).first()
        return self._participant(r) if r else None

    def _participant(self, row: Any) -> Participant:
        return Participant(row.id, row.session_id,
                           self._cipher.open(row.code, sealing.code_aad(row.code_digest)),
                           row.lang)

    def set_language(self, p: Participant, lang: str) -> Participant:
        """Remember the language `p` chose (no consent needed: it is not an answer); returns
        the record with it. Only a language of LANGUAGES is accepted."""
        _check_language(lang)
        with self.transaction() as conn:
            conn.execute(participants.update().where(participants.c.id == p.id).values(
                lang=lang))
        return dataclasses.replace(p, lang=lang)

    def language(self, p: Participant) -> str | None:
        """The language `p` chose, read afresh from the database; None if not chosen yet."""
        with self.transaction(write=False) as conn:
            return conn.execute(sa.select(participants.c.lang).where(
                participants.c.id == p.id)).scalar()

    # --- answers --------------------------------------------------------------------------

    def save_answers(self, p: Participant, worksheet_id: str, values: Mapping[str, Any],
                     worksheet_version: str, lang: str = DEFAULT_LANGUAGE) -> None:
        """Append one new version per item, all in one transaction (None records a clear);
        `lang` is the language the questions were shown in."""
        _check_language(lang)
        now = time.time()
        rows = [dict(session_id=p.session_id, participant_id=p.id, worksheet_id=worksheet_id,
                     item_id=item_id, worksheet_version=worksheet_version, saved_at=now,
                     lang=lang,
                     value=self._cipher.seal(value, sealing.answer_aad(
                         p.session_id, p.id, worksheet_id, item_id)))
                for item_id, value in values.items()]
        if rows:
            with self.transaction() as conn:
                # Four statements on PostgreSQL: the holds and the consent in one, then the
                # key check (read after its lock is held), the rows, the commit.
                consented = self._hold(conn, p, key_lock=True)
                self._accept_key_check(sealing.read_key_check(conn))
                if not consented:
                    raise ConsentRequired("this participant has not agreed to the consent "
                                          "and privacy notice yet; nothing was saved")
                conn.execute(answers.insert(), rows)

    @staticmethod
    def _hold(conn: Connection, p: Participant, key_lock: bool = False) -> bool:
        """Keep `p` from being forgotten until this transaction ends (FOR KEY SHARE, the lock
        the answer's foreign key takes anyway, PostgreSQL); a forget under way (FOR UPDATE)
        makes this wait, and then ParticipantGone. `key_lock`: take the key check's lock in
        the same statement (sealing.key_lock). Returns whether `p` has consented."""
        columns: list[Any] = [participants.c.id, consents.c.agreed_at]
        shared = sealing.key_lock(conn) if key_lock else None
        if shared is not None:
            columns.append(shared)
        row = conn.execute(
            sa.select(*columns)
            .select_from(participants.outerjoin(
                consents, consents.c.participant_id == participants.c.id))
            .where(participants.c.id == p.id)
            .with_for_update(read=True, key_share=True, of=participants)).first()
        if row is None:
            raise ParticipantGone(f"participant {p.id} was forgotten; nothing was saved")
        return row.agreed_at is not None

    def save_answer(self, p: Participant, worksheet_id: str, item_id: str, value: Any,
                    worksheet_version: str, lang: str = DEFAULT_LANGUAGE) -> None:
        self.save_answers(p, worksheet_id, {item_id: value}, worksheet_version, lang)

    def latest(self, p: Participant, worksheet_id: str | None = None) -> dict[str, dict[str, Any]]:
        """{worksheet id: {item id: latest value}}; cleared answers are left out."""
        newest = (sa.select(sa.func.max(answers.c.id))
                  .where(answers.c.participant_id == p.id)
                  .group_by(answers.c.worksheet_id, answers.c.item_id))
        if worksheet_id is not None:
            newest = newest.where(answers.c.worksheet_id == worksheet_id)
        query = sa.select(answers.c.worksheet_id, answers.c.item_id, answers.c.value).where(
            answers.c.id.in_(newest))
        out: dict[str, dict[str, Any]] = {}
        with self.transaction(write=False) as conn:
            for r in conn.execute(query):
                aad = sealing.answer_aad(p.session_id, p.id, r.worksheet_id, r.item_id)
                value = self._cipher.open(r.value, aad)
                if value is not None:
                    out.setdefault(r.worksheet_id, {})[r.item_id] = value
        return out

    def latest_for(self, p: Participant, worksheet_id: str) -> dict[str, Any]:
        return self.latest(p, worksheet_id).get(worksheet_id, {})

    def last_saved(self, p: Participant, worksheet_id: str) -> float | None:
        """When any answer of this worksheet was last saved (clears count), or None."""
        query = sa.select(sa.func.max(answers.c.saved_at)).where(
            answers.c.participant_id == p.id, answers.c.worksheet_id == worksheet_id)
        with self.transaction(write=False) as conn:
            return conn.execute(query).scalar()

    def history(self, p: Participant, worksheet_id: str, item_id: str) -> list[AnswerVersion]:
        """Every saved version of one answer, oldest first."""
        query = sa.select(answers).where(
            answers.c.participant_id == p.id, answers.c.worksheet_id == worksheet_id,
            answers.c.item_id == item_id).order_by(answers.c.id)
        aad = sealing.answer_aad(p.session_id, p.id, worksheet_id, item_id)
        with self.transaction(write=False) as conn:
            return [AnswerVersion(self._cipher.open(r.value, aad), r.saved_at,
                                  r.worksheet_version, r.lang or OLD_ANSWERS_LANGUAGE)
                    for r in conn.execute(query)]

    # --- consent --------------------------------------------------------------------------

    def record_consent(self, p: Participant, notice: str = "") -> float:
        """Record that `p` agreed to `notice` (the wording shown); returns the time. Once is
        enough: agreeing again keeps the first agreement."""
        with self.transaction() as conn:
            self._hold(conn, p)
            conn.execute(upsert(conn, consents).values(
                participant_id=p.id, agreed_at=time.time(),
                notice_digest=hashlib.sha256(notice.encode()).hexdigest())
                .on_conflict_do_nothing(index_elements=[consents.c.participant_id]))
            return conn.execute(sa.select(consents.c.agreed_at).where(
                consents.c.participant_id == p.id)).scalar_one()

    def consented_at(self, p: Participant) -> float | None:
        """When `p` agreed to the consent and privacy notice, or None."""
        with self.transaction(write=False) as conn:
            return conn.execute(sa.select(consents.c.agreed_at).where(
                consents.c.participant_id == p.id)).scalar()

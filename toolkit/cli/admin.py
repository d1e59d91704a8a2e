"""The `workshop audit`, `forget`, `purge`, `backup`, `restore`, `rotate-key` and `upgrade`
commands: the counselor's tools for the trust promises (what was done, gone when asked,
nothing lost)."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import sys
from pathlib import Path
from typing import Any

from toolkit.cli.context import open_store
from toolkit.cli.errors import fail
from toolkit.store.files import open_private

ACTOR = "cli"
AUDIT_COLUMNS = ["time", "actor", "action", "target", "detail"]


def _confirm(question: str, yes: bool) -> bool:
    """True with --yes or a typed y/yes; no answer (no terminal) is a no."""
    if yes:
        return True
    try:
        answer = input(f"{question} [y/N] ")
    except EOFError:
        answer = ""
    return answer.strip().lower() in ("y", "yes")


def _when(at: float) -> str:
    return dt.datetime.fromtimestamp(at).astimezone().isoformat(timespec="seconds")


# --- workshop audit -------------------------------------------------------------------------


def _audit(args: argparse.Namespace) -> int:
    _, store = open_store()
    log = store.audit_log()
    rows = [[_when(e.at), e.actor, e.action, e.target, e.detail] for e in log]
    if args.csv:
        from toolkit.reports.export import neutralise  # imports pandas: only when asked for

        out = Path(args.csv)
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(AUDIT_COLUMNS)
        # Audit lines hold ids only, but a spreadsheet must never run one as a formula.
        writer.writerows([[neutralise(c) for c in r] for r in rows])
        with open_private(out, "w", encoding="utf-8-sig", newline="") as fh:
            fh.write(buf.getvalue())
        store.audit("audit export", "audit log", f"{len(rows)} lines to a CSV file",
                    actor=ACTOR)
        print(f"{len(rows)} audit lines written to {out}")
        return 0
    if not rows:
        print("the audit log is empty")
        return 0
    widths = [max(len(r[i]) for r in [AUDIT_COLUMNS, *rows]) for i in range(4)]
    for r in [AUDIT_COLUMNS, *rows]:
        print("  ".join(c.ljust(w) for c, w in zip(r[:4], widths, strict=True)) + "  " + r[4])
    return 0


# --- workshop forget / purge ----------------------------------------------------------------


def _files_note(removed: Any) -> list[str]:
    if not removed.files_removed:
        return []
    return ["export files deleted whole (they also held others' answers; make a new export "
            "for them with `workshop export`):"] + [f"  {f}" for f in removed.files_removed]


def _after(removed: Any) -> None:
    print("backups made before now still hold these answers, sealed; they come back if such "
          "a backup is restored (delete old backups you no longer need)", file=sys.stderr)
    if removed.vacuumed:
        from toolkit.store.retention import POSTGRES_REMAINS

        print(f"note: {POSTGRES_REMAINS}", file=sys.stderr)
    if not removed.wal_cleared:
        print("note: a running server kept SQLite from clearing its -wal file now; it is "
              "cleared at its next checkpoint, or run the command again once it is stopped",
              file=sys.stderr)


def _forget(args: argparse.Namespace) -> int:
    from toolkit.store import retention

    _, store = open_store()
    p = store.participant_by_code(args.participant)
    if p is None:
        return fail("no participant with that join code; check it (`workshop session show "
                     "ID` lists a session's codes)")
    plan = retention.plan_forget(store, [p])
    label = retention.participant_label(p)
    print(f"this removes {label} of session {p.session_id} for good: "
          f"{plan.answer_versions} answer versions, their consent and join code, and "
          f"{len(plan.files_removed)} export files that hold their answers")
    for f in plan.files_removed:
        print(f"  {f}")
    if not _confirm(f"forget {label}?", args.yes):
        return fail("nothing removed (add --yes to skip this question)")
    removed = retention.forget(store, p, actor=ACTOR)
    print(f"forgot {label} of session {p.session_id}: {removed.answer_versions} answer "
          f"versions, {removed.files_text()}")
    for line in _files_note(removed):
        print(line)
    _after(removed)
    return 0


def _purge(args: argparse.Namespace) -> int:
    from toolkit.store import retention

    _, store = open_store()
    if args.session:
        try:
            targets = [store.session(args.session)]
        except LookupError:
            return fail(f"no session {args.session!r}; `workshop session list` shows them")
    else:
        if not args.older_than > 0:
            return fail(f"--older-than must be a number of days above 0 (got {args.older_than})")
        targets = [s for s, _ in retention.quiet_sessions(store, args.older_than)]
        if not targets:
            print(f"no session has been quiet for more than {args.older_than:g} days; "
                  "nothing to purge")
            return 0
    for s in targets:
        plan = retention.plan_purge(store, s.id)
        last = dt.datetime.fromtimestamp(retention.last_activity(store, s)).date()
        print(f"session {s.id} \"{s.name}\" (last activity {last.isoformat()}): "
              f"{plan.participants} participants, {plan.answer_versions} answer versions, "
              f"{len(plan.files_removed)} export files")
    what = "this session" if len(targets) == 1 else f"these {len(targets)} sessions"
    if not _confirm(f"remove {what} for good?", args.yes):
        return fail("nothing removed (add --yes to skip this question)")
    done = [retention.purge(store, s.id, actor=ACTOR) for s in targets]
    for s, removed in zip(targets, done, strict=True):
        print(f"purged session {s.id}: {removed.participants} participants, "
              f"{removed.answer_versions} answer versions, {removed.files_text()}")
        for line in _files_note(removed)[1:]:
            print(line)
    _after(done[-1])
    return 0


# --- workshop backup / restore / rotate-key -------------------------------------------------


def _backup(args: argparse.Namespace) -> int:
    from toolkit.settings.config import Config
    from toolkit.store.backup import BackupError, backup, key_source

    config = Config.from_env()
    try:
        info = backup(config, Path(args.output))
    except BackupError as e:
        return fail(str(e))
    print(f"backup written to {info.path} (owner-only): {info.sessions} sessions, "
          f"{info.participants} participants, {info.answer_versions} answer versions, "
          "all sealed")
    print(f"the key is NOT in the backup: it is {key_source(config)}. Keep a copy of it "
          "somewhere safe and apart from the backup; without it the backup cannot be opened, "
          "and with it anyone holding the backup can")
    return 0


def _restore(args: argparse.Namespace) -> int:
    from toolkit.settings.config import Config
    from toolkit.store.backup import BackupError, restore
    from toolkit.store.crypto import CryptoKeyError

    config = Config.from_env()
    try:
        done = restore(config, Path(args.file))
    except (BackupError, CryptoKeyError) as e:
        return fail(str(e))
    info = done.info
    print(f"restored {info.path}: {info.sessions} sessions, {info.participants} participants, "
          f"{info.answer_versions} answer versions")
    if done.previous is not None:
        print(f"the database it replaced is kept at {done.previous} (owner-only); delete it "
              "once you are sure it is not needed")
    print("restart `workshop serve` if it is running", file=sys.stderr)
    return 0


def _rotate(args: argparse.Namespace) -> int:
    from toolkit.settings.config import Config
    from toolkit.store.backup import BackupError
    from toolkit.store.crypto import CryptoKeyError
    from toolkit.store.rotation import RotationIncomplete, rotate_key

    config = Config.from_env()

    def announce(key: str) -> None:
        print("new key (applied only if this finishes; set it before you start the toolkit "
              "again):")
        print(f"  WORKSHOP_KEY={key}")

    try:
        done = rotate_key(config, announce)
    except RotationIncomplete as e:
        return fail(str(e))
    except (BackupError, CryptoKeyError) as e:
        return fail(f"{e}\nthe key was not changed")
    except BaseException:
        print("the key was NOT changed: keep using the old one", file=sys.stderr)
        raise
    if done is None:
        print(f"finished an interrupted key rotation: {config.key_file} now holds the new key")
        return 0
    print(f"every value sealed again with a new key: {done.answer_versions} answer versions, "
          f"{done.codes} join codes, {done.sealed_settings} settings; "
          f"{done.failed_joins_cleared} wrong-code counts cleared")
    if done.new_key:
        print("set WORKSHOP_KEY to the new key above wherever it is set (the service's "
              "environment file, your shell profile) before starting the toolkit again; the "
              "old key no longer opens anything")
    else:
        print(f"the new key is in {config.key_file} (owner-only); the old key is gone")
    print("backups made before now need the old key: make a new backup now "
          "(`workshop backup -o FILE`) and keep the new key with it, apart", file=sys.stderr)
    print("restart `workshop serve` if it is running (until then it refuses to save)",
          file=sys.stderr)
    return 0


def _upgrade(_args: argparse.Namespace) -> int:
    from toolkit.store.migrate import NewerDatabaseError, upgrade_database

    try:
        applied = upgrade_database()
    except NewerDatabaseError as e:
        return fail(f"{e}; nothing was changed")
    if applied:
        print(f"database upgraded ({', '.join(applied)}); every answer is kept. Make a backup "
              "now (`workshop backup -o FILE`): an older toolkit cannot open it any more")
    else:
        print("the database is up to date; nothing to do")
    return 0


def add_admin_commands(sub: Any) -> None:
    """Register audit, forget, purge, backup, restore, rotate-key and upgrade."""
    audit = sub.add_parser("audit", help="show the audit log (who did what, when; ids only)")
    audit.add_argument("--csv", metavar="FILE", help="write it to a CSV file (owner-only)")
    audit.set_defaults(func=_audit)

    forget = sub.add_parser("forget", help="remove every trace of one participant")
    forget.add_argument("--participant", required=True, metavar="CODE", help="their join code")
    forget.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    forget.set_defaults(func=_forget)

    purge = sub.add_parser("purge", help="remove a whole group, or every quiet group")
    which = purge.add_mutually_exclusive_group(required=True)
    which.add_argument("--session", metavar="ID", help="the session id")
    which.add_argument("--older-than", type=float, metavar="DAYS",
                       help="sessions with no activity in the last DAYS days")
    purge.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    purge.set_defaults(func=_purge)

    backup = sub.add_parser("backup", help="a consistent, still-encrypted copy of the data")
    backup.add_argument("-o", "--output", required=True, metavar="FILE", help="file to write")
    backup.set_defaults(func=_backup)

    restore = sub.add_parser("restore", help="restore a backup; the data it replaces is "
                             "kept aside")
    restore.add_argument("file", help="a file made by `workshop backup`")
    restore.set_defaults(func=_restore)

    rotate = sub.add_parser("rotate-key", help="seal everything again with a new key")
    rotate.set_defaults(func=_rotate)

    upgrade = sub.add_parser("upgrade", help="bring the database up to this toolkit's schema")
    upgrade.set_defaults(func=_upgrade)

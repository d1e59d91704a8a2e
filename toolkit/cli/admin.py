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
from toolkit.cli.helptext import helped
from toolkit.cli.language import output_language, said, say, say_plural
from toolkit.store.files import open_private

ACTOR = "cli"
AUDIT_COLUMNS = ["time", "actor", "action", "target", "detail"]
YES = ("y", "yes", "s", "si", "sí")
"""The typed answers that mean yes, in every language the questions are asked in."""


def _confirm(question: str, yes: bool) -> bool:
    """True with --yes or a typed yes (y, or s for sí); no answer (no terminal) is a no."""
    if yes:
        return True
    try:
        answer = input(say("cli_yes_no", question=question))
    except EOFError:
        answer = ""
    return answer.strip().lower() in YES


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
        print(say_plural("cli_audit_written", len(rows), path=out))
        return 0
    if not rows:
        print(say("cli_audit_empty"))
        return 0
    # The CSV's columns stay AUDIT_COLUMNS for the programs that read it; the table's are words.
    head = [say(f"cli_audit_{column}") for column in AUDIT_COLUMNS]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(4)]
    for r in [head, *rows]:
        print("  ".join(c.ljust(w) for c, w in zip(r[:4], widths, strict=True)) + "  " + r[4])
    return 0


# --- workshop forget / purge ----------------------------------------------------------------


def _files_note(removed: Any) -> list[str]:
    if not removed.files_removed:
        return []
    return [say("cli_files_deleted_whole")] + [f"  {f}" for f in removed.files_removed]


def _files_text(removed: Any) -> str:
    text = say_plural("cli_files_removed", len(removed.files_removed))
    if removed.files_missing:
        text += ", " + say_plural("cli_files_gone", len(removed.files_missing))
    return text


def _after(removed: Any) -> None:
    print(say("cli_backups_still_hold"), file=sys.stderr)
    if removed.vacuumed:
        print(say("cli_postgres_remains"), file=sys.stderr)
    if not removed.wal_cleared:
        print(say("cli_wal_kept"), file=sys.stderr)


def _forget(args: argparse.Namespace) -> int:
    from toolkit.store import retention

    _, store = open_store()
    p = store.participant_by_code(args.participant)
    if p is None:
        return fail(say("cli_no_participant_code"))
    plan = retention.plan_forget(store, [p])
    label = say("cli_participant", id=p.id)  # by number, never by code
    print(say("cli_forget_plan", who=label, id=p.session_id,
              versions=say_plural("cli_answer_versions", plan.answer_versions),
              files=say_plural("cli_files_holding", len(plan.files_removed))))
    for f in plan.files_removed:
        print(f"  {f}")
    if not _confirm(say("cli_forget_question", who=label), args.yes):
        return fail(say("cli_nothing_removed"))
    removed = retention.forget(store, p, actor=ACTOR)
    print(say("cli_forgot", who=label, id=p.session_id,
              versions=say_plural("cli_answer_versions", removed.answer_versions),
              files=_files_text(removed)))
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
            return fail(say("cli_no_session_purge", id=args.session))
    else:
        if not args.older_than > 0:
            return fail(say("cli_older_than", got=args.older_than))
        targets = [s for s, _ in retention.quiet_sessions(store, args.older_than)]
        if not targets:
            print(say("cli_nothing_to_purge", days=f"{args.older_than:g}"))
            return 0
    for s in targets:
        plan = retention.plan_purge(store, s.id)
        last = dt.datetime.fromtimestamp(retention.last_activity(store, s)).date()
        print(say("cli_purge_plan", id=s.id, name=s.name, date=last.isoformat(),
                  participants=say_plural("cli_participants_count", plan.participants),
                  versions=say_plural("cli_answer_versions", plan.answer_versions),
                  files=say_plural("cli_export_files", len(plan.files_removed))))
    question = (say("cli_purge_one_question") if len(targets) == 1
                else say_plural("cli_purge_question", len(targets)))
    if not _confirm(question, args.yes):
        return fail(say("cli_nothing_removed"))
    done = [retention.purge(store, s.id, actor=ACTOR) for s in targets]
    for s, removed in zip(targets, done, strict=True):
        print(say("cli_purged", id=s.id,
                  participants=say_plural("cli_participants_count", removed.participants),
                  versions=say_plural("cli_answer_versions", removed.answer_versions),
                  files=_files_text(removed)))
        for line in _files_note(removed)[1:]:
            print(line)
    _after(done[-1])
    return 0


# --- workshop backup / restore / rotate-key -------------------------------------------------


def _counts(info: Any) -> dict[str, str]:
    """A backup's sessions, participants and answer versions, counted in the terminal's words."""
    return {"sessions": say_plural("cli_sessions_count", info.sessions),
            "participants": say_plural("cli_participants_count", info.participants),
            "versions": say_plural("cli_answer_versions", info.answer_versions)}


def _backup(args: argparse.Namespace) -> int:
    from toolkit.settings.config import Config
    from toolkit.store.backup import BackupError, backup, key_source

    config = Config.from_env()
    try:
        info = backup(config, Path(args.output))
    except BackupError as e:
        return fail(said(e))
    print(say("cli_backup_written", path=info.path, **_counts(info)))
    where = key_source(config).say(output_language())
    print(say("cli_key_not_in_backup", where=where))
    return 0


def _restore(args: argparse.Namespace) -> int:
    from toolkit.settings.config import Config
    from toolkit.store.backup import BackupError, restore
    from toolkit.store.crypto import CryptoKeyError

    config = Config.from_env()
    try:
        done = restore(config, Path(args.file))
    except (BackupError, CryptoKeyError) as e:
        return fail(said(e))
    info = done.info
    print(say("cli_restored", path=info.path, **_counts(info)))
    if done.previous is not None:
        print(say("cli_replaced_kept", path=done.previous))
    print(say("cli_restart_serve"), file=sys.stderr)
    return 0


def _rotate(args: argparse.Namespace) -> int:
    from toolkit.settings.config import Config
    from toolkit.store.backup import BackupError
    from toolkit.store.crypto import CryptoKeyError
    from toolkit.store.rotation import RotationIncomplete, rotate_key

    config = Config.from_env()

    def announce(key: str) -> None:
        print(say("cli_new_key"))
        print(f"  WORKSHOP_KEY={key}")

    try:
        done = rotate_key(config, announce)
    except RotationIncomplete as e:
        return fail(said(e))
    except (BackupError, CryptoKeyError) as e:
        return fail(f"{said(e)}\n{say('cli_key_not_changed')}")
    except BaseException:
        print(say("cli_key_not_changed_keep"), file=sys.stderr)
        raise
    if done is None:
        print(say("cli_rotation_finished", path=config.key_file))
        return 0
    print(say("cli_resealed",
              versions=say_plural("cli_answer_versions", done.answer_versions),
              codes=say_plural("cli_join_codes_count", done.codes),
              settings=say_plural("cli_settings_count", done.sealed_settings),
              cleared=say_plural("cli_wrong_code_counts", done.failed_joins_cleared)))
    if done.new_key:
        print(say("cli_set_new_key"))
    else:
        print(say("cli_new_key_in", path=config.key_file))
    print(say("cli_old_backups_old_key"), file=sys.stderr)
    print(say("cli_restart_serve_refuses"), file=sys.stderr)
    return 0


def _upgrade(_args: argparse.Namespace) -> int:
    from toolkit.store.migrate import NewerDatabaseError, UpgradeError, upgrade_database

    try:
        applied = upgrade_database()
    except NewerDatabaseError as e:
        return fail(say("cli_nothing_changed", error=said(e)))
    except UpgradeError as e:  # says that nothing was changed itself
        return fail(said(e))
    if applied:
        print(say("cli_upgraded", steps=", ".join(applied)))
    else:
        print(say("cli_up_to_date"))
    return 0


def add_admin_commands(sub: Any) -> None:
    """Register audit, forget, purge, backup, restore, rotate-key and upgrade."""
    audit = sub.add_parser("audit", help=helped("help_audit"))
    audit.add_argument("--csv", metavar="FILE", help=helped("help_audit_csv"))
    audit.set_defaults(func=_audit)

    forget = sub.add_parser("forget", help=helped("help_forget"))
    forget.add_argument("--participant", required=True, metavar="CODE",
                        help=helped("help_join_code"))
    forget.add_argument("--yes", action="store_true", help=helped("help_yes"))
    forget.set_defaults(func=_forget)

    purge = sub.add_parser("purge", help=helped("help_purge"))
    which = purge.add_mutually_exclusive_group(required=True)
    which.add_argument("--session", metavar="ID", help=helped("help_session_id"))
    which.add_argument("--older-than", type=float, metavar="DAYS",
                       help=helped("help_purge_older_than"))
    purge.add_argument("--yes", action="store_true", help=helped("help_yes"))
    purge.set_defaults(func=_purge)

    backup = sub.add_parser("backup", help=helped("help_backup"))
    backup.add_argument("-o", "--output", required=True, metavar="FILE",
                        help=helped("help_backup_output"))
    backup.set_defaults(func=_backup)

    restore = sub.add_parser("restore", help=helped("help_restore"))
    restore.add_argument("file", help=helped("help_restore_file"))
    restore.set_defaults(func=_restore)

    rotate = sub.add_parser("rotate-key", help=helped("help_rotate_key"))
    rotate.set_defaults(func=_rotate)

    upgrade = sub.add_parser("upgrade", help=helped("help_upgrade"))
    upgrade.set_defaults(func=_upgrade)

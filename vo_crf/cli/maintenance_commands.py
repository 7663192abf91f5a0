"""CLI commands that keep the database safe and shared: backup, restore and multi-site sync."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from vo_crf.auth.file_login import admin_for_restore
from vo_crf.auth.permissions import Action
from vo_crf.auth.users import AuthenticationError, CurrentUser
from vo_crf.cli.common import (
    CommandError,
    add_db_option,
    add_user_option,
    database_url,
    logged_in,
    open_and_login,
    read_password,
)
from vo_crf.db.backup import POSTGRES_ADVICE, BackupError, backup_database
from vo_crf.db.restore import restore_database, verify_backup
from vo_crf.db.study_identity import preview_restore
from vo_crf.paths import sqlite_file
from vo_crf.project import ProjectError
from vo_crf.storage import refuse_unusable_storage


def register(commands: argparse._SubParsersAction) -> None:
    """Add backup, restore and sync to the CLI."""
    backup = commands.add_parser("backup", help="back up an SQLite study database (online; "
                                                "admin login)")
    add_db_option(backup)
    add_user_option(backup)
    backup.add_argument("--to", type=Path, default=None, metavar="FILE",
                        help="write the backup here (default: the backups folder beside the "
                             "database, rotated)")
    backup.add_argument("--force", action="store_true", help="replace FILE if it exists")
    backup.set_defaults(handler=run_backup)

    restore = commands.add_parser(
        "restore", help="replace an SQLite study database by a backup of the same study "
                        "(admin login; says what it replaces; the replaced file is kept)")
    add_db_option(restore)
    add_user_option(restore)
    restore.add_argument("--yes", action="store_true",
                         help="restore without asking (after reading what it replaces)")
    restore.add_argument("file", type=Path, metavar="BACKUP")
    restore.set_defaults(handler=run_restore)

    _register_sync(commands)


def _sqlite_file(args: argparse.Namespace) -> Path:
    url = database_url(args)
    database = sqlite_file(url)
    if database is None:
        raise CommandError(POSTGRES_ADVICE if url.startswith("postgresql")
                           else f"{url} is not an SQLite database file")
    return database


def run_backup(args: argparse.Namespace) -> int:
    """``vo-crf backup``: an online copy of the database (checked before it is kept)."""
    database = _sqlite_file(args)
    with logged_in(args) as (_project, user):
        user.require(Action.MANAGE_USERS)  # an admin's job, like restoring
    try:
        path = backup_database(database, "manual", args.to, force=args.force)
    except BackupError as exc:
        raise CommandError(str(exc)) from None
    print(f"Backed up {database} to {path}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    """``vo-crf restore``: replace the database by a checked backup, keeping the old file.

    Needs an admin login (on the backup when the database is too damaged to open), refuses
    another study's database and says what the restore replaces before doing it (``--yes``).
    """
    database = _sqlite_file(args)
    refuse_unusable_storage(database)  # before the login opens (and journals) the database
    try:
        verify_backup(args.file)
        preview = preview_restore(database, args.file)
        user = _restoring_admin(args, args.file)
        print(preview.text())
        sys.stdout.flush()
        if not _confirmed(args):
            raise CommandError("nothing was restored: run again with --yes to restore")
        kept = restore_database(database, args.file, user)
    except BackupError as exc:
        raise CommandError(str(exc)) from None
    print(f"Restored {database} from {args.file}"
          + (f"; the replaced file is kept as {kept}" if kept else ""))
    return 0


def _restoring_admin(args: argparse.Namespace, backup: Path) -> CurrentUser:
    """Log ``--user`` in as an admin: on the database, else (damaged) on the backup."""
    try:
        project, user = open_and_login(args)
    except ProjectError:
        try:
            return admin_for_restore(backup, args.user, read_password())
        except AuthenticationError as exc:
            raise CommandError(f"login refused: {exc}") from None
    else:
        project.close()
    user.require(Action.MANAGE_USERS)
    return user


def _confirmed(args: argparse.Namespace) -> bool:
    """``--yes``, or a "y" typed on the terminal."""
    if args.yes:
        return True
    if not sys.stdin or not sys.stdin.isatty():
        return False
    return input("Restore? [y/N] ").strip().lower() in ("y", "yes")


def _register_sync(commands: argparse._SubParsersAction) -> None:
    """Add ``sync`` (and its conflicts/resolve/setup sub-commands)."""
    sync = commands.add_parser(
        "sync", help="exchange changes with the central database (sub-commands: setup, "
                     "conflicts, resolve)")
    add_db_option(sync)
    sync.add_argument("--central", metavar="URL", help="central database (PostgreSQL URL or "
                                                       "SQLite file)")
    sync.add_argument("--user", metavar="NAME", help="your user name (password from "
                                                     "$VO_CRF_PASSWORD, else a prompt)")
    sync.set_defaults(handler=run_sync)
    sub = sync.add_subparsers(dest="sync_command", metavar="SUBCOMMAND")

    setup = sub.add_parser("setup", help="give this database its site code (admin only)")
    add_db_option(setup)
    add_user_option(setup)
    setup.add_argument("--site", required=True, metavar="CODE", help="site code, e.g. 1")
    setup.set_defaults(handler=run_sync_setup)

    conflicts = sub.add_parser("conflicts", help="list the values changed on both sides "
                                                 "(de-identified for roles without identified "
                                                 "access)")
    add_db_option(conflicts)
    add_user_option(conflicts)
    conflicts.add_argument("--all", action="store_true", help="also list resolved conflicts")
    conflicts.set_defaults(handler=run_sync_conflicts)

    resolve = sub.add_parser("resolve", help="resolve one conflict (audited)")
    add_db_option(resolve)
    add_user_option(resolve)
    resolve.add_argument("conflict_id", type=int, metavar="ID")
    resolve.add_argument("--keep", required=True, choices=["local", "remote"])
    resolve.add_argument("--reason", required=True, metavar="TEXT")
    resolve.set_defaults(handler=run_sync_resolve)


def run_sync(args: argparse.Namespace) -> int:
    """``vo-crf sync``: push this site's changes to the central database and pull theirs."""
    from vo_crf.sync.run import SyncError, synchronise

    if not args.central or not args.user:
        raise CommandError("vo-crf sync needs --central URL and --user NAME")
    project, user = open_and_login(args)
    try:
        report = synchronise(project, user, args.central)
    except SyncError as exc:
        raise CommandError(str(exc)) from None
    finally:
        project.close()
    print(report.summary())
    return 0


def run_sync_setup(args: argparse.Namespace) -> int:
    """``vo-crf sync setup``: store the site code of this database."""
    from vo_crf.sync.node import SyncError, set_site_code

    project, user = open_and_login(args)
    try:
        set_site_code(project, user, args.site)
    except SyncError as exc:
        raise CommandError(str(exc)) from None
    finally:
        project.close()
    print(f"This database is now site {args.site}")
    return 0


def run_sync_conflicts(args: argparse.Namespace) -> int:
    """``vo-crf sync conflicts``: list open (or all) conflicts, as the user's view shows them."""
    from vo_crf.sync.conflicts import conflict_locks, describe_conflict, list_conflicts

    with logged_in(args) as (project, user):
        found = list_conflicts(project, user, include_resolved=args.all)
        locks = conflict_locks(project, found)
    if not found:
        print("No open conflicts" if not args.all else "No conflicts")
    for conflict in found:
        print(describe_conflict(conflict, locks.get(conflict.id)))
    return 0


def run_sync_resolve(args: argparse.Namespace) -> int:
    """``vo-crf sync resolve``: keep the local or the remote value of one conflict."""
    from vo_crf.sync.conflicts import ConflictError, resolve_conflict

    project, user = open_and_login(args)
    try:
        value = resolve_conflict(project, user, args.conflict_id, args.keep, args.reason)
    except ConflictError as exc:
        raise CommandError(str(exc)) from None
    finally:
        project.close()
    print(f"Conflict {args.conflict_id} resolved: kept the {args.keep} value {value!r}; "
          "it reaches the other sites at the next sync")
    return 0

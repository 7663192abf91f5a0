"""CLI review commands for investigators and monitors: ``vo-crf lock|unlock|verify|sign``.

``RECORD [EVENT FORM [INSTANCE]]`` names one form or, without EVENT FORM, every saved form of
the patient; ``vo-crf lock --all`` locks every form of every record (the study's close-out).
Each command is one core operation (``vo_crf.entry.review``): one transaction, one audit row per
form. A refusal (nothing to do, wrong password, no right) prints one line and exits 1.
"""

from __future__ import annotations

import argparse

from vo_crf.cli.common import (
    CommandError,
    add_db_option,
    add_user_option,
    logged_in,
    read_password,
)
from vo_crf.entry import FormKey
from vo_crf.entry.review import lock, lock_all, sign, unlock, verify

_HELP = {
    "lock": "lock one form, every form of a patient, or with --all every form of the study",
    "unlock": "unlock one form or every form of a patient (a reason is required)",
    "verify": "mark a Complete form as verified (source data checked)",
    "sign": "e-sign one form or every form of a patient (they are locked; password asked)",
}


def register(commands: argparse._SubParsersAction) -> None:
    """Add ``lock``, ``unlock``, ``verify`` and ``sign``."""
    for name, handler in (("lock", run_lock), ("unlock", run_unlock), ("verify", run_verify),
                          ("sign", run_sign)):
        parser = commands.add_parser(name, help=_HELP[name])
        add_db_option(parser)
        add_user_option(parser)
        parser.add_argument("place", nargs="*", metavar="RECORD [EVENT FORM [INSTANCE]]",
                            help="the patient, optionally one form of one event (and the "
                                 "instance of a repeating form)")
        parser.add_argument("--reason", metavar="TEXT", default=None,
                            required=name == "unlock",
                            help="why (kept in the audit trail; required to unlock)")
        if name == "lock":
            parser.add_argument("--all", action="store_true",
                                help="lock every form of every record (database lock)")
        parser.set_defaults(handler=handler)


def _place(args: argparse.Namespace, form_required: bool = False) -> tuple[str, FormKey | None]:
    """Return (record id, form key or None) from ``RECORD [EVENT FORM [INSTANCE]]``."""
    place = list(args.place)
    if len(place) not in (1, 3, 4) or (form_required and len(place) == 1):
        wanted = "RECORD EVENT FORM [INSTANCE]" if form_required else \
            "RECORD [EVENT FORM [INSTANCE]]"
        given = " ".join(place) or "nothing"
        raise CommandError(f"vo-crf {args.command} needs {wanted}, got {given}")
    if len(place) == 1:
        return place[0], None
    instance = 1
    if len(place) == 4:
        if not place[3].isdigit() or int(place[3]) < 1:
            raise CommandError(f"INSTANCE must be a number from 1, got {place[3]!r}")
        instance = int(place[3])
    return place[0], FormKey(place[0], place[1], place[2], instance)


def _what(record_id: str, key: FormKey | None) -> str:
    if key is None:
        return f"of {record_id}"
    number = f" #{key.instance}" if key.instance > 1 else ""
    return f"({key.form}{number} at {key.event}) of {record_id}"


def _forms(count: int) -> str:
    return f"{count} form{'' if count == 1 else 's'}"


def run_lock(args: argparse.Namespace) -> int:
    """``vo-crf lock``: lock one form, a patient, or with ``--all`` the whole study."""
    if args.all:
        if args.place:
            raise CommandError("vo-crf lock --all takes no RECORD: it locks every record")
        if not (args.reason or "").strip():
            raise CommandError('vo-crf lock --all needs --reason (e.g. "database lock")')
        with logged_in(args) as (project, user):
            count, records = lock_all(project, user, args.reason)
        print(f"Locked {_forms(count)} of {records} record{'' if records == 1 else 's'} "
              f"({args.reason.strip()}); forms already locked stay as they were")
        return 0
    record_id, key = _place(args)
    with logged_in(args) as (project, user):
        count = len(lock(project, user, record_id, key, reason=args.reason).forms)
    if count == 0:
        raise CommandError(f"nothing locked: every form {_what(record_id, key)} is already "
                           "locked")
    print(f"Locked {_forms(count)} {_what(record_id, key)}")
    return 0


def run_unlock(args: argparse.Namespace) -> int:
    """``vo-crf unlock``: unlock one form or a patient (a reason is required)."""
    record_id, key = _place(args)
    with logged_in(args) as (project, user):
        count = len(unlock(project, user, record_id, args.reason, key).forms)
    if count == 0:
        raise CommandError(f"nothing unlocked: no form {_what(record_id, key)} is locked")
    print(f"Unlocked {_forms(count)} {_what(record_id, key)}; their e-signatures, if any, "
          "are withdrawn")
    return 0


def run_verify(args: argparse.Namespace) -> int:
    """``vo-crf verify``: mark one Complete form as verified."""
    record_id, key = _place(args, form_required=True)
    assert key is not None
    with logged_in(args) as (project, user):
        verify(project, user, key, reason=args.reason)
    print(f"Verified {_what(record_id, key)}")
    return 0


def run_sign(args: argparse.Namespace) -> int:
    """``vo-crf sign``: e-sign one form or a patient (password from VO_CRF_PASSWORD/prompt)."""
    record_id, key = _place(args)
    with logged_in(args) as (project, user):
        password = read_password(f"Password of {user.username} to sign: ")
        done = sign(project, user, record_id, key, password=password, reason=args.reason)
    print(f"Signed {_forms(done.signed)} {_what(record_id, key)} as {user.username} "
          f"({done.newly_locked} newly locked)")
    return 0

"""``vo-crf audit verify``: check the audit trail's hash chain and append-only triggers."""

from __future__ import annotations

import argparse
from pathlib import Path

from vo_crf.audit.chain import chain_extends
from vo_crf.audit.chain_check import verify_engine
from vo_crf.audit.export_head import head_in_export
from vo_crf.auth.permissions import Action
from vo_crf.auth.users import AuthenticationError, authenticate
from vo_crf.cli.common import (
    CommandError,
    add_db_option,
    add_user_option,
    database_url,
    read_password,
)
from vo_crf.project import open_project


def register(commands: argparse._SubParsersAction) -> None:
    """Add ``audit verify`` to the CLI."""
    audit = commands.add_parser("audit", help="check the audit trail (sub-command: verify)")
    sub = audit.add_subparsers(dest="audit_command", metavar="SUBCOMMAND", required=True)
    verify = sub.add_parser(
        "verify", help="verify the audit trail's hash chain and append-only triggers; name the "
                       "first broken row (exit status 2 when broken)")
    add_db_option(verify)
    add_user_option(verify)
    verify.add_argument("--extends", metavar="HEAD|FILE", default=None,
                        help="also check that the trail still extends HEAD (POSITION:HASH, as "
                             "written into an earlier export), or the head an earlier export "
                             "FILE carries (workbook, ODM, REDCap or statistics CSV and its "
                             "_about.txt, SPSS, Stata, R or SAS)")
    verify.set_defaults(handler=run_verify)


def run_verify(args: argparse.Namespace) -> int:
    """Print the verification; exit 0 when intact, 2 when broken."""
    if args.extends:
        args.extends = _head_of(args.extends)
    project = open_project(database_url(args), check_audit=False)
    try:
        try:
            user = authenticate(project.engine, args.user, read_password())
        except AuthenticationError as exc:
            raise CommandError(f"login refused: {exc}") from None
        user.require(Action.VIEW_AUDIT)
        report = verify_engine(project.engine)
        extends = None
        if args.extends:
            with project.engine.connect() as connection:
                extends = chain_extends(connection, args.extends)
    finally:
        project.close()
    print(report.summary())
    for line in report.lines():
        print(f"  {line}")
    print(f"checked in {report.seconds:.2f} s")
    if extends is not None:
        print(f"the trail extends {args.extends}" if extends else
              f"the trail does NOT extend {args.extends}: rows up to that position were changed "
              "or removed (or the head comes from another database)")
    return 0 if report.ok and extends is not False else 2


def _head_of(given: str) -> str:
    """The head ``POSITION:HASH`` itself, or the one an export file carries."""
    if ":" in given and given.split(":", 1)[0].isdigit():
        return given
    path = Path(given)
    if not path.is_file():
        raise CommandError(f"--extends {given}: neither a chain head POSITION:HASH nor an "
                           "export file")
    head = head_in_export(path)
    if head is None:
        raise CommandError(f"--extends {given}: this file carries no audit chain head (exports "
                           "made by vo-crf since the audit chain carry one; a REDCap CSV or "
                           "statistics file carries it in its _about.txt)")
    return head

"""CLI command for double data entry: ``vo-crf dde-report`` (discordance rates as CSV).

``--pending`` prints the worklist instead: the forms whose double entry is not finished.
"""

from __future__ import annotations

import argparse
import sys

from vo_crf.cli.common import add_db_option, add_user_option, logged_in
from vo_crf.dde.worklist import pending_csv, pending_double_entries
from vo_crf.reports.discordance import discordance_csv, discordance_report


def register(commands: argparse._SubParsersAction) -> None:
    """Add ``dde-report`` to the CLI."""
    report = commands.add_parser(
        "dde-report",
        help="double data entry: discordance rate per form and per user (CSV to stdout)")
    add_db_option(report)
    add_user_option(report)
    report.add_argument("--pending", action="store_true",
                        help="list the forms awaiting an entry or a comparison instead (CSV)")
    report.set_defaults(handler=run_report)


def run_report(args: argparse.Namespace) -> int:
    """``vo-crf dde-report``: print the discordance report (or, --pending, the worklist)."""
    with logged_in(args) as (project, user):
        if args.pending:
            sys.stdout.write(pending_csv(pending_double_entries(project, user)))
        else:
            sys.stdout.write(discordance_csv(discordance_report(project, user)))
    return 0

"""CLI command ``vo-crf quality``: run the data-quality checks, findings as CSV on stdout."""

from __future__ import annotations

import argparse
import csv
import sys

from vo_crf.cli.common import add_db_option, add_user_option, logged_in
from vo_crf.exchange.spreadsheet_text import safe_row
from vo_crf.quality import CHECK_NAMES, QUALITY_HEADERS, run_quality_checks


def register(commands: argparse._SubParsersAction) -> None:
    """Add ``quality`` to the CLI."""
    quality = commands.add_parser(
        "quality", help="run the data-quality checks (CSV on stdout)",
        description="Run the built-in data-quality checks and the study's own rules; print "
                    "one CSV row per finding (the Excel 'Data quality' sheet's columns).")
    add_db_option(quality)
    add_user_option(quality)
    quality.add_argument("--check", action="append", metavar="NAME",
                         help="only this check (repeatable): " + ", ".join(CHECK_NAMES)
                         + ", or the name of one of the study's rules")
    quality.add_argument("--record", action="append", metavar="ID",
                         help="only this record (repeatable)")
    quality.set_defaults(handler=run_quality)


def run_quality(args: argparse.Namespace) -> int:
    """``vo-crf quality``: print the findings as CSV; their count goes to stderr."""
    with logged_in(args) as (project, user):
        issues = run_quality_checks(project, user, records=args.record, checks=args.check)
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(QUALITY_HEADERS)
    writer.writerows(safe_row(list(issue.row())) for issue in issues)
    sys.stdout.flush()
    print(f"{len(issues)} finding(s)", file=sys.stderr)
    return 0

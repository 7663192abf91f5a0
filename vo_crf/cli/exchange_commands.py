"""Options of ``vo-crf export``/``import`` for the exchange formats (ODM, CSV, SPSS, Stata, R, SAS).

``data_commands`` owns the commands; this module adds the format options to its parsers,
passes each exporter only the options it accepts, and picks the importer by file type.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from vo_crf.auth.users import CurrentUser
from vo_crf.cli.common import CommandError
from vo_crf.exchange.deidentify import DateMode
from vo_crf.exchange.import_common import MAX_REPORTED_ERRORS, ImportSummary
from vo_crf.exchange.import_options import DATE_FORMATS, ImportOptions, out_of_range_note
from vo_crf.project import Project


def register(commands: argparse._SubParsersAction) -> None:
    """No commands of its own: the options are added to ``export`` by data_commands."""


def add_export_options(parser: argparse.ArgumentParser) -> None:
    """Add --date-mode, --labels and --no-audit to the export parser."""
    parser.add_argument("--date-mode", choices=[m.value for m in DateMode],
                        default=DateMode.SHIFT.value,
                        help="de-identified exports: shift every date of a patient by a secret "
                             "offset (shift, default) or write days since M0 (days)")
    parser.add_argument("--labels", action="store_true",
                        help="csv: write choice labels instead of codes")
    parser.add_argument("--no-audit", action="store_true",
                        help="odm: leave the audit trail out (much smaller file)")
    parser.add_argument("--keep-free-text", action="store_true",
                        help="de-identified exports: keep notes and unvalidated text fields "
                             "(left out by default; only for users allowed identified data)")


def add_import_options(parser: argparse.ArgumentParser) -> None:
    """Add --overwrite-blanks, --dry-run, --accept-out-of-range, --date-format and
    --keep-invalid to the import parser."""
    parser.add_argument("--overwrite-blanks", action="store_true",
                        help="blank cells erase the stored values of the forms a row fills "
                             "(default: blank cells are ignored, as REDCap's 'normal' mode)")
    parser.add_argument("--dry-run", action="store_true",
                        help="print per form how many values the import would add, change "
                             "and erase; write nothing")
    parser.add_argument("--accept-out-of-range", default=None, metavar="REASON",
                        help="import values outside their field's range, with this reason in "
                             "the audit trail of each (otherwise they refuse the import)")
    parser.add_argument("--date-format", default="YMD", type=str.upper, choices=DATE_FORMATS,
                        help="order of the dates of a CSV file: YMD (default, 2024-12-31), "
                             "DMY (31/12/2024) or MDY (12/31/2024), as REDCap's import "
                             "option; they are stored YYYY-MM-DD")
    parser.add_argument("--keep-invalid", default=None, metavar="REASON",
                        help="keep, as typed, values that fail their field's validation (data "
                             "a REDCap server holds although the validation came later), with "
                             "this reason in the audit trail of each; the data-quality checks "
                             "list them (otherwise they refuse the import)")


def import_options(args: argparse.Namespace) -> ImportOptions:
    """Return the ImportOptions given on the command line (a blank reason is refused)."""
    reason = args.accept_out_of_range
    if reason is not None and not reason.strip():
        raise CommandError("--accept-out-of-range needs a reason (e.g. \"checked against the "
                           "lab report\"): it is written into the audit trail of each value")
    kept = args.keep_invalid
    if kept is not None and not kept.strip():
        raise CommandError("--keep-invalid needs a reason (e.g. \"validation added on the "
                           "server after the data\"): it is written into the audit trail of "
                           "each value kept")
    return ImportOptions(overwrite_blanks=args.overwrite_blanks, dry_run=args.dry_run,
                         accept_out_of_range=(reason or "").strip(),
                         date_format=args.date_format, keep_invalid=(kept or "").strip())


def report_import(source: str, summary: ImportSummary) -> int:
    """Print what an import stored, or (dry run) would store; return the exit status.

    A dry run prints a table of forms: instances saved, values added, changed and erased.
    It exits 1 when the import itself would be refused for out-of-range values.
    """
    totals = (f"{summary.forms_saved} forms, {summary.records_created} new records, "
              f"{summary.values_changed} values changed")
    out_of_range, count = summary.out_of_range, summary.out_of_range_count
    for sentence in summary.not_carried:
        print(f"Not carried: {sentence}")
    if summary.records_moved:
        moved = "1 record" if summary.records_moved == 1 else f"{summary.records_moved} records"
        print(f"{moved} would move to another site (data access group)" if summary.dry_run
              else f"{moved} moved to another site (data access group; audited)")
    if not summary.dry_run:
        print(f"Imported {source}: {totals}")
        if count:
            print(f"{_values(count)} out of range accepted")
        if summary.kept_invalid_count:
            print(f"{_values(summary.kept_invalid_count)} kept although invalid "
                  "(listed by vo-crf quality)")
        return 0
    print(f"Dry run of {source}: nothing was written.")
    width = max([len("form"), *(len(name) for name in summary.forms)])
    print(f"{'form':<{width}}  {'forms':>6}  {'added':>6}  {'changed':>7}  {'erased':>6}")
    for name, counts in summary.forms.items():
        print(f"{name:<{width}}  {counts.forms:>6}  {counts.added:>6}  {counts.changed:>7}  "
              f"{counts.erased:>6}")
    print(f"Would import: {totals}")
    if summary.kept_invalid_count:
        print(f"{_values(summary.kept_invalid_count)} would be kept although invalid")
    if not count:
        return 0
    shown = "\n".join(f"line {v.line}, field {v.field}: {v.describe()}"
                      for v in out_of_range[:MAX_REPORTED_ERRORS])
    more = count - min(len(out_of_range), MAX_REPORTED_ERRORS)
    print(f"Out of range:\n{shown}" + (f"\n... and {more} more" if more > 0 else ""))
    if summary.out_of_range_reason:
        print(f"{_values(count)} out of range would be accepted")
        return 0
    print(f"vo-crf: the import would be refused: {out_of_range_note(count)}", file=sys.stderr)
    return 1


def _values(count: int) -> str:
    return "1 value" if count == 1 else f"{count} values"


def import_file(project: Project, user: CurrentUser, path: Path,
                options: ImportOptions | None = None) -> ImportSummary:
    """Import a CDISC ODM .xml file or a REDCap CSV file, all or nothing."""
    from vo_crf.exchange.import_file import import_data_file

    return import_data_file(project, user, path, options)

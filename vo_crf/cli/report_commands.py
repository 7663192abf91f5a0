"""CLI commands for reports and the demo: ``vo-crf report`` and ``vo-crf demo``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sqlalchemy import make_url

from vo_crf.cli.common import (
    CommandError,
    add_db_option,
    add_language_option,
    add_user_option,
    database_url,
    open_and_login,
    read_password,
    report_language,
)


def register(commands: argparse._SubParsersAction) -> None:
    """Add ``report`` and ``demo`` to the CLI."""
    report = commands.add_parser(
        "report", help="per-patient timeline PDF reports, casebooks and blank CRFs")
    add_db_option(report)
    add_user_option(report)
    which = report.add_mutually_exclusive_group()
    which.add_argument("--record", metavar="ID",
                       help="one patient (OUT is the PDF file); users without identified "
                            "access name it by its pseudonym")
    which.add_argument("--all", action="store_true",
                       help="every patient (OUT is a folder of <record>.pdf files)")
    report.add_argument("--combined", action="store_true",
                        help="with --all: one PDF file holding every patient (OUT a file; "
                             "an existing folder gets patients.pdf; .pdf is added)")
    report.add_argument("--casebook", action="store_true",
                        help="the casebook of --record ID or of --all records in one PDF: "
                             "every event and form with values, units and statuses")
    report.add_argument("--with-audit", action="store_true",
                        help="with --casebook: add each record's audit trail")
    report.add_argument("--blank", action="store_true",
                        help="blank CRFs of every form for paper backup (no record needed)")
    report.add_argument("--figures", action="store_true",
                        help="the study-wide figures (OUT is one PDF: swimmer plot, imaging "
                             "findings by visit with n/N, CRP/ESR/WBC by visit, flow of "
                             "patients)")
    report.add_argument("--identifiers", action="store_true",
                        help="show identifiers (only for roles allowed to see them)")
    report.add_argument("--force", action="store_true",
                        help="replace PDF files that exist already")
    add_language_option(report)
    report.add_argument("out", type=Path, metavar="OUT")
    report.set_defaults(handler=run_report)

    demo = commands.add_parser("demo", help="create a new study database with the demo cohort")
    add_db_option(demo)
    demo.add_argument("--user", required=True, metavar="NAME",
                      help="name of the admin of the new database")
    demo.set_defaults(handler=run_demo)


def _progress(done: int, total: int, record_id: str) -> None:
    """Draw a progress bar on stderr."""
    width = 30
    filled = width * done // max(total, 1)
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {record_id}  ")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def run_report(args: argparse.Namespace) -> int:
    """``vo-crf report``: one patient's PDF, or every patient's."""
    from vo_crf.reports.patient_reports import write_patient_reports  # reportlab: load on use
    from vo_crf.reports.timeline_data import RecordNotFound

    if args.figures:
        return _run_figures(args)
    if args.blank or args.casebook:
        return _run_casebook(args)
    if not args.record and not args.all:
        raise CommandError("give --record ID or --all (or --blank for blank CRFs)")
    if args.with_audit:
        raise CommandError("--with-audit goes with --casebook")
    project, user = open_and_login(args)
    try:
        written = write_patient_reports(
            project, user, args.out, record_ids=[args.record] if args.record else None,
            combined=args.combined, show_identifiers=args.identifiers,
            progress=_progress if args.all else None, force=args.force,
            language=report_language(args))
    except RecordNotFound as exc:
        raise CommandError(str(exc)) from None
    finally:
        project.close()
    where = written[0] if len(written) == 1 and (args.record or args.combined) \
        else f"{args.out}/"
    print(f"Wrote {len(written)} PDF file(s) to {where}")
    return 0


def _run_figures(args: argparse.Namespace) -> int:
    """``vo-crf report --figures OUT.pdf``: the study-wide figures."""
    from vo_crf.analysis.plan import AnalysisPlanError
    from vo_crf.reports.figures import write_figures  # reportlab: load on use

    if args.blank or args.casebook or args.record or args.all:
        raise CommandError("--figures covers every patient: give it alone with OUT")
    project, user = open_and_login(args)
    try:
        path = write_figures(project, user, args.out, force=args.force,
                             language=report_language(args))
    except AnalysisPlanError as exc:
        raise CommandError(f"no figures: {exc}") from None
    finally:
        project.close()
    print(f"Wrote the study figures to {path}")
    return 0


def _run_casebook(args: argparse.Namespace) -> int:
    """``vo-crf report --casebook`` (one record or all) and ``vo-crf report --blank``."""
    from vo_crf.reports.blank_crf import write_blank_crfs  # reportlab: load on use
    from vo_crf.reports.casebook import write_casebook
    from vo_crf.reports.timeline_data import RecordNotFound

    if args.blank and (args.casebook or args.record or args.all):
        raise CommandError("--blank prints empty forms: give it without --casebook, --record "
                           "or --all")
    if args.casebook and not args.record and not args.all:
        raise CommandError("--casebook needs --record ID or --all")
    project, user = open_and_login(args)
    try:
        if args.blank:
            path = write_blank_crfs(project, user, args.out, force=args.force,
                                    language=report_language(args))
            print(f"Wrote the blank CRFs of {len(project.study.forms)} form(s) to {path}")
            return 0
        path = write_casebook(project, user, args.out,
                              record_ids=[args.record] if args.record else None,
                              with_audit=args.with_audit, show_identifiers=args.identifiers,
                              force=args.force, language=report_language(args))
    except RecordNotFound as exc:
        raise CommandError(str(exc)) from None
    finally:
        project.close()
    print(f"Wrote the casebook to {path}")
    return 0


def run_demo(args: argparse.Namespace) -> int:
    """``vo-crf demo``: new database, NAME as admin, demo cohort loaded."""
    from vo_crf.demo.cohort import create_demo_project
    from vo_crf.entry.records import list_record_ids

    url = database_url(args)
    project = create_demo_project(url, args.user,
                                  read_password("Password for the new admin: "))
    try:
        patients = list_record_ids(project)
    finally:
        project.close()
    shown = make_url(url).render_as_string(hide_password=True)
    print(f"Created {shown} with the demo cohort: {len(patients)} patients, "
          f"{patients[0]} to {patients[-1]}")
    return 0

"""CLI commands that create databases, manage users and move REDCap data in and out."""

from __future__ import annotations

import argparse
from pathlib import Path

from sqlalchemy import make_url

from vo_crf.auth.permissions import Role
from vo_crf.auth.users import create_user
from vo_crf.cli.common import (
    add_db_option,
    add_language_option,
    add_user_option,
    database_url,
    logged_in,
    open_and_login,
    read_new_password,
    read_password,
    report_language,
)
from vo_crf.cli.exchange_commands import (
    add_export_options,
    add_import_options,
    import_file,
    import_options,
    report_import,
)
from vo_crf.exchange.export_formats import EXPORT_FORMATS as CORE_EXPORT_FORMATS
from vo_crf.exchange.export_formats import run_export as run_format_export
from vo_crf.project import init_project

EXPORT_FORMATS = {fmt.key: fmt.reference for fmt in CORE_EXPORT_FORMATS}
"""Export formats by ``--format`` name: 'module:function' of the exporter, imported on use so
that the command line starts without loading openpyxl, reportlab, lxml or pandas; the one
list is the core's (``vo_crf.exchange.export_formats``), which the GUI offers too."""


def register(commands: argparse._SubParsersAction) -> None:
    """Add init, user, import and export to the CLI."""
    init = commands.add_parser("init", help="create a new study database")
    add_db_option(init)
    init.add_argument("--user", required=True, metavar="NAME", help="name of the first admin")
    init.add_argument("--study", type=Path, default=None, metavar="DIR",
                      help="folder with the REDCap definition files (default: the VO study)")
    init.add_argument("--from-redcap", type=Path, default=None, metavar="PROJECT.xml",
                      help="a REDCap project XML (Download project XML, metadata & data): "
                           "its definition and its data in one step")
    init.set_defaults(handler=run_init)

    user = commands.add_parser("user", help="manage users")
    user_commands = user.add_subparsers(dest="user_command", required=True)
    add = user_commands.add_parser("add", help="add a user (admin only)")
    add_db_option(add)
    add_user_option(add)
    add.add_argument("new_name", metavar="NEWNAME")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument("--full-name", default="")
    add.set_defaults(handler=run_user_add)

    imp = commands.add_parser("import", help="import a REDCap CSV raw record file or a CDISC "
                                             "ODM .xml file (all or nothing)")
    add_db_option(imp)
    add_user_option(imp)
    imp.add_argument("file", type=Path, metavar="FILE.csv|FILE.xml")
    add_import_options(imp)
    imp.set_defaults(handler=run_import)

    exp = commands.add_parser("export", help="export the data")
    add_db_option(exp)
    add_user_option(exp)
    exp.add_argument("--format", default="redcap",
                     help="redcap (default), "
                          + ", ".join(sorted(set(EXPORT_FORMATS) - {"redcap"})))
    exp.add_argument("--deidentified", action="store_true",
                     help="drop identifier fields (default for the statistician role)")
    add_export_options(exp)
    exp.add_argument("--force", action="store_true",
                     help="replace OUT (and its companion files) if they exist")
    add_language_option(exp)  # xlsx: the About sheet's explanations
    exp.add_argument("out", type=Path, metavar="OUT")
    exp.set_defaults(handler=run_export)


def run_init(args: argparse.Namespace) -> int:
    """``vo-crf init``: new study database with its first admin."""
    if args.from_redcap is not None:
        from vo_crf.cli.redcap_project_command import run_init_from_redcap

        return run_init_from_redcap(args)
    url = database_url(args)
    project = init_project(url, args.user, read_password("Password for the new admin: "),
                           args.study)
    shown = make_url(url).render_as_string(hide_password=True)
    print(f"Created study database {shown} ({project.study.name}, definition version "
          f"{project.definition_version}) with admin {args.user}")
    for warning in project.study.warnings:
        print(f"warning: {warning}")
    project.close()
    return 0


def run_user_add(args: argparse.Namespace) -> int:
    """``vo-crf user add``: an admin adds a user."""
    with logged_in(args) as (project, admin):
        create_user(project.engine, admin, args.new_name, read_new_password(args.new_name),
                    args.role, args.full_name)
    print(f"Added user {args.new_name} ({args.role})")
    return 0


def run_import(args: argparse.Namespace) -> int:
    """``vo-crf import``: REDCap CSV or CDISC ODM into the database, all or nothing."""
    options = import_options(args)
    with logged_in(args) as (project, user):
        summary = import_file(project, user, args.file, options)
    return report_import(args.file.name, summary)


def run_export(args: argparse.Namespace) -> int:
    """``vo-crf export``: write the data in the chosen format."""
    if args.format not in EXPORT_FORMATS:
        raise SystemExit(f"vo-crf: error: unknown format {args.format!r} "
                         f"(known: {', '.join(sorted(EXPORT_FORMATS))})")
    project, user = open_and_login(args)
    deidentified = args.deidentified or user.role is Role.STATISTICIAN
    try:
        count = run_format_export(project, user, args.format, args.out,
                                  deidentified=deidentified, date_mode=args.date_mode,
                                  keep_free_text=args.keep_free_text, labels=args.labels,
                                  include_audit=not args.no_audit, force=args.force,
                                  language=report_language(args))
    finally:
        project.close()
    print(f"Exported {count} rows to {args.out}" + (" (de-identified)" if deidentified else ""))
    return 0

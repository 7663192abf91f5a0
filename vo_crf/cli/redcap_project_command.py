"""``vo-crf init --from-redcap PROJECT.xml``: a REDCap project, definition and data, offline."""

from __future__ import annotations

import argparse

from sqlalchemy import make_url

from vo_crf.cli.common import CommandError, database_url, read_password
from vo_crf.exchange.import_common import ImportFailed


def run_init_from_redcap(args: argparse.Namespace) -> int:
    """Create the study database from a REDCap project XML; say what stayed behind."""
    from vo_crf.exchange.redcap_project_open import create_study_from_redcap

    if args.study is not None:
        raise CommandError("give either --study or --from-redcap, not both")
    if not args.from_redcap.is_file():
        raise CommandError(f"no such file: {args.from_redcap}")
    url = database_url(args)
    try:
        opened = create_study_from_redcap(
            url, args.user, read_password("Password for the new admin: "), args.from_redcap)
    except ImportFailed as exc:
        raise CommandError(f"{args.from_redcap.name}: the data were refused, no study "
                           f"database was created: {exc}") from None
    project = opened.project
    shown = make_url(url).render_as_string(hide_password=True)
    print(f"Created study database {shown} ({project.study.name}, definition version "
          f"{project.definition_version}) with admin {args.user}")
    for line in opened.report_lines():
        print(line)
    for warning in project.study.warnings:
        print(f"warning: {warning}")
    project.close()
    return 0

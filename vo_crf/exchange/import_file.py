"""Import a data file of either kind the app reads: CDISC ODM ``.xml`` or REDCap CSV (the
CLI's ``vo-crf import`` and the GUI's Import entry share this one choice)."""

from __future__ import annotations

from pathlib import Path

from vo_crf.auth.users import CurrentUser
from vo_crf.exchange.import_common import ImportSummary
from vo_crf.exchange.import_options import ImportOptions
from vo_crf.project import Project


def import_data_file(project: Project, user: CurrentUser, path: Path,
                     options: ImportOptions | None = None) -> ImportSummary:
    """Import a CDISC ODM .xml file or a REDCap CSV file, all or nothing (a dry run with
    ``options.dry_run``)."""
    from vo_crf.exchange.odm_import import import_odm, looks_like_odm
    from vo_crf.exchange.redcap_import import import_redcap_csv

    if looks_like_odm(path):
        return import_odm(project, user, path, options)
    return import_redcap_csv(project, user, path, options)

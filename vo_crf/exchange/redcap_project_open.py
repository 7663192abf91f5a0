"""A new study database from a REDCap project XML in one step: definition, then data.

The definition is read (``redcap_project_xml``) and checked by the one loader, the data are
read and checked against it (``odm_import.parse_odm``) before anything is created: a project
whose data would be refused creates no database. The data are then written by the one writer
of every import (``import_common.apply_parsed_forms``), audited as the new admin's import.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.exchange.import_common import ImportFailed, ImportSummary, apply_parsed_forms
from vo_crf.exchange.odm_import import parse_odm
from vo_crf.exchange.redcap_project_xml import ProjectXml, read_project_xml
from vo_crf.paths import sqlite_file, to_database_url
from vo_crf.project import Project, init_project, study_from_files


@dataclass
class OpenedRedcapProject:
    """The new study database, what was read from the file and what its data import stored."""

    project: Project
    source: ProjectXml
    summary: ImportSummary | None
    """None for a project XML without records."""

    def report_lines(self) -> list[str]:
        """What the user is told: the data imported and what stayed on the REDCap server."""
        lines = []
        if self.summary is None:
            lines.append("The project XML holds no data: the study is empty.")
        else:
            lines.append(f"Imported {self.summary.records_created} records "
                         f"({self.summary.forms_saved} forms) from {self.source.path.name}.")
        if self.source.not_carried:
            lines.append("Not carried offline (they stay on the REDCap server):")
            lines.extend(f"  - {item}" for item in self.source.not_carried)
        return lines


def create_study_from_redcap(path_or_url: str, admin_username: str, admin_password: str,
                             xml_path: Path | str) -> OpenedRedcapProject:
    """Create a study database from a REDCap project XML, with its data and first admin.

    Raises DefinitionError (the definition is refused), ImportFailed (the data are refused;
    no database is created) or ProjectError (the database already holds a study).
    """
    xml_path = Path(xml_path)
    source = read_project_xml(xml_path)
    study = study_from_files(source.texts, xml_path.stem)
    # the files of file fields come with their values (ItemDataBase64Binary): stored in
    # attachments and audited by the import, as an ODM import stores them
    parsed = parse_odm(study, xml_path, ignored=source.reserved_items) \
        if source.has_data else None
    project = init_project(path_or_url, admin_username, admin_password,
                           study_texts=source.texts)
    if parsed is None:
        return OpenedRedcapProject(project, source, None)
    admin = CurrentUser(admin_username, Role.ADMIN)
    try:
        summary = apply_parsed_forms(project, admin, parsed, xml_path.name)
    except ImportFailed:
        project.close()
        _remove_new_database(path_or_url)
        raise
    return OpenedRedcapProject(project, source, summary)


def _remove_new_database(path_or_url: str) -> None:
    """Remove the SQLite file just created (with its journals) after its data were refused."""
    database = sqlite_file(to_database_url(path_or_url))
    if database is None:
        return
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)

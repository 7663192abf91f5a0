"""Reports → Import REDCap CSV on a REDCap project with data access groups: the summary says
which records would move to another site and which survey columns are not carried (issue 13)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_helpers import import_through_preview
from pain_project import pain_xml
from report_steps import reports_menu
from sqlalchemy import select

from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session
from vo_crf.db.models import Record
from vo_crf.exchange.redcap_project_open import create_study_from_redcap
from vo_crf.project import Project

ADMIN = CurrentUser("admin", Role.ADMIN)


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    opened = create_study_from_redcap(str(tmp_path / "pain.sqlite"), "admin", "admin-pass-1",
                                      pain_xml(tmp_path))
    yield opened.project
    opened.project.close()


def test_the_summary_names_site_moves_and_survey_columns(
        project, make_session, qtbot, on_named_modal, monkeypatch,  # noqa: ANN001
        tmp_path: Path) -> None:
    moved = tmp_path / "moved.csv"
    moved.write_text("pid,redcap_data_access_group,pain_timestamp,pain_score\n"
                     "P1,nantes,2026-11-03 09:00:00,6\n", encoding="utf-8")
    monkeypatch.setattr("ui.reports_menu.ask_open_path", lambda *a, **k: moved)
    menu = reports_menu(qtbot, make_session(ADMIN))
    headings: list[str] = []
    finished = import_through_preview(qtbot, on_named_modal, menu.import_csv,
                                      lambda dialog: headings.append(dialog.heading.text()))
    assert "1 patient(s) would move to another site (data access group)" in headings[0]
    assert "Not carried: survey timestamps and survey identifiers (pain_timestamp)" \
        in headings[0]
    assert "Patients moved to another site: 1." in finished
    with read_session(project.engine) as session:
        assert session.scalar(select(Record.site).where(Record.record_id == "P1")) == "nantes"

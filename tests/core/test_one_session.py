"""One session object owns the services (issue 15 item 2): the GUI reaches the core's
services through its ``AppSession`` (a ``vo_crf.session.StudySession``), never builds its own."""

from __future__ import annotations

import re
from pathlib import Path

from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.project import Project
from vo_crf.session import StudySession

UI = Path(__file__).resolve().parents[2] / "ui"
_BUILT = re.compile(r"\b(\w+Service)\(")


def test_no_screen_builds_a_service_of_its_own() -> None:
    built = [f"{path.relative_to(UI.parent)}:{number}: {match.group(1)}"
             for path in sorted(UI.rglob("*.py"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             for match in _BUILT.finditer(line)]
    assert built == []


def test_the_session_makes_each_service_once_for_its_user(project: Project) -> None:
    nurse = CurrentUser("nurse", Role.NURSE)
    session = StudySession(project, nurse)
    assert session.entry is session.entry and session.entry.user is nurse
    assert session.queries is session.queries and session.queries.user is nurse
    assert session.double_entry is session.double_entry
    assert session.view is session.entry.view
    assert session.study is project.study

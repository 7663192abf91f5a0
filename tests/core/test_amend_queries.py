"""Queries follow a protocol amendment: onto a renamed field, or closed when values go."""

from __future__ import annotations

from pathlib import Path

import pytest
from amend_support import edit, seed_patients, study_copy

from vo_crf.amend import AmendmentMapping, apply_amendment, prepare_amendment
from vo_crf.auth.users import CurrentUser
from vo_crf.project import Project
from vo_crf.queries.listing import list_queries
from vo_crf.queries.service import FieldKey, QueryService

DICT = "data_dictionary.csv"


@pytest.fixture
def commented(project: Project, users: dict[str, CurrentUser]) -> list[str]:
    """Three patients; a monitor's query on the imaging comment of the first two."""
    records = seed_patients(project, users["nurse"])
    monitor = QueryService(project, users["mon"])
    for record_id in records[:2]:
        monitor.open_query(FieldKey(record_id, "m0_arm_1", "imaging", "img_comment"),
                           "comment illegible on the source report")
    return records


def test_queries_move_with_a_renamed_field(project: Project, users: dict[str, CurrentUser],
                                          commented: list[str], tmp_path: Path) -> None:
    folder = study_copy(tmp_path)
    edit(folder, DICT, "img_comment,imaging,,notes", "img_remarks,imaging,,notes")
    apply_amendment(project, users["admin"], prepare_amendment(project, users["admin"], folder),
                    AmendmentMapping(fields={"img_comment": "img_remarks"}))

    rows = list_queries(project, users["mon"])
    assert {(r.record_id, r.field, r.status) for r in rows} == {
        (commented[0], "img_remarks", "open"), (commented[1], "img_remarks", "open")}
    assert {r.field_label for r in rows} == {"Radiologist's comment"}


def test_open_queries_on_deleted_values_are_closed_with_the_reason(
        project: Project, users: dict[str, CurrentUser], commented: list[str],
        tmp_path: Path) -> None:
    QueryService(project, users["mon"]).close(
        list_queries(project, users["mon"], record_id=commented[1])[0].id, "resolved")
    folder = study_copy(tmp_path)
    edit(folder, DICT, "img_comment,imaging,,notes,Radiologist's comment,,,,,,,,,,,,,\n", "")

    result = apply_amendment(project, users["admin"],
                             prepare_amendment(project, users["admin"], folder),
                             AmendmentMapping(fields={"img_comment": None}))

    assert result.queries_closed == 1
    assert "1 query(ies) closed" in result.summary
    first = list_queries(project, users["mon"], record_id=commented[0])[0]
    assert (first.status, first.steps[-1].username, first.steps[-1].action) == (
        "closed", "admin", "close")
    assert first.steps[-1].text == (
        "protocol amendment v2: field img_comment mapped to nothing: value deleted")
    second = list_queries(project, users["mon"], record_id=commented[1])[0]
    assert [s.action for s in second.steps] == ["open", "close"]  # already closed: untouched

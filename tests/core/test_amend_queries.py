"""Queries and unfinished double entries follow a protocol amendment (rename, deletion)."""

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


def test_entries_still_in_double_entry_follow_the_amendment(
        project: Project, users: dict[str, CurrentUser], tmp_path: Path) -> None:
    from vo_crf.amend.settings import set_double_entry_forms
    from vo_crf.dde import DoubleEntryService
    from vo_crf.entry import FormKey
    from vo_crf.entry.records import create_record

    record_id = create_record(project, users["nurse"], "1")
    set_double_entry_forms(project, users["admin"], ["biology"])
    key = FormKey(record_id, "m0_arm_1", "biology")
    DoubleEntryService(project, users["nurse"]).save_entry(
        key, {"bio_date": "2024-03-05", "bio_wbc": "12.5", "bio_esr": "80"}, 2)
    folder = study_copy(tmp_path)
    edit(folder, DICT, "bio_wbc,biology,,text", "bio_leukocytes,biology,,text")
    edit(folder, DICT, "bio_esr,biology,,text,Erythrocyte sedimentation rate (1st hour),,mm,"
         "integer,0,150,,,,,,,,\n", "")
    edit(folder, "project.json", '"double_data_entry_forms": []',
         '"double_data_entry_forms": ["biology"]')

    apply_amendment(project, users["admin"], prepare_amendment(project, users["admin"], folder),
                    AmendmentMapping(fields={"bio_wbc": "bio_leukocytes", "bio_esr": None}))

    own = DoubleEntryService(project, users["nurse"]).open_entry(key)
    assert own.values == {"bio_date": "2024-03-05", "bio_leukocytes": "12.5"}

"""The record status dashboard shows forms in double entry instead of "no data"."""

from __future__ import annotations

import dde_study
import pytest
from dde_study import RECORD, SECOND_NURSE
from sqlalchemy import event

from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.dashboard import CellState, list_records, load_rows
from vo_crf.dde import DoubleEntryService
from vo_crf.dde.progress import DoubleEntryProgress
from vo_crf.entry import FormKey
from vo_crf.entry.records import create_record
from vo_crf.project import Project

dde_template_db = dde_study.dde_template_db
dde_project = dde_study.dde_project

NURSE_2 = CurrentUser(SECOND_NURSE, Role.NURSE)
BIOLOGY = {"bio_date": "2024-03-05", "bio_crp": "120", "bio_esr": "80", "bio_wbc": "12.5"}


def key(event_name: str, form: str = "biology", record: str = RECORD) -> FormKey:
    return FormKey(record, event_name, form)


@pytest.fixture
def in_progress(dde_project: Project, users: dict[str, CurrentUser]) -> Project:
    """01-001: M0 biology entry 1 Incomplete; M3 biology entry 1 Complete; M6 biology both
    Complete; M0 microbiology adjudicated. 01-002: nothing."""
    nurse = DoubleEntryService(dde_project, users["nurse"])
    nurse.save_entry(key("m0_arm_1"), BIOLOGY, 0)
    nurse.save_entry(key("m3_arm_1"), BIOLOGY, 2)
    nurse.save_entry(key("m6_arm_1"), BIOLOGY, 2)
    DoubleEntryService(dde_project, NURSE_2).save_entry(key("m6_arm_1"), BIOLOGY, 2)
    micro = key("m0_arm_1", "microbiology")
    nurse.save_entry(micro, {"micro_organism": "1"}, 2)
    DoubleEntryService(dde_project, NURSE_2).save_entry(micro, {"micro_organism": "1"}, 2)
    DoubleEntryService(dde_project, users["inv"]).adjudicate(micro, {}, "")
    create_record(dde_project, users["admin"], "1", "01-002")
    return dde_project


def test_cells_in_double_entry_carry_their_progress(in_progress: Project) -> None:
    rows = load_rows(in_progress, list_records(in_progress))
    first, second = sorted(rows.values(), key=lambda r: r.record_id)
    assert first.cell("m0_arm_1", "biology").double_entry == DoubleEntryProgress(1, 0, 0)
    assert first.cell("m3_arm_1", "biology").double_entry == DoubleEntryProgress(1, 0, 1)
    ready = first.cell("m6_arm_1", "biology")
    assert ready.double_entry == DoubleEntryProgress(1, 1, 2) and ready.double_entry.all_ready
    assert ready.state is CellState.EMPTY  # no final values yet
    adjudicated = first.cell("m0_arm_1", "microbiology")
    assert adjudicated.state is CellState.COMPLETE and adjudicated.double_entry is None
    assert all(cell.double_entry is None for cell in second.cells.values())


def test_one_grouped_query_per_batch(in_progress: Project) -> None:
    headers = list_records(in_progress)
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:  # noqa: ANN001
        statements.append(statement)

    event.listen(in_progress.engine, "before_cursor_execute", count)
    try:
        load_rows(in_progress, headers)
    finally:
        event.remove(in_progress.engine, "before_cursor_execute", count)
    assert sum("dde_entries" in s for s in statements) == 1

"""Dashboard queries: statuses per (event, form), filters, sorting, overdue visits."""

from __future__ import annotations

import datetime as dt

from vo_crf.dashboard import (
    CellState,
    DashboardFilter,
    SortKey,
    VisitState,
    dashboard_columns,
    list_records,
    load_rows,
)
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.entry.review import lock, verify

TODAY = dt.date(2024, 6, 1)


def _patient(project, user, site: str, diagnosis: str | None) -> str:
    record_id = create_record(project, user, site)
    if diagnosis:
        EntryService(project, user).save_form(
            FormKey(record_id, "m0_arm_1", "enrolment"),
            {"diagnosis_date": diagnosis}, 0)
    return record_id


def test_columns_follow_the_protocol(project) -> None:
    columns = dashboard_columns(project.study)
    assert [(e.unique_name, f.name) for e, f in columns][:2] == [
        ("m0_arm_1", "enrolment"), ("m0_arm_1", "microbiology")]
    assert len(columns) == 14


def test_statuses_and_review_marks(project, users) -> None:
    inv = users["inv"]
    first = _patient(project, inv, "1", "2024-01-10")
    service = EntryService(project, inv)
    key = FormKey(first, "m0_arm_1", "biology")
    service.save_form(key, {"bio_date": "2024-01-10", "bio_crp": "120"}, 2)
    verify(project, inv, key)
    clinical = FormKey(first, "m0_arm_1", "clinical")
    service.save_form(clinical, {"clin_date": "2024-01-10"}, 1)
    lock(project, inv, first, clinical)
    headers = list_records(project)
    rows = load_rows(project, headers, TODAY)
    row = rows[headers[0].pk]
    assert row.record_id == first and row.site == "1"
    assert row.baseline == dt.date(2024, 1, 10)
    assert row.cell("m0_arm_1", "enrolment").state is CellState.INCOMPLETE
    assert row.cell("m0_arm_1", "biology").state is CellState.VERIFIED
    assert row.cell("m0_arm_1", "clinical").state is CellState.LOCKED
    assert row.cell("m3_arm_1", "clinical").state is CellState.EMPTY


def test_repeating_form_cell_counts_instances(project, nurse) -> None:
    record_id = _patient(project, nurse, "1", None)
    service = EntryService(project, nurse)
    for instance, status in ((1, 1), (2, 0)):
        service.save_form(FormKey(record_id, "m0_arm_1", "antibiotics", instance),
                          {"abx_drug": "1"}, status)
    (header,) = list_records(project)
    cell = load_rows(project, [header])[header.pk].cell("m0_arm_1", "antibiotics")
    assert cell.instances == 2 and cell.state is CellState.INCOMPLETE


def test_filters(project, nurse) -> None:
    a = _patient(project, nurse, "1", "2024-01-01")  # M3 window ends day 104: overdue on TODAY
    b = _patient(project, nurse, "2", "2024-05-01")
    service = EntryService(project, nurse)
    service.save_form(FormKey(b, "m0_arm_1", "clinical"), {"clin_date": "2024-05-01"}, 2)
    ids = lambda where: [h.record_id for h in list_records(project, where, today=TODAY)]  # noqa: E731
    assert ids(DashboardFilter()) == [a, b]
    assert ids(DashboardFilter(site="2")) == [b]
    assert ids(DashboardFilter(text="02-")) == [b]
    assert ids(DashboardFilter(state=CellState.COMPLETE)) == [b]
    assert ids(DashboardFilter(overdue_only=True)) == [a]
    rows = load_rows(project, list_records(project), TODAY)
    by_id = {r.record_id: r for r in rows.values()}
    assert by_id[a].overdue and by_id[a].next_visit.event == "m3_arm_1"
    assert by_id[b].next_visit.state is VisitState.UPCOMING


def test_sorting(project, nurse) -> None:
    a = _patient(project, nurse, "2", "2024-03-01")
    b = _patient(project, nurse, "1", "2024-01-01")
    c = _patient(project, nurse, "1", None)
    ids = lambda **kw: [h.record_id for h in list_records(project, today=TODAY, **kw)]  # noqa: E731
    assert ids() == [b, c, a]
    assert ids(sort=SortKey.SITE) == [b, c, a]
    assert ids(sort=SortKey.BASELINE) == [b, a, c]
    assert ids(sort=SortKey.BASELINE, descending=True) == [c, a, b]
    assert ids(sort=SortKey.NEXT_VISIT)[0] == b
    EntryService(project, nurse).save_form(FormKey(c, "m0_arm_1", "clinical"),
                                           {"clin_date": "2024-01-01"}, 2)
    assert ids(sort=("m0_arm_1", "clinical"), descending=True)[0] == c

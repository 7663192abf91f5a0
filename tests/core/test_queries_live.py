"""live_queries: a patient's queries not closed, oldest first, limited, with the total."""

from __future__ import annotations

from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.queries import FieldKey, QueryService, live_queries


def test_live_queries_lists_the_patients_open_and_answered_queries(
        project, users) -> None:  # noqa: ANN001
    record_id = create_record(project, users["nurse"], "1")
    other = create_record(project, users["nurse"], "1")
    EntryService(project, users["nurse"]).save_form(
        FormKey(record_id, "m0_arm_1", "biology"), {"bio_date": "2024-01-02", "bio_crp": "9"}, 1)
    service = QueryService(project, users["inv"])
    first = service.open_query(FieldKey(record_id, "m0_arm_1", "biology", "bio_crp"), "CRP?")
    service.open_query(FieldKey(record_id, "m0_arm_1", "biology", "bio_date"), "Date?")
    closed = service.open_query(FieldKey(record_id, "m0_arm_1", "biology", "bio_esr"), "ESR?")
    service.close(closed)
    service.open_query(FieldKey(other, "m0_arm_1", "biology", "bio_crp"), "Other patient")
    QueryService(project, users["nurse"]).answer(first, "Checked")

    rows, total = live_queries(project, record_id)
    assert total == 2
    assert [(r.field, r.status, r.text) for r in rows] == [
        ("bio_crp", "answered", "CRP?"), ("bio_date", "open", "Date?")]

    rows, total = live_queries(project, record_id, limit=1)
    assert total == 2 and [r.text for r in rows] == ["CRP?"]
    assert live_queries(project, "99-999") == ([], 0)

"""The data version tells a background data-quality run whether its findings are current."""

from __future__ import annotations

from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.quality import data_version, run_quality_checks, run_versioned_checks
from vo_crf.queries import FieldKey, QueryService


def test_findings_stay_current_until_a_change_is_written(project, users) -> None:  # noqa: ANN001
    record_id = create_record(project, users["nurse"], "1")
    findings = run_versioned_checks(project, users["inv"])
    assert findings.version == data_version(project) > 0
    assert findings.issues == run_quality_checks(project, users["inv"])
    assert findings.is_current(project)
    run_quality_checks(project, users["inv"])  # reading changes nothing
    assert findings.is_current(project)

    EntryService(project, users["nurse"]).save_form(
        FormKey(record_id, "m0_arm_1", "biology"), {"bio_date": "2024-01-02"}, 0)
    assert not findings.is_current(project)
    saved = data_version(project)
    QueryService(project, users["inv"]).open_query(
        FieldKey(record_id, "m0_arm_1", "biology", "bio_date"), "Date?")
    assert data_version(project) > saved  # a query step is a change too

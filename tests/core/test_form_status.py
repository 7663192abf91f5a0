"""The form status is one enum, ``FormStatus``, whose values stay REDCap's 0/1/2 (issue 15)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from redcap_studies import ADMIN, CLASSIC, init_study
from sqlalchemy import select

from vo_crf.db.engine import read_session
from vo_crf.db.models import FormInstance
from vo_crf.entry import EntryService, FormKey, SaveRefused
from vo_crf.entry.records import create_record
from vo_crf.exchange.redcap_export import export_redcap_csv
from vo_crf.study.form_status import STATUS_CODES, FormStatus, status_label

EVENT = "event_1_arm_1"


def test_form_status_keeps_redcaps_values_labels_and_codes() -> None:
    assert [(int(s), s.label, s.code, str(s)) for s in FormStatus] == [
        (0, "Incomplete", "0", "0"), (1, "Unverified", "1", "1"), (2, "Complete", "2", "2")]
    assert sorted(STATUS_CODES) == ["0", "1", "2"]
    assert status_label(2) == "Complete" and status_label(7) == "7"


def test_saved_statuses_are_stored_and_exported_as_0_1_2(tmp_path: Path) -> None:
    project = init_study(tmp_path, CLASSIC, "classic")
    service = EntryService(project, ADMIN)
    record = create_record(project, ADMIN, "1", "P-001")
    service.save_form(FormKey(record, EVENT, "screening"), {"eligible": "1"},
                      FormStatus.COMPLETE)
    service.save_form(FormKey(record, EVENT, "labs"), {"hb": "12.5"}, FormStatus.UNVERIFIED)
    with read_session(project.engine) as session:
        stored = dict(session.execute(select(FormInstance.form, FormInstance.status)).all())
    assert stored == {"screening": 2, "labs": 1}
    assert all(type(status) is int for status in stored.values())
    path = tmp_path / "records.csv"
    export_redcap_csv(project, ADMIN, path)
    (row,) = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))
    assert (row["screening_complete"], row["labs_complete"]) == ("2", "1")
    project.close()


def test_a_status_that_is_not_0_1_2_is_refused_naming_the_rule(tmp_path: Path) -> None:
    project = init_study(tmp_path, CLASSIC, "classic")
    service = EntryService(project, ADMIN)
    record = create_record(project, ADMIN, "1", "P-001")
    with pytest.raises(SaveRefused) as refused:
        service.save_form(FormKey(record, EVENT, "screening"), {"eligible": "1"}, 3)
    assert refused.value.messages[0].text == "form status 3 is not 0, 1 or 2"
    project.close()

"""Keys of clinical data have named fields: one family in ``vo_crf.keys`` (issue 15)."""

from __future__ import annotations

from pathlib import Path

from redcap_studies import ADMIN, CLASSIC, init_study

from vo_crf.analysis.dataset import load_patients
from vo_crf.db.engine import read_session
from vo_crf.db.models import Record
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.record_values import load_record_values
from vo_crf.entry.records import create_record
from vo_crf.exchange.snapshot import read_snapshot
from vo_crf.keys import InstanceKey, StoredFormKey

EVENT = "event_1_arm_1"


def test_loaded_forms_are_keyed_by_named_keys(tmp_path: Path) -> None:
    project = init_study(tmp_path, CLASSIC, "classic")
    record = create_record(project, ADMIN, "1", "P-001")
    key = FormKey(record, EVENT, "labs")
    EntryService(project, ADMIN).save_form(key, {"hb": "12.5"}, 0)
    assert key.instance_key == InstanceKey(EVENT, "labs", 1)
    assert (key.instance_key.event, key.instance_key.form, key.instance_key.instance) == (
        EVENT, "labs", 1)

    with read_session(project.engine) as session:
        stored = session.query(Record).one()
        values = load_record_values(session, stored)
    (instance_key,) = values.forms
    assert isinstance(instance_key, InstanceKey)
    assert (instance_key.event, instance_key.form, instance_key.instance) == (EVENT, "labs", 1)
    assert values.forms[instance_key] == {"hb": "12.5"}

    (patient,) = load_patients(project)
    (patient_key,) = patient.forms
    assert isinstance(patient_key, InstanceKey) and patient_key.form == "labs"
    assert patient.instances(EVENT, "labs")[0][0] == 1

    snapshot = read_snapshot(project)
    (form_key,) = snapshot.forms
    assert isinstance(form_key, StoredFormKey)
    assert (form_key.event, form_key.form, form_key.instance) == (EVENT, "labs", 1)
    assert snapshot.forms[form_key].values == {"hb": "12.5"}
    project.close()

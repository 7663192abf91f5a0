"""``load_patients`` reads the same patients on SQLite and PostgreSQL, whole or filtered."""

from __future__ import annotations

import pytest

from vo_crf.analysis.dataset import load_patients
from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.demo.cohort import load_demo
from vo_crf.project import Project

ADMIN = CurrentUser("admin", Role.ADMIN)


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql",
                                                            marks=pytest.mark.postgres)],
                         indirect=True)
def test_whole_and_filtered_reads_agree(backend_project: Project) -> None:
    load_demo(backend_project, ADMIN)
    patients = load_patients(backend_project)
    assert [p.record_id for p in patients][:3] == ["VO-001", "VO-002", "VO-003"]
    assert len(patients) == 29
    some = load_patients(backend_project, ["VO-002", "VO-017"])
    assert [p.record_id for p in some] == ["VO-002", "VO-017"]
    for patient in some:
        whole = next(p for p in patients if p.record_id == patient.record_id)
        assert whole.forms == patient.forms
        assert whole.forms[("m0_arm_1", "clinical", 1)].values["clin_temp"]
    assert sum(len(f.values) for p in patients for f in p.forms.values()) > 29 * 50

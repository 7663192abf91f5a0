"""Optional encryption at rest with SQLCipher: unreadable without the passphrase."""

from __future__ import annotations

from pathlib import Path

import pytest

from vo_crf.auth.users import authenticate
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.project import ProjectError, init_project, open_project

pytest.importorskip("sqlcipher3", reason="SQLCipher wheels exist for Linux only")


def test_encrypted_database_round_trip_and_wrong_passphrase(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    path = tmp_path / "secret.sqlite"
    url = f"sqlite+pysqlcipher:///{path}"
    monkeypatch.setenv("VO_CRF_DB_PASSPHRASE", "correct horse battery staple")
    project = init_project(url, "admin", "admin-pass-1")
    admin = authenticate(project.engine, "admin", "admin-pass-1")
    record_id = create_record(project, admin, "1")
    EntryService(project, admin).save_form(FormKey(record_id, "m0_arm_1", "microbiology"),
                                           {"micro_organism": "1",
                                            "micro_other": ""}, 0)
    project.close()
    raw = path.read_bytes()
    assert b"SQLite format 3" not in raw[:16]
    assert b"microbiology" not in raw and b"admin" not in raw
    reopened = open_project(url)
    state = EntryService(reopened, admin).open_form(FormKey(record_id, "m0_arm_1",
                                                            "microbiology"))
    assert state.values["micro_organism"] == "1"
    reopened.close()
    monkeypatch.setenv("VO_CRF_DB_PASSPHRASE", "wrong guess")
    with pytest.raises(ProjectError, match="wrong passphrase"):
        open_project(url)
    monkeypatch.delenv("VO_CRF_DB_PASSPHRASE")
    with pytest.raises(ValueError, match="VO_CRF_DB_PASSPHRASE"):
        open_project(url)

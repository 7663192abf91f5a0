"""``vo-crf lock|unlock|verify|sign``: monitors' and investigators' review from the command line."""

from __future__ import annotations

import pytest
from accounts import PASSWORDS
from sqlalchemy import select

from vo_crf.auth.users import CurrentUser
from vo_crf.cli import main
from vo_crf.db.engine import read_session
from vo_crf.db.models import AuditEntry
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.project import Project

CLINICAL = {"clin_date": "2007-06-14", "clin_temp": "38.5", "clin_pain_vas": "7"}


@pytest.fixture
def patient(project: Project, nurse: CurrentUser) -> str:
    record_id = create_record(project, nurse, "1")
    EntryService(project, nurse).save_form(FormKey(record_id, "m0_arm_1", "clinical"),
                                           CLINICAL, 2)
    return record_id


def _run(project: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
         user: str, *argv: str, password: str | None = None) -> tuple[int, str, str]:
    monkeypatch.setenv("VO_CRF_PASSWORD", password or PASSWORDS[user])
    status = main([argv[0], "--db", project.url, "--user", user, *argv[1:]])
    out, err = capsys.readouterr()
    return status, out.strip(), err.strip()


def _actions(project: Project) -> list[tuple[str, str | None, str | None]]:
    with read_session(project.engine) as session:
        rows = session.execute(select(AuditEntry.action, AuditEntry.form, AuditEntry.reason)
                               .where(AuditEntry.action.in_(
                                   ["lock", "unlock", "verify", "esign", "esign_withdrawn"]))
                               .order_by(AuditEntry.id))
        return [(r[0], r[1], r[2]) for r in rows]


def test_review_commands_one_form(project: Project, patient: str,
                                  capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    form = [patient, "m0_arm_1", "clinical"]
    assert _run(project, capsys, monkeypatch, "inv", "verify", *form, "--reason", "SDV")[:2] \
        == (0, f"Verified (clinical at m0_arm_1) of {patient}")
    status, out, _ = _run(project, capsys, monkeypatch, "inv", "sign", *form, "--reason",
                          "I confirm")
    assert (status, out) == (0, f"Signed 1 form (clinical at m0_arm_1) of {patient} as inv "
                                "(1 newly locked)")
    status, out, err = _run(project, capsys, monkeypatch, "inv", "lock", *form)
    assert status == 1 and out == ""
    assert err.startswith("vo-crf: error: clinical at m0_arm_1 of 01-001 is already locked by "
                          "inv on ") and "\n" not in err
    status, out, _ = _run(project, capsys, monkeypatch, "inv", "unlock", *form, "--reason",
                          "monitor query")
    assert status == 0 and out.startswith("Unlocked 1 form (clinical at m0_arm_1)")
    assert _actions(project) == [("verify", "clinical", "SDV"), ("lock", "clinical", "I confirm"),
                                 ("esign", "clinical", "I confirm"),
                                 ("unlock", "clinical", "monitor query"),
                                 ("esign_withdrawn", "clinical", "unlocked: monitor query")]


def test_refusals_exit_1_with_one_line(project: Project, patient: str,
                                       capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    form = [patient, "m0_arm_1", "clinical"]
    cases = [
        (("nurse", "lock", *form), "not allowed"),
        (("inv", "sign", *form), "e-signature refused: the password is wrong"),
        (("inv", "unlock", *form, "--reason", "why"), "is not locked"),
        (("inv", "lock", patient, "m0_arm_1"), "needs RECORD [EVENT FORM [INSTANCE]]"),
        (("inv", "verify", patient), "needs RECORD EVENT FORM [INSTANCE]"),
        (("inv", "lock", "09-999"), "no such record: 09-999"),
        (("inv", "lock", "--all"), "needs --reason"),
    ]
    for argv, message in cases:
        if argv[1] == "sign":  # the login password is right, the signature's is not
            monkeypatch.setattr("vo_crf.cli.review_commands.read_password",
                                lambda prompt="": "wrong")
        status, out, err = _run(project, capsys, monkeypatch, argv[0], *argv[1:])
        assert status == 1, argv
        assert message in err and err.count("\n") == 0, (argv, err)
        monkeypatch.undo()
    assert _actions(project) == []


def test_lock_all_is_the_database_lock(project: Project, patient: str, nurse: CurrentUser,
                                       capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    other = create_record(project, nurse, "2")
    status, out, _ = _run(project, capsys, monkeypatch, "admin", "lock", "--all", "--reason",
                          "database lock")
    assert (status, out) == (0, "Locked 3 forms of 2 records (database lock); forms already "
                                "locked stay as they were")
    for key in (FormKey(patient, "m0_arm_1", "clinical"),
                FormKey(other, "m0_arm_1", "enrolment")):
        assert EntryService(project, nurse).open_form(key).locked_by == "admin"
    assert [a for a in _actions(project) if a[0] == "lock"] == [
        ("lock", form, "database lock") for form in ("enrolment", "clinical", "enrolment")]

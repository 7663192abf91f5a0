"""Amendments never switch off a safeguard silently, and start from the definition in force.

Double data entry switched off, a rule or check removed or changed, a range loosened, a field no
longer required: refused like an unmapped data change unless accepted by name. ``vo-crf amend
--export-current DIR`` writes the definition in force (with the settings changed in the
application) so that the next amendment starts from it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from accounts import PASSWORDS
from amend_support import edit, study_copy
from sqlalchemy import select

from vo_crf.amend import (
    AmendmentMapping,
    AmendmentRefused,
    MappingError,
    apply_amendment,
    prepare_amendment,
)
from vo_crf.amend.settings import set_double_entry_forms
from vo_crf.audit.trail import AuditAction
from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session
from vo_crf.db.models import AuditEntry
from vo_crf.paths import default_study_dir
from vo_crf.project import Project, open_project


def _amend(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "VO_CRF_PASSWORD": PASSWORDS["admin"]}
    return subprocess.run([sys.executable, "-m", "vo_crf", "amend", "--db", str(db),
                           "--user", "admin", *args], capture_output=True, text=True, env=env,
                          stdin=subprocess.DEVNULL, timeout=120)


def _blocker_texts(project: Project, folder: Path,
                   mapping: AmendmentMapping | None = None) -> list[str]:
    amendment = prepare_amendment(project, CurrentUser("admin", Role.ADMIN), folder)
    return [b.text for b in amendment.blockers(mapping) if b.is_setting]


def test_shipped_folder_switching_double_entry_off_is_refused_until_accepted(
        project: Project, users: dict[str, CurrentUser]) -> None:
    admin = users["admin"]
    set_double_entry_forms(project, admin, ["biology"])
    amendment = prepare_amendment(project, admin, default_study_dir())
    report = amendment.report()
    assert "0 touching stored data" in report
    assert ("BLOCKED: 1 change(s) switch off or weaken a safeguard; accept each one by name"
            in report)
    assert "! double data entry switched off for form(s) biology (accept: " \
           "double_data_entry_forms)" in report
    with pytest.raises(AmendmentRefused, match="switch off or weaken a safeguard"):
        apply_amendment(project, admin, amendment)
    assert project.study.protocol.double_entry_forms == ("biology",)
    accepted = AmendmentMapping(accept_setting_changes=["double_data_entry_forms"])
    result = apply_amendment(project, admin, amendment, accepted)
    assert result.version == 3 and project.study.protocol.double_entry_forms == ()
    with read_session(project.engine) as session:
        reason = session.scalars(select(AuditEntry.reason).where(
            AuditEntry.action == str(AuditAction.AMENDMENT))).all()[-1]
    assert '"accept_setting_changes": ["double_data_entry_forms"]' in reason


@pytest.mark.parametrize(("file_name", "old", "new", "blocker"), [
    ("project.json", '"name": "crp_rose_m3"', '"name": "crp_up_m3"',
     "data-quality rule(s) removed or changed: crp_rose_m3 (accept: quality_rules)"),
    ("project.json", '"field": "abx_stop",\n      "not_before": "abx_start"',
     '"field": "abx_stop",\n      "not_before": "diagnosis_date"',
     "date order rule(s) removed or changed: abx_stop not before abx_start "
     "(accept: date_order_rules)"),
    ("project.json", '"severity": "error",\n      "message": "an age cannot be negative"',
     '"severity": "warning",\n      "message": "an age cannot be negative"',
     "hard rule (impossible facts)(s) removed or changed: age_not_negative "
     "(accept: hard_rules)"),
    ("project.json", '"bio_date",\n    "img_date",\n', '"bio_date",\n',
     "visit window check of img_date switched off (accept: visit_date_fields)"),
    ("data_dictionary.csv", "bio_crp,biology,,text,C-reactive protein,,mg/L,number,0,500",
     "bio_crp,biology,,text,C-reactive protein,,mg/L,number,0,5000",
     "bio_crp: range check loosened [0, 500] -> [0, 5000] (accept: range:bio_crp)"),
    ("data_dictionary.csv", "date_ymd,1900-01-01,today,y,,y,",
     "date_ymd,1900-01-01,today,y,,,",
     "birth_date: no longer required (accept: required:birth_date)"),
])
def test_each_weakened_check_needs_its_own_acceptance(
        project: Project, users: dict[str, CurrentUser], tmp_path: Path, file_name: str,
        old: str, new: str, blocker: str) -> None:
    folder = study_copy(tmp_path)
    edit(folder, file_name, old, new)
    assert _blocker_texts(project, folder) == [blocker]
    name = blocker.rsplit("(accept: ", 1)[1].rstrip(")")
    accepted = AmendmentMapping(accept_setting_changes=[name])
    assert _blocker_texts(project, folder, accepted) == []
    result = apply_amendment(project, users["admin"],
                             prepare_amendment(project, users["admin"], folder), accepted)
    assert result.version == 2


def test_stronger_checks_need_no_decision(project: Project, tmp_path: Path) -> None:
    folder = study_copy(tmp_path)
    edit(folder, "data_dictionary.csv",
         "bio_crp,biology,,text,C-reactive protein,,mg/L,number,0,500",
         "bio_crp,biology,,text,C-reactive protein,,mg/L,number,0,400")
    edit(folder, "project.json", '"double_data_entry_forms": []',
         '"double_data_entry_forms": ["biology"]')
    assert _blocker_texts(project, folder) == []


def test_mapping_names_only_real_safeguards(project: Project, users: dict[str, CurrentUser],
                                           tmp_path: Path) -> None:
    mapping = AmendmentMapping.from_json(
        json.dumps({"accept_setting_changes": ["double_data_entry_forms", "range:bio_crp"]}))
    assert mapping.accept_setting_changes == ["double_data_entry_forms", "range:bio_crp"]
    amendment = prepare_amendment(project, users["admin"], study_copy(tmp_path))
    with pytest.raises(MappingError, match="'range:nothing' is not a setting or check"):
        AmendmentMapping(accept_setting_changes=["range:nothing"]).check(amendment.old,
                                                                       amendment.new)
    with pytest.raises(MappingError, match="must be a list of names"):
        AmendmentMapping.from_json('{"accept_setting_changes": "hard_rules"}')


def test_switching_double_entry_off_in_the_settings_is_the_decision(
        project: Project, users: dict[str, CurrentUser]) -> None:
    set_double_entry_forms(project, users["admin"], ["biology", "microbiology"])
    result = set_double_entry_forms(project, users["admin"], ["microbiology"])
    assert result is not None and project.study.protocol.double_entry_forms == ("microbiology",)


def test_cli_exports_the_definition_in_force_and_amends_from_it(
        db_path: Path, users: dict[str, CurrentUser], tmp_path: Path) -> None:
    project = open_project(str(db_path))
    set_double_entry_forms(project, users["admin"], ["biology"])
    project.close()
    shipped = default_study_dir()

    refused = _amend(db_path, "--study", str(shipped))
    assert refused.returncode == 2, refused.stderr
    assert "double data entry switched off for form(s) biology" in refused.stderr
    assert "Traceback" not in refused.stderr

    current = tmp_path / "current"
    exported = _amend(db_path, "--export-current", str(current))
    assert exported.returncode == 0, exported.stderr
    assert "Wrote definition version 2 in force" in exported.stdout
    settings = json.loads((current / "project.json").read_text(encoding="utf-8"))
    assert settings["double_data_entry_forms"] == ["biology"]
    for name in ("data_dictionary.csv", "events.csv", "instrument_event_mapping.csv",
                 "repeating_forms.csv", "analysis_plan.json"):
        # the database keeps the texts, not the files' line endings
        assert (current / name).read_text(encoding="utf-8").splitlines() == \
            (shipped / name).read_text(encoding="utf-8-sig").splitlines(), name
    dry = _amend(db_path, "--study", str(current), "--dry-run")
    assert dry.returncode == 0 and "0 change(s), 0 touching stored data" in dry.stdout

    edit(current, "data_dictionary.csv",
         "bio_crp,biology,,text,C-reactive protein,,mg/L,number,0,500",
         "bio_crp,biology,,text,C-reactive protein,,mg/L,number,0,600")
    loosened = _amend(db_path, "--study", str(current))
    assert loosened.returncode == 2 and "(accept: range:bio_crp)" in loosened.stderr
    applied = _amend(db_path, "--study", str(current), "--accept-setting-change", "range:bio_crp")
    assert applied.returncode == 0, applied.stderr
    reopened = open_project(str(db_path))
    assert reopened.definition_version == 3
    assert reopened.study.protocol.double_entry_forms == ("biology",)
    reopened.close()


def test_export_current_never_writes_onto_the_database_or_a_full_folder(
        db_path: Path, tmp_path: Path) -> None:
    onto_db = _amend(db_path, "--export-current", str(db_path))
    assert onto_db.returncode == 1 and "is the study database" in onto_db.stderr
    assert db_path.read_bytes().startswith(b"SQLite format 3\x00")
    open_project(str(db_path)).close()  # still the study database, intact
    wal = db_path.with_name(db_path.name + "-wal")
    assert "is the study database" in _amend(db_path, "--export-current", str(wal)).stderr
    backups = db_path.parent / "backups"
    into_backups = _amend(db_path, "--export-current", str(backups / "definition"))
    assert into_backups.returncode == 1 and "backups folder" in into_backups.stderr
    assert not (backups / "definition").exists()
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("keep me", encoding="utf-8")
    (busy / "repeating_forms.csv").write_text("stale", encoding="utf-8")
    full = _amend(db_path, "--export-current", str(busy))
    assert full.returncode == 1 and "is not empty" in full.stderr
    assert sorted(p.name for p in busy.iterdir()) == ["notes.txt", "repeating_forms.csv"]
    forced = _amend(db_path, "--export-current", str(busy), "--force")
    assert forced.returncode == 0, forced.stderr
    assert (busy / "notes.txt").read_text(encoding="utf-8") == "keep me"
    assert (busy / "repeating_forms.csv").read_text(encoding="utf-8").splitlines() == \
        (default_study_dir() / "repeating_forms.csv").read_text(encoding="utf-8").splitlines()
    assert not [p for p in busy.iterdir() if p.name.endswith(".part")]

"""No export, report or backup is ever written onto the study database, its journal files or a
backup, and no existing file is replaced unless the user said so (``--force``, the GUI's
"replace?" question).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from output_checks import digest, integrity, record_count, run_cli

from vo_crf.auth.users import CurrentUser
from vo_crf.db.backup import backup_database, list_backups
from vo_crf.project import open_project

FORMATS = ["redcap", "csv", "xlsx", "odm", "spss", "stata"]


def _first_record(database: Path) -> str:
    with sqlite3.connect(database) as connection:
        return str(connection.execute("SELECT min(record_id) FROM records").fetchone()[0])


def _refused(result, *words: str) -> None:  # noqa: ANN001
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("vo-crf: error: "), result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


def _contents(database: Path) -> tuple[int, int, int]:
    """Records, stored values and exports of a study database (the login adds audit rows)."""
    with sqlite3.connect(database) as connection:
        return tuple(connection.execute(query).fetchone()[0] for query in (  # type: ignore
            "SELECT count(*) FROM records", "SELECT count(*) FROM item_values",
            "SELECT count(*) FROM audit_log WHERE action = 'export'"))


def _intact(database: Path, before: tuple[int, int, int], records: int) -> None:
    assert database.read_bytes()[:16] == b"SQLite format 3\x00"
    assert integrity(database) == "ok"
    assert _contents(database) == before
    assert record_count(database) == records


def _only(folder: Path, *names: str) -> None:
    """The folder holds exactly these names (no temporary or partial file left behind)."""
    assert sorted(p.name for p in folder.iterdir()) == sorted(names)


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_export_onto_the_database_is_refused(study: Path, fmt: str) -> None:
    before, records = _contents(study), record_count(study)
    result = run_cli("export", "--db", str(study), "--user", "stat", "--format", fmt,
                     str(study), user="stat")
    _refused(result, "study database", str(study))
    _intact(study, before, records)
    forced = run_cli("export", "--db", str(study), "--user", "stat", "--format", fmt,
                     "--force", str(study), user="stat")
    _refused(forced, "study database")
    _intact(study, before, records)
    _only(study.parent, "s.sqlite")


@pytest.mark.parametrize("how", [["--record", "FIRST"], ["--all", "--combined"]])
def test_a_report_onto_the_database_is_refused(study: Path, how: list[str]) -> None:
    before, records = _contents(study), record_count(study)
    how = [_first_record(study) if arg == "FIRST" else arg for arg in how]
    for force in ([], ["--force"]):
        result = run_cli("report", "--db", str(study), "--user", "inv", *how, *force,
                         str(study), user="inv")
        _refused(result, "study database")
        _intact(study, before, records)
    _only(study.parent, "s.sqlite")


@pytest.mark.parametrize("suffix", ["-wal", "-shm", "-journal"])
def test_an_export_onto_the_journal_files_is_refused(study: Path, suffix: str) -> None:
    before, records = _contents(study), record_count(study)
    target = Path(f"{study}{suffix}")
    result = run_cli("export", "--db", str(study), "--user", "admin", "--force", str(target))
    _refused(result, "study database", suffix)
    assert not target.exists()
    _intact(study, before, records)


def test_an_export_onto_a_backup_is_refused(study: Path) -> None:
    kept = backup_database(study, "daily")
    kept_before = digest(kept)
    for target in (kept, kept.parent / "notes.csv"):
        result = run_cli("export", "--db", str(study), "--user", "admin", "--force",
                         str(target))
        _refused(result, "backup")
    assert digest(kept) == kept_before
    assert [b.path for b in list_backups(study)] == [kept]
    _only(kept.parent, kept.name)


def test_backup_to_an_existing_file_needs_force(study: Path) -> None:
    target = study.parent / "existing.csv"
    target.write_text("a,b\n1,2\n", encoding="utf-8")
    result = run_cli("backup", "--db", str(study), "--user", "admin", "--to", str(target))
    _refused(result, "existing.csv", "--force")
    assert target.read_text(encoding="utf-8") == "a,b\n1,2\n"
    forced = run_cli("backup", "--db", str(study), "--user", "admin", "--to", str(target),
                     "--force")
    assert forced.returncode == 0, forced.stderr
    assert integrity(target) == "ok"
    assert record_count(target) == record_count(study)
    _only(study.parent, "s.sqlite", "existing.csv")


def test_backup_to_the_database_itself_is_refused(study: Path) -> None:
    before, records = _contents(study), record_count(study)
    for target in (study, Path(f"{study}-wal")):
        result = run_cli("backup", "--db", str(study), "--user", "admin", "--to", str(target),
                         "--force")
        _refused(result, "study database")
    _intact(study, before, records)


@pytest.mark.parametrize("fmt", ["redcap", "csv", "xlsx", "odm"])
def test_an_export_never_replaces_an_existing_file_silently(study: Path, fmt: str) -> None:
    target = study.parent / "out.dat"
    target.write_text("keep me", encoding="utf-8")
    result = run_cli("export", "--db", str(study), "--user", "admin", "--format", fmt,
                     str(target))
    _refused(result, "out.dat", "--force")
    assert target.read_text(encoding="utf-8") == "keep me"
    _only(study.parent, "s.sqlite", "out.dat")
    forced = run_cli("export", "--db", str(study), "--user", "admin", "--format", fmt,
                     "--force", str(target))
    assert forced.returncode == 0, forced.stderr
    assert target.read_bytes() != b"keep me"


def test_a_statistics_export_refuses_when_any_of_its_files_exists(study: Path) -> None:
    codebook = study.parent / "out_codebook.csv"
    codebook.write_text("mine", encoding="utf-8")
    result = run_cli("export", "--db", str(study), "--user", "admin", "--format", "csv",
                     str(study.parent / "out.csv"))
    _refused(result, "out_codebook.csv", "--force")
    _only(study.parent, "s.sqlite", "out_codebook.csv")
    assert codebook.read_text(encoding="utf-8") == "mine"


def test_a_report_folder_with_existing_pdfs_needs_force(study: Path) -> None:
    folder = study.parent / "reports"
    folder.mkdir()
    first = folder / f"{_first_record(study)}.pdf"
    first.write_bytes(b"an older report")
    result = run_cli("report", "--db", str(study), "--user", "inv", "--all", str(folder),
                     user="inv")
    _refused(result, first.name, "--force")
    _only(folder, first.name)
    forced = run_cli("report", "--db", str(study), "--user", "inv", "--all", "--force",
                     str(folder), user="inv")
    assert forced.returncode == 0, forced.stderr
    assert first.read_bytes().startswith(b"%PDF")
    assert all(p.suffix == ".pdf" and not p.name.startswith(".") for p in folder.iterdir())


def test_every_core_writer_refuses_the_database(study: Path,
                                                users: dict[str, CurrentUser]) -> None:
    """The GUI's save paths call these functions (with force=True after its own question)."""
    from vo_crf.exchange.odm_export import export_odm
    from vo_crf.exchange.redcap_export import export_redcap_csv
    from vo_crf.exchange.stats_export import export_csv
    from vo_crf.output_files import OutputRefused
    from vo_crf.reports.patient_reports import write_patient_reports
    from vo_crf.reports.workbook import export_workbook

    before = _contents(study)
    project = open_project(str(study))
    try:
        admin = users["admin"]
        writers = [
            lambda target: export_redcap_csv(project, admin, target, force=True),
            lambda target: export_csv(project, admin, target, force=True),
            lambda target: export_odm(project, admin, target, force=True),
            lambda target: export_workbook(project, admin, target, force=True),
            lambda target: write_patient_reports(project, admin, target, combined=True,
                                                 force=True),
        ]
        for write in writers:
            for target in (study, Path(f"{study}-wal"), Path(f"{study}-shm")):
                with pytest.raises(OutputRefused, match="study database"):
                    write(target)
    finally:
        project.close()
    assert _contents(study) == before
    assert integrity(study) == "ok"

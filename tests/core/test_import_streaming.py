"""The streamed import: records spread over the file, small batches, far-apart duplicates.

Guards for the bounded-memory import (issue 11, item 9): a file whose rows of one record are
spread over it, written in batches of a few forms, stores exactly what the same rows grouped
by record store; a form given twice is refused even when the two lines are far apart.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from random_cohort import cohort_csv
from sqlalchemy import select

from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session
from vo_crf.db.models import FormInstance, ItemValue, Record
from vo_crf.exchange import import_stream, redcap_import
from vo_crf.exchange.redcap_import import ImportFailed, import_redcap_csv
from vo_crf.project import Project, open_project


def _stored(project: Project) -> set[tuple[object, ...]]:
    with read_session(project.engine) as session:
        return set(session.execute(
            select(Record.record_id, FormInstance.event, FormInstance.form,
                   FormInstance.instance, FormInstance.status, ItemValue.field, ItemValue.value)
            .join(FormInstance, FormInstance.record_pk == Record.id)
            .join(ItemValue, ItemValue.form_instance_id == FormInstance.id)).all())


def _shuffled(text: str) -> str:
    """The same rows, every record's rows spread over the file (round robin by record)."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    by_record: dict[str, list[list[str]]] = {}
    for row in rows[1:]:
        by_record.setdefault(row[0], []).append(row)
    spread: list[list[str]] = []
    while any(by_record.values()):
        for queue in by_record.values():
            if queue:
                spread.append(queue.pop(0))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([rows[0], *spread])
    return out.getvalue()


def test_spread_records_in_small_batches_store_what_grouped_rows_store(
        template_db: Path, tmp_path: Path, nurse: CurrentUser,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(import_stream, "BATCH_FORMS", 3)
    results = []
    for name in ("grouped", "spread"):
        (tmp_path / f"{name}.sqlite").write_bytes(template_db.read_bytes())
        project = open_project(str(tmp_path / f"{name}.sqlite"))
        try:
            text = cohort_csv(project.study, patients=6, seed=4)
            (tmp_path / f"{name}.csv").write_text(text if name == "grouped" else _shuffled(text),
                                                  encoding="utf-8")
            summary = import_redcap_csv(project, nurse, tmp_path / f"{name}.csv")
            assert summary.records_created == 6
            results.append(_stored(project))
        finally:
            project.close()
    assert results[0] == results[1] and len(results[0]) > 100


def test_a_form_given_twice_far_apart_is_refused(project: Project, nurse: CurrentUser,
                                                 tmp_path: Path) -> None:
    text = cohort_csv(project.study, patients=30, seed=2)
    lines = text.splitlines(keepends=True)
    second = next(line for line in lines[1:] if line.startswith("01-002,"))
    (tmp_path / "twice.csv").write_text(text + second, encoding="utf-8")
    with pytest.raises(ImportFailed, match=r"line \d+: enrolment of 01-002 at m0_arm_1 "
                                           r"\(instance 1\) already given on line \d+"):
        import_redcap_csv(project, nurse, tmp_path / "twice.csv")
    assert _stored(project) == set()


def test_a_big_import_gives_back_its_write_ahead_log(db_path: Path, project: Project,
                                                     nurse: CurrentUser, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(import_stream, "WAL_SHRINK_BYTES", 0)
    (tmp_path / "in.csv").write_text(cohort_csv(project.study, patients=10), encoding="utf-8")
    import_redcap_csv(project, nurse, tmp_path / "in.csv")
    assert Path(f"{db_path}-wal").stat().st_size == 0


def test_a_file_changed_between_the_two_passes_is_refused(project: Project, nurse: CurrentUser,
                                                          tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "in.csv"
    text = cohort_csv(project.study, patients=3, seed=2)
    path.write_text(text, encoding="utf-8")
    check = redcap_import.check_redcap_lines

    def check_then_edit(*args: object) -> None:
        check(*args)  # type: ignore[arg-type]
        path.write_text(text.replace("01-003,", "01-009,"), encoding="utf-8")

    monkeypatch.setattr(redcap_import, "check_redcap_lines", check_then_edit)
    with pytest.raises(ImportFailed, match="the file changed while it was being imported"):
        import_redcap_csv(project, nurse, path)
    assert _stored(project) == set()

"""REDCap CSV import and export: exact round trips, all-or-nothing imports with clear errors."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from random_cohort import cohort_csv
from sqlalchemy import func, select
from trail_entries import trail_entries

from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session
from vo_crf.db.models import AuditEntry, ItemValue, Record
from vo_crf.exchange.redcap_export import export_redcap_csv
from vo_crf.exchange.redcap_import import ImportFailed, import_redcap_csv, import_redcap_text
from vo_crf.project import Project


def _counts(project: Project) -> tuple[int, int, int]:
    with read_session(project.engine) as session:
        return (session.scalar(select(func.count()).select_from(Record)),
                session.scalar(select(func.count()).select_from(ItemValue)),
                session.scalar(select(func.count()).select_from(AuditEntry)))


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_import_then_export_reproduces_every_value(project: Project, tmp_path: Path,
                                                   users: dict[str, CurrentUser]) -> None:
    source = cohort_csv(project.study, patients=29)
    (tmp_path / "in.csv").write_text(source, encoding="utf-8")
    summary = import_redcap_csv(project, users["nurse"], tmp_path / "in.csv")
    assert summary.records_created == 29
    export_redcap_csv(project, users["inv"], tmp_path / "out.csv")
    exported = _rows((tmp_path / "out.csv").read_text(encoding="utf-8"))
    original = _rows(source)
    assert len(exported) == len(original)
    calc = {"age", "delay_days", "out_sequelae", "out_followup_m"}
    for before, after in zip(original, exported, strict=True):
        assert {k: v for k, v in before.items() if k not in calc} == \
               {k: v for k, v in after.items() if k not in calc}
        assert after["redcap_event_name"] != "m0_arm_1" or after["redcap_repeat_instrument"] \
            or after["age"].isdigit()
    assert any("abcès épidural" in r["img_comment"] for r in exported)
    assert any("\n" in r["img_comment"] for r in exported)
    # a second round trip is byte-identical
    import_redcap_csv(project, users["nurse"], tmp_path / "out.csv")
    export_redcap_csv(project, users["inv"], tmp_path / "again.csv")
    assert (tmp_path / "again.csv").read_bytes() == (tmp_path / "out.csv").read_bytes()


def test_bom_and_quoted_fields_are_accepted(project: Project,
                                            users: dict[str, CurrentUser]) -> None:
    text = ("record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,"
            "img_date,img_mri,img_ct,img_comment,imaging_complete\n"
            '01-001,m3_arm_1,,,1998-04-01,1,0,"Abcès, ""résiduel""\nsur 2 lignes",1\n')
    import_redcap_text(project, users["nurse"], "\ufeff" + text, "bom.csv")
    from vo_crf.entry import EntryService, FormKey

    state = EntryService(project, users["nurse"]).open_form(
        FormKey("01-001", "m3_arm_1", "imaging"))
    assert state.values["img_comment"] == 'Abcès, "résiduel"\nsur 2 lignes'
    assert state.status == 1


@pytest.mark.parametrize(("change", "expected"), [
    (("bio_crp", "12,5"), "column {col} (bio_crp): C-reactive protein (bio_crp): '12,5' is not "
                          "a number"),
    (("sex", "3"), "column {col} (sex): Sex (sex): '3' is not one of the choices"),
    (("birth_date", "1960-13-01"), "column {col} (birth_date): Date of birth (birth_date): "
                                   "'1960-13-01' is not a valid date"),
    (("comorb___2", "yes"), "column {col} (comorb___2): checkbox option must be 0 or 1"),
    (("redcap_event_name", "m9_arm_1"), "column 2 (redcap_event_name): unknown event"),
])
def test_one_bad_value_rejects_the_whole_file(project: Project, users: dict[str, CurrentUser],
                                              change: tuple[str, str], expected: str) -> None:
    rows = _rows(cohort_csv(project.study, patients=5))
    target = next(i for i, r in enumerate(rows) if r["redcap_event_name"] == "m0_arm_1"
                  and not r["redcap_repeat_instrument"] and i > 3)
    rows[target][change[0]] = change[1]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    line = 2
    for index, row in enumerate(rows):
        before_row = buffer.tell()
        writer.writerow(row)
        if index < target:
            line += buffer.getvalue()[before_row:].count("\n")
    text = buffer.getvalue()
    column = list(rows[0]).index(change[0]) + 1
    before = _counts(project)
    with pytest.raises(ImportFailed) as failed:
        import_redcap_text(project, users["nurse"], text, "bad.csv")
    assert f"line {line}, " + expected.format(col=column) in str(failed.value)
    assert _counts(project) == before


def test_unknown_column_and_cross_field_errors_name_line_and_rule(
        project: Project, users: dict[str, CurrentUser]) -> None:
    head = ("record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,"
            "abx_drug,abx_route,abx_start,abx_stop,antibiotics_complete")
    with pytest.raises(ImportFailed, match=r"line 1, column 5 \(abx_name\): unknown column"):
        import_redcap_text(project, users["nurse"], head.replace("abx_drug", "abx_name")
                           + "\n", "x.csv")
    text = head + "\n01-001,m0_arm_1,antibiotics,1,2,1,2001-05-01,2001-04-01,0\n"
    with pytest.raises(ImportFailed) as failed:
        import_redcap_text(project, users["nurse"], text, "x.csv")
    assert "line 2, field abx_stop: Stop date (abx_stop) (2001-04-01) must not precede" in str(
        failed.value)
    assert "[rule: cross_field]" in str(failed.value)


def test_non_utf8_file_is_refused(project: Project, users: dict[str, CurrentUser],
                                  tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("record_id,redcap_event_name\n01-001,m0_arm_1\n01-002,é\n"
                     .encode("latin-1"))
    with pytest.raises(ImportFailed, match="line 3: the file is not UTF-8"):
        import_redcap_csv(project, users["nurse"], path)


def test_import_is_audited(project: Project, users: dict[str, CurrentUser]) -> None:
    import_redcap_text(project, users["nurse"], cohort_csv(project.study, patients=2), "two.csv")
    with read_session(project.engine) as session:
        rows = session.scalars(select(AuditEntry).where(AuditEntry.action == "import")).all()
    inserts = len(trail_entries(project, action="value_insert"))
    assert [r.new_value for r in rows] == ["two.csv"]
    assert inserts > 40

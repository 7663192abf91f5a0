"""Wide variable names of a study with two arms that both have a "Baseline": named after the
event (``baseline_arm_2_weight``), never cut with a hash suffix (``baseline_weight_2b65fb``),
alike in the workbook and the statistics files; labels name the arm, as the casebook's audit
trail does."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from inline_seeds import seed_two_arms
from openpyxl import load_workbook
from printed_pdfs import pdf_text
from redcap_studies import ADMIN, TWO_ARMS, init_study

from vo_crf.exchange.stats_export import export_csv
from vo_crf.reports.casebook import write_casebook
from vo_crf.reports.workbook import export_workbook

HASHED = re.compile(r"_[0-9a-f]{6}(_label)?$")


def test_two_arms_baselines_get_plain_distinct_names_everywhere(tmp_path: Path) -> None:
    project = init_study(tmp_path, TWO_ARMS, "arms")
    seed_two_arms(project, tmp_path)
    export_workbook(project, ADMIN, tmp_path / "arms.xlsx")
    export_csv(project, ADMIN, tmp_path / "arms.csv")
    project.close()
    book = load_workbook(tmp_path / "arms.xlsx", read_only=True)
    head, *rows = [tuple(row) for row in book["Data"].values]
    book.close()
    assert [name for name in head if HASHED.search(str(name))] == []
    assert head[:6] == ("study_id", "baseline_arm_1_enrol_date", "baseline_arm_1_weight",
                        "baseline_arm_1_enrol_complete", "week_4_visit_date", "week_4_score")
    by_id = {row[0]: dict(zip(head, row + (None,) * (len(head) - len(row)), strict=True))
             for row in rows}
    assert by_id["A2-01"]["baseline_arm_2_weight"] == 72.5
    assert by_id["A1-01"]["baseline_arm_1_weight"] == 80.5
    with (tmp_path / "arms.csv").open(encoding="utf-8") as handle:
        assert next(csv.reader(handle)) == [str(name) for name in head
                                            if not str(name).endswith("_label")]
    with (tmp_path / "arms_codebook.csv").open(encoding="utf-8") as handle:
        labels = {row["variable"]: row["label"] for row in csv.DictReader(handle)}
    assert labels["baseline_arm_2_weight"] == "Weight (kg) [Baseline (arm 2)]"


def test_long_sheets_name_the_arm_and_every_sheet_the_record_id_field(tmp_path: Path) -> None:
    project = init_study(tmp_path, TWO_ARMS, "arms")
    seed_two_arms(project, tmp_path)
    export_workbook(project, ADMIN, tmp_path / "arms.xlsx")
    project.close()
    book = load_workbook(tmp_path / "arms.xlsx", read_only=True)
    long = [tuple(row) for row in book["Data long"].values]
    quality_head = next(book["Data quality"].values)
    book.close()
    assert ("A2-01", "baseline_arm_2", "Baseline (arm 2)") in [row[:3] for row in long]
    assert quality_head[:2] == ("Check", "study_id")


def test_the_casebook_audit_trail_names_the_arm_of_each_event(tmp_path: Path) -> None:
    project = init_study(tmp_path, TWO_ARMS, "arms")
    seed_two_arms(project, tmp_path)
    path = write_casebook(project, ADMIN, tmp_path / "a2.pdf", ["A2-01"], with_audit=True)
    project.close()
    text = pdf_text(path)
    trail = text[text.index("Audit trail"):]
    # both arms have a "Baseline": the trail says which, as the event headings do
    assert "Baseline (arm 2) / " in trail and "Week 8 (arm 2) / " in trail, trail
    assert "Baseline / " not in trail

"""A slider's value as REDCap users read it, in every PDF: the number with what the slider's
labels stand for ("7 (0 = None … 5 = Some … 10 = Worst)"), the same anchors as the blank CRF
prints for paper entry."""

from __future__ import annotations

from pathlib import Path

from printed_pdfs import pdf_text, record_pdfs
from redcap_studies import ADMIN, ALL_TYPES, TWO_ARMS, init_study

from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.reports.casebook import write_casebook
from vo_crf.study.loader import CLASSIC_EVENT


def test_a_slider_prints_its_number_with_its_labels_in_every_pdf(tmp_path: Path) -> None:
    project = init_study(tmp_path, TWO_ARMS, "arms")
    record = create_record(project, ADMIN, "1", "A1-01")
    EntryService(project, ADMIN).save_form(FormKey(record, "week_4_arm_1", "visit"),
                                           {"score": "7"}, 1)
    printed = record_pdfs(project, record, tmp_path)
    project.close()
    assert "Pain score 7 (0 = None … 5 = Some … 10 = Worst) score" in printed.casebook
    assert "7 (0 = None … 5 = Some … 10 = Worst)" in printed.record
    assert "Pain score whole number from 0 to 10 · 0 = None · 5 = Some · 10 = Worst" \
        in printed.blank


def test_a_slider_without_range_or_middle_label_and_a_missing_code(tmp_path: Path) -> None:
    project = init_study(tmp_path, ALL_TYPES, "types")
    record = create_record(project, ADMIN, "1", "T-01")
    EntryService(project, ADMIN).save_form(FormKey(record, CLASSIC_EVENT, "other_types"),
                                           {"mood": "55", "pain": "UNK"}, 1)
    text = pdf_text(write_casebook(project, ADMIN, tmp_path / "casebook.pdf", [record]))
    assert "Mood 55 (0 = Sad … 100 = Happy) mood" in text  # REDCap's 0 to 100
    assert "Pain Unknown pain Mood" in text  # a missing-data code is not a position
    project.close()

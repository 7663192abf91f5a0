"""REDCap labels hold HTML and piping (``Note for <b>[pid]</b>``): the PDFs print them as
REDCap shows them (bold kept, the piped value in, other tags and entities resolved), never
the raw markup; a blank CRF shows a piped value as REDCap's blank (______)."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from redcap_studies import ADMIN, dictionary, init_study

from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.reports.blank_crf import write_blank_crfs
from vo_crf.reports.casebook import write_casebook
from vo_crf.reports.patient_reports import write_patient_reports
from vo_crf.study.loader import CLASSIC_EVENT

TEXTS = {
    "data_dictionary.csv": dictionary([
        ("pid", "visit", "text", "Participant"),
        ("nick", "visit", "text", "Nickname", "", "", "", "", "y"),
        ("weight", "visit", "text", "Weight <i>(kg)</i>&nbsp;today", "", "number"),
        ("note", "visit", "notes", "Note for <b>[pid]</b> <span style='color:red'>(free)"),
        ("greeting", "visit", "text", "Hello [nick]</b>"),
    ]),
    "project.json": '{"name": "Markup"}\n',
}


def _text(path: Path) -> str:
    return " ".join(" ".join((page.extract_text() or "").split())
                    for page in PdfReader(str(path)).pages)


def test_labels_print_without_markup_with_piped_values(tmp_path: Path) -> None:
    project = init_study(tmp_path, TEXTS, "markup")
    record = create_record(project, ADMIN, "1", "P-7")
    EntryService(project, ADMIN).save_form(FormKey(record, CLASSIC_EVENT, "visit"),
                                           {"nick": "Bobby", "weight": "71", "note": "ok"}, 1)
    casebook = _text(write_casebook(project, ADMIN, tmp_path / "casebook.pdf", [record]))
    [path] = write_patient_reports(project, ADMIN, tmp_path / "record.pdf", [record])
    listing = _text(path)
    blank = _text(write_blank_crfs(project, ADMIN, tmp_path / "blank.pdf"))
    project.close()
    for text in (casebook, listing, blank):
        assert "<" not in text and "&nbsp;" not in text and "[pid]" not in text
        assert "Weight (kg) today" in text
    for text in (casebook, listing):
        assert "Note for P-7 (free)" in text
        assert "Bobby" not in text  # an identifier piped into a label stays hidden
    assert "Note for ______ (free)" in blank

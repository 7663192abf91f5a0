"""REDCap labels hold HTML and piping (``Note for <b>[pid]</b>``): the PDFs print them as
REDCap shows them (bold kept, the piped value in, other tags and entities resolved), never
the raw markup; a blank CRF shows a piped value as REDCap's blank (______)."""

from __future__ import annotations

from pathlib import Path

from printed_pdfs import record_pdfs
from redcap_studies import ADMIN, MARKUP, init_study

from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.study.loader import CLASSIC_EVENT


def test_labels_print_without_markup_with_piped_values(tmp_path: Path) -> None:
    project = init_study(tmp_path, MARKUP, "markup")
    record = create_record(project, ADMIN, "1", "P-7")
    EntryService(project, ADMIN).save_form(FormKey(record, CLASSIC_EVENT, "visit"),
                                           {"nick": "Bobby", "weight": "71", "note": "ok"}, 1)
    printed = record_pdfs(project, record, tmp_path)
    project.close()
    for text in (printed.casebook, printed.record, printed.blank):
        assert "<" not in text and "&nbsp;" not in text and "[pid]" not in text
        assert "Weight (kg) today" in text
    for text in (printed.casebook, printed.record):
        assert "Note for P-7 (free)" in text
        assert "Bobby" not in text  # an identifier piped into a label stays hidden
    assert "Note for ______ (free)" in printed.blank

"""A corpus of crafted bad REDCap import files: each is rejected whole, with line and column."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session
from vo_crf.db.models import AuditEntry, FormInstance, ItemValue, Record
from vo_crf.exchange.redcap_import import ImportFailed, import_redcap_csv
from vo_crf.project import Project

CORPUS = Path(__file__).parent / "corpus"

EXPECTED = {
    "01_empty_file.csv": "line 1: the file is empty",
    "02_text_in_number.csv": "line 2, column 6 (clin_temp): Body temperature (clin_temp): 'abc' "
                             "is not a number",
    "03_decimal_in_integer.csv": "line 2, column 6 (clin_pain_vas): Spinal pain (visual analogue "
                                 "scale) (clin_pain_vas): '4.5' is not a whole number",
    "04_impossible_date.csv": "line 2, column 5 (clin_date): Date of clinical examination "
                              "(clin_date): '2001-02-29' is not a valid date",
    "05_date_wrong_format.csv": "line 2, column 5 (clin_date)",
    "06_unknown_choice.csv": "line 2, column 5 (sex): Sex (sex): '3' is not one of the choices",
    "07_checkbox_not_01.csv": "line 2, column 5 (comorb___1): checkbox option must be 0 or 1",
    "08_unknown_checkbox_column.csv": "line 1, column 5 (comorb___99): unknown column",
    "09_unknown_column.csv": "line 1, column 5 (clin_temprature): unknown column",
    "10_unknown_event.csv": "line 2, column 2 (redcap_event_name): unknown event 'm9_arm_1'",
    "11_bad_status.csv": "line 2, column 6 (clinical_complete): form status must be 0, 1 or 2",
    "12_repeat_of_non_repeating_form.csv": "line 2, column 3 (redcap_repeat_instrument): "
                                           "'clinical' is not a repeating form",
    "13_bad_repeat_instance.csv": "line 2, column 4 (redcap_repeat_instance): 'first' is not a "
                                  "repeat instance number",
    "14_stop_before_start.csv": "line 2, field abx_stop: Stop date (abx_stop) (2001-02-01) must "
                                "not precede Start date (abx_start) (2001-03-01)",
    "15_form_not_in_event.csv": "line 2, column 5 (out_date): form 'outcome' is not part of this "
                                "row (m3_arm_1)",
    "16_duplicate_row.csv": "line 3: clinical of 01-001 at m0_arm_1 (instance 1) already given "
                            "on line 2",
    "17_too_few_cells.csv": "line 2: 5 values for 6 columns",
    "18_blank_record_id.csv": "line 2, column 1 (record_id): the record id is blank",
    "19_record_id_not_first.csv": "line 1, column 1 (redcap_event_name): the first column must be "
                                  "'record_id'",
    "20_duplicate_column.csv": "line 1, column 6 (clin_date): column appears twice",
    "21_unclosed_quote.csv": "malformed CSV",
    "22_second_row_bad.csv": "line 3, column 5 (clin_date)",
    "23_scientific_number.csv": "line 2, column 5 (bio_crp): C-reactive protein (bio_crp): '1e3' "
                                "is not a number",
    "24_no_event_column.csv": "line 1, field redcap_event_name: the study has several events",
    "25_record_id_with_space.csv": "line 2, column 1 (record_id): record id '01 001': use "
                                   "letters, digits",
    "26_utf16.csv": "line 1: the file is not UTF-8 text",
}


def _snapshot(project: Project) -> tuple[int, ...]:
    with read_session(project.engine) as session:
        return tuple(session.scalar(select(func.count()).select_from(table))
                     for table in (Record, FormInstance, ItemValue, AuditEntry))


def test_corpus_has_at_least_20_files_all_described() -> None:
    files = sorted(p.name for p in CORPUS.glob("*.csv"))
    assert len(files) >= 20
    assert files == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_is_rejected_whole_with_its_place(project: Project,
                                                   users: dict[str, CurrentUser],
                                                   name: str) -> None:
    before = _snapshot(project)
    with pytest.raises(ImportFailed) as failed:
        import_redcap_csv(project, users["nurse"], CORPUS / name)
    assert EXPECTED[name] in str(failed.value)
    assert str(failed.value).startswith("import refused, nothing was stored")
    assert _snapshot(project) == before

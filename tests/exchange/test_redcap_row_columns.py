"""Which columns a REDCap CSV row is read from: its own forms, never a calculated field's cell,
and a value in a form the row does not hold refused at its column (small inline studies)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from redcap_studies import ADMIN, ALL_TYPES, TWO_ARMS, init_study

from vo_crf.entry import EntryService, FormKey
from vo_crf.exchange.redcap_import import ImportFailed, import_redcap_text
from vo_crf.exchange.redcap_layout import header
from vo_crf.project import Project


def csv_text(project: Project, *rows: dict[str, str]) -> str:
    """A CSV with every column of the study, the given cells filled."""
    columns = header(project.study)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
    return out.getvalue()


def test_a_value_in_a_form_the_row_does_not_hold_is_refused_at_its_column(
        tmp_path: Path) -> None:
    project = init_study(tmp_path, TWO_ARMS)
    text = csv_text(project, {"study_id": "S1", "redcap_event_name": "baseline_arm_1",
                              "enrol_date": "2024-01-02", "visit_date": "2024-02-01",
                              "enrol_complete": "2"})
    column = header(project.study).index("visit_date") + 1
    with pytest.raises(ImportFailed) as refused:
        import_redcap_text(project, ADMIN, text, "outside.csv")
    assert [str(p) for p in refused.value.problems] == [
        f"line 2, column {column} (visit_date): form 'visit' is not part of this row "
        "(baseline_arm_1)"]


def test_a_row_with_only_its_own_forms_imports(tmp_path: Path) -> None:
    project = init_study(tmp_path, TWO_ARMS)
    text = csv_text(project, {"study_id": "S1", "redcap_event_name": "baseline_arm_1",
                              "enrol_date": "2024-01-02", "weight": "70,5",
                              "enrol_complete": "2"},
                    {"study_id": "S1", "redcap_event_name": "week_4_arm_1",
                     "visit_date": "2024-01-30", "score": "4", "visit_complete": "1"})
    summary = import_redcap_text(project, ADMIN, text, "own.csv")
    assert summary.forms_saved == 2
    visit = EntryService(project, ADMIN).open_form(FormKey("S1", "week_4_arm_1", "visit"))
    assert (visit.values, visit.status) == ({"visit_date": "2024-01-30", "score": "4"}, 1)


def test_a_calculated_fields_cell_is_not_read_the_study_computes_it(tmp_path: Path) -> None:
    project = init_study(tmp_path, ALL_TYPES)
    text = csv_text(project, {"subject": "P1", "v_integer": "21", "measures_complete": "0",
                              "double_int": "999", "colour": "2", "flags___a": "1",
                              "flags___b": "0", "other_types_complete": "0"})
    import_redcap_text(project, ADMIN, text, "calc.csv")
    other = EntryService(project, ADMIN).open_form(FormKey("P1", "event_1_arm_1",
                                                           "other_types"))
    assert other.calc_values["double_int"] == "42"
    assert (other.values["colour"], other.values["flags"]) == ("2", "a")

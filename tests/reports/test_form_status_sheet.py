"""The workbook's Form status sheet (issue 14, item 2): record × event × form with status and
who verified, locked and e-signed it, and when."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pytest
from accounts import PASSWORDS

from vo_crf.auth.users import CurrentUser
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.review import lock, verify
from vo_crf.exchange.deidentify import Deidentifier
from vo_crf.project import Project
from vo_crf.reports import form_status_sheet
from vo_crf.reports.review_marks import ReviewMark, load_review_marks
from vo_crf.reports.workbook import export_workbook


def test_form_status_sheet_lists_every_form_with_its_marks(
        demo_project: Project, users: dict[str, CurrentUser], tmp_path: Path) -> None:
    inv, mon = users["inv"], users["mon"]
    clinical = FormKey("VO-024", "m0_arm_1", "clinical")
    verify(demo_project, mon, FormKey("VO-024", "m0_arm_1", "biology"))
    lock(demo_project, inv, "VO-024", clinical, reason="I confirm",
         signature_password=PASSWORDS["inv"])
    state = EntryService(demo_project, inv).open_form(clinical)
    export_workbook(demo_project, users["admin"], tmp_path / "wb.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "wb.xlsx")["Form status"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:7] == ("record_id", "redcap_event_name", "Event", "Form name", "Form",
                           "Instance", "Status")
    by_key = {(r[0], r[1], r[3], r[5]): r for r in rows[1:]}
    assert len(by_key) == len(rows) - 1 and {r[0] for r in rows[1:]} >= {"VO-001", "VO-029"}
    signed = by_key[("VO-024", "m0_arm_1", "clinical", 1)]
    assert signed[2:] == ("M0", "clinical", "Clinical", 1, "Complete", None, None, "inv",
                          state.locked_at.replace(microsecond=0), "inv",
                          state.signed_at.replace(microsecond=0))
    biology = by_key[("VO-024", "m0_arm_1", "biology", 1)]
    assert biology[7] == "mon" and biology[8] is not None and biology[9] is None
    assert by_key[("VO-004", "m0_arm_1", "antibiotics", 3)][6] == "Complete"
    export_workbook(demo_project, users["stat"], tmp_path / "deid.xlsx", deidentified=True)
    hidden = list(openpyxl.load_workbook(tmp_path / "deid.xlsx")["Form status"]
                  .iter_rows(min_row=2, values_only=True))
    pseudonym = Deidentifier(demo_project).record_id("VO-024")
    row = next(r for r in hidden if r[0] == pseudonym and r[3] == "clinical" and r[1] ==
               "m0_arm_1")
    assert row[9] == "inv" and row[10] is None and row[12] is None  # who, not when
    assert not any(str(r[0]).startswith("VO-") for r in hidden)


def _sheet_rows(path: Path) -> list[tuple[object, ...]]:
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Form status"]
    rows = [tuple(sheet.auto_filter.ref or ""), *sheet.iter_rows(values_only=True)]
    workbook.close()
    return rows


def test_form_status_sheet_reads_the_marks_a_few_records_at_a_time_with_the_same_rows(
        demo_project: Project, users: dict[str, CurrentUser], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A study of 10,000 patients has 150k saved forms: the sheet never holds all their marks
    at once (peak memory), and it writes the same rows, in the same order, as in one read."""
    verify(demo_project, users["mon"], FormKey("VO-024", "m0_arm_1", "biology"))
    exports = {}
    for chunk in (10_000, 4):
        monkeypatch.setattr(form_status_sheet, "RECORDS_PER_READ", chunk)
        asked: list[int] = []

        def counted(project: Project, record_ids: Sequence[str] | None = None,
                    with_times: bool = True) -> dict[str, tuple[ReviewMark, ...]]:
            asked.append(len(record_ids) if record_ids is not None else 10**9)  # noqa: B023
            return load_review_marks(project, record_ids, with_times)

        monkeypatch.setattr(form_status_sheet, "load_review_marks", counted)
        for deidentified, user in ((False, users["admin"]), (True, users["stat"])):
            path = tmp_path / f"{chunk}-{deidentified}.xlsx"
            export_workbook(demo_project, user, path, deidentified=deidentified)
            exports[chunk, deidentified] = _sheet_rows(path)
        assert max(asked) <= chunk and sum(asked) == 2 * 29
    for deidentified in (False, True):
        rows = exports[4, deidentified]
        assert rows == exports[10_000, deidentified] and len(rows) > 29 * 10
    assert [r[0] for r in exports[4, True][2:]] == sorted(r[0] for r in exports[4, True][2:])

"""Reports → Import offers CDISC ODM .xml files beside REDCap CSV (as ``vo-crf import`` does),
with the same dry-run summary before anything is written."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import import_through_preview
from report_steps import menu_entry, reports_menu

from vo_crf.entry import EntryService, FormKey
from vo_crf.exchange.odm_export import export_odm
from vo_crf.exchange.redcap_import import import_redcap_text

HEAD = ("record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,"
        "bio_date,bio_crp,bio_esr,bio_wbc,biology_complete\n")


def _odm_of_a_new_patient(project, users, tmp_path: Path) -> Path:  # noqa: ANN001
    """An ODM file (our own export) holding patient 01-007, who is not in the study."""
    import_redcap_text(project, users["nurse"],
                       HEAD + "01-001,m0_arm_1,,,2003-02-09,120,80,12.5,2\n", "first.csv")
    exported = tmp_path / "exported.xml"
    export_odm(project, users["inv"], exported, include_audit=False)
    odm = tmp_path / "other site.xml"
    odm.write_text(exported.read_text(encoding="utf-8").replace("01-001", "01-007")
                   .replace('Value="120"', 'Value="77"'), encoding="utf-8")
    return odm


def test_an_odm_file_is_offered_previewed_and_imported(project, users, make_session, qtbot,
                                                       on_named_modal, monkeypatch,
                                                       tmp_path: Path) -> None:  # noqa: ANN001
    odm = _odm_of_a_new_patient(project, users, tmp_path)
    filters: list[str] = []

    def open_path(_parent, _title, _start, pattern):  # noqa: ANN001, ANN202
        filters.append(pattern)
        return odm

    monkeypatch.setattr("ui.reports_menu.ask_open_path", open_path)
    menu = reports_menu(qtbot, make_session(users["nurse"]))
    action = menu_entry(menu.menu, "Import")
    previewed: list[str] = []

    def preview(dialog) -> None:  # noqa: ANN001
        table = dialog.table
        previewed.extend(table.item(r, 0).text() for r in range(table.rowCount()))
        assert dialog.import_button.isEnabled()

    finished = import_through_preview(qtbot, on_named_modal, action.trigger, preview)
    assert "*.xml" in filters[0].split(";;")[0] and "*.csv" in filters[0].split(";;")[0]
    assert "Biology" in previewed
    assert "1 new patients" in finished
    state = EntryService(project, users["inv"]).open_form(FormKey("01-007", "m0_arm_1",
                                                                  "biology"))
    assert state.values["bio_crp"] == "77"

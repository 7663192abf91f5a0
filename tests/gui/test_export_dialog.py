"""The Reports menu offers every format ``vo-crf export`` writes (SPSS, Stata, R, SAS, ODM, CSV
tables, REDCap CSV, Excel) with the CLI's options, under the same role rules, and proposes a
file name made from the study's name."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import choose, combo_named
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QDialogButtonBox, QWidget
from report_steps import export_action, export_through_dialog, read_message_box, reports_menu

from vo_crf.entry.records import create_record


def _box(dialog: QWidget, text: str) -> QCheckBox:
    return next(b for b in dialog.findChildren(QCheckBox) if text in b.text().replace("&", ""))


def _click_export(qtbot, dialog: QWidget) -> None:  # noqa: ANN001
    buttons = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)


def test_the_statistician_exports_spss_de_identified_with_days(project, users, make_session,
                                                               qtbot, monkeypatch, on_modal,
                                                               tmp_path: Path) -> None:  # noqa: ANN001
    create_record(project, users["inv"], "1")
    menu = reports_menu(qtbot, make_session(users["stat"]))
    action = export_action(menu)
    assert action.isEnabled()
    asked: list[str] = []
    target = tmp_path / "out" / "stats.sav"
    target.parent.mkdir()

    def save_path(_parent, _title, start, filters):  # noqa: ANN001, ANN202
        asked.append(Path(start).name)
        asked.append(filters)
        return target

    monkeypatch.setattr("ui.reports_menu.ask_save_path", save_path)
    seen: dict[str, bool] = {}

    def fill(dialog: QWidget) -> None:
        deidentified = _box(dialog, "De-identified")
        seen["locked"] = deidentified.isChecked() and not deidentified.isEnabled()
        seen["free text offered"] = _box(dialog, "free text").isVisibleTo(dialog)
        choose(qtbot, combo_named(dialog, "Format"), "SPSS (.sav)")
        choose(qtbot, combo_named(dialog, "Dates"), "Days since M0")
        _click_export(qtbot, dialog)

    on_modal(fill)
    shown = read_message_box()
    action.trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=30_000)
    assert seen == {"locked": True, "free text offered": False}
    assert "Failed" not in shown[0]
    stem = "Bacterial_vertebral_osteomyelitis_cohort_VO"  # from the study's name
    assert asked[0] == f"{stem}_deidentified.sav"
    assert "*.sav" in asked[1]
    assert target.exists()
    about = (target.parent / "stats_about.txt").read_text(encoding="utf-8")
    assert "days" in about.lower()


def test_the_investigator_exports_odm_identified_without_the_audit(project, users,
                                                                   make_session, qtbot,
                                                                   monkeypatch, on_modal,
                                                                   tmp_path: Path) -> None:  # noqa: ANN001
    record_id = create_record(project, users["inv"], "1")
    menu = reports_menu(qtbot, make_session(users["inv"]))
    target = tmp_path / "study.xml"
    monkeypatch.setattr("ui.reports_menu.ask_save_path", lambda *a, **k: target)

    def fill(dialog: QWidget) -> None:
        assert _box(dialog, "De-identified").isEnabled()
        choose(qtbot, combo_named(dialog, "Format"), "CDISC ODM 1.3.2 (.xml)")
        audit = _box(dialog, "audit trail")
        assert audit.isEnabled() and audit.isChecked()
        audit.setFocus()
        qtbot.keyClick(audit, Qt.Key.Key_Space)
        _click_export(qtbot, dialog)

    on_modal(fill)
    shown = read_message_box()
    export_action(menu).trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=30_000)
    assert "Failed" not in shown[0]
    text = target.read_text(encoding="utf-8")
    assert f'SubjectKey="{record_id}"' in text and "AuditRecord" not in text


def test_default_names_come_from_the_study(project, users, make_session, qtbot,
                                           monkeypatch, on_named_modal) -> None:  # noqa: ANN001
    menu = reports_menu(qtbot, make_session(users["inv"]))
    asked: list[str] = []
    monkeypatch.setattr("ui.reports_menu.ask_save_path",
                        lambda _p, _t, start, _f: asked.append(Path(start).name))
    for name in ("Excel workbook (.xlsx)", "REDCap CSV (to import into REDCap)"):
        export_through_dialog(qtbot, on_named_modal, menu, name)
    stem = "Bacterial_vertebral_osteomyelitis_cohort_VO"  # from the study's name
    assert asked == [f"{stem}.xlsx", f"{stem}_redcap.csv"]

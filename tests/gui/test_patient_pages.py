"""Antibiotic courses, field history, missing-data codes, timeline, reports and users."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import focused, press, show_active, type_keys
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QPlainTextEdit
from report_steps import choose_save_path, export_through_dialog, reports_menu

from ui.dialogs.users import UsersDialog
from ui.patient.repeating import RepeatingFormPage
from ui.patient.timeline import TimelinePage
from vo_crf.auth.users import list_users
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record


def test_antibiotic_courses_add_and_delete(project, nurse, make_session, qtbot,
                                           on_modal) -> None:
    record_id = create_record(project, nurse, "1")
    page = RepeatingFormPage(make_session(nurse), record_id, "m0_arm_1", "antibiotics")
    qtbot.addWidget(page)
    show_active(qtbot, page)

    def enter_course(dialog) -> None:
        assert focused().objectName() == "field_abx_drug"
        type_keys(qtbot, "V")  # Vancomycin
        press(qtbot, Qt.Key.Key_Tab)
        type_keys(qtbot, "1")  # intravenous
        press(qtbot, Qt.Key.Key_Tab)
        type_keys(qtbot, "2024-03-01")
        press(qtbot, Qt.Key.Key_Tab)
        type_keys(qtbot, "2024-03-15")
        press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    on_modal(enter_course)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert page.table.rowCount() == 1
    assert page.table.item(0, 1).text() == "Vancomycin"
    assert page.table.item(0, 2).text() == "Intravenous"
    key = FormKey(record_id, "m0_arm_1", "antibiotics", 1)
    assert EntryService(project, nurse).open_form(key).values["abx_stop"] == "2024-03-15"

    def delete_reason(dialog) -> None:
        qtbot.keyClicks(dialog.findChild(QPlainTextEdit, "reason"), "entered twice")
        qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(
            QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    on_modal(delete_reason)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert page.table.rowCount() == 0
    history = EntryService(project, nurse).field_history(key, "abx_drug")
    assert history[-1].action == "value_delete" and history[-1].reason == "entered twice"


def _editor(project, nurse, make_session, qtbot):
    from ui.forms.editor import FormEditor

    record_id = create_record(project, nurse, "1")
    key = FormKey(record_id, "m0_arm_1", "clinical")
    EntryService(project, nurse).save_form(key, {"clin_date": "2024-03-01",
                                                 "clin_temp": "38"}, 0)
    EntryService(project, nurse).save_form(key, {"clin_temp": "38.5"}, 0)
    editor = FormEditor(make_session(nurse), key)
    qtbot.addWidget(editor)
    show_active(qtbot, editor)
    return editor


def test_field_history_from_the_context_menu(project, nurse, make_session, qtbot, on_modal,
                                             on_popup) -> None:
    editor = _editor(project, nurse, make_session, qtbot)
    editor.rows["clin_temp"].editor.focus_widget().setFocus()
    rows: list[list[str]] = []

    def read_history(dialog) -> None:
        table = dialog.table
        rows.extend([table.item(r, c).text() for c in (1, 3, 4)]
                    for r in range(table.rowCount()))
        dialog.reject()

    def choose_history(menu) -> None:
        on_modal(read_history)
        qtbot.keyClick(menu, Qt.Key.Key_Up)  # the last entry: Field history…
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    on_popup(choose_history)
    press(qtbot, Qt.Key.Key_Menu)
    qtbot.waitUntil(lambda: len(rows) == 2)
    assert rows == [["nurse", "", "38"], ["nurse", "38", "38.5"]]


def test_missing_data_code_from_the_context_menu(project, nurse, make_session, qtbot,
                                                 on_popup) -> None:
    editor = _editor(project, nurse, make_session, qtbot)
    row = editor.rows["clin_pain_vas"]
    row.editor.focus_widget().setFocus()

    def open_submenu(menu) -> None:
        on_popup(pick_unknown)
        qtbot.keyClick(menu, Qt.Key.Key_Down)
        qtbot.keyClick(menu, Qt.Key.Key_Right)

    def pick_unknown(submenu) -> None:
        if submenu.title() != "Missing data code":
            return
        for _ in range(1):
            qtbot.keyClick(submenu, Qt.Key.Key_Down)  # NA -> UNK
        qtbot.keyClick(submenu, Qt.Key.Key_Return)

    on_popup(open_submenu)
    press(qtbot, Qt.Key.Key_Menu)
    qtbot.waitUntil(lambda: row.value() != "")
    assert row.value() == "UNK"
    assert row.missing_badge.isVisible()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert EntryService(project, nurse).open_form(editor.key).values["clin_pain_vas"] == "UNK"


def test_timeline_page_draws_the_patient(project, nurse, make_session, qtbot) -> None:
    record_id = create_record(project, nurse, "1")
    service = EntryService(project, nurse)
    service.save_form(FormKey(record_id, "m0_arm_1", "enrolment"),
                      {"diagnosis_date": "2024-03-01"}, 0)
    service.save_form(FormKey(record_id, "m0_arm_1", "biology"),
                      {"bio_date": "2024-03-01", "bio_crp": "120", "bio_esr": "80"}, 0)
    service.save_form(FormKey(record_id, "m0_arm_1", "antibiotics", 1),
                      {"abx_drug": "5", "abx_route": "1", "abx_start": "2024-03-01",
                       "abx_stop": "2024-03-20"}, 0)
    page = _timeline_page(make_session, qtbot, nurse, record_id)
    (course,) = page.timeline.courses
    assert course.drug == "Vancomycin" and course.intravenous
    image = page.chart.grab().toImage()
    assert image.width() > 500
    assert image.pixelColor(image.width() // 2, 5).name() == "#ffffff"


def test_export_runs_in_the_background_and_offers_the_file(project, users, make_session,
                                                           qtbot, on_named_modal, monkeypatch,
                                                           tmp_path: Path) -> None:
    create_record(project, users["inv"], "1")
    menu = reports_menu(qtbot, make_session(users["inv"]))
    target = tmp_path / "export.csv"
    choose_save_path(monkeypatch, target)
    shown: list[str] = []

    def close(box) -> None:
        shown.append(box.text())
        shown.extend(button.text() for button in box.buttons())
        box.button(QMessageBox.StandardButton.Close).click()

    on_named_modal("taskFinished", close)
    export_through_dialog(qtbot, on_named_modal, menu, "REDCap CSV (to import into REDCap)")
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert "rows exported" in shown[0] and "Open the file" in shown[1:]
    assert target.read_text().startswith("record_id")


def test_users_dialog_adds_and_deactivates(project, users, make_session, qtbot,
                                           on_modal) -> None:
    dialog = UsersDialog(make_session(users["admin"]))
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    assert dialog.table.rowCount() == 4

    def fill(add) -> None:
        qtbot.keyClicks(add.username, "nurse2")
        qtbot.keyClicks(add.full_name, "Anne Petit")
        qtbot.keyClicks(add.password, "a-long-password-42")
        qtbot.mouseClick(add.findChild(QDialogButtonBox).button(
            QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    on_modal(fill)
    qtbot.mouseClick(dialog.buttons["addUser"], Qt.MouseButton.LeftButton)
    assert dialog.table.rowCount() == 5
    names = [dialog.table.item(r, 0).text() for r in range(5)]
    dialog.table.selectRow(names.index("nurse2"))
    qtbot.mouseClick(dialog.buttons["toggleActive"], Qt.MouseButton.LeftButton)
    created = {u.username: u for u in list_users(project.engine)}["nurse2"]
    assert created.role == "nurse" and not created.active


def _timeline_page(make_session, qtbot, nurse, record_id: str) -> TimelinePage:  # noqa: ANN001
    page = TimelinePage(make_session(nurse), record_id)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    show_active(qtbot, page)
    assert page.timeline is not None
    return page


def _diagnosed_with_a_course(project, nurse, start: str) -> str:  # noqa: ANN001
    """A patient diagnosed on 2024-03-01, treated with intravenous vancomycin from ``start``
    to 2024-03-20."""
    record_id = create_record(project, nurse, "1")
    service = EntryService(project, nurse)
    service.save_form(FormKey(record_id, "m0_arm_1", "enrolment"),
                      {"diagnosis_date": "2024-03-01"}, 0)
    service.save_form(FormKey(record_id, "m0_arm_1", "antibiotics", 1),
                      {"abx_drug": "5", "abx_route": "1", "abx_start": start,
                       "abx_stop": "2024-03-20"}, 0,
                      confirmations={"abx_start": "started in another hospital"})
    return record_id


def test_the_timeline_axis_starts_at_the_first_event_as_in_the_pdf(
        project, nurse, make_session, qtbot) -> None:  # noqa: ANN001
    from ui.patient.timeline_chart import IV_COLOUR, LANE, LEFT, TOP
    from vo_crf.reports.pdf_chart import axis_days

    record_id = _diagnosed_with_a_course(project, nurse, "2024-03-01")
    page = _timeline_page(make_session, qtbot, nurse, record_id)

    assert page.chart.axis() == axis_days(page.timeline) == (0, 30, 30)
    image = page.chart.grab().toImage()
    # the course starts on the day of diagnosis: its bar starts at the chart's left edge
    assert image.pixelColor(int(LEFT) + 2, int(TOP + LANE / 2)).name() == IV_COLOUR.name()
    assert image.pixelColor(int(LEFT) - 3, int(TOP + LANE / 2)).name() != IV_COLOUR.name()


def test_a_course_started_before_diagnosis_is_drawn_whole(
        project, nurse, make_session, qtbot) -> None:  # noqa: ANN001
    from ui.patient.timeline_chart import IV_COLOUR, LANE, TOP
    from vo_crf.reports.pdf_chart import axis_days

    record_id = _diagnosed_with_a_course(project, nurse, "2024-02-18")
    page = _timeline_page(make_session, qtbot, nurse, record_id)

    first, _last, _step = axis_days(page.timeline)
    assert page.chart.axis()[0] == first == -30
    image = page.chart.grab().toImage()
    start = page.chart.day_x(-12)
    assert image.pixelColor(int(start) + 2, int(TOP + LANE / 2)).name() == IV_COLOUR.name()
    assert image.pixelColor(int(start) - 3, int(TOP + LANE / 2)).name() != IV_COLOUR.name()


def test_the_timeline_axis_says_what_day_zero_is_as_the_pdf_does(
        project, nurse, make_session, qtbot) -> None:  # noqa: ANN001
    record_id = create_record(project, nurse, "1")  # no diagnosis date: day 0 is the M0 visit
    EntryService(project, nurse).save_form(FormKey(record_id, "m0_arm_1", "biology"),
                                           {"bio_date": "2024-03-01", "bio_crp": "120"}, 0)
    page = _timeline_page(make_session, qtbot, nurse, record_id)

    assert page.timeline.day_zero == "M0 visit"
    assert page.chart.axis_title() == "Days since M0 visit"  # the words of the PDF

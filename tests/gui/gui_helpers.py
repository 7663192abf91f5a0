"""Keyboard helpers for GUI tests: type into whatever has the focus, as a user does."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget


def focused() -> QWidget:
    """The widget with the keyboard focus."""
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def type_keys(qtbot, text: str) -> None:  # noqa: ANN001
    """Type text into whatever has the focus (as a user would)."""
    qtbot.keyClicks(focused(), text)


def press(qtbot, key, modifier=None) -> None:  # noqa: ANN001
    """Press one key on whatever has the focus."""
    from PySide6.QtCore import Qt

    qtbot.keyClick(focused(), key, modifier or Qt.KeyboardModifier.NoModifier)


def show_active(qtbot, widget: QWidget) -> None:  # noqa: ANN001
    """Show a top-level widget and wait until it is the active window (focus works then)."""
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)



def open_main_window(qtbot, session, wait_for_tasks: bool = True):  # noqa: ANN001, ANN201
    """Show the main window of ``session`` (no idle lock), by default once its opening work
    (the daily backup, a background check) has reported back."""
    from ui.main_window import MainWindow
    from ui.tasks import tasks_running

    window = MainWindow(session)
    qtbot.addWidget(window)
    window.idle.set_timeout(0)
    show_active(qtbot, window)
    if wait_for_tasks:
        qtbot.waitUntil(lambda: tasks_running() == 0)
    return window


def patient_whose_crp_rose(project, nurse) -> str:  # noqa: ANN001
    """Create a patient whose CRP rose from 20 (M0) to 60 mg/L (M3): the VO rule flags it."""
    from vo_crf.entry import EntryService, FormKey
    from vo_crf.entry.records import create_record

    record_id = create_record(project, nurse, "1")
    service = EntryService(project, nurse)
    service.save_form(FormKey(record_id, "m0_arm_1", "biology"),
                      {"bio_date": "2024-01-10", "bio_crp": "20"}, 1)
    service.save_form(FormKey(record_id, "m3_arm_1", "biology"),
                      {"bio_date": "2024-04-10", "bio_crp": "60"}, 1)
    return record_id


def fill(qtbot, entries: list[str | None]) -> None:  # noqa: ANN001
    """Type each entry then Tab (None: just Tab past a field), never waiting in between."""
    from PySide6.QtCore import Qt

    for text in entries:
        if text:
            type_keys(qtbot, text)
        press(qtbot, Qt.Key.Key_Tab)


def save_and_next(qtbot, view, form: str, wait: bool = True) -> None:  # noqa: ANN001
    """Status Complete (focus must be on the status box), then Save & next form (Ctrl+Return).

    With ``wait`` False the next form must already be open when the key press returns."""
    from PySide6.QtCore import Qt

    assert focused().objectName() == "formStatus", f"{form}: focus on {focused().objectName()}"
    type_keys(qtbot, "C")
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    if wait:
        qtbot.waitUntil(lambda: view.page is not None and getattr(view.page, "key", None) != form)
    else:
        assert view.page is not None and getattr(view.page, "key", None) != form


def open_new_patient(qtbot, project, nurse, make_session):  # noqa: ANN001, ANN201
    """Create a patient and show its view, active, on the M0 enrolment form."""
    from ui.patient.view import PatientView
    from vo_crf.entry.records import create_record

    record_id = create_record(project, nurse, "1")
    view = PatientView(make_session(nurse), record_id)
    qtbot.addWidget(view)
    view.resize(1200, 900)
    show_active(qtbot, view)
    view.open_form("m0_arm_1", "enrolment")
    return view


def add_course(qtbot, page, on_modal, drug: str, route: str,  # noqa: ANN001
               start: str, stop: str) -> None:
    """One antibiotic course in its dialog (Insert on the table), typed with no delay and saved
    with Ctrl+Return; waits until the row is there and the table has the focus again."""
    from PySide6.QtCore import Qt

    def enter(dialog) -> None:  # noqa: ANN001
        assert focused().objectName() == "field_abx_drug"
        fill(qtbot, [drug, route, start, stop])
        press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    rows = page.table.rowCount()
    on_modal(enter)
    press(qtbot, Qt.Key.Key_Insert)
    qtbot.waitUntil(lambda: page.table.rowCount() == rows + 1 and
                    QApplication.activeModalWidget() is None)
    page.window().activateWindow()  # what the window manager does when a dialog closes
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.table)


def combo_named(widget: QWidget, text: str):  # noqa: ANN201
    """The one combo box inside ``widget`` whose accessible name contains ``text``."""
    from PySide6.QtWidgets import QComboBox

    combos = [c for c in widget.findChildren(QComboBox) if text in c.accessibleName()]
    assert len(combos) == 1, [c.accessibleName() for c in widget.findChildren(QComboBox)]
    return combos[0]


def choose(qtbot, combo, label: str) -> None:  # noqa: ANN001
    """Step through the combo box with the Down key until ``label`` is shown."""
    from PySide6.QtCore import Qt

    combo.setFocus()
    for _ in range(combo.count()):
        if combo.currentText() == label:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == label


def open_new_form(qtbot, project, nurse, make_session, form: str,  # noqa: ANN001, ANN201
                  height: int = 800):
    """Create a patient and show its M0 ``form`` alone in an active form editor."""
    from ui.forms.editor import FormEditor
    from vo_crf.entry import FormKey
    from vo_crf.entry.records import create_record

    record_id = create_record(project, nurse, "1")
    editor = FormEditor(make_session(nurse), FormKey(record_id, "m0_arm_1", form))
    qtbot.addWidget(editor)
    editor.resize(1000, height)
    show_active(qtbot, editor)
    return editor


def seed_complete_biology(project, users) -> None:  # noqa: ANN001
    """Patient 01-001 with a Complete M0 biology form (CRP 120), saved by the nurse."""
    from vo_crf.entry import EntryService, FormKey
    from vo_crf.entry.records import create_record

    create_record(project, users["nurse"], "1")
    EntryService(project, users["nurse"]).save_form(
        FormKey("01-001", "m0_arm_1", "biology"),
        {"bio_date": "2024-01-02", "bio_crp": "120"}, 2)


def open_patient_window(make_session, qtbot, user, event: str, form: str,  # noqa: ANN001, ANN201
                        record_id: str = "01-001"):
    """The main window of ``user``, active, showing ``form`` at ``event`` of the patient."""
    from ui.main_window import MainWindow

    window = MainWindow(make_session(user))
    qtbot.addWidget(window)
    show_active(qtbot, window)
    window.open_patient(record_id, event, form)
    return window


def classic_patient(tmp_path, settings, files=None):  # noqa: ANN001, ANN201
    """An inline classic REDCap study (``files``, default ``CLASSIC``) with one patient
    (P-001) and an admin's session on it: (project, record id, session); the caller closes the
    project."""
    from redcap_studies import CLASSIC, init_study

    from ui.session import AppSession
    from vo_crf.auth.permissions import Role
    from vo_crf.auth.users import CurrentUser
    from vo_crf.entry.records import create_record

    classic = init_study(tmp_path, files or CLASSIC, "classic")
    admin = CurrentUser("admin", Role.ADMIN)
    record_id = create_record(classic, admin, "1", "P-001")
    return classic, record_id, AppSession(classic, admin, settings, tmp_path / "drafts.sqlite")


def import_through_preview(qtbot, on_named_modal, start, look=None,  # noqa: ANN001
                           confirm=None) -> str:  # noqa: ANN001
    """Reports → Import: ``start()`` opens the chosen file; in the dry run's preview dialog
    ``look(dialog)`` reads and sets what the test needs, then ``confirm(dialog)`` imports (by
    default a click on Import). Return the text of the box the import ends with (closed)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    from ui.tasks import tasks_running

    finished: list[str] = []

    def close_finished(box) -> None:  # noqa: ANN001
        finished.append(box.text())
        box.button(QMessageBox.StandardButton.Close).click()

    def preview(dialog) -> None:  # noqa: ANN001
        if look is not None:
            look(dialog)
        on_named_modal("taskFinished", close_finished)
        if confirm is not None:
            confirm(dialog)
        else:
            qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    on_named_modal("importPreview", preview)
    start()
    qtbot.waitUntil(lambda: bool(finished) and tasks_running() == 0, timeout=30_000)
    return finished[0]

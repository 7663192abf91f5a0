"""Done when (issue 16): a keyboard-only M0 visit for a new patient takes at most ~245 keys."""

from __future__ import annotations

from gui_helpers import focused, open_main_window
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog

from ui.forms.editor import FormEditor
from ui.patient.repeating import RepeatingFormPage
from vo_crf.entry import EntryService, FormKey

TAB = Qt.Key.Key_Tab
CTRL = Qt.KeyboardModifier.ControlModifier
BUDGET = 245
"""Key presses of this visit before the nurse's-day changes (issue 16 measured about 245)."""


class Keyboard:
    """Types on whatever has the focus, as a user does, and counts every key pressed."""

    def __init__(self, qtbot) -> None:  # noqa: ANN001
        self.qtbot = qtbot
        self.count = 0

    def type(self, text: str) -> None:
        self.qtbot.keyClicks(focused(), text)
        self.count += len(text)

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
              ) -> None:
        self.qtbot.keyClick(focused(), key, modifier)
        self.count += 1

    def fill(self, entries: list[str | None]) -> None:
        """Type each entry then Tab (None: just Tab past a field)."""
        for text in entries:
            if text:
                self.type(text)
            self.press(TAB)


def test_a_new_patients_m0_visit_by_keyboard_stays_within_its_key_budget(  # noqa: ANN001
        project, nurse, make_session, qtbot) -> None:
    window = open_main_window(qtbot, make_session(nurse))
    keys = Keyboard(qtbot)

    def on_modal(handler) -> None:  # noqa: ANN001
        """Run ``handler(dialog)`` once a modal dialog is up and active (a window manager
        activates it; the offscreen platform does not always, after other windows closed)."""
        def poll() -> None:
            dialog = QApplication.activeModalWidget()
            if dialog is None or not dialog.isVisible():
                QTimer.singleShot(20, poll)
                return
            dialog.activateWindow()
            qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
            handler(dialog)
        QTimer.singleShot(0, poll)

    def site(box) -> None:  # noqa: ANN001
        assert isinstance(box, QInputDialog)
        keys.press(Qt.Key.Key_Return)  # the first site

    on_modal(site)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    keys.press(Qt.Key.Key_N, CTRL)  # Patient → New patient
    qtbot.waitUntil(lambda: window.patient is not None and window.patient.editor is not None)
    window.activateWindow()  # what the window manager does when the site question closes
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                    and focused().objectName() == "field_site")
    view = window.patient

    def finish(form: str) -> None:
        assert focused().objectName() == "formStatus", f"{form}: focus on {focused().objectName()}"
        keys.type("C")
        keys.press(Qt.Key.Key_Return, CTRL)
        qtbot.waitUntil(lambda: not isinstance(view.page, FormEditor)
                        or view.page.key.form != form)

    keys.fill([None, "MR", "1966-04-12", "2024-03-01", "2024-03-01", "1", "81", "1",
               "2024-02-10", "2024-03-01", "3", "1"])
    finish("enrolment")
    record_id = view.record_id
    keys.fill(["S", "2"])
    finish("microbiology")
    keys.fill(["2024-03-01", "38.6", "8", "n", "n"])
    finish("clinical")
    keys.fill(["2024-03-01", "142", "88", "6.8"])
    finish("biology")
    keys.fill(["2024-03-01", "y"])
    keys.type("n")
    qtbot.waitUntil(lambda: view.page.rows["img_vert_oedema"].isVisible())
    keys.press(TAB)
    keys.fill(["1", "1", "1", "1", "0", "0", "Controle: regression partielle"])
    finish("imaging")
    page = view.page
    assert isinstance(page, RepeatingFormPage)
    qtbot.waitUntil(lambda: focused() is page.table)
    for drug, route, start, stop in (("V", "1", "2024-03-01", "2024-03-20"),
                                     ("R", "2", "2024-03-20", "2024-05-15")):
        rows = page.table.rowCount()

        def enter(dialog, entries=(drug, route, start, stop)) -> None:  # noqa: ANN001
            assert focused().objectName() == "field_abx_drug"
            keys.fill(list(entries))
            keys.press(Qt.Key.Key_Return, CTRL)

        on_modal(enter)
        keys.press(Qt.Key.Key_Insert)
        qtbot.waitUntil(lambda rows=rows: page.table.rowCount() == rows + 1
                        and QApplication.activeModalWidget() is None)
        page.window().activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is page.table)

    service = EntryService(project, nurse)
    for form in ("enrolment", "microbiology", "clinical", "biology", "imaging"):
        assert service.open_form(FormKey(record_id, "m0_arm_1", form)).status == 2, form
    assert len(service.instances(record_id, "m0_arm_1", "antibiotics")) == 2
    print(f"keyboard-only M0 visit of a new patient: {keys.count} key presses")
    assert keys.count <= BUDGET

"""The form editor enters a form through its entry mode (ordinary or double entry) and shows
what came of a save the same way for both (issue 15 item 2)."""

from __future__ import annotations

import dde_study
from gui_helpers import focused
from test_dde_adjudication import enter_by_keyboard, open_biology, status

from vo_crf.dde import DoubleEntryStatus

dde_template_db = dde_study.dde_template_db
dde_project = dde_study.dde_project
__all__ = ["open_biology"]  # the fixture, used by name


def test_a_refused_double_entry_puts_the_focus_on_the_field_in_error(
        open_biology, dde_project, users, qtbot) -> None:  # noqa: ANN001
    editor = open_biology(users["nurse"])
    enter_by_keyboard(editor, qtbot, ["2024-13-45", "120", "80", "12.5"])
    qtbot.waitUntil(lambda: "Not saved" in editor.banner.text())
    assert "correct the fields marked in red" in editor.banner.text()
    date = editor.rows["bio_date"]
    assert date.editor.focus_widget() is focused()  # as after a refused ordinary save
    assert status(dde_project) is DoubleEntryStatus.AWAITING_ENTRY_1
    assert "entry 1 of 2" in editor.double_entry.label.text()


def test_an_adjudicated_form_is_entered_as_an_ordinary_one(
        open_biology, dde_project, users, qtbot) -> None:  # noqa: ANN001
    from dde_study import adjudicate_new_double_entry

    adjudicate_new_double_entry(dde_project, users["inv"])
    editor = open_biology(users["nurse"])
    assert not editor.double_entry.isVisible()
    assert not editor.read_only

"""The form editor driven by keyboard and mouse, checked through the core."""

from __future__ import annotations

import pytest
from gui_helpers import show_active
from PySide6.QtWidgets import QApplication

from ui.forms.editor import FormEditor
from vo_crf.entry import FormKey
from vo_crf.entry.records import create_record


@pytest.fixture
def clinical(project, nurse, make_session, qtbot):
    record_id = create_record(project, nurse, "1")
    editor = FormEditor(make_session(nurse), FormKey(record_id, "m0_arm_1", "clinical"))
    qtbot.addWidget(editor)
    editor.resize(1000, 800)
    show_active(qtbot, editor)
    return editor


def focused():
    return QApplication.focusWidget()


def test_branching_shows_and_hides_frankel(clinical, qtbot) -> None:
    row = clinical.rows["clin_frankel"]
    assert not row.isVisible()
    group = clinical.rows["clin_neuro"].editor.focus_widget()
    group.setFocus()
    qtbot.keyClicks(group, "y")
    qtbot.waitUntil(row.isVisible)
    qtbot.keyClicks(group, "n")
    qtbot.waitUntil(lambda: not row.isVisible())

"""The form editor driven by keyboard and mouse, checked through the core."""

from __future__ import annotations

import pytest
from gui_helpers import open_new_form
from PySide6.QtWidgets import QApplication


@pytest.fixture
def clinical(project, nurse, make_session, qtbot):
    return open_new_form(qtbot, project, nurse, make_session, "clinical")


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

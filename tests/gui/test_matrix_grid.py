"""A REDCap matrix group is one grid on the form (issue 13): one header of choice labels,
each field's buttons under their column, walked with the keyboard (Left/Right along a row,
Up/Down between rows)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_helpers import focused, press, show_active, type_keys
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget
from redcap_studies import DD_HEADER, init_study

from ui.forms.editor import FormEditor
from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.project import Project

pytestmark = pytest.mark.gui

ADMIN = CurrentUser("admin", Role.ADMIN)
SCALE = "1, Never | 2, Sometimes | 3, Often"


def _dictionary() -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(DD_HEADER)
    writer.writerow(["pid", "qol", "", "text", "Patient", *[""] * 13])
    for name, label, header in (("pain", "Pain", "In the last week"), ("sleep", "Poor sleep", ""),
                                ("worry", "Worry", "")):
        writer.writerow([name, "qol", header, "radio", label, SCALE, *[""] * 9, "week", "", ""])
    writer.writerow(["remark", "qol", "", "text", "Remark", *[""] * 13])
    return out.getvalue()


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    """A study with one matrix group (overrides the VO study database of the GUI tests)."""
    opened = init_study(tmp_path, {"data_dictionary.csv": _dictionary(),
                                   "project.json": '{"name": "Matrix"}\n'}, "matrix")
    yield opened
    opened.close()


def _centre(widget: QWidget) -> int:
    return widget.mapToGlobal(QPoint(widget.width() // 2, 0)).x()


def test_a_matrix_group_is_one_grid_walked_with_the_keyboard(
        project: Project, make_session, qtbot) -> None:  # noqa: ANN001
    record_id = create_record(project, ADMIN, "1", "M-01")
    editor = FormEditor(make_session(ADMIN), FormKey(record_id, "event_1_arm_1", "qol"))
    qtbot.addWidget(editor)
    editor.resize(1100, 800)
    show_active(qtbot, editor)
    headers = [w for w in editor.findChildren(QWidget) if w.objectName() == "matrixHeader_week"]
    assert len(headers) == 1
    header = headers[0]
    assert [label.text() for label in header.labels] == ["Never", "Sometimes", "Often"]
    for name in ("pain", "sleep", "worry"):
        buttons = editor.rows[name].editor.group.buttons
        assert [b.text() for b in buttons] == ["", "", ""]
        for label, button in zip(header.labels, buttons, strict=True):
            assert abs(_centre(label) - _centre(button)) <= 8, (name, label.text())
    editor.rows["pain"].editor.focus_widget().setFocus()
    press(qtbot, Qt.Key.Key_Right)            # pain: Sometimes
    press(qtbot, Qt.Key.Key_Down)             # to sleep, same column
    assert focused() is editor.rows["sleep"].editor.group
    press(qtbot, Qt.Key.Key_Space)            # sleep: Sometimes
    press(qtbot, Qt.Key.Key_Down)
    type_keys(qtbot, "3")                     # worry: Often
    press(qtbot, Qt.Key.Key_Up)
    press(qtbot, Qt.Key.Key_Up)
    assert focused() is editor.rows["pain"].editor.group
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is editor.rows["remark"].editor.focus_widget()
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not editor.dirty)
    values = EntryService(project, ADMIN).open_form(editor.key).values
    assert (values["pain"], values["sleep"], values["worry"]) == ("2", "2", "3")

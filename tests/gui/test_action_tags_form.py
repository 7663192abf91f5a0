"""Action tags and piping on the form editor (issue 13), driven with real keys and clicks on a
small inline REDCap study."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_helpers import press, show_active, type_keys
from PySide6.QtCore import Qt
from redcap_studies import DD_HEADER, init_study

from ui.forms.editor import FormEditor
from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.project import Project

pytestmark = pytest.mark.gui

EVENT = "event_1_arm_1"
ADMIN = CurrentUser("admin", Role.ADMIN)
ROWS = [  # name, type, label, choices, note, validation, annotation
    ("pid", "text", "Patient", "", "", "", ""),
    ("name", "text", "First name", "", "", "", ""),
    ("mood", "radio", "How is [name] today?", "1, [name] is fine | 2, Not fine",
     "Seen on [seen]", "", ""),
    ("seen", "text", "Seen on", "", "", "date_dmy", ""),
    ("secret", "text", "Internal code", "", "", "", "@HIDDEN"),
    ("centre", "text", "Centre", "", "", "", "@READONLY @DEFAULT='Lyon'"),
    ("visit_day", "text", "Visit day", "", "", "date_ymd", "@TODAY"),
    ("comment", "text", "Comment", "", "", "", "@PLACEHOLDER='Short comment' @CHARLIMIT=10"),
    ("signs", "checkbox", "Signs", "1, Rash | 2, Fever | 3, Cough | 99, None of these", "", "",
     "@NONEOFTHEABOVE='99' @MAXCHECKED=2 @HIDECHOICE='3'"),
    ("grade", "text", "Grade", "", "", "", "@CALCTEXT(if([name] = 'Ann', 'A', 'B'))"),
]


def _dictionary() -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(DD_HEADER)
    for name, kind, label, choices, note, validation, annotation in ROWS:
        writer.writerow([name, "visit", "", kind, label, choices, note, validation,
                         *[""] * 9, annotation])
    return out.getvalue()


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    """The tagged study (overrides the VO study database of the GUI tests)."""
    opened = init_study(tmp_path, {"data_dictionary.csv": _dictionary(),
                                   "project.json": '{"name": "Tagged"}\n'}, "tagged")
    yield opened
    opened.close()


@pytest.fixture
def editor(project: Project, make_session, qtbot) -> FormEditor:  # noqa: ANN001
    record_id = create_record(project, ADMIN, "1", "T-01")
    form = FormEditor(make_session(ADMIN), FormKey(record_id, EVENT, "visit"))
    qtbot.addWidget(form)
    form.resize(1100, 1000)
    show_active(qtbot, form)
    return form


def _type_into(qtbot, editor: FormEditor, name: str, text: str) -> None:  # noqa: ANN001
    widget = editor.rows[name].editor.focus_widget()
    assert widget is not None
    widget.setFocus()
    type_keys(qtbot, text)
    press(qtbot, Qt.Key.Key_Tab)


def test_a_new_form_follows_its_action_tags(editor: FormEditor, qtbot) -> None:  # noqa: ANN001
    rows = editor.rows
    assert not rows["secret"].isVisible()
    centre = rows["centre"].editor.focus_widget()
    assert centre.text() == "Lyon" and centre.isReadOnly()
    assert rows["visit_day"].editor.focus_widget().text() == dt.date.today().isoformat()
    comment = rows["comment"].editor.focus_widget()
    assert (comment.placeholderText(), comment.maxLength()) == ("Short comment", 10)
    assert rows["grade"].editor.focus_widget().isReadOnly()
    buttons = {b.text(): b for b in rows["signs"].editor.group.buttons}
    assert not buttons["Cough"].isVisible() and buttons["Rash"].isVisible()
    _type_into(qtbot, editor, "comment", "much longer than ten")
    assert comment.text() == "much longer"[:10]


def test_labels_notes_and_choices_pipe_what_is_typed(editor: FormEditor,
                                                     qtbot) -> None:  # noqa: ANN001
    rows = editor.rows
    assert "How is ______ today?" in rows["mood"].label.text()
    _type_into(qtbot, editor, "name", "Ann")
    qtbot.waitUntil(lambda: "How is Ann today?" in rows["mood"].label.text())
    assert rows["mood"].editor.group.buttons[0].text() == "Ann is fine"
    _type_into(qtbot, editor, "seen", "03-11-2026")
    qtbot.waitUntil(lambda: rows["mood"].note.text() == "Seen on 03-11-2026")
    qtbot.waitUntil(lambda: rows["grade"].value() == "A")


def test_none_of_the_above_and_max_checked_on_the_check_boxes(
        editor: FormEditor, project: Project, qtbot) -> None:  # noqa: ANN001
    group = editor.rows["signs"].editor.group
    buttons = {b.text(): b for b in group.buttons}
    for label in ("Rash", "Fever"):
        qtbot.mouseClick(buttons[label], Qt.MouseButton.LeftButton)
    assert group.value() == "1,2"
    assert buttons["None of these"].isEnabled()  # MAXCHECKED reached: Cough would be grey
    assert not buttons["Cough"].isEnabled()
    qtbot.mouseClick(buttons["None of these"], Qt.MouseButton.LeftButton)
    assert group.value() == "99"
    qtbot.mouseClick(buttons["Fever"], Qt.MouseButton.LeftButton)
    assert group.value() == "2"
    _type_into(qtbot, editor, "name", "Bob")
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not editor.dirty)
    stored = EntryService(project, ADMIN).open_form(editor.key)
    assert (stored.value("signs"), stored.value("centre"), stored.value("visit_day"),
            stored.value("grade")) == ("2", "Lyon", dt.date.today().isoformat(), "B")

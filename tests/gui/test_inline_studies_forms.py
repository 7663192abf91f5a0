"""The form editor opens every form of each inline study holding data (issue 13, item 4).

Each small inline study (classic, two arms, every field and validation type, file fields, a
repeating form) is seeded with data (tests/support/inline_seeds.py); every form at every event
of each record's arm (every saved instance of a repeating form, and the next new one) opens
with one row per field of the form, showing the stored values, and a value typed into a text
field of each form is saved. After each study's amendment (tests/support/inline_seeds.py),
every form of the new version opens too.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_helpers import press, show_active, type_keys
from inline_seeds import AMENDMENTS, SEEDED_STUDIES
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QPlainTextEdit, QWidget
from redcap_studies import ADMIN, dictionary, init_study
from sqlalchemy import select

from ui.forms.editor import FormEditor
from ui.session import AppSession
from vo_crf.amend import AmendmentMapping, apply_amendment, prepare_from_texts
from vo_crf.db.engine import read_session
from vo_crf.db.models import FormInstance, Record
from vo_crf.entry import EntryService, FormKey
from vo_crf.project import Project
from vo_crf.study.form_status import FormStatus
from vo_crf.study.model import FieldType


@pytest.fixture(params=sorted(SEEDED_STUDIES))
def study_name(request: pytest.FixtureRequest) -> str:
    """The name of an inline study (``SEEDED_STUDIES``)."""
    return str(request.param)


@pytest.fixture
def project(study_name: str, tmp_path: Path) -> Iterator[Project]:
    """A seeded inline study (overrides the VO study database of the GUI tests)."""
    texts, seed = SEEDED_STUDIES[study_name]
    opened = init_study(tmp_path, texts, study_name)
    seed(opened, tmp_path)
    yield opened
    opened.close()


def _form_keys(project: Project) -> list[FormKey]:
    """Every form of every event of each record's arm; repeating forms: each saved instance
    and the next one."""
    study = project.study
    with read_session(project.engine) as session:
        rows = session.execute(select(Record.record_id, FormInstance.event, FormInstance.form,
                                      FormInstance.instance)
                               .join(FormInstance, FormInstance.record_pk == Record.id)).all()
    keys: list[FormKey] = []
    for record_id in sorted({row[0] for row in rows}):
        saved = [row for row in rows if row[0] == record_id]
        arms = {study.event(event).arm for _, event, _, _ in saved}
        for event in study.events:
            if event.arm not in arms:
                continue
            for form in event.forms:
                instances = sorted(n for r, e, f, n in saved if (e, f) == (event.unique_name,
                                                                           form)) or [1]
                if study.is_repeating(event.unique_name, form):
                    instances.append(instances[-1] + 1)
                keys += [FormKey(record_id, event.unique_name, form, n) for n in instances]
    return keys


def test_every_form_of_each_inline_study_opens_with_its_values(
        project: Project, make_session, qtbot) -> None:  # noqa: ANN001
    _open_every_form(project, make_session(ADMIN), qtbot)


def test_every_form_opens_after_an_amendment(study_name: str, project: Project, make_session,
                                             qtbot) -> None:  # noqa: ANN001
    texts, _seed = SEEDED_STUDIES[study_name]
    rows, mapping = AMENDMENTS[study_name]
    header = next(csv.reader(io.StringIO(texts["data_dictionary.csv"])))
    amendment = prepare_from_texts(
        project, ADMIN, {**texts, "data_dictionary.csv": dictionary(rows, header)}, study_name)
    apply_amendment(project, ADMIN, amendment, AmendmentMapping.from_json(json.dumps(mapping)))
    assert project.definition_version == 2
    assert {f.name for f in project.study.fields} == {row[0] for row in rows}
    _open_every_form(project, make_session(ADMIN), qtbot)


def _open_every_form(project: Project, session: AppSession, qtbot) -> None:  # noqa: ANN001
    """Open every form of ``_form_keys``: one row per field, the stored values shown."""
    service = EntryService(project, ADMIN)
    keys = _form_keys(project)
    assert len({key.form for key in keys}) == len(project.study.forms)
    for key in keys:
        stored = service.open_form(key).values
        editor = FormEditor(session, key)
        qtbot.addWidget(editor)
        show_active(qtbot, editor)
        form = project.study.form(key.form)
        assert set(editor.rows) == {f.name for f in form.fields}, key
        shown = {name: editor.rows[name].editor.value() for name in stored
                 if name in editor.rows
                 and project.study.field(name).field_type is not FieldType.CALC}
        assert shown == {name: stored[name] for name in shown}, key
        editor.close()


def test_a_value_typed_in_each_form_is_saved(project: Project, make_session, qtbot,
                                             on_modal) -> None:  # noqa: ANN001
    session = make_session(ADMIN)

    def give_reason(dialog: QWidget) -> None:  # a complete form changes with a reason
        assert dialog.objectName() == "reasonDialog"
        qtbot.keyClicks(dialog.findChild(QPlainTextEdit, "reason"), "typed in the GUI test")
        buttons = dialog.findChild(QDialogButtonBox)
        qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Ok),
                         Qt.MouseButton.LeftButton)

    service = EntryService(project, ADMIN)
    for key in _form_keys(project):
        form = project.study.form(key.form)
        text_fields = [f for f in form.fields if f.field_type is FieldType.TEXT
                       and not f.validation and f.name != project.study.record_id_field
                       and f.holds_data and not f.is_read_only]
        if not text_fields:
            continue
        editor = FormEditor(session, key)
        qtbot.addWidget(editor)
        show_active(qtbot, editor)
        widget = editor.rows[text_fields[0].name].editor.focus_widget()
        assert isinstance(widget, QLineEdit), key
        widget.setFocus()
        widget.selectAll()
        type_keys(qtbot, "typed in the GUI")
        press(qtbot, Qt.Key.Key_Tab)
        if service.open_form(key).status == FormStatus.COMPLETE:
            on_modal(give_reason)
        press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda editor=editor: not editor.dirty)
        assert service.open_form(key).values[text_fields[0].name] == "typed in the GUI", key
        editor.close()

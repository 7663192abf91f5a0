"""Messages built by the core, as the form shows them: fields by label, in the chosen language."""

from __future__ import annotations

from gui_helpers import open_new_form, press, type_keys
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ui import core_messages, refusal_words
from ui.forms.editor import FormEditor
from vo_crf import wording as refusal_wording
from vo_crf.entry import message_templates as wording
from vo_crf.quality import CHECK_NAMES
from vo_crf.quality import wording as quality_wording

TAB = Qt.Key.Key_Tab


def test_the_gui_lists_every_core_template_for_translation() -> None:
    assert set(core_messages.TEMPLATES) == set(wording.TEMPLATES)
    assert set(core_messages.CHECK_NAMES) == set(CHECK_NAMES.values())
    assert set(core_messages.FINDINGS) == set(quality_wording.TEMPLATES)
    assert set(core_messages.REFUSALS) == set(wording.REFUSALS)
    assert set(refusal_words.WORDINGS) == set(refusal_wording.TEMPLATES)
    assert set(core_messages.IMPORT_FRAMES) == set(refusal_wording.IMPORT_FRAMES)


def _clinical(project, nurse, make_session, qtbot) -> FormEditor:  # noqa: ANN001
    form = open_new_form(qtbot, project, nurse, make_session, "clinical")
    form.first_focus().setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.first_focus())
    return form


def _message(form: FormEditor, name: str) -> str:
    return form.rows[name].message.text() if form.rows[name].message.isVisible() else ""


def test_messages_name_fields_by_label_not_by_variable(project, nurse, make_session,  # noqa: ANN001
                                                      qtbot) -> None:
    form = _clinical(project, nurse, make_session, qtbot)
    type_keys(qtbot, "1890-01-01")
    press(qtbot, TAB)
    qtbot.waitUntil(lambda: "below the minimum" in _message(form, "clin_date"))
    assert "Date of clinical examination: 1890-01-01" in _message(form, "clin_date")
    assert "clin_date" not in _message(form, "clin_date")


def test_a_two_digit_year_gets_a_clear_hint(project, nurse, make_session, qtbot) -> None:  # noqa: ANN001
    form = _clinical(project, nurse, make_session, qtbot)
    type_keys(qtbot, "5/3/24")
    press(qtbot, TAB)
    qtbot.waitUntil(lambda: "5/3/24" in _message(form, "clin_date"))
    assert "two-digit year" in _message(form, "clin_date")
    assert "05/03/2024" in _message(form, "clin_date")




def test_the_french_form_speaks_french_and_types_dates_day_first(  # noqa: ANN001
        project, nurse, make_session, qtbot, french) -> None:
    form = _clinical(project, nurse, make_session, qtbot)  # the study's labels are English
    line = form.rows["clin_date"].editor.focus_widget()
    assert line.placeholderText() == "JJ/MM/AAAA"
    type_keys(qtbot, "1890-01-01")  # ISO is accepted everywhere; shown day first
    press(qtbot, TAB)
    assert line.text() == "01/01/1890"
    qtbot.waitUntil(lambda: "minimum" in _message(form, "clin_date"))
    assert _message(form, "clin_date").endswith(
        "Date of clinical examination : 1890-01-01 est en dessous du minimum 1997-01-01")
    form.rows["clin_date"].editor.focus_widget().setFocus()
    line.clear()
    type_keys(qtbot, "5/3/24")
    press(qtbot, TAB)
    qtbot.waitUntil(lambda: "5/3/24" in _message(form, "clin_date"))
    assert "année" in _message(form, "clin_date")
    assert form.status.findText("Complet") >= 0


def test_check_names_are_translated(qapp, french) -> None:  # noqa: ANN001
    assert core_messages.check_name("Missing required value") == "Valeur obligatoire manquante"

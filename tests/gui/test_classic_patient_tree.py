"""A classic REDCap project (no events) shows its forms straight under the patient, as its
PDFs do, not under a made-up "Event 1"; a longitudinal study keeps its events."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import classic_patient, show_active
from PySide6.QtCore import Qt

from ui.patient.view import PatientView
from vo_crf.entry.records import create_record


def _tree_texts(view: PatientView) -> list[str]:
    tree = view.tree
    return [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]


def test_a_classic_study_lists_its_forms_under_the_patient(tmp_path: Path, isolated_settings,
                                                           qtbot) -> None:  # noqa: ANN001
    classic, record_id, session = classic_patient(tmp_path, isolated_settings)
    try:
        view = PatientView(session, record_id)
        qtbot.addWidget(view)
        show_active(qtbot, view)
        texts = _tree_texts(view)
        assert not any(text.startswith("Event") for text in texts), texts
        assert texts[1:] == [form.label for form in classic.study.forms]
        # the keyboard walks from one form to the next, as under an event
        view.tree.setFocus()
        view.tree.setCurrentItem(view.tree.topLevelItem(1))
        qtbot.keyClick(view.tree, Qt.Key.Key_Down)
        assert view.current_key() is not None and view.current_key().form == "labs"
        assert view.editor.form_title() == classic.study.form("labs").label  # no "— Event 1"
        view.stop()
        view.close()
        from ui.dashboard.model import DashboardModel

        model = DashboardModel(classic)
        headers = [str(model.headerData(c, Qt.Orientation.Horizontal))
                   for c in range(model.columnCount())]
        assert headers[-len(classic.study.forms):] == [f.label for f in classic.study.forms]
    finally:
        classic.close()


def test_a_longitudinal_study_keeps_its_events(project, users, make_session,
                                               qtbot) -> None:  # noqa: ANN001
    record_id = create_record(project, users["nurse"], "1")
    view = PatientView(make_session(users["nurse"]), record_id)
    qtbot.addWidget(view)
    texts = _tree_texts(view)
    assert [e.label for e in project.study.events] == texts[1:]
    view.stop()

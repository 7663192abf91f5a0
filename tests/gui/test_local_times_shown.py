"""Lock, e-signature and query times are stored in UTC: the screens show them in local time, in
the user's date format (a French nurse in Paris saw 02:33 for a lock made at 03:33 her time)."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from accounts import PASSWORDS
from gui_helpers import open_patient_window, seed_complete_biology
from PySide6.QtCore import Qt

from ui.queries.list_dialog import QueriesDialog
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.review import sign
from vo_crf.queries.service import FieldKey, QueryService

BIOLOGY = FormKey("01-001", "m0_arm_1", "biology")


@pytest.fixture
def in_paris(monkeypatch) -> None:  # noqa: ANN001
    """The computer's clock is set to Paris time (UTC+1 or +2), not UTC."""
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _paris(at: dt.datetime) -> str:
    return at.replace(tzinfo=dt.UTC).astimezone().strftime("%d/%m/%Y %H:%M")


def test_lock_and_signature_times_are_local(project, users, make_session, french, in_paris,
                                            qtbot) -> None:  # noqa: ANN001
    seed_complete_biology(project, users)
    sign(project, users["inv"], BIOLOGY.record_id, BIOLOGY, password=PASSWORDS["inv"])
    state = EntryService(project, users["inv"]).open_form(BIOLOGY)
    assert _paris(state.locked_at) != state.locked_at.strftime("%d/%m/%Y %H:%M")  # not UTC
    window = open_patient_window(make_session, qtbot, users["nurse"], "m0_arm_1", "biology")
    editor = window.patient.editor
    banner = editor.banner.text()
    assert f"le {_paris(state.locked_at)}" in banner, banner
    assert f"le {_paris(state.signed_at)}" in editor.marks.text()


def test_query_list_times_are_local(project, users, make_session, french, in_paris,
                                    qtbot) -> None:  # noqa: ANN001
    seed_complete_biology(project, users)
    QueryService(project, users["mon"]).open_query(
        FieldKey(BIOLOGY.record_id, BIOLOGY.event, BIOLOGY.form, "bio_crp"), "CRP 120?")
    dialog = QueriesDialog(make_session(users["mon"]))
    qtbot.addWidget(dialog)
    model = dialog.table.model()
    last = model.data(model.index(0, model.columnCount() - 1), Qt.ItemDataRole.DisplayRole)
    now_in_paris = dt.datetime.now().strftime("%d/%m/%Y")
    assert last.startswith(now_in_paris), last

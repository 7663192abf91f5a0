"""Sign form… on a form locked beforehand: the signature is recorded and shown, not the lock."""

from __future__ import annotations

import pytest
from accounts import PASSWORDS
from gui_helpers import open_main_window
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit
from sqlalchemy import select

from ui.dashboard.model import CELL_STATE_ROLE, PATIENT_COLUMNS
from vo_crf.dashboard import CellState
from vo_crf.db.engine import read_session
from vo_crf.db.models import AuditEntry
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.entry.review import lock

pytestmark = pytest.mark.gui


def _esign_rows(project, record_id: str) -> list[tuple[str, str | None]]:  # noqa: ANN001
    with read_session(project.engine) as session:
        return [(r.username, r.form) for r in session.scalars(
            select(AuditEntry).where(AuditEntry.record_id == record_id,
                                     AuditEntry.action == "esign").order_by(AuditEntry.id))]


def test_sign_form_on_a_locked_form_records_and_shows_the_signature(
        project, users, make_session, qtbot, on_modal) -> None:  # noqa: ANN001
    inv = users["inv"]
    record_id = create_record(project, inv, "1")
    key = FormKey(record_id, "m0_arm_1", "clinical")
    EntryService(project, inv).save_form(key, {"clin_date": "2024-01-01"}, 2)
    lock(project, inv, record_id, key, reason="monitored")
    window = open_main_window(qtbot, make_session(inv))
    window.open_patient(record_id, "m0_arm_1", "clinical")
    editor = window.patient.editor
    assert editor.read_only and "Signed by" not in editor.marks.text()

    def sign_with_password(dialog) -> None:  # noqa: ANN001
        qtbot.keyClicks(dialog.findChild(QLineEdit), PASSWORDS["inv"])
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    on_modal(sign_with_password)
    window.findChild(QAction, "action_sign_form").trigger()

    assert _esign_rows(project, record_id) == [("inv", "clinical")]
    state = EntryService(project, inv).open_form(key)
    assert state.signed_by == "inv"
    when = f"{state.signed_at:%Y-%m-%d %H:%M}"
    assert window.statusBar().currentMessage() == "Signed 1 form(s) as inv; 0 newly locked"
    editor = window.patient.editor
    assert f"Signed by inv on {when}" in editor.marks.text()
    assert "Locked by inv" in editor.marks.text()
    assert f"E-signature: signed by inv on {when}." in editor.banner.text()

    model = window.dashboard.model
    model.refresh()
    column = PATIENT_COLUMNS + [c[1].name for c in model.columns].index("clinical")
    row = [model.data(model.index(r, 0)) for r in range(model.rowCount())].index(record_id)
    index = model.index(row, column)
    assert model.data(index, CELL_STATE_ROLE) is CellState.SIGNED
    assert f"Locked and e-signed — signed by inv on {when}" in model.data(
        index, Qt.ItemDataRole.ToolTipRole)
    other = model.index(row, PATIENT_COLUMNS + [c[1].name for c in model.columns].index(
        "enrolment"))
    assert "signed" not in (model.data(other, Qt.ItemDataRole.ToolTipRole) or "")

"""Review actions are enabled only when they apply to the form shown and the patient, follow
each action, and every lock or unlock done leaves its audit row (issue 11, item 15)."""

from __future__ import annotations

import pytest
from gui_helpers import press, show_active, type_keys
from PySide6.QtCore import Qt
from sqlalchemy import select

from ui.patient.view import PatientView
from ui.signals import app_signals
from vo_crf.db.engine import read_session
from vo_crf.db.models import AuditEntry
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.write import ChangeKind, Changes

pytestmark = pytest.mark.gui


def enabled(view: PatientView) -> set[str]:
    return {name for name, action in view.review.actions.items() if action.isEnabled()}


def click(qtbot, view: PatientView, name: str) -> None:  # noqa: ANN001
    button = view.toolbar.widgetForAction(view.review.actions[name])
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def audit(project, form: str) -> list[str]:  # noqa: ANN001
    with read_session(project.engine) as session:
        return list(session.scalars(select(AuditEntry.action).where(AuditEntry.form == form)
                                    .order_by(AuditEntry.id)))


def test_actions_follow_the_form_state(project, users, make_session, qtbot, on_modal) -> None:  # noqa: ANN001
    nurse = users["nurse"]
    record_id = create_record(project, nurse, "1")
    EntryService(project, nurse).save_form(FormKey(record_id, "m0_arm_1", "microbiology"),
                                           {"micro_organism": "1", "micro_source": "1"}, 2)
    view = PatientView(make_session(users["inv"]), record_id)
    qtbot.addWidget(view)
    view.resize(1300, 800)
    show_active(qtbot, view)

    view.open_form("m0_arm_1", "clinical")  # never saved: nothing to verify, lock or sign
    assert enabled(view) == {"lock_record", "sign_record"}

    view.open_form("m0_arm_1", "microbiology")  # Complete, not verified, not locked
    assert enabled(view) == {"verify", "lock_form", "sign_form", "lock_record", "sign_record"}

    announced: list[Changes] = []
    app_signals().operation_did_execute.connect(lambda changes, _by: announced.append(changes))
    click(qtbot, view, "verify")
    assert enabled(view) == {"lock_form", "sign_form", "lock_record", "sign_record"}
    # the screens hear the core's own summary: this form's marks, not just "the patient"
    micro = (record_id, "m0_arm_1", "microbiology", 1)
    assert announced and announced[-1].forms == {micro}
    assert announced[-1].kinds == {ChangeKind.MARKS}
    click(qtbot, view, "lock_form")
    assert view.editor.read_only
    assert enabled(view) == {"sign_form", "unlock_form", "lock_record", "sign_record",
                             "unlock_record"}
    assert audit(project, "microbiology")[-2:] == ["verify", "lock"]

    def reason(dialog) -> None:  # noqa: ANN001
        type_keys(qtbot, "monitor query")
        press(qtbot, Qt.Key.Key_Return)

    on_modal(reason)
    click(qtbot, view, "unlock_form")
    assert not view.editor.read_only
    assert "unlock_form" not in enabled(view) and "unlock_record" not in enabled(view)
    assert audit(project, "microbiology")[-1] == "unlock"
    status = view.window().statusBar() if hasattr(view.window(), "statusBar") else None
    assert status is None or "Unlocked" in status.currentMessage()


def test_a_nurse_sees_no_review_action(project, nurse, make_session, qtbot) -> None:  # noqa: ANN001
    record_id = create_record(project, nurse, "1")
    view = PatientView(make_session(nurse), record_id)
    qtbot.addWidget(view)
    show_active(qtbot, view)
    view.open_form("m0_arm_1", "enrolment")
    assert view.review.actions == {}

"""A statistician's screens show what the de-identified exports show (issue 12 item 1)."""

from __future__ import annotations

from gui_helpers import open_main_window
from PySide6.QtCore import Qt

from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.exchange.deidentify import Deidentifier


def test_statistician_sees_pseudonyms_and_read_only_forms_without_identifiers(
        project, users, make_session, qtbot) -> None:  # noqa: ANN001
    record_id = create_record(project, users["nurse"], "1")
    EntryService(project, users["nurse"]).save_form(
        FormKey(record_id, "m0_arm_1", "enrolment"),
        {"initials": "ZQ", "birth_date": "1941-07-14", "sex": "2"}, 0)
    pseudonym = Deidentifier(project).record_id(record_id)
    window = open_main_window(qtbot, make_session(users["stat"]))
    dashboard = window.dashboard
    model = dashboard.model
    assert [model.data(model.index(r, 0)) for r in range(model.rowCount())] == [pseudonym]

    qtbot.keyClicks(dashboard.search, record_id)  # the real study number finds nothing
    qtbot.waitUntil(lambda: model.rowCount() == 0)
    dashboard.search.clear()
    qtbot.keyClicks(dashboard.search, pseudonym[:6])
    qtbot.waitUntil(lambda: model.rowCount() == 1)

    dashboard.table.setFocus()
    dashboard.table.setCurrentIndex(model.index(0, 0))
    qtbot.keyClick(dashboard.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.patient is not None and window.patient.editor is not None)
    editor = window.patient.editor
    assert window.patient.record_id == pseudonym and editor.key.form == "enrolment"
    assert editor.read_only
    assert editor.rows["record_id"].value() == pseudonym
    assert editor.rows["initials"].value() == "" and editor.rows["birth_date"].value() == ""
    assert editor.rows["sex"].value() == "2"


def test_statistician_tooltips_and_query_marks_hold_no_identified_data(
        project, users, make_session, qtbot) -> None:  # noqa: ANN001
    """Dashboard tooltips (e-signature time, queries) and a field's query mark: shifted or
    removed, as in the de-identified exports (issue 12 item 1, the GUI's tooltips)."""
    import datetime as dt

    from accounts import PASSWORDS
    from sqlalchemy import select

    from ui.dashboard.model import QUERIES_COLUMN
    from vo_crf.db.engine import read_session
    from vo_crf.db.models import FormInstance
    from vo_crf.entry.review import sign
    from vo_crf.queries import FieldKey, QueryService

    sentinel = "Jean DUPONT tel 0612345678"
    record_id = create_record(project, users["nurse"], "1")
    key = FormKey(record_id, "m0_arm_1", "enrolment")
    EntryService(project, users["nurse"]).save_form(
        key, {"initials": "ZQ", "birth_date": "1941-07-14", "sex": "2"}, 1)
    QueryService(project, users["admin"]).open_query(
        FieldKey(record_id, "m0_arm_1", "enrolment", "birth_date"), f"born 1941-07-14? {sentinel}")
    sign(project, users["inv"], record_id, key, password=PASSWORDS["inv"], reason="reviewed")
    with read_session(project.engine) as session:
        signed_at = session.scalar(select(FormInstance.signed_at).where(
            FormInstance.form == "enrolment"))
    offset = dt.timedelta(days=Deidentifier(project).date_offset(record_id))
    real_stamp = f"{signed_at:%Y-%m-%d %H:%M}"
    shifted_stamp = f"{signed_at + offset:%Y-%m-%d %H:%M}"

    window = open_main_window(qtbot, make_session(users["stat"]))
    model = window.dashboard.model
    column = next(c for c in range(model.columnCount())
                  if model.column_key(c) == ("m0_arm_1", "enrolment"))
    cell_tip = model.data(model.index(0, column), Qt.ItemDataRole.ToolTipRole)
    assert "signed by inv" in cell_tip
    assert shifted_stamp in cell_tip and real_stamp not in cell_tip
    queries_tip = model.data(model.index(0, QUERIES_COLUMN), Qt.ItemDataRole.ToolTipRole)
    assert "1 query(ies) not closed" in queries_tip and "Date of birth" in queries_tip
    assert "DUPONT" not in queries_tip and "1941" not in queries_tip

    window.dashboard.table.setFocus()
    window.dashboard.table.setCurrentIndex(model.index(0, 0))
    qtbot.keyClick(window.dashboard.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.patient is not None and window.patient.editor is not None)
    editor = window.patient.editor
    mark = editor.rows["birth_date"].query_mark
    assert mark.isVisible() or mark.text()  # the query is marked on the field
    shown = " ".join([mark.text(), mark.toolTip(), editor.marks.text()])
    assert "DUPONT" not in shown and "1941" not in shown and real_stamp not in shown
    assert shifted_stamp in editor.marks.text()

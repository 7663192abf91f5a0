"""Hovering a patient's open-queries count on the dashboard shows those queries' texts."""

from __future__ import annotations

from gui_helpers import show_active
from PySide6.QtCore import QEvent
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from ui.dashboard.model import QUERIES_COLUMN
from ui.main_window import MainWindow
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.queries import FieldKey, QueryService


def _hover(table, index) -> str:  # noqa: ANN001
    """Rest the mouse on a cell: the view asks the model for the tooltip and shows it."""
    centre = table.visualRect(index).center()
    viewport = table.viewport()
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, centre,
                                                viewport.mapToGlobal(centre)))
    return QToolTip.text() if QToolTip.isVisible() else ""


def test_hovering_the_count_lists_the_open_queries(project, users, make_session,
                                                   qtbot) -> None:  # noqa: ANN001
    record_id = create_record(project, users["nurse"], "1")
    service = EntryService(project, users["nurse"])
    service.save_form(FormKey(record_id, "m0_arm_1", "biology"),
                      {"bio_date": "2024-01-02", "bio_crp": "120"}, 1)
    service.save_form(FormKey(record_id, "m0_arm_1", "antibiotics", 2),
                      {"abx_drug": "4", "abx_start": "2024-02-06"}, 0)
    create_record(project, users["nurse"], "1")  # a patient without queries
    queries = QueryService(project, users["inv"])
    queries.open_query(FieldKey(record_id, "m0_arm_1", "biology", "bio_crp"),
                       "CRP 120: check the lab report")
    queries.open_query(FieldKey(record_id, "m0_arm_1", "antibiotics", "abx_start", 2),
                       "Start date of the second course?")
    closed = queries.open_query(FieldKey(record_id, "m0_arm_1", "biology", "bio_date"),
                                "Closed meanwhile")
    queries.close(closed)

    window = MainWindow(make_session(users["mon"]))
    qtbot.addWidget(window)
    show_active(qtbot, window)
    model, table = window.dashboard.model, window.dashboard.table
    first = model.index(0, QUERIES_COLUMN)
    assert model.data(first) == "2"

    text = _hover(table, first)
    assert text.splitlines()[0] == "2 query(ies) not closed:"
    assert "M0 · Biology · " in text and "(open): CRP 120: check the lab report" in text
    assert "Antibiotic" in text and "#2" in text and "Start date of the second course?" in text
    assert "Closed meanwhile" not in text
    QToolTip.hideText()
    qtbot.waitUntil(lambda: not QToolTip.isVisible())
    assert _hover(table, model.index(1, QUERIES_COLUMN)) == ""  # no query: no tooltip

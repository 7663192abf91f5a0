"""A classic (not longitudinal) REDCap project has no visible event: REDCap shows none. Its
data-quality list, its query list and the dashboard's tooltips name the form alone, never its
one implicit "Event 1" (as its patient tree, form titles and PDFs already do)."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import classic_patient, open_main_window
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QHelpEvent
from PySide6.QtWidgets import QApplication, QTableView, QToolTip

from ui.dashboard.model import QUERIES_COLUMN
from ui.queries.list_dialog import QueriesDialog
from ui.tasks import tasks_running
from vo_crf.entry import EntryService, FormKey
from vo_crf.queries import FieldKey, QueryService


def _hover(table: QTableView, row: int, column: int) -> str:
    """Rest the mouse on a cell: the view asks the model for the tooltip and shows it."""
    centre = table.visualRect(table.model().index(row, column)).center()
    viewport = table.viewport()
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, centre,
                                                viewport.mapToGlobal(centre)))
    text = QToolTip.text() if QToolTip.isVisible() else ""
    QToolTip.hideText()
    return text


def _shown(table: QTableView) -> list[str]:
    """The visible column titles and cell texts of a list."""
    model = table.model()
    columns = [c for c in range(model.columnCount()) if not table.isColumnHidden(c)]
    texts = [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in columns]
    return texts + [str(model.index(r, c).data() or "") for r in range(model.rowCount())
                    for c in columns]


def test_a_classic_study_names_no_event_in_its_lists_and_tooltips(
        tmp_path: Path, isolated_settings, qtbot) -> None:  # noqa: ANN001
    study, record_id, session = classic_patient(tmp_path, isolated_settings)
    try:
        event = study.study.events[0].unique_name
        assert study.study.events[0].label == "Event 1"
        labs = FormKey(record_id, event, "labs")
        EntryService(study, session.user).save_form(
            labs, {"hb": "30.0"}, 1, confirmations={"hb": "read twice on the lab sheet"})
        QueryService(study, session.user).open_query(FieldKey(record_id, event, "labs", "hb"),
                                                     "Hb 30: check the unit")
        window = open_main_window(qtbot, session)
        dashboard = window.dashboard
        column = next(c for c in range(dashboard.model.columnCount())
                      if (key := dashboard.model.column_key(c)) and key.form == "labs")
        cell_tip = _hover(dashboard.table, 0, column)
        queries_tip = _hover(dashboard.table, 0, QUERIES_COLUMN)
        assert cell_tip.startswith("Labs: Unverified"), cell_tip
        assert "• Labs · Haemoglobin (g/dL) (open): Hb 30: check the unit" in queries_tip, \
            queries_tip

        qtbot.mouseClick(dashboard.quality_button, Qt.MouseButton.LeftButton)
        panel = window.quality.panel
        qtbot.waitUntil(lambda: not panel.running and tasks_running() == 0)
        quality = _shown(panel.table)
        assert "Out of range" in quality and "Labs" in quality, quality
        panel.close()

        window.findChild(QAction, "action_queries").trigger()
        listing = window.findChild(QueriesDialog)
        qtbot.waitUntil(lambda: QApplication.activeWindow() is listing)
        queries = _shown(listing.table)
        assert "Hb 30: check the unit" in queries and "Labs" in queries, queries
        listing.close()
        for shown in (cell_tip, queries_tip, *quality, *queries):
            assert "Event 1" not in shown, shown
        assert not {"Event", "Visit"} & {*quality, *queries}  # no column of events either
        window.close()
    finally:
        study.close()

"""The dashboard as a user sees it: patient ids stay visible, late visits marked on their cells,
Complete and Verified told apart, new patients numbered like the study's."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from gui_helpers import show_active
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QComboBox, QDialogButtonBox

from ui.dashboard.model import MARK_BEFORE_EARLIER_VISIT, MARK_OVERDUE, DashboardModel
from ui.dashboard.view import DashboardPage
from ui.icons import status_icon
from ui.session import AppSession
from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.dashboard import CellState
from vo_crf.demo.cohort import create_demo_project
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record

TODAY = dt.date(2024, 6, 1)


def test_patient_id_stays_visible_when_scrolling_right(project, nurse, make_session,
                                                        qtbot) -> None:
    for site in ("1", "2"):
        create_record(project, nurse, site)
    page = DashboardPage(make_session(nurse))
    qtbot.addWidget(page)
    page.resize(700, 400)
    show_active(qtbot, page)
    table = page.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Right)
    qtbot.keyClick(table, Qt.Key.Key_End)  # the last status column
    assert table.horizontalScrollBar().value() == table.horizontalScrollBar().maximum() > 0
    assert table.visualRect(page.model.index(0, 0)).right() < 0  # scrolled out underneath
    frozen = table.frozen
    assert frozen.isVisible() and frozen.x() <= table.frameWidth()
    assert frozen.width() == table.columnWidth(0)
    first = frozen.indexAt(QPoint(10, frozen.rowHeight(0) // 2))
    assert first.data() == "01-001"
    assert frozen.horizontalHeader().height() == table.horizontalHeader().height()
    opened: list[tuple[str, str, str]] = []
    page.open_record.connect(lambda *args: opened.append(args))
    second = frozen.visualRect(frozen.model().index(1, 0)).center()
    qtbot.mouseClick(frozen.viewport(), Qt.MouseButton.LeftButton, pos=second)
    qtbot.mouseDClick(frozen.viewport(), Qt.MouseButton.LeftButton, pos=second)
    assert opened == [("02-001", "", "")]
    header = frozen.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionSize(0) // 2, header.height() // 2))
    assert frozen.model().index(0, 0).data() == "02-001"  # sorted by patient, descending
    assert header.isSortIndicatorShown()
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder


def _mask_and_colour(state: CellState) -> tuple[QImage, QColor]:
    image = status_icon(state).pixmap(16, 16).toImage()
    return image, image.pixelColor(8, 3)


def test_complete_and_verified_icons_are_clearly_different(qapp) -> None:
    complete, _ = _mask_and_colour(CellState.COMPLETE)
    verified, _ = _mask_and_colour(CellState.VERIFIED)
    shape_differs = sum((complete.pixelColor(x, y).alpha() > 128)
                        != (verified.pixelColor(x, y).alpha() > 128)
                        for x in range(16) for y in range(16))
    assert shape_differs >= 20  # a shield, not the same disc
    hue_complete = complete.pixelColor(4, 8).hslHue()
    hue_verified = verified.pixelColor(3, 8).hslHue()
    assert abs(hue_complete - hue_verified) >= 60  # green vs blue, not two greens


def _column(model: DashboardModel, event: str, form: str) -> int:
    return next(c for c in range(model.columnCount()) if model.column_key(c) == (event, form))


def test_each_late_visit_is_marked_on_its_own_cells(project, nurse, qtbot) -> None:
    late = create_record(project, nurse, "1")
    service = EntryService(project, nurse)
    service.save_form(FormKey(late, "m0_arm_1", "enrolment"), {"diagnosis_date": "2024-01-01"}, 0)
    model = DashboardModel(project, today=TODAY)
    background = lambda event, form: model.data(  # noqa: E731
        model.index(0, _column(model, event, form)), Qt.ItemDataRole.BackgroundRole).color()
    for form in ("clinical", "biology", "imaging"):
        assert background("m3_arm_1", form) == QColor(MARK_OVERDUE)
    assert background("m0_arm_1", "clinical") != QColor(MARK_OVERDUE)
    assert background("m6_arm_1", "clinical") != QColor(MARK_OVERDUE)  # not due yet
    tip = model.data(model.index(0, _column(model, "m3_arm_1", "biology")),
                     Qt.ItemDataRole.ToolTipRole)
    assert "M3 overdue: window 2024-03-17 to 2024-04-14" in tip


def test_an_m3_visit_before_m0_is_marked_on_the_dashboard(project, nurse, qtbot) -> None:
    record_id = create_record(project, nurse, "1")
    service = EntryService(project, nurse)
    service.save_form(FormKey(record_id, "m0_arm_1", "enrolment"),
                      {"diagnosis_date": "2024-03-01"}, 0)
    service.save_form(FormKey(record_id, "m0_arm_1", "clinical"), {"clin_date": "2024-03-05"}, 0)
    service.save_form(FormKey(record_id, "m3_arm_1", "clinical"), {"clin_date": "2024-01-31"}, 0,
                      confirmations={"clin_date": "as on paper"})
    model = DashboardModel(project, today=TODAY)
    index = model.index(0, _column(model, "m3_arm_1", "clinical"))
    assert model.data(index, Qt.ItemDataRole.BackgroundRole).color() == \
        QColor(MARK_BEFORE_EARLIER_VISIT)
    assert "M3 dated 2024-01-31, before the M0 visit (2024-03-05)" in model.data(
        index, Qt.ItemDataRole.ToolTipRole)


def test_the_demo_shows_ended_follow_ups_not_overdue_visits(tmp_path: Path, isolated_settings,
                                                            qtbot, on_modal) -> None:
    project = create_demo_project(str(tmp_path / "demo.sqlite"), "admin", "demo-password")
    try:
        admin = CurrentUser("admin", Role.ADMIN)
        page = DashboardPage(AppSession(project, admin, isolated_settings,
                                        tmp_path / "drafts.sqlite"))
        qtbot.addWidget(page)
        show_active(qtbot, page)
        model = page.model
        assert {model.data(model.index(row, 3)) for row in range(model.rowCount())} == {
            "follow-up ended"}
        page.overdue.click()
        assert model.total == 0
        page.overdue.click()
        proposed: list = []
        page.new_record_requested.connect(proposed.append)

        def accept_site(dialog) -> None:
            qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(
                QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

        on_modal(accept_site)
        qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
        assert proposed and proposed[0].record_id == "VO-030"  # created by its first save
        assert page.findChild(QComboBox, "siteFilter") is not None
    finally:
        page.close()
        project.close()


def test_the_legend_explains_the_cell_marks(project, nurse, make_session, qtbot) -> None:
    from PySide6.QtWidgets import QLabel

    page = DashboardPage(make_session(nurse))
    qtbot.addWidget(page)
    show_active(qtbot, page)
    overdue = page.findChild(QLabel, "overdueLegend")
    before = page.findChild(QLabel, "beforeLegend")
    assert overdue.isVisible() and overdue.text() == "Visit overdue"
    assert MARK_OVERDUE in overdue.styleSheet()
    assert before.text() == "Dated before an earlier visit"
    assert MARK_BEFORE_EARLIER_VISIT in before.styleSheet()


def test_a_missed_visit_says_so_without_a_late_mark(project, nurse, qtbot) -> None:
    record_id = create_record(project, nurse, "1")
    service = EntryService(project, nurse)
    service.save_form(FormKey(record_id, "m0_arm_1", "enrolment"),
                      {"diagnosis_date": "2023-01-01"}, 0)
    service.save_form(FormKey(record_id, "m6_arm_1", "clinical"), {"clin_date": "2023-06-30"}, 0)
    model = DashboardModel(project, today=TODAY)
    index = model.index(0, _column(model, "m3_arm_1", "biology"))
    assert "M3 missed: window 2023-03-18 to 2023-04-15" in model.data(
        index, Qt.ItemDataRole.ToolTipRole)
    assert model.data(index, Qt.ItemDataRole.BackgroundRole).color() != QColor(MARK_OVERDUE)

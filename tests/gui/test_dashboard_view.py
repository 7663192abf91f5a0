"""The record status dashboard: model contract, laziness with 10,000 patients, new patient."""

from __future__ import annotations

from gui_helpers import show_active
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox
from sqlalchemy import insert

from ui.dashboard.model import CELL_STATE_ROLE, PATIENT_COLUMNS, DashboardModel
from ui.dashboard.view import DashboardPage
from vo_crf.dashboard import CellState
from vo_crf.db.engine import write_transaction
from vo_crf.db.models import FormInstance, Record
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.new_record import NewRecord
from vo_crf.entry.records import create_record


def test_model_passes_the_model_tester(project, nurse, qtmodeltester) -> None:
    for site in ("1", "2", "1"):
        create_record(project, nurse, site)
    EntryService(project, nurse).save_form(FormKey("01-001", "m0_arm_1", "clinical"),
                                           {"clin_date": "2024-01-01"}, 2)
    model = DashboardModel(project)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 3
    column = PATIENT_COLUMNS + [c[1].name for c in model.columns].index("clinical")
    assert model.data(model.index(0, column), CELL_STATE_ROLE) is CellState.COMPLETE
    assert model.data(model.index(0, 0)) == "01-001"
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert model.data(model.index(0, 0)) == "02-001"


def _bulk_patients(project, count: int) -> None:
    with write_transaction(project.engine) as session:
        session.execute(insert(Record), [
            {"record_id": f"{1 + n % 3:02d}-{n:05d}", "site": str(1 + n % 3),
             "created_by": "nurse"} for n in range(count)])
        pks = session.scalars(Record.__table__.select().with_only_columns(Record.id)).all()
        session.execute(insert(FormInstance), [
            {"record_pk": pk, "event": "m0_arm_1", "form": "enrolment", "instance": 1,
             "status": pk % 3, "updated_by": "nurse"} for pk in pks])


def test_ten_thousand_patients_load_lazily(project) -> None:
    _bulk_patients(project, 10_000)
    model = DashboardModel(project)
    assert model.total == 10_000
    assert model.rowCount() == DashboardModel.BATCH
    assert model.chunk_loads == 0
    for row in range(30):
        for column in range(model.columnCount()):
            model.flags(model.index(row, column))
            model.data(model.index(row, column))
    assert model.chunk_loads == 1
    assert model.cached_rows <= DashboardModel.CHUNK
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 2 * DashboardModel.BATCH
    assert model.chunk_loads == 1
    model.data(model.index(model.rowCount() - 1, 5))
    assert model.chunk_loads == 2
    assert model.cached_rows <= 2 * DashboardModel.CHUNK


def test_view_on_ten_thousand_patients_builds_only_visible_rows(project, nurse, make_session,
                                                                 qtbot) -> None:
    _bulk_patients(project, 10_000)
    page = DashboardPage(make_session(nurse))
    qtbot.addWidget(page)
    page.resize(1200, 700)
    show_active(qtbot, page)
    qtbot.wait(50)
    assert page.model.cached_rows < 200
    assert page.count.text().startswith("10000")


def test_new_patient_gets_the_next_number_of_its_site(project, nurse, make_session, qtbot,
                                                      on_modal) -> None:
    create_record(project, nurse, "2")
    page = DashboardPage(make_session(nurse))
    qtbot.addWidget(page)
    show_active(qtbot, page)
    proposed: list[NewRecord] = []
    page.new_record_requested.connect(proposed.append)

    def choose_site_2(dialog) -> None:
        combo = dialog.findChild(QComboBox)
        qtbot.keyClick(combo, Qt.Key.Key_Down)
        qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(
            QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    on_modal(choose_site_2)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert proposed == [NewRecord("2", "02-002")]
    assert page.model.total == 1  # created by its first saved form only (test_new_patient.py)


def test_filters_narrow_the_list(project, nurse, make_session, qtbot) -> None:
    for site in ("1", "2", "2"):
        create_record(project, nurse, site)
    page = DashboardPage(make_session(nurse))
    qtbot.addWidget(page)
    show_active(qtbot, page)
    qtbot.keyClicks(page.search, "02-")
    qtbot.waitUntil(lambda: page.model.total == 2)
    page.site.setFocus()
    qtbot.keyClick(page.site, Qt.Key.Key_Down)  # Site 01
    assert page.model.total == 0
    assert not page.model.canFetchMore()


def test_nurse_cannot_create_without_permission(project, users, make_session, qtbot) -> None:
    page = DashboardPage(make_session(users["stat"]))
    qtbot.addWidget(page)
    assert not page.new_button.isVisibleTo(page)


def test_f5_shows_statuses_saved_by_someone_else(project, nurse, users, make_session,
                                                 qtbot) -> None:
    create_record(project, nurse, "1")
    page = DashboardPage(make_session(nurse))
    qtbot.addWidget(page)
    show_active(qtbot, page)
    column = PATIENT_COLUMNS + [c[1].name for c in page.model.columns].index("clinical")
    assert page.model.data(page.model.index(0, column), CELL_STATE_ROLE) is not \
        CellState.COMPLETE
    EntryService(project, users["inv"]).save_form(FormKey("01-001", "m0_arm_1", "clinical"),
                                                  {"clin_date": "2024-01-01"}, 2)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: page.model.data(page.model.index(0, column), CELL_STATE_ROLE)
                    is CellState.COMPLETE)

"""Reports → Import REDCap CSV: a dry run's summary, then Cancel or Import."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import import_through_preview
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from report_steps import reports_menu
from sqlalchemy import select
from trail_entries import trail_entries

from ui.tasks import tasks_running
from vo_crf.db.engine import read_session
from vo_crf.db.models import Record
from vo_crf.entry import EntryService, FormKey
from vo_crf.exchange.redcap_import import import_redcap_text

HEAD = ("record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,"
        "bio_date,bio_crp,bio_esr,bio_wbc,biology_complete\n")
BIO = FormKey("01-001", "m0_arm_1", "biology")


def _setup(project, users, make_session, qtbot, monkeypatch, tmp_path: Path):  # noqa: ANN001, ANN202
    import_redcap_text(project, users["nurse"],
                       HEAD + "01-001,m0_arm_1,,,2003-02-09,120,80,12.5,2\n", "first.csv")
    update = tmp_path / "update.csv"
    update.write_text(HEAD + "01-001,m0_arm_1,,,,9999,,,\n01-002,m0_arm_1,,,2003-03-01,12,,,\n",
                      encoding="utf-8")
    # the user picks the file in the app's open dialog (tests/gui/test_file_dialogs.py drives it)
    monkeypatch.setattr("ui.reports_menu.ask_open_path", lambda *a, **k: update)
    return reports_menu(qtbot, make_session(users["nurse"]))


def _rows(dialog) -> list[list[str]]:  # noqa: ANN001
    table = dialog.table
    return [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]


def _biology(project, users) -> tuple[dict[str, str], int]:  # noqa: ANN001
    state = EntryService(project, users["inv"]).open_form(BIO)
    return dict(state.values), state.status


def test_cancel_in_the_import_summary_writes_nothing(project, users, make_session, qtbot,
                                                     on_named_modal, monkeypatch,
                                                     tmp_path: Path) -> None:
    menu = _setup(project, users, make_session, qtbot, monkeypatch, tmp_path)
    before = _biology(project, users)
    seen: list[list[list[str]]] = []

    def cancel(dialog) -> None:  # noqa: ANN001
        seen.append(_rows(dialog))
        assert "9999" in dialog.out_of_range.toPlainText()
        assert "maximum 500" in dialog.out_of_range.toPlainText()
        assert not dialog.import_button.isEnabled()  # out of range: a reason first
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel),
                         Qt.MouseButton.LeftButton)

    on_named_modal("importPreview", cancel)
    menu.import_csv()
    qtbot.waitUntil(lambda: bool(seen) and tasks_running() == 0, timeout=20_000)
    assert seen[0] == [["Biology", "2", "2", "1", "0"]]
    assert _biology(project, users) == before
    with read_session(project.engine) as session:
        assert session.scalar(select(Record.id).where(Record.record_id == "01-002")) is None


def test_import_from_the_summary_with_overwrite_and_a_reason(project, users, make_session,
                                                             qtbot, on_named_modal,
                                                             monkeypatch, tmp_path: Path) -> None:
    menu = _setup(project, users, make_session, qtbot, monkeypatch, tmp_path)
    counted: list[list[list[str]]] = []

    def choose(dialog) -> None:  # noqa: ANN001
        counted.append(_rows(dialog))
        qtbot.mouseClick(dialog.overwrite, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: _rows(dialog) == [["Biology", "2", "2", "1", "3"]],
                        timeout=20_000)
        counted.append(_rows(dialog))
        dialog.reason.setFocus()
        qtbot.keyClicks(dialog.reason, "checked on the lab sheet")
        assert dialog.import_button.isEnabled()

    finished = import_through_preview(
        qtbot, on_named_modal, menu.import_csv, choose,
        lambda dialog: qtbot.keyClick(dialog.reason, Qt.Key.Key_Return))
    assert counted[0] == [["Biology", "2", "2", "1", "0"]]
    assert "Out-of-range values accepted with your reason: 1." in finished
    assert _biology(project, users) == ({"bio_crp": "9999"}, 0)
    reason = trail_entries(project, field="bio_crp", record_id="01-001")[-1].reason
    assert reason and "checked on the lab sheet" in reason


def test_a_file_with_dmy_dates_is_imported_once_the_date_order_is_chosen(
        project, users, make_session, qtbot, on_named_modal, monkeypatch,
        tmp_path: Path) -> None:  # noqa: ANN001
    menu = _setup(project, users, make_session, qtbot, monkeypatch, tmp_path)
    dmy = tmp_path / "dmy.csv"
    dmy.write_text(HEAD + "01-003,m0_arm_1,,,31/12/2003,12,,,\n", encoding="utf-8")
    monkeypatch.setattr("ui.reports_menu.ask_open_path", lambda *a, **k: dmy)
    seen: list[str] = []

    def choose_order(dialog) -> None:  # noqa: ANN001
        seen.append(dialog.heading.text())
        assert not dialog.import_button.isEnabled()
        dialog.date_format.setFocus()
        qtbot.keyClick(dialog.date_format, Qt.Key.Key_Down)  # DD/MM/YYYY
        qtbot.waitUntil(lambda: _rows(dialog) == [["Biology", "1", "2", "0", "0"]],
                        timeout=20_000)
        assert dialog.import_button.isEnabled()

    assert import_through_preview(qtbot, on_named_modal, menu.import_csv, choose_order)
    assert "bio_date" in seen[0] and "31/12/2003" in seen[0]
    state = EntryService(project, users["inv"]).open_form(FormKey("01-003", "m0_arm_1",
                                                                  "biology"))
    assert state.values["bio_date"] == "2003-12-31"

"""Multi-site sync from the GUI: "Synchronise now…" and the sync conflicts dialog."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_helpers import show_active
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from ui.dialogs.sync_conflicts import SyncConflictsDialog
from ui.main_window import MainWindow
from ui.session import AppSession
from ui.tasks import tasks_running
from vo_crf.auth.users import CurrentUser
from vo_crf.db.backup import list_backups
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.project import Project, open_project
from vo_crf.sync.conflicts import list_conflicts
from vo_crf.sync.node import set_site_code
from vo_crf.sync.run import synchronise

CLINICAL = {"clin_date": "2007-06-14", "clin_temp": "38.5", "clin_pain_vas": "7"}


def _site(template: Path, folder: Path, code: str, admin: CurrentUser) -> Project:
    folder.mkdir(parents=True)
    path = folder / f"site{code}.sqlite"
    shutil.copy(template, path)
    project = open_project(str(path))
    set_site_code(project, admin, code)
    return project


def _save(project: Project, user: CurrentUser, record_id: str, values: dict[str, str]) -> None:
    EntryService(project, user).save_form(FormKey(record_id, "m0_arm_1", "clinical"), values, 1)


def _value(project: Project, record_id: str) -> str:
    return EntryService(project, CurrentUser("x", "admin")).open_form(
        FormKey(record_id, "m0_arm_1", "clinical")).value("clin_temp")


@pytest.fixture
def sites(template_db: Path, tmp_path: Path, users: dict[str, CurrentUser]
          ) -> Iterator[tuple[Project, Project, str, str]]:
    """Sites 1 and 2, a central SQLite database, and a record changed at both sites.

    Site 2 has received nothing of site 1's last change yet: syncing it makes one conflict.
    """
    central = tmp_path / "central" / "central.sqlite"
    central.parent.mkdir()
    shutil.copy(template_db, central)
    site_a = _site(template_db, tmp_path / "a", "1", users["admin"])
    site_b = _site(template_db, tmp_path / "b", "2", users["admin"])
    nurse, inv = users["nurse"], users["inv"]
    record_id = create_record(site_a, nurse, "1")
    _save(site_a, nurse, record_id, CLINICAL)
    synchronise(site_a, nurse, str(central))
    synchronise(site_b, nurse, str(central))
    _save(site_a, nurse, record_id, {"clin_temp": "39.0"})
    _save(site_b, inv, record_id, {"clin_temp": "37.2"})
    synchronise(site_a, nurse, str(central))
    yield site_a, site_b, str(central), record_id
    site_a.close()
    site_b.close()


def test_conflicts_dialog_lists_both_sides_and_keeps_the_remote_value(
        sites, users, isolated_settings, tmp_path, qtbot) -> None:
    _site_a, site_b, central, record_id = sites
    assert synchronise(site_b, users["nurse"], central).pulled.conflicts == 1
    session = AppSession(site_b, users["inv"], isolated_settings, tmp_path / "drafts.sqlite")
    dialog = SyncConflictsDialog(session)
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    table = dialog.table
    assert table.rowCount() == 1
    cells = [table.item(0, c).text() for c in range(table.columnCount())]
    assert cells[0] == record_id
    assert cells[1] == site_b.study.event("m0_arm_1").label
    assert cells[2] == site_b.study.form("clinical").label
    assert cells[3] == "1"
    assert cells[4] == "Body temperature"
    assert cells[5] == "37.2" and cells[6].startswith("inv, ")
    assert cells[7] == "39.0" and cells[8].startswith("nurse at site 1, ")
    assert not dialog.keep_remote.isEnabled()  # a reason is required
    qtbot.keyClicks(dialog.reason, "checked the source document")
    assert dialog.keep_remote.isEnabled() and dialog.keep_local.isEnabled()
    with qtbot.waitSignal(dialog.resolved):
        qtbot.mouseClick(dialog.keep_remote, Qt.MouseButton.LeftButton)
    assert list_conflicts(site_b, users["admin"]) == []
    assert _value(site_b, record_id) == "39.0"
    assert table.isHidden() and dialog.empty.isVisible()
    (resolved,) = list_conflicts(site_b, users["admin"], include_resolved=True)
    assert (resolved.resolution, resolved.resolved_by, resolved.reason) == (
        "remote", "inv", "checked the source document")


def test_keep_local_value(sites, users, isolated_settings, tmp_path, qtbot) -> None:
    _site_a, site_b, central, record_id = sites
    synchronise(site_b, users["nurse"], central)
    session = AppSession(site_b, users["admin"], isolated_settings, tmp_path / "drafts.sqlite")
    dialog = SyncConflictsDialog(session)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.reason, "the local measurement is the right one")
    qtbot.mouseClick(dialog.keep_local, Qt.MouseButton.LeftButton)
    assert list_conflicts(site_b, users["admin"]) == []
    assert _value(site_b, record_id) == "37.2"


def test_synchronise_now_reports_the_conflict_and_opens_the_dialog(
        sites, users, isolated_settings, tmp_path, qtbot, on_modal, on_named_modal) -> None:
    _site_a, site_b, central, record_id = sites
    isolated_settings.central_url = central
    window = MainWindow(AppSession(site_b, users["inv"], isolated_settings,
                                   tmp_path / "drafts.sqlite"))
    qtbot.addWidget(window)
    window.idle.set_timeout(0)
    show_active(qtbot, window)
    qtbot.waitUntil(lambda: tasks_running() == 0)
    assert window.sync.conflicts_action.isVisible()
    seen: dict[str, str] = {}

    def conflicts(dialog) -> None:
        seen["rows"] = str(dialog.table.rowCount())
        dialog.accept()

    def report(box) -> None:
        seen["text"] = box.text()
        seen["more"] = box.informativeText()
        on_modal(conflicts)
        show = next(b for b in box.buttons() if b.text() == "Show the conflicts…")
        qtbot.mouseClick(show, Qt.MouseButton.LeftButton)

    on_named_modal("syncDoneBox", report)
    window.sync.sync_action.trigger()
    qtbot.waitUntil(lambda: "rows" in seen, timeout=10_000)
    assert "Site 2 synchronised" in seen["text"]
    assert "Sent: 0 changed values" in seen["text"] and "Received:" in seen["text"]
    assert "1 values were changed both here and at another site" in seen["more"]
    assert seen["rows"] == "1"
    assert "before-sync" in [b.reason for b in list_backups(Path(site_b.url[10:]))]
    assert _value(site_b, record_id) == "37.2"  # nothing overwritten


def test_a_failed_sync_is_shown(project, users, make_session, isolated_settings, tmp_path,
                                qtbot, on_modal) -> None:
    isolated_settings.central_url = str(tmp_path / "missing.sqlite")
    window = MainWindow(make_session(users["nurse"]))
    qtbot.addWidget(window)
    window.idle.set_timeout(0)
    show_active(qtbot, window)
    assert not window.sync.conflicts_action.isVisible()  # nurses do not resolve conflicts
    seen: list[str] = []

    def read(box) -> None:
        seen.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    on_modal(read)
    window.sync.sync_action.trigger()
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    assert "The synchronisation failed" in seen[0]
    assert "cannot open the central database" in seen[0]


def test_an_edit_of_a_form_locked_centrally_is_reported_and_listed(
        sites, users, isolated_settings, tmp_path, qtbot, on_named_modal) -> None:
    from vo_crf.entry.review import lock

    site_a, _site_b, central, record_id = sites
    synchronise(site_a, users["nurse"], central)
    hub = open_project(central)
    try:
        lock(hub, users["inv"], record_id, FormKey(record_id, "m0_arm_1", "clinical"),
             reason="monitored")
    finally:
        hub.close()
    _save(site_a, users["nurse"], record_id, {"clin_temp": "36.6"})
    isolated_settings.central_url = central
    window = MainWindow(AppSession(site_a, users["inv"], isolated_settings,
                                   tmp_path / "drafts.sqlite"))
    qtbot.addWidget(window)
    window.idle.set_timeout(0)
    show_active(qtbot, window)
    qtbot.waitUntil(lambda: tasks_running() == 0)
    seen: dict[str, str] = {}

    def report(box) -> None:
        seen["text"], seen["more"] = box.text(), box.informativeText()
        box.reject()

    on_named_modal("syncDoneBox", report)
    window.sync.sync_action.trigger()
    qtbot.waitUntil(lambda: "text" in seen, timeout=10_000)
    assert "1 values were NOT taken by the central database: their form is locked there" \
        in seen["text"]
    assert "1 values were changed both here and at another site" in seen["more"]
    dialog = SyncConflictsDialog(AppSession(site_a, users["inv"], isolated_settings,
                                            tmp_path / "drafts2.sqlite"))
    qtbot.addWidget(dialog)
    assert dialog.table.item(0, 2).text().endswith(
        "(locked by inv: the local edit was not taken)")
    assert _value(site_a, record_id) == "36.6"  # nothing overwritten

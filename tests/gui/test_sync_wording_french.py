"""A synchronisation the core refuses, said in French: a site without its site code."""

from __future__ import annotations

import shutil
from pathlib import Path

from gui_helpers import show_active
from PySide6.QtWidgets import QMessageBox

from ui.main_window import MainWindow


def _sync_refusal(qtbot, on_modal, window: MainWindow) -> list[str]:  # noqa: ANN001
    """Show ``window``, press Synchronise and return what the message box said (closed by
    its OK button)."""
    qtbot.addWidget(window)
    window.idle.set_timeout(0)
    show_active(qtbot, window)
    seen: list[str] = []

    def read(box) -> None:  # noqa: ANN001
        seen.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    on_modal(read)
    window.sync.sync_action.trigger()
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    return seen


def test_a_sync_without_a_site_code_is_refused_in_french(
        project, users, make_session, isolated_settings, french, template_db,  # noqa: ANN001
        tmp_path: Path, qtbot, on_modal) -> None:  # noqa: ANN001
    central = tmp_path / "central" / "central.sqlite"
    central.parent.mkdir()
    shutil.copy(template_db, central)  # a central database of the same study
    isolated_settings.central_url = str(central)
    seen = _sync_refusal(qtbot, on_modal, MainWindow(make_session(users["nurse"])))
    assert seen[0] == (
        "La synchronisation a échoué : cette base n’a pas encore de code de site : un "
        "administrateur le fixe une fois avec 'vo-crf sync setup --db DB --user NAME --site "
        "CODE'"), seen[0]


def test_a_record_created_at_two_sites_is_refused_in_french(
        users, isolated_settings, french, template_db, tmp_path: Path, qtbot,  # noqa: ANN001
        on_modal) -> None:  # noqa: ANN001
    from test_sync import _site

    from ui.session import AppSession
    from vo_crf.entry.records import create_record
    from vo_crf.sync.run import synchronise

    central = tmp_path / "central" / "central.sqlite"
    central.parent.mkdir()
    shutil.copy(template_db, central)
    site_a = _site(template_db, tmp_path / "a", "1", users["admin"])
    site_b = _site(template_db, tmp_path / "b", "2", users["admin"])
    create_record(site_a, users["nurse"], "1", "P-7")
    synchronise(site_a, users["nurse"], str(central))
    create_record(site_b, users["nurse"], "2", "P-7")  # the same number, created separately
    isolated_settings.central_url = str(central)
    seen = _sync_refusal(qtbot, on_modal, MainWindow(
        AppSession(site_b, users["nurse"], isolated_settings, tmp_path / "drafts.sqlite")))
    site_a.close()
    site_b.close()
    assert seen[0] == (
        "La synchronisation a échoué : le patient P-7 a été créé séparément sur deux sites (par "
        "nurse et par nurse) : chaque site ne crée que les numéros d’étude de son propre site ; "
        "rien n’a été synchronisé"), seen[0]

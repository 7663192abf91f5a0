"""The dashboard checks data quality in the background when it opens (and on F5), behind a
preference that is on by default; a result computed before a change is dropped and redone."""

from __future__ import annotations

import threading

from gui_helpers import open_main_window, patient_whose_crp_rose, press, show_active
from PySide6.QtCore import QSettings, Qt

import ui.quality.controller as controller_module
from ui.dialogs.settings_dialog import SettingsDialog
from ui.settings import Settings
from ui.tasks import tasks_running
from vo_crf.quality import VersionedFindings, data_version, run_quality_checks


def _findings(project, user) -> int:  # noqa: ANN001
    return len(run_quality_checks(project, user))


def test_preference_is_on_by_default_and_set_in_the_settings_dialog(
        isolated_settings: Settings, qtbot) -> None:  # noqa: ANN001
    QSettings().remove("quality/check_on_dashboard")
    assert Settings().check_quality_on_dashboard is True

    dialog = SettingsDialog(isolated_settings)
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    assert dialog.check_quality.isChecked()
    qtbot.mouseClick(dialog.check_quality, Qt.MouseButton.LeftButton)
    qtbot.keyClick(dialog.check_quality, Qt.Key.Key_Return)  # OK, the default button
    assert not dialog.isVisible()
    assert Settings().check_quality_on_dashboard is False


def test_dashboard_shows_the_count_after_login_and_on_f5(
        project, users, make_session, isolated_settings, qtbot) -> None:  # noqa: ANN001
    isolated_settings.check_quality_on_dashboard = True
    patient_whose_crp_rose(project, users["nurse"])
    before = _findings(project, users["inv"])
    window = open_main_window(qtbot, make_session(users["inv"]), wait_for_tasks=False)
    button = window.dashboard.quality_button
    assert window.quality.panel is None  # nothing but the count: no window pops up

    qtbot.waitUntil(lambda: button.text() == f"&Data quality ({before})")
    assert f"{before} data-quality finding(s)" in button.toolTip()

    patient_whose_crp_rose(project, users["nurse"])
    after = _findings(project, users["inv"])
    assert after > before
    window.dashboard.table.setFocus()
    press(qtbot, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: button.text() == f"&Data quality ({after})")
    qtbot.waitUntil(lambda: tasks_running() == 0)

    # The panel shows the background run's findings at once (no second run).
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    panel = window.quality.panel
    assert not panel.running
    assert panel.model.rowCount() == after


def test_preference_off_runs_nothing(project, users, make_session, qtbot) -> None:  # noqa: ANN001
    patient_whose_crp_rose(project, users["nurse"])
    window = open_main_window(qtbot, make_session(users["inv"]), wait_for_tasks=False)
    window.dashboard.table.setFocus()
    press(qtbot, Qt.Key.Key_F5)
    assert not window.quality.background_running
    # other background work of the window (e.g. the daily backup) may still be finishing
    qtbot.waitUntil(lambda: tasks_running() == 0)
    assert not window.quality.background_running
    assert window.dashboard.quality_button.text() == "&Data quality"


def test_result_of_a_run_overtaken_by_a_change_is_redone(
        project, users, make_session, isolated_settings, qtbot,  # noqa: ANN001
        monkeypatch) -> None:  # noqa: ANN001
    isolated_settings.check_quality_on_dashboard = True
    gate = threading.Event()
    runs: list[int] = []

    def gated_run(project_, user):  # noqa: ANN001, ANN202
        version = data_version(project_)
        runs.append(version)
        gate.wait(10)  # the test writes a change while this run is under way
        return VersionedFindings(version, run_quality_checks(project_, user))

    monkeypatch.setattr(controller_module, "run_versioned_checks", gated_run)
    window = open_main_window(qtbot, make_session(users["inv"]), wait_for_tasks=False)
    qtbot.waitUntil(lambda: len(runs) == 1)
    patient_whose_crp_rose(project, users["nurse"])  # written during the run
    gate.set()

    expected = _findings(project, users["inv"])
    qtbot.waitUntil(lambda: window.dashboard.quality_button.text()
                    == f"&Data quality ({expected})")
    assert len(runs) == 2 and runs[1] > runs[0]  # the stale result was dropped, then redone
    qtbot.waitUntil(lambda: tasks_running() == 0)

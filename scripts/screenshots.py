"""Screenshots of the main screens, on a fresh demo study, into docs/screenshots/.

Run:  .venv/bin/python scripts/screenshots.py          (offscreen, no display needed)
      xvfb-run -a .venv/bin/python scripts/screenshots.py --platform xcb
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PASSWORD = "demo-admin-pass-1"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--platform", default="offscreen", help="Qt platform (offscreen, xcb)")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--language", default="en", choices=("en", "fr"))
    args = parser.parse_args()
    os.environ["QT_QPA_PLATFORM"] = args.platform
    work = Path(tempfile.mkdtemp(prefix="vo-crf-shots-"))
    os.environ["XDG_DATA_HOME"] = str(work / "data")

    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    QCoreApplication.setOrganizationName("vo-crf-screenshots")
    QCoreApplication.setApplicationName("vo-crf-screenshots")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(work / "settings"))

    from ui.dialogs.login import LoginDialog
    from ui.dialogs.users import UsersDialog
    from ui.i18n import install_translation
    from ui.main_window import MainWindow
    from ui.session import AppSession
    from ui.settings import Settings
    from vo_crf.auth.permissions import Role
    from vo_crf.auth.users import CurrentUser, create_user
    from vo_crf.demo.cohort import load_demo
    from vo_crf.entry.records import list_record_ids
    from vo_crf.project import init_project

    install_translation(app, args.language)
    project = init_project(str(work / "demo.sqlite"), "admin", PASSWORD)
    admin = CurrentUser("admin", Role.ADMIN, "Study administrator")
    load_demo(project, admin)
    for name, role, full in (("inv", Role.INVESTIGATOR, "Dr Claire Martin"),
                             ("nurse", Role.NURSE, "Sophie Bernard")):
        create_user(project.engine, admin, name, f"{name}-demo-pass-1", role, full)
    _review_some(project, admin)
    from vo_crf.db.backup import backup_now

    backup_now(project, "daily")  # the status bar shows the last backup
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    def save(widget, name: str) -> None:  # noqa: ANN001
        for _ in range(5):
            app.processEvents()
        widget.grab().save(str(out / f"{name}.png"))
        print("wrote", out / f"{name}.png")

    settings = Settings()
    login = LoginDialog(project, "nurse")
    login.show()
    save(login, "01-login")
    login.close()

    investigator = CurrentUser("inv", Role.INVESTIGATOR, "Dr Claire Martin")
    session = AppSession(project, investigator, settings, work / "drafts.sqlite")
    window = MainWindow(session)
    window.idle.set_timeout(0)
    window.resize(1480, 860)
    window.show()
    save(window, "02-dashboard")

    record_id = list_record_ids(project)[2]
    view = window.open_patient(record_id, "m0_arm_1", "clinical")
    editor = view.editor
    editor.rows["clin_neuro"].set_value("1")
    editor.rows["clin_temp"].set_value("42.6")
    editor.rows["clin_frankel"].set_value("D")
    editor.assess_now()
    save(window, "03-form-clinical-m0")
    editor.discard_changes()
    view.open_form("m0_arm_1", "imaging")
    save(window, "04-form-imaging-m0")
    view.open_form("m0_arm_1", "antibiotics")
    save(window, "05-antibiotics")
    view.open_form("__timeline__", "__timeline__")
    save(window, "06-timeline")

    admin_session = AppSession(project, admin, settings, work / "drafts.sqlite")
    users = UsersDialog(admin_session)
    users.show()
    save(users, "07-users")
    users.close()

    from ui.backups import ChooseBackupDialog
    from vo_crf.db.backup import list_backups

    backup_now(project, "close")
    choose = ChooseBackupDialog(list_backups(work / "demo.sqlite"), settings.date_format)
    choose.show()
    save(choose, "08-restore-backup")
    choose.close()

    from ui.dialogs.sync_conflicts import SyncConflictsDialog

    site = _site_with_conflicts(work, admin)
    conflicts = SyncConflictsDialog(AppSession(site, investigator, settings,
                                               work / "drafts.sqlite"))
    conflicts.show()
    conflicts.reason.setText("Checked against the source document")
    save(conflicts, "09-sync-conflicts")
    conflicts.close()
    site.close()

    window.show_dashboard()
    window.close()
    project.close()
    # Delete the widgets while the application still exists (the xcb platform crashed at exit
    # when Python destroyed them after the QApplication).
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone()
    for widget in (window, users, choose, conflicts, login):
        widget.deleteLater()
    app.processEvents()
    app.shutdown()
    return 0


def _review_some(project, admin) -> None:  # noqa: ANN001
    """Give the dashboard every status: verified, locked, incomplete and unverified forms."""
    from vo_crf.entry import EntryService, FormKey
    from vo_crf.entry.records import create_record, list_record_ids
    from vo_crf.entry.review import lock, verify

    ids = list_record_ids(project)
    for record_id in ids[:4]:
        for form in ("enrolment", "microbiology", "clinical", "biology", "imaging"):
            verify(project, admin, FormKey(record_id, "m0_arm_1", form))
    lock(project, admin, ids[0])
    service = EntryService(project, admin)
    for site in ("1", "2"):
        new_id = create_record(project, admin, site)
        service.save_form(FormKey(new_id, "m0_arm_1", "clinical"),
                          {"clin_date": "2024-05-02", "clin_temp": "38.1"}, 1)


def _site_with_conflicts(work: Path, admin):  # noqa: ANN001, ANN202
    """Two sites of a new study and a central database; the same values changed at both."""
    import shutil

    from vo_crf.auth.users import CurrentUser
    from vo_crf.entry import EntryService, FormKey
    from vo_crf.entry.records import create_record
    from vo_crf.project import init_project, open_project
    from vo_crf.sync.node import set_site_code
    from vo_crf.sync.run import synchronise

    folder = work / "sync"
    folder.mkdir()
    central = init_project(str(folder / "central.sqlite"), "admin", PASSWORD)
    with central.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    central.close()
    sites = []
    for code in ("1", "2"):
        path = folder / f"site{code}.sqlite"
        shutil.copy(folder / "central.sqlite", path)
        project = open_project(str(path))
        set_site_code(project, admin, code)
        sites.append(project)
    site_a, site_b = sites
    nurse = CurrentUser("sophie.bernard", "nurse")
    investigator = CurrentUser("claire.martin", "investigator")
    record_id = create_record(site_a, nurse, "1")
    key = FormKey(record_id, "m0_arm_1", "clinical")
    EntryService(site_a, nurse).save_form(
        key, {"clin_date": "2024-05-02", "clin_temp": "38.4", "clin_pain_vas": "7",
              "clin_neuro": "0"}, 1)
    url = str(folder / "central.sqlite")
    synchronise(site_a, nurse, url)
    synchronise(site_b, nurse, url)
    EntryService(site_a, nurse).save_form(key, {"clin_temp": "38.9", "clin_pain_vas": "6"}, 1)
    EntryService(site_b, investigator).save_form(
        key, {"clin_temp": "38.2", "clin_pain_vas": "8", "clin_neuro": "1",
              "clin_frankel": "D"}, 1)
    synchronise(site_a, nurse, url)
    synchronise(site_b, nurse, url)
    site_a.close()
    return site_b


if __name__ == "__main__":
    raise SystemExit(main())

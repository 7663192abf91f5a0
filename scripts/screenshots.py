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
    from PySide6.QtWidgets import QApplication, QWidget

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
    from vo_crf.demo.cohort import create_demo_project
    from vo_crf.entry.records import list_record_ids

    install_translation(app, args.language)
    project = create_demo_project(str(work / "demo.sqlite"), "admin", PASSWORD)
    admin = CurrentUser("admin", Role.ADMIN, "Study administrator")
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
    while window.quality.background_running:  # the data-quality count on the dashboard
        from PySide6.QtCore import QThreadPool

        QThreadPool.globalInstance().waitForDone(100)
        app.processEvents()
    save(window, "02-dashboard")

    record_id = list_record_ids(project)[2]
    view = window.open_patient(record_id, "m0_arm_1", "clinical")
    editor = view.editor
    editor.rows["clin_neuro"].set_value("1")
    editor.rows["clin_temp"].set_value("42.6")
    editor.rows["clin_frankel"].set_value("D")
    editor.assess_now()
    save(window, "03-form-clinical-m0")
    editor.drop_changes()
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

    from PySide6.QtCore import QThreadPool

    _quality_findings(project, admin)
    window.show_dashboard()
    panel = window.quality.show_panel()
    panel.resize(1280, 520)
    while panel.running:
        QThreadPool.globalInstance().waitForDone(100)
        app.processEvents()
    panel.table.selectRow(1)
    save(panel, "data_quality")
    panel.close()

    amendment = _amendment_dialog(project, admin, work)
    amendment.show()
    save(amendment, "amendment")
    amendment.close()
    amendment.deleteLater()

    comparison = _dde_comparison(work)
    comparison.show()
    save(comparison, "dde_comparison")
    for view, name in _dde_worklist_views(comparison.service.project, settings, work):
        view.show()
        save(view, name)
        view.close()
        view.deleteLater()
    comparison.close()
    comparison.service.project.close()
    comparison.deleteLater()

    from ui.queries.list_dialog import QueriesDialog

    _seed_queries(project, admin)
    queries = QueriesDialog(session)
    queries.resize(1400, 400)
    queries.show()
    queries.status.setCurrentIndex(queries.status.count() - 1)  # any status
    queries.table.selectRow(4)
    save(queries, "queries_list")
    queries.close()
    queries.deleteLater()
    from vo_crf.entry.records import list_record_ids

    with_query = list_record_ids(project)[7]  # the open query on its M0 body temperature
    window.open_patient(with_query, "m0_arm_1", "clinical", 0, "clin_temp")
    app.processEvents()
    save(window, "form_query_mark")

    _late_and_early_visits(project, admin)
    window.show_dashboard()
    dashboard = window.findChild(QWidget, "dashboardPage")
    dashboard.refresh()
    dashboard.search.setText("VO-03")
    dashboard.apply_filter()
    app.processEvents()
    dashboard.table.horizontalScrollBar().setValue(dashboard.table.columnViewportPosition(8))
    save(window, "dashboard_marks")
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


def _late_and_early_visits(project, admin) -> None:  # noqa: ANN001
    """Two new patients: one whose M3 visit is overdue, one with M3 dated before M0."""
    import datetime as dt

    from vo_crf.entry import EntryService, FormKey
    from vo_crf.entry.records import create_record

    service = EntryService(project, admin)
    late = create_record(project, admin, "2")
    day0 = dt.date.today() - dt.timedelta(days=130)
    service.save_form(FormKey(late, "m0_arm_1", "enrolment"),
                      {"diagnosis_date": day0.isoformat()}, 0)
    early = create_record(project, admin, "3")
    day0 = dt.date.today() - dt.timedelta(days=100)
    service.save_form(FormKey(early, "m0_arm_1", "enrolment"),
                      {"diagnosis_date": day0.isoformat()}, 0)
    service.save_form(FormKey(early, "m0_arm_1", "clinical"),
                      {"clin_date": (day0 + dt.timedelta(days=3)).isoformat()}, 0)
    service.save_form(FormKey(early, "m3_arm_1", "clinical"),
                      {"clin_date": (day0 - dt.timedelta(days=27)).isoformat()}, 0,
                      confirmations={"clin_date": "date as on the paper form"})


def _dde_comparison(work: Path):  # noqa: ANN202
    """A small study with biology entered twice by two nurses: the adjudication dialog."""
    import json
    import shutil

    from ui.dde.comparison import FINAL, ComparisonDialog
    from vo_crf.auth.permissions import Role
    from vo_crf.auth.users import CurrentUser, create_user
    from vo_crf.dde import DoubleEntryService
    from vo_crf.entry import FormKey
    from vo_crf.entry.records import create_record
    from vo_crf.paths import default_study_dir
    from vo_crf.project import init_project

    folder = work / "dde-study"
    shutil.copytree(default_study_dir(), folder)
    settings = json.loads((folder / "project.json").read_text(encoding="utf-8"))
    settings["double_data_entry_forms"] = ["biology", "microbiology"]
    (folder / "project.json").write_text(json.dumps(settings), encoding="utf-8")
    project = init_project(str(work / "dde.sqlite"), "admin", PASSWORD, folder)
    admin = CurrentUser("admin", Role.ADMIN)
    nurses = [create_user(project.engine, admin, name, f"{name}-demo-pass-1", Role.NURSE)
              for name in ("sophie", "marc")]
    record = create_record(project, admin, "1")
    key = FormKey(record, "m0_arm_1", "biology")
    values = {"bio_date": "2024-03-05", "bio_crp": "120", "bio_esr": "80", "bio_wbc": "12.5"}
    DoubleEntryService(project, nurses[0]).save_entry(key, values, 2)
    DoubleEntryService(project, nurses[1]).save_entry(
        key, {**values, "bio_crp": "210", "bio_esr": "8", "bio_wbc": "12.50"}, 2)
    service = DoubleEntryService(project, CurrentUser("inv", Role.INVESTIGATOR))
    dialog = ComparisonDialog(service, service.comparison(key))
    dialog.resize(900, 360)
    dialog.use_entry(1)  # CRP resolved (green); the ESR row stays to be resolved (red)
    dialog.table.setCurrentCell(2, FINAL)
    dialog.reason.setText("checked against the laboratory report")
    return dialog


def _dde_worklist_views(project, settings, work: Path) -> list:  # noqa: ANN001
    """More double entries in the DDE study: the worklist dialog and the dashboard cells."""
    from ui.dashboard.view import DashboardPage
    from ui.dde.worklist_dialog import DoubleEntryWorklistDialog
    from ui.session import AppSession
    from vo_crf.auth.permissions import Role
    from vo_crf.auth.users import CurrentUser
    from vo_crf.dde import DoubleEntryService
    from vo_crf.entry import FormKey
    from vo_crf.entry.records import create_record

    admin = CurrentUser("admin", Role.ADMIN)
    sophie, marc = CurrentUser("sophie", Role.NURSE), CurrentUser("marc", Role.NURSE)
    biology = {"bio_date": "2024-06-04", "bio_crp": "35", "bio_esr": "40", "bio_wbc": "8.1"}
    first = "01-001"
    DoubleEntryService(project, sophie).save_entry(
        FormKey(first, "m0_arm_1", "microbiology"), {"micro_organism": "1"}, 2)
    DoubleEntryService(project, marc).save_entry(FormKey(first, "m3_arm_1", "biology"),
                                                 biology, 0)
    second = create_record(project, admin, "1")
    for entrant in (marc, sophie):
        DoubleEntryService(project, entrant).save_entry(
            FormKey(second, "m0_arm_1", "biology"), {**biology, "bio_date": "2024-05-02"}, 2)
    session = AppSession(project, CurrentUser("inv", Role.INVESTIGATOR), settings,
                         work / "dde-drafts.sqlite")
    worklist = DoubleEntryWorklistDialog(session)
    worklist.resize(1160, 260)
    worklist.table.selectRow(1)
    dashboard = DashboardPage(session)
    dashboard.resize(1240, 260)
    return [(worklist, "dde_worklist"), (dashboard, "dde_dashboard")]


def _amendment_dialog(project, admin, work: Path):  # noqa: ANN001, ANN202
    """A protocol amendment (sex recoded, comment removed, a field added), one item mapped."""
    import shutil

    from ui.dialogs.amendment import AmendmentDialog
    from vo_crf.amend import prepare_amendment
    from vo_crf.paths import default_study_dir

    folder = work / "amendment_v2"
    shutil.copytree(default_study_dir(), folder)
    dictionary = folder / "data_dictionary.csv"
    text = dictionary.read_text(encoding="utf-8")
    radicular = "clin_radicular,clinical,,yesno,Radicular pain,,,,,,,,,,,,,\n"
    text = (text.replace('"1, Male | 2, Female"', '"M, Male | F, Female"')
            .replace("img_comment,imaging,,notes,Radiologist's comment,,,,,,,,,,,,,\n", "")
            .replace(radicular, radicular + "clin_fever,clinical,,yesno,Fever,,,,,,,,,,,,,\n")
            .replace("degrees C,number,34,42", "degrees C,number,33,43"))
    dictionary.write_text(text, encoding="utf-8")
    dialog = AmendmentDialog(project, admin, prepare_amendment(project, admin, folder))
    dialog.resize(1100, 620)
    first = dialog.combos[0]
    first.setCurrentIndex(2 if first.count() > 2 else 1)
    return dialog


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


def _seed_queries(project, admin) -> None:  # noqa: ANN001
    """Queries of every state, raised by a monitor and an investigator days ago."""
    import datetime as dt

    from vo_crf.auth.permissions import Role
    from vo_crf.auth.users import CurrentUser, create_user
    from vo_crf.db.models import utcnow
    from vo_crf.entry.records import list_record_ids
    from vo_crf.queries import FieldKey, QueryService

    create_user(project.engine, admin, "mon", "mon-demo-pass-1", Role.MONITOR, "Marc Dubois")
    people = {"mon": CurrentUser("mon", Role.MONITOR),
              "inv": CurrentUser("inv", Role.INVESTIGATOR),
              "nurse": CurrentUser("nurse", Role.NURSE)}
    ids = list_record_ids(project)

    def service(name: str, days_ago: int) -> QueryService:
        return QueryService(project, people[name],
                            lambda: utcnow() - dt.timedelta(days=days_ago, hours=3))

    crp = service("mon", 24).open_query(FieldKey(ids[6], "m3_arm_1", "biology", "bio_crp"),
                                        "CRP 250 mg/L at M3 after a falling trend: please "
                                        "check the lab report", suggested_value="25.0")
    service("nurse", 20).answer(crp, "Lab report re-read: 250 mg/L is right (new abscess)")
    service("mon", 19).close(crp, "Thanks, confirmed")
    service("mon", 17).open_query(FieldKey(ids[7], "m0_arm_1", "clinical", "clin_temp"),
                                  "42.6 °C is above the expected range: confirm in the chart")
    date = service("inv", 12).open_query(FieldKey(ids[5], "m3_arm_1", "clinical", "clin_date"),
                                         "M3 visit dated 1998, before inclusion: typo?")
    service("nurse", 9).answer(date, "The letter says 1998; asked the GP for the real date")
    service("mon", 3).open_query(FieldKey(ids[9], "m0_arm_1", "biology", "bio_esr"),
                                 "ESR missing although the sample was taken")
    service("inv", 1).open_query(FieldKey(ids[11], "m0_arm_1", "imaging", "img_date"),
                                 "Imaging date differs from the radiology report")


def _quality_findings(project, admin) -> None:  # noqa: ANN001
    """Give the data-quality panel a few findings of different checks."""
    from vo_crf.entry import EntryService, FormKey
    from vo_crf.entry.records import list_record_ids

    ids = list_record_ids(project)
    service = EntryService(project, admin)
    service.save_form(FormKey(ids[5], "m3_arm_1", "clinical"), {"clin_date": "1998-01-02"}, 1,
                      reason="date copied from the letter",
                      confirmations={"clin_date": "visit date as written in the letter"})
    service.save_form(FormKey(ids[6], "m3_arm_1", "biology"), {"bio_crp": "250"}, 1,
                      reason="lab report re-read")
    service.save_form(FormKey(ids[7], "m0_arm_1", "clinical"), {"clin_temp": "42.6"}, 2,
                      reason="value re-read", confirmations={"clin_temp": "as in the chart"})


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

"""The Reports menu: timeline PDFs, the export dialog (Excel workbook, REDCap CSV and every
other format, ``ui.dialogs.export_dialog``) and the import.

Each entry asks for a file, then runs the core function off the GUI thread (``run_task``) and
offers to open the result. The save dialog has asked before replacing a file, so the core is
told it may (``force=True``); it still refuses the study database and its backups. Entries
the role may not use are disabled. The core modules are imported on first use (they pull
reportlab, openpyxl and pandas, slow to import at start-up).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu, QMessageBox

from ui.core_messages import refusal_text
from ui.file_dialogs import ask_open_path, ask_save_path
from ui.i18n import interface_language
from ui.session import AppSession
from ui.signals import emit
from ui.tasks import run_task
from vo_crf.auth.permissions import Action
from vo_crf.exchange.import_options import ImportOptions

if TYPE_CHECKING:
    from vo_crf.exchange.import_common import ImportSummary


class ReportsMenu(QObject):
    """Builds the Reports menu of the main window."""

    data_imported = Signal()

    def __init__(self, window: QMainWindow, session: AppSession,
                 current_record: Callable[[], str | None]) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self._current_record = current_record
        self.menu = QMenu(self.tr("&Reports"), window)
        self.menu.setObjectName("reportsMenu")
        user = session.user
        entries = [
            (self.tr("&Patient timeline (PDF)…"), Action.REPORT, self.patient_pdf),
            (self.tr("&All patients' timelines (PDF)…"), Action.REPORT, self.all_pdf),
            (self.tr("Study &figures (PDF)…"), Action.REPORT, self.figures),
            None,
            (self.tr("&Export data (Excel, REDCap CSV, SPSS, Stata, R, SAS, ODM…)…"),
             Action.EXPORT_DEIDENTIFIED, self.export_data),
            (self.tr("&Import REDCap CSV or ODM…"), Action.IMPORT, self.import_csv),
        ]
        for entry in entries:
            if entry is None:
                self.menu.addSeparator()
                continue
            text, permission, slot = entry
            action = self.menu.addAction(text)
            if slot == self.export_data:
                action.setObjectName("exportDataAction")
            if slot == self.patient_pdf:
                self._patient_action = action
            action.setEnabled(user.can(permission))
            action.triggered.connect(slot)
        self.menu.aboutToShow.connect(self.follow_patient)
        self.follow_patient()

    def follow_patient(self, *_args: object) -> None:
        """Enable the patient-only entries while a patient is shown (and the role may)."""
        self._patient_action.setEnabled(self.session.user.can(Action.REPORT)
                                        and bool(self._current_record()))

    def _ask_path(self, title: str, name: str, pattern: str) -> Path | None:
        return ask_save_path(self.window, title, Path.home() / name, pattern)

    def _run(self, title: str, work: Callable[[], object], done: Callable[[object], str],
             path: Path | None) -> None:
        def success(result: object) -> None:
            self._finished(title, done(result), path)

        def failure(error: Exception) -> None:
            QMessageBox.warning(self.window, title, self._failed_text(error))

        run_task(self.window, title, work, success, failure)

    def _failed_text(self, error: BaseException) -> str:
        """"Failed: why", the core's refusal in the interface's language."""
        return self.tr("Failed: {0}").format(refusal_text(error, self.session.project.study))

    def _finished(self, title: str, text: str, path: Path | None) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, title, text,
                          QMessageBox.StandardButton.Close, self.window)
        box.setObjectName("taskFinished")
        open_button = box.addButton(self.tr("Open the file"), QMessageBox.ButtonRole.AcceptRole) \
            if path is not None else None
        box.exec()
        if open_button is not None and box.clickedButton() is open_button:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        box.deleteLater()

    def patient_pdf(self) -> None:
        """The timeline PDF of the patient shown."""
        from vo_crf.reports.patient_reports import safe_file_name, write_patient_reports

        record_id = self._current_record()
        if not record_id:
            QMessageBox.information(self.window, self.tr("Patient timeline"),
                                    self.tr("Open a patient first."))
            return
        path = self._ask_path(self.tr("Patient timeline"), f"{safe_file_name(record_id)}.pdf",
                              "PDF (*.pdf)")
        if path:
            project, user = self.session.project, self.session.user
            language = interface_language()  # the PDF in the interface's language
            self._run(self.tr("Patient timeline"),
                      lambda: write_patient_reports(project, user, path, [record_id],
                                                    force=True, language=language),
                      lambda _r: self.tr("The timeline of {0} was written.").format(record_id),
                      path)

    def all_pdf(self) -> None:
        """Every patient's timeline in one PDF."""
        from vo_crf.reports.patient_reports import write_patient_reports

        path = self._ask_path(self.tr("All patients' timelines"), "timelines.pdf",
                              "PDF (*.pdf)")
        if path:
            project, user = self.session.project, self.session.user
            language = interface_language()
            self._run(self.tr("All patients' timelines"),
                      lambda: write_patient_reports(project, user, path, combined=True,
                                                    force=True, language=language),
                      lambda _r: self.tr("The timelines were written."), path)

    def figures(self) -> None:
        """The study-wide figures: swimmer plot, imaging by visit, markers, flow."""
        from vo_crf.reports.figures import write_figures

        path = self._ask_path(self.tr("Study figures"), "figures.pdf", "PDF (*.pdf)")
        if path:
            project, user = self.session.project, self.session.user
            language = interface_language()
            self._run(self.tr("Study figures"),
                      lambda: write_figures(project, user, path, force=True,
                                            language=language),
                      lambda _r: self.tr("The study figures were written."), path)

    def _export_name(self, key: str, deidentified: bool) -> str:
        from vo_crf.exchange.export_formats import default_export_name

        return default_export_name(self.session.project.study.name, key, deidentified)

    def export_data(self) -> None:
        """Any format ``vo-crf export`` writes, with its options (ui.dialogs.export_dialog)."""
        from ui.dialogs.export_dialog import ExportDialog
        from vo_crf.exchange.export_formats import export_format, run_export

        dialog = ExportDialog(self.session.user, self.window)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            choice = dialog.choice()
            name = dialog.format_box.currentText()
        finally:
            dialog.deleteLater()
        title = self.tr("Export data")
        extension = export_format(choice.key).extension
        path = self._ask_path(title, self._export_name(choice.key, choice.deidentified),
                              f"{name} (*{extension})")
        if path:
            project, user = self.session.project, self.session.user
            language = interface_language()
            self._run(title,
                      lambda: run_export(project, user, choice.key, path, language=language,
                                         deidentified=choice.deidentified,
                                         date_mode=choice.date_mode,
                                         keep_free_text=choice.keep_free_text,
                                         labels=choice.labels,
                                         include_audit=choice.include_audit, force=True),
                      lambda count: self._export_written(choice.key, count), path)

    def _export_written(self, key: str, count: object) -> str:
        """What an export ends with: its count said as the format counts (rows, patients)."""
        if key == "redcap":
            return self.tr("{0} rows exported.").format(count)
        if key == "xlsx":
            return self.tr("Workbook written ({0} patients).").format(count)
        return self.tr("Export written ({0}).").format(count)

    def import_csv(self) -> None:
        """Import a REDCap CSV or CDISC ODM .xml file: a dry run first, its summary, then
        Cancel or Import."""
        path = ask_open_path(self.window, self.tr("Import REDCap CSV or ODM"), Path.home(),
                             self.tr("REDCap CSV or CDISC ODM (*.csv *.xml);;"
                                     "REDCap CSV (*.csv);;CDISC ODM (*.xml)"))
        if path is None:
            return
        title = self.tr("Import REDCap CSV or ODM")

        def failure(error: Exception) -> None:
            from vo_crf.exchange.import_common import ImportFailed, ImportSummary

            if isinstance(error, ImportFailed):  # the summary says why; other options may do
                self._preview_import(Path(path), ImportSummary(dry_run=True),
                                     self._failed_text(error))
                return
            QMessageBox.warning(self.window, title, self._failed_text(error))

        run_task(self.window, title,
                 self._import_work(Path(path), ImportOptions(dry_run=True)),
                 lambda summary: self._preview_import(Path(path), summary), failure)

    def _import_work(self, path: Path, options: ImportOptions) -> Callable[[], object]:
        from vo_crf.exchange.import_file import import_data_file

        project, user = self.session.project, self.session.user
        return lambda: import_data_file(project, user, path, options)

    def _preview_import(self, path: Path, summary: ImportSummary, failed: str = "") -> None:
        """Show the dry run's summary (or why it was refused: ``failed``); on Import, run the
        import with the options chosen."""
        from ui.dialogs.import_preview import ImportPreviewDialog

        title = self.tr("Import REDCap CSV or ODM")
        dialog = ImportPreviewDialog(self.session.project.study, path.name, summary,
                                     self.window)

        def recount() -> None:
            run_task(dialog, title,
                     self._import_work(path, replace(dialog.options(), dry_run=True)),
                     dialog.show_summary,
                     lambda error: dialog.show_failure(self._failed_text(error)))

        dialog.overwrite_changed.connect(lambda _checked: recount())
        dialog.options_changed.connect(recount)
        if failed:
            dialog.show_failure(failed)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            options = dialog.options()
        finally:
            dialog.deleteLater()

        def success(done: ImportSummary) -> None:
            emit(self.data_imported)
            text = self.tr("Imported: {0} forms saved, {1} new patients.").format(
                done.forms_saved, done.records_created)
            if done.out_of_range_count:
                text += " " + self.tr("Out-of-range values accepted with your reason: "
                                      "{0}.").format(done.out_of_range_count)
            if done.kept_invalid_count:
                text += " " + self.tr("Values kept although invalid (listed by the data-"
                                      "quality checks): {0}.").format(done.kept_invalid_count)
            if done.records_moved:
                text += " " + self.tr("Patients moved to another site: {0}.").format(
                    done.records_moved)
            self._finished(title, text, None)

        def failure(error: Exception) -> None:
            QMessageBox.warning(self.window, title, self._failed_text(error))

        run_task(self.window, title, self._import_work(path, options), success, failure)

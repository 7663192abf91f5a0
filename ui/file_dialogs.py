"""Every file dialog of the application: Qt's own widgets, never opening the files they list.

On POSIX systems a ``close()`` of *any* descriptor a process holds on a file drops all of that
process's locks on it. SQLite's locks on the open study database (and its ``-shm``) are such
locks: when anything else in the GUI process opens and closes those files, another process
(``vo-crf report`` at a terminal) believes it is alone, checkpoints and deletes the ``-wal``
the GUI is still writing to. Qt's file dialogs do exactly that while they list a folder:

- ``QFileSystemModel`` asks its icon provider for each file's type and icon; the default
  provider calls ``QMimeDatabase::mimeTypeForFile``, which opens a file to sniff its content
  when the name alone does not decide (``study.sqlite``, ``study.sqlite-wal``,
  ``study.sqlite-shm``); the GTK platform theme's icons do the same through GIO;
- a start path naming a file makes ``QFileDialog``'s constructor look that file up before any
  other provider can be set;
- a native dialog (GTK's file chooser, in-process) sniffs the files it lists; under the GTK
  platform theme ``QFileDialog``'s constructor creates that chooser, which starts listing the
  start folder before a ``DontUseNativeDialog`` option set afterwards can stop it.

So the dialogs here are always Qt's widget dialogs (``AA_DontUseNativeDialogs`` before they are
built, and ``DontUseNativeDialog``), their icon provider derives types and icons from the name
and the kind (file or folder) only, and their constructor is given a folder, the file name being
selected once the provider is in place.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QFileInfo, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QDialog, QFileDialog, QFileIconProvider, QWidget

SAVE, OPEN, FOLDER = "save", "open", "folder"


class NameOnlyIconProvider(QFileIconProvider):
    """Icons and type names from a file's name and kind only: the file is never opened."""

    def icon(self, what: QFileInfo | QFileIconProvider.IconType) -> QIcon:
        """The standard folder or file icon (never the content-based one)."""
        if isinstance(what, QFileInfo):
            kind = QFileIconProvider.IconType.Folder if what.isDir() else \
                QFileIconProvider.IconType.File
            return super().icon(kind)
        return super().icon(what)

    def type(self, info: QFileInfo) -> str:
        """"Folder", "PDF file", "File": from the name, never the content."""
        if info.isDir():
            return QCoreApplication.translate("FileDialogs", "Folder")
        suffix = info.suffix()
        if not suffix:
            return QCoreApplication.translate("FileDialogs", "File")
        return QCoreApplication.translate("FileDialogs", "{0} file").format(suffix.upper())


_provider: NameOnlyIconProvider | None = None


def name_only_icon_provider() -> NameOnlyIconProvider:
    """The one provider of the process (a dialog's model may use it until it is deleted)."""
    global _provider  # noqa: PLW0603 - created on first use, kept for the whole process
    if _provider is None:
        _provider = NameOnlyIconProvider()
    return _provider


def _split_start(start: str | Path) -> tuple[str, str]:
    """Return (folder, file name) of a start path; the folder only ever names a directory."""
    text = str(start).removeprefix("sqlite:///") if start else ""
    if not text:
        return "", ""
    path = Path(text).expanduser()
    if path.is_dir():
        return str(path), ""
    folder = path.parent if path.parent.is_dir() else Path.home()
    return str(folder), path.name


def make_file_dialog(parent: QWidget | None, title: str, start: str | Path = "",
                     filters: str = "", mode: str = SAVE,
                     confirm_overwrite: bool = True) -> QFileDialog:
    """Build (not show) a file dialog that opens none of the files it lists.

    ``start`` may be a folder or a file (its folder is shown with the name selected); ``mode``
    is SAVE, OPEN (an existing file) or FOLDER.
    """
    folder, name = _split_start(start)
    # Set before the constructor: it builds the platform's native dialog (GTK's chooser starts
    # listing, and sniffing, the start folder at once) unless native dialogs are off app-wide.
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)
    dialog = QFileDialog(parent, title, folder, filters)  # a folder: no file looked up yet
    dialog.setObjectName("fileDialog")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setOption(QFileDialog.Option.DontUseCustomDirectoryIcons, True)
    dialog.setIconProvider(name_only_icon_provider())
    if mode == SAVE:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setOption(QFileDialog.Option.DontConfirmOverwrite, not confirm_overwrite)
    elif mode == OPEN:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    else:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    if name:
        dialog.selectFile(name)
    return dialog


def _run(dialog: QFileDialog) -> Path | None:
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        chosen = dialog.selectedFiles()
        return Path(chosen[0]) if chosen and chosen[0] else None
    finally:
        dialog.deleteLater()


def ask_save_path(parent: QWidget | None, title: str, start: str | Path, filters: str,
                  confirm_overwrite: bool = True) -> Path | None:
    """Ask where to save (or which file to create); None when cancelled."""
    return _run(make_file_dialog(parent, title, start, filters, SAVE, confirm_overwrite))


def ask_open_path(parent: QWidget | None, title: str, start: str | Path,
                  filters: str) -> Path | None:
    """Ask for an existing file; None when cancelled."""
    return _run(make_file_dialog(parent, title, start, filters, OPEN))


def ask_folder(parent: QWidget | None, title: str, start: str | Path = "") -> Path | None:
    """Ask for an existing folder; None when cancelled."""
    return _run(make_file_dialog(parent, title, start, "", FOLDER))

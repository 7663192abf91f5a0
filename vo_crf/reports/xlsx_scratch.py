"""Where openpyxl's write-only mode keeps its temporary sheet files while a workbook is built.

openpyxl streams each write-only sheet into a temporary file made in the system temporary
folder (``tempfile.gettempdir()``, often a shared ``/tmp``) and deletes it only at save or at
interpreter exit: a failed or killed export left identified data there. Inside
:func:`sheet_files_in`, the sheets of this thread's workbook go into the folder given instead
(the export's private folder beside its target, removed in every case by
``vo_crf.output_files.scratch_folder``). Other threads keep openpyxl's default.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from openpyxl.worksheet import _writer as openpyxl_writer

_FOLDER: ContextVar[Path | None] = ContextVar("vo_crf_xlsx_scratch", default=None)
_MARK = "_vo_crf_scratch"


def _install() -> None:
    """Wrap openpyxl's temporary-file factory once (it is looked up at each sheet's creation)."""
    original: Callable[..., str] = openpyxl_writer.create_temporary_file
    if getattr(original, _MARK, False):
        return

    def create_temporary_file(suffix: str = "") -> str:
        folder = _FOLDER.get()
        if folder is None:
            return original(suffix)
        descriptor, name = tempfile.mkstemp(suffix=suffix, prefix="openpyxl.", dir=folder)
        os.close(descriptor)
        openpyxl_writer.ALL_TEMP_FILES.append(name)
        return name

    setattr(create_temporary_file, _MARK, True)
    openpyxl_writer.create_temporary_file = create_temporary_file


@contextmanager
def sheet_files_in(folder: Path) -> Iterator[None]:
    """Make openpyxl put this thread's write-only sheet files into ``folder`` meanwhile."""
    _install()
    token = _FOLDER.set(Path(folder))
    try:
        yield
    finally:
        _FOLDER.reset(token)

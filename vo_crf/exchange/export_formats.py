"""Every export format by name, its file extension, a default file name from the study, and one
call running an exporter with the options it accepts (the CLI's ``vo-crf export`` and the GUI's
export dialog offer the same formats through the same core functions).

Role rules stay the exporters' own (``user.require``): an identified export needs
``EXPORT_IDENTIFIED``, keeping free text in a de-identified one too. ``must_deidentify`` says
when a user gets only de-identified exports (the CLI turns ``--deidentified`` on for them).
"""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from vo_crf.auth.permissions import Action
from vo_crf.auth.users import CurrentUser
from vo_crf.exchange.deidentify import DateMode
from vo_crf.project import Project


@dataclass(frozen=True)
class ExportFormat:
    """One export format: its ``--format`` name, the file extension, the exporter."""

    key: str
    extension: str
    reference: str
    """The exporter as 'module:function', imported on use (openpyxl, pandas are slow)."""
    options: tuple[str, ...] = ()
    """Format-specific options it accepts beyond the common ones (labels, include_audit)."""


EXPORT_FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("redcap", ".csv", "vo_crf.exchange.redcap_export:export_redcap_csv"),
    ExportFormat("xlsx", ".xlsx", "vo_crf.reports.workbook:export_workbook"),
    ExportFormat("csv", ".csv", "vo_crf.exchange.stats_export:export_csv", ("labels",)),
    ExportFormat("spss", ".sav", "vo_crf.exchange.stats_export:export_spss"),
    ExportFormat("stata", ".dta", "vo_crf.exchange.stats_export:export_stata"),
    ExportFormat("r", ".R", "vo_crf.exchange.script_exports:export_r"),
    ExportFormat("sas", ".sas", "vo_crf.exchange.script_exports:export_sas"),
    ExportFormat("odm", ".xml", "vo_crf.exchange.odm_export:export_odm", ("include_audit",)),
)
"""In the order a user is offered them."""

_BY_KEY = {f.key: f for f in EXPORT_FORMATS}
_SUFFIXES = {"redcap": "_redcap", "csv": "_tables", "r": "_r", "sas": "_sas", "odm": "_odm"}
"""Keeps two formats sharing an extension (and a script beside its ``_data.csv``) apart."""


def export_format(key: str) -> ExportFormat:
    """Return the format named ``key`` (KeyError naming the known ones otherwise)."""
    try:
        return _BY_KEY[key]
    except KeyError:
        raise KeyError(f"unknown format {key!r} (known: {', '.join(sorted(_BY_KEY))})") from None


def must_deidentify(user: CurrentUser) -> bool:
    """Whether ``user`` may export only de-identified data (the statistician)."""
    return not user.can(Action.EXPORT_IDENTIFIED)


def default_export_name(study_name: str, key: str, deidentified: bool) -> str:
    """A file name for an export of the study ``study_name``: its name made safe for a file,
    the format's suffix, ``_deidentified`` if so, and the extension (``Pain_study_redcap.csv``)."""
    stem = re.sub(r"[^\w.-]+", "_", study_name.strip()).strip("._") or "study"
    fmt = export_format(key)
    tail = "_deidentified" if deidentified else ""
    return f"{stem}{_SUFFIXES.get(key, '')}{tail}{fmt.extension}"


def run_export(project: Project, user: CurrentUser, key: str, path: Path, *,
               deidentified: bool, date_mode: DateMode | str = DateMode.SHIFT,
               keep_free_text: bool = False, labels: bool = False,
               include_audit: bool = True, force: bool = False, language: str = "en") -> int:
    """Write the export ``key`` to ``path`` with the options its exporter accepts; return the
    exporter's count (rows, patients or subjects). Role rules are the exporter's.
    ``language``: that of the human texts of the formats that have some (the workbook's
    About sheet); names of sheets, columns and variables never change."""
    module, _, function = export_format(key).reference.partition(":")
    exporter: Callable[..., int] = getattr(importlib.import_module(module), function)
    offered = {"date_mode": date_mode, "labels": labels, "include_audit": include_audit,
               "keep_free_text": keep_free_text, "language": language}
    accepted = inspect.signature(exporter).parameters
    return exporter(project, user, Path(path), deidentified=deidentified, force=force,
                    **{name: value for name, value in offered.items() if name in accepted})

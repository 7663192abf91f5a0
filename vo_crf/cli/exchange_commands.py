"""Options of ``vo-crf export``/``import`` for the exchange formats (ODM, CSV, SPSS, Stata).

``data_commands`` owns the commands; this module adds the format options to its parsers,
passes each exporter only the options it accepts, and picks the importer by file type.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any

from vo_crf.auth.users import CurrentUser
from vo_crf.exchange.deidentify import DateMode
from vo_crf.exchange.import_common import ImportSummary
from vo_crf.project import Project

EXCHANGE_FORMATS: dict[str, str] = {
    "odm": "vo_crf.exchange.odm_export:export_odm",
    "csv": "vo_crf.exchange.stats_export:export_csv",
    "spss": "vo_crf.exchange.stats_export:export_spss",
    "stata": "vo_crf.exchange.stats_export:export_stata",
}
"""The formats this module contributes to ``EXPORT_FORMATS`` ('module:function')."""


def load_exporter(reference: str) -> Callable[..., int]:
    """Import and return the exporter named 'module:function'."""
    module, _, function = reference.partition(":")
    exporter: Callable[..., int] = getattr(importlib.import_module(module), function)
    return exporter


def register(commands: argparse._SubParsersAction) -> None:
    """No commands of its own: the options are added to ``export`` by data_commands."""


def add_export_options(parser: argparse.ArgumentParser) -> None:
    """Add --date-mode, --labels and --no-audit to the export parser."""
    parser.add_argument("--date-mode", choices=[m.value for m in DateMode],
                        default=DateMode.SHIFT.value,
                        help="de-identified exports: shift every date of a patient by a secret "
                             "offset (shift, default) or write days since M0 (days)")
    parser.add_argument("--labels", action="store_true",
                        help="csv: write choice labels instead of codes")
    parser.add_argument("--no-audit", action="store_true",
                        help="odm: leave the audit trail out (much smaller file)")
    parser.add_argument("--keep-free-text", action="store_true",
                        help="de-identified exports: keep notes and unvalidated text fields "
                             "(left out by default; only for users allowed identified data)")


def exporter_options(exporter: Callable[..., int], args: argparse.Namespace) -> dict[str, Any]:
    """Return the extra keyword arguments ``exporter`` accepts, taken from ``args``."""
    offered = {"date_mode": getattr(args, "date_mode", DateMode.SHIFT.value),
               "labels": getattr(args, "labels", False),
               "include_audit": not getattr(args, "no_audit", False),
               "keep_free_text": getattr(args, "keep_free_text", False)}
    accepted = inspect.signature(exporter).parameters
    return {name: value for name, value in offered.items() if name in accepted}


def import_file(project: Project, user: CurrentUser, path: Path) -> ImportSummary:
    """Import a CDISC ODM .xml file or a REDCap CSV file, all or nothing."""
    from vo_crf.exchange.odm_import import import_odm, looks_like_odm
    from vo_crf.exchange.redcap_import import import_redcap_csv

    if looks_like_odm(path):
        return import_odm(project, user, path)
    return import_redcap_csv(project, user, path)

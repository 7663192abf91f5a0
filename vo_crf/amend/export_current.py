"""Writing the definition in force to a folder, so that the next amendment starts from it.

Settings changed in the application (double data entry, through settings-only amendments) live
only in the database's newest definition version; an amendment prepared from the shipped folder
would silently undo them. ``export_current_definition`` writes that version's REDCap files and
``project.json`` exactly as stored, plus the analysis plan in force (the study's own, stored
in ``project.json``; none for a study without one).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from vo_crf.analysis.plan import PLAN_FILE, load_analysis_plan
from vo_crf.auth.permissions import Action
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session
from vo_crf.output_files import refuse_protected, study_database
from vo_crf.paths import default_study_dir
from vo_crf.project import Project, stored_definition_texts
from vo_crf.study import loader

DEFINITION_FILES = (loader.DICTIONARY, loader.EVENTS, loader.MAPPING, loader.REPEATING,
                    loader.PROJECT, PLAN_FILE)


class ExportRefused(ValueError):
    """The folder cannot take the definition (the message says why); nothing was written."""


def export_current_definition(project: Project, user: CurrentUser, folder: Path | str,
                              force: bool = False) -> list[Path]:
    """Write the definition version in force into ``folder``; return the files written.

    The folder must be new or empty; with ``force`` an existing folder is used and the
    definition files in it are replaced (a stale ``repeating_forms.csv`` is removed when the
    definition has none). Never writes onto the database or its ``-wal``/``-shm`` files.
    """
    user.require(Action.AMEND_STUDY)
    folder = Path(folder)
    _check_target(project, folder, force)
    with read_session(project.engine) as session:
        files = stored_definition_texts(session, project.definition_version)
    texts = dict(files)  # the plan file is written apart from project.json
    stored_plan = files.settings.get("analysis_plan")
    plan = default_study_dir() / PLAN_FILE
    if stored_plan is not None:  # the study's own plan, stored with its definition
        shipped = plan.read_text(encoding="utf-8") if plan.exists() else ""
        texts[PLAN_FILE] = shipped if shipped and json.loads(shipped) == stored_plan else \
            json.dumps(stored_plan, indent=2, ensure_ascii=False) + "\n"
    elif project.study.analysis_plan is None and load_analysis_plan(project.study) is not None \
            and plan.exists():  # a database made before plans were stored: the built-in one
        texts[PLAN_FILE] = plan.read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name in DEFINITION_FILES:
        target = folder / name
        text = texts.get(name, "")
        if not text:
            if target.exists():
                target.unlink()  # a stale optional file would change the definition
            continue
        partial = folder / f".{name}.part"
        partial.write_text(text, encoding="utf-8", newline="")
        os.replace(partial, target)
        written.append(target)
    return written


def _check_target(project: Project, folder: Path, force: bool) -> None:
    database = study_database(project)
    for target in (folder, *(folder / name for name in DEFINITION_FILES)):
        refuse_protected(target, database, ExportRefused)  # the database, journals, backups
    if folder.exists() and not folder.is_dir():
        raise ExportRefused(f"{folder} is a file, not a folder: give a new or empty folder")
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise ExportRefused(f"{folder} is not empty: give a new or empty folder, or --force to "
                            "replace the definition files in it")
    if folder.is_dir() and not os.access(folder, os.W_OK):
        raise ExportRefused(f"{folder} is not writable")

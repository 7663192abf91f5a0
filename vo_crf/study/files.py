"""The files of a study definition, as one value: read from a folder or a stored version.

``StudyFiles`` holds the texts of the REDCap data dictionary, the events, the form-event
mapping, the repeating forms and ``project.json`` (the study's analysis plan inside it). It is
also a read-only mapping from file name to text, the shape the loader and the database row
read, so ``files[DICTIONARY]`` and ``files.get(PROJECT)`` work.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vo_crf.study.errors import DefinitionError

DICTIONARY = "data_dictionary.csv"
EVENTS = "events.csv"
MAPPING = "instrument_event_mapping.csv"
REPEATING = "repeating_forms.csv"
PROJECT = "project.json"
PLAN = "analysis_plan.json"

_ATTRIBUTES = {DICTIONARY: "dictionary", EVENTS: "events", MAPPING: "mapping",
               REPEATING: "repeating", PROJECT: "project"}


@dataclass(frozen=True)
class StudyFiles(Mapping[str, str]):
    """The texts of a study definition's files ('' for an optional file it lacks)."""

    dictionary: str
    events: str = ""
    mapping: str = ""
    repeating: str = ""
    project: str = ""
    """``project.json``: name, missing-data codes, protocol rules, the analysis plan."""

    @classmethod
    def read(cls, folder: Path | str) -> StudyFiles:
        """Read the definition kept in ``folder``, once each file.

        The folder's analysis plan (``analysis_plan.json``), when it has one, goes inside the
        ``project.json`` text, under ``"analysis_plan"``, so that it is stored, versioned and
        amended with the rest. A missing dictionary or a file that is not UTF-8 raises
        DefinitionError naming the file.
        """
        folder = Path(folder)
        texts = {name: _read(folder / name, required=name == DICTIONARY)
                 for name in _ATTRIBUTES}
        plan = _read(folder / PLAN, required=False)
        if plan:
            texts[PROJECT] = with_analysis_plan(texts[PROJECT], plan)
        return cls.of(texts)

    @classmethod
    def of(cls, texts: Mapping[str, str]) -> StudyFiles:
        """The files of a mapping from file name to text (missing names: '')."""
        if isinstance(texts, StudyFiles):
            return texts
        unknown = sorted(set(texts) - set(_ATTRIBUTES))
        if unknown:
            raise KeyError(f"not a study definition file: {', '.join(unknown)}")
        return cls(**{attribute: texts.get(name) or "" for name, attribute in
                      _ATTRIBUTES.items()})

    @property
    def settings(self) -> dict[str, Any]:
        """``project.json`` as a dict ({} when there is none)."""
        settings = json.loads(self.project or "{}")
        return settings if isinstance(settings, dict) else {}

    def with_settings(self, settings: Mapping[str, Any]) -> StudyFiles:
        """The same files with another ``project.json``."""
        return dataclasses.replace(
            self, project=json.dumps(dict(settings), indent=2, ensure_ascii=False) + "\n")

    def __getitem__(self, name: str) -> str:
        """The text of the file called ``name``; KeyError for a name that is no such file."""
        return str(getattr(self, _ATTRIBUTES[name]))

    def __iter__(self) -> Iterator[str]:
        """The file names."""
        return iter(_ATTRIBUTES)

    def __len__(self) -> int:
        """How many files a definition has (the optional ones included)."""
        return len(_ATTRIBUTES)


def with_analysis_plan(project_text: str, plan_text: str) -> str:
    """Return the ``project.json`` text holding the plan (a broken plan is refused by name)."""
    try:
        plan = json.loads(plan_text)
        settings = json.loads(project_text or "{}")
    except json.JSONDecodeError as exc:
        raise DefinitionError(PLAN, exc.lineno, f"not valid JSON: {exc.msg}") from None
    if settings.get("analysis_plan") == plan:
        return project_text
    settings["analysis_plan"] = plan
    return json.dumps(settings, indent=2, ensure_ascii=False) + "\n"


def _read(path: Path, required: bool) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        if not required:
            return ""
        raise DefinitionError(path.name, 0, f"file not found in {path.parent}") from None
    except UnicodeDecodeError as exc:
        raise DefinitionError(path.name, 0, f"not UTF-8 text ({exc.reason})") from None

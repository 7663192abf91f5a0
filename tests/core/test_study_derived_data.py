"""The study owns its derived data (issue 15 item 3): the definition files are one
``StudyFiles`` value, read once and parsed once at ``init``; lookups derived from the frozen
study are computed once per study and live and die with it."""

from __future__ import annotations

import gc
import shutil
import weakref
from collections import Counter
from pathlib import Path

import pytest

from vo_crf.paths import default_study_dir
from vo_crf.project import init_project
from vo_crf.study import loader
from vo_crf.study.files import DICTIONARY, PLAN, PROJECT, StudyFiles


@pytest.fixture
def study_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "vo"
    shutil.copytree(default_study_dir(), folder)
    return folder


def test_init_reads_the_folder_once_and_parses_the_definition_once(
        study_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reads: Counter[str] = Counter()
    read_text = Path.read_text

    def counting_read(path: Path, *args: object, **kwargs: object) -> str:
        if path.parent == study_folder:
            reads[path.name] += 1
        return read_text(path, *args, **kwargs)  # type: ignore[arg-type]

    parses: list[str] = []
    parse = loader.study_from_texts

    def counting_parse(*args: object, **kwargs: object):  # noqa: ANN202
        parses.append("parsed")
        return parse(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_text", counting_read)
    monkeypatch.setattr(loader, "study_from_texts", counting_parse)
    project = init_project(str(tmp_path / "study.sqlite"), "admin", "a-long-password-1",
                           study_dir=study_folder)
    try:
        assert project.study.name
        assert reads and set(reads.values()) == {1}, reads
        assert len(parses) == 1
    finally:
        project.close()


def test_study_files_are_one_value_read_from_a_folder(study_folder: Path) -> None:
    files = StudyFiles.read(study_folder)
    assert files[DICTIONARY] == files.dictionary
    assert files.dictionary.startswith("Variable / Field Name")
    assert "analysis_plan" in files.settings  # the folder's plan travels inside project.json
    assert set(files) == {DICTIONARY, "events.csv", "instrument_event_mapping.csv",
                          "repeating_forms.csv", PROJECT}
    renamed = files.with_settings({**files.settings, "name": "Renamed"})
    assert loader.study_from_files(renamed, "x").name == "Renamed"
    assert StudyFiles.of(dict(files)) == files
    (study_folder / PLAN).write_text("{ not json", encoding="utf-8")
    with pytest.raises(loader.DefinitionError, match=PLAN):
        StudyFiles.read(study_folder)


def test_derived_data_is_made_once_and_dies_with_its_study(study_folder: Path) -> None:
    from vo_crf.analysis.plan import load_analysis_plan
    from vo_crf.entry.study_index import study_checks, study_index

    study = loader.load_study(study_folder)
    assert study.index is study.index is study_index(study)
    assert study.index.form("biology").name == "biology"
    assert study.index.field_events["bio_crp"][0] == "biology"
    assert study_checks(study) is study_checks(study)
    plan = load_analysis_plan(study)
    assert plan is not None and load_analysis_plan(study) is plan
    other = loader.load_study(study_folder)  # an equal study has its own derived data
    assert other == study and other.index is not study.index
    gone = weakref.ref(study)
    del study, plan
    gc.collect()
    assert gone() is None  # nothing outside the study holds on to it

"""Help → About's facts, from the core: version, database, definition version, licences."""

from __future__ import annotations

from importlib import metadata
from unittest import mock

from vo_crf import __version__
from vo_crf.about import about_facts, bundled_components


def test_about_names_the_database_and_the_definition_in_use(project, db_path) -> None:
    facts = about_facts(project)
    assert facts.version == __version__
    assert facts.database == f"sqlite:///{db_path}"
    assert facts.definition_version == project.definition_version == 1
    assert facts.study == project.study.name


def test_every_bundled_part_has_a_licence_and_its_version() -> None:
    parts = {c.name: c for c in bundled_components()}
    assert parts["Qt 6 and PySide6 (Qt for Python)"].licence == "LGPL-3.0-only"
    assert parts["SQLAlchemy"].version.startswith("2.")
    assert parts["openpyxl"].licence == "MIT"
    assert "DejaVu" in parts["DejaVu fonts"].licence
    assert all(c.licence for c in parts.values())


def test_versions_come_from_the_modules_when_a_frozen_build_has_no_metadata() -> None:
    with mock.patch.object(metadata, "version", side_effect=metadata.PackageNotFoundError):
        parts = {c.name: c for c in bundled_components()}
    assert parts["vo-crf"].version == __version__
    assert parts["SQLAlchemy"].version.startswith("2.")
    assert parts["reportlab"].version

"""What Help → About shows: version, database, study definition, licences of the bundled parts."""

from __future__ import annotations

import platform
from dataclasses import dataclass
from importlib import metadata

from sqlalchemy import make_url

from vo_crf import __version__
from vo_crf.project import Project


@dataclass(frozen=True)
class Component:
    """One part shipped with the application, its installed version and its licence."""

    name: str
    version: str
    licence: str


BUNDLED: tuple[tuple[str, str | None, str], ...] = (
    ("vo-crf", "vo-crf", "MIT"),
    ("Qt 6 and PySide6 (Qt for Python)", "PySide6-Essentials", "LGPL-3.0-only"),
    ("SQLAlchemy", "SQLAlchemy", "MIT"),
    ("Alembic", "alembic", "MIT"),
    ("psycopg", "psycopg", "LGPL-3.0-only"),
    ("platformdirs", "platformdirs", "MIT"),
    ("argon2-cffi", "argon2-cffi", "MIT"),
    ("openpyxl", "openpyxl", "MIT"),
    ("et-xmlfile", "et-xmlfile", "MIT"),
    ("reportlab", "reportlab", "BSD (reportlab open-source licence)"),
    ("Pillow", "pillow", "MIT-CMU"),
    ("lxml", "lxml", "BSD-3-Clause"),
    ("pyreadstat", "pyreadstat", "Apache-2.0"),
    ("pandas", "pandas", "BSD-3-Clause"),
    ("NumPy", "numpy", "BSD-3-Clause AND 0BSD AND MIT AND Zlib AND CC0-1.0"),
    ("DejaVu fonts", None, "Bitstream Vera licence; DejaVu changes public domain "
                           "(resources/fonts/DejaVu-LICENSE.txt)"),
)
"""(shown name, distribution name or None, licence as SPDX id where there is one)."""


def bundled_components() -> list[Component]:
    """Return the bundled parts with their installed versions ('' when not installed)."""
    found: list[Component] = []
    for name, distribution, licence in BUNDLED:
        version = ""
        if distribution is not None:
            try:
                version = metadata.version(distribution)
            except metadata.PackageNotFoundError:
                version = __version__ if distribution == "vo-crf" else ""
        found.append(Component(name, version, licence))
    return found


@dataclass(frozen=True)
class AboutFacts:
    """The application and database facts Help → About shows."""

    version: str
    python: str
    database: str
    study: str
    definition_version: int


def about_facts(project: Project) -> AboutFacts:
    """Return the version, the database (password hidden) and the study definition in use."""
    return AboutFacts(__version__, platform.python_version(),
                      make_url(project.url).render_as_string(hide_password=True),
                      project.study.name, project.definition_version)

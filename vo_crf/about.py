"""What Help → About shows: version, database, study definition, licences of the bundled parts."""

from __future__ import annotations

import importlib
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


MODULE_VERSIONS: dict[str, tuple[str, str]] = {
    "vo-crf": ("vo_crf", "__version__"), "PySide6-Essentials": ("PySide6", "__version__"),
    "SQLAlchemy": ("sqlalchemy", "__version__"), "alembic": ("alembic", "__version__"),
    "platformdirs": ("platformdirs", "__version__"),
    "openpyxl": ("openpyxl", "__version__"), "reportlab": ("reportlab", "Version"),
    "pillow": ("PIL", "__version__"), "lxml": ("lxml", "__version__"),
    "pyreadstat": ("pyreadstat", "__version__"), "pandas": ("pandas", "__version__"),
    "numpy": ("numpy", "__version__"),
}
"""Where a module states its own version: a frozen build may ship no package metadata."""


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        pass
    module_name, attribute = MODULE_VERSIONS.get(distribution, ("", ""))
    if not module_name:
        return ""
    try:
        return str(getattr(importlib.import_module(module_name), attribute, ""))
    except ImportError:
        return ""


def bundled_components() -> list[Component]:
    """Return the bundled parts with their versions ('' when not installed)."""
    return [Component(name, _version(distribution) if distribution else "", licence)
            for name, distribution, licence in BUNDLED]


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

"""Where the application keeps its files: resources shipped with it and the user's data."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "vo-crf"
APP_AUTHOR = "vo-crf"


def resources_dir() -> Path:
    """Return the folder of shipped resources (works from source and from a frozen build)."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def default_study_dir() -> Path:
    """Return the folder of the built-in VO study definition."""
    return resources_dir() / "studies" / "vo"


def user_data_dir() -> Path:
    """Return (and create) the per-user data folder."""
    path = Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_url() -> str:
    """Return the database URL used when none is given: env ``VO_CRF_DB`` or SQLite in user data."""
    from_env = os.environ.get("VO_CRF_DB")
    if from_env:
        return to_database_url(from_env)
    return to_database_url(str(user_data_dir() / "vo-crf.sqlite"))


def sqlite_file(url: str) -> Path | None:
    """Return the file of an SQLite URL (plain or ``file:...?mode=ro`` URI form), else None."""
    from sqlalchemy import make_url

    parsed = make_url(url)
    database = parsed.database or ""
    if parsed.get_backend_name() != "sqlite" or database in ("", ":memory:"):
        return None
    if database.startswith("file:"):
        database = database.removeprefix("file:").split("?", 1)[0]
    return Path(database)


def to_database_url(path_or_url: str) -> str:
    """Turn a file path into an SQLite URL; leave SQLAlchemy URLs untouched."""
    if "://" in path_or_url:
        return path_or_url
    return "sqlite:///" + str(Path(path_or_url).expanduser().resolve())

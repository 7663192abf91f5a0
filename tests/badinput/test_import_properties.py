"""Property tests over the importers: a mangled file is imported or refused whole, never a crash.

Each example starts from a valid file (REDCap CSV or CDISC ODM written by the application),
damages it at random (characters inserted, deleted or replaced, lines dropped or doubled, cells
changed) and imports it: the result is either a successful import or ``ImportFailed`` with a line
number — any other exception is a bug — and a refused file leaves the database unchanged.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from random_cohort import cohort_csv

from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.exchange.odm_export import export_odm
from vo_crf.exchange.odm_import import import_odm_bytes
from vo_crf.exchange.redcap_import import ImportFailed, import_redcap_text
from vo_crf.project import open_project

NURSE = CurrentUser("nurse", Role.NURSE)
ADMIN = CurrentUser("admin", Role.ADMIN)
SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


@st.composite
def mangled(draw: st.DrawFn, text: str) -> str:
    """Damage ``text`` with one to three random edits."""
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["insert", "delete", "replace", "drop_line", "double_line",
                                     "cell"]))
        lines = text.split("\n")
        if kind in ("drop_line", "double_line") and len(lines) > 2:
            index = draw(st.integers(0, len(lines) - 1))
            if kind == "drop_line":
                del lines[index]
            else:
                lines.insert(index, lines[index])
            text = "\n".join(lines)
            continue
        if kind == "cell" and "," in text:
            index = draw(st.integers(0, len(lines) - 1))
            cells = lines[index].split(",")
            cells[draw(st.integers(0, len(cells) - 1))] = draw(
                st.sampled_from(["", "x", "9999", "-1", "2001-02-30", "NA", '"', "1e9", "é"]))
            lines[index] = ",".join(cells)
            text = "\n".join(lines)
            continue
        position = draw(st.integers(0, max(0, len(text) - 1)))
        noise = draw(st.text(alphabet=',"\n<>/=&;:-.0123456789abxyzé\x00', min_size=1,
                             max_size=6))
        if kind == "insert":
            text = text[:position] + noise + text[position:]
        elif kind == "delete":
            text = text[:position] + text[position + len(noise):]
        else:
            text = text[:position] + noise + text[position + len(noise):]
    return text


def _fingerprint(db: Path) -> tuple[int, int, int]:
    with sqlite3.connect(db) as connection:
        return tuple(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                     for table in ("records", "form_instances", "item_values"))


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> dict[str, str]:
    """A valid small CSV and the ODM file the application writes for the same data."""
    folder = tmp_path_factory.mktemp("valid")
    shutil.copy(template_db, folder / "db.sqlite")
    project = open_project(str(folder / "db.sqlite"))
    text = cohort_csv(project.study, patients=2, seed=5)
    import_redcap_text(project, NURSE, text, "valid.csv")
    export_odm(project, ADMIN, folder / "valid.xml", include_audit=False)
    project.close()
    return {"csv": text, "odm": (folder / "valid.xml").read_text(encoding="utf-8")}


def _check(db_path: Path, importer, payload) -> None:  # noqa: ANN001
    before = _fingerprint(db_path)
    project = open_project(str(db_path))
    try:
        importer(project, payload)
    except ImportFailed as failed:
        assert failed.problems and all(p.line >= 1 for p in failed.problems)
        assert str(failed).startswith("import refused, nothing was stored")
        assert _fingerprint(db_path) == before
    finally:
        project.close()


@SETTINGS
@given(data=st.data())
def test_mangled_csv_is_imported_or_refused_whole(db_path: Path, sources: dict[str, str],
                                                  data: st.DataObject) -> None:
    text = data.draw(mangled(sources["csv"]))
    _check(db_path, lambda p, t: import_redcap_text(p, NURSE, t, "mangled.csv"), text)


@SETTINGS
@given(data=st.data())
def test_mangled_odm_is_imported_or_refused_whole(db_path: Path, sources: dict[str, str],
                                                  data: st.DataObject) -> None:
    text = data.draw(mangled(sources["odm"]))
    _check(db_path, lambda p, t: import_odm_bytes(p, NURSE, t.encode("utf-8"), "mangled.xml"),
           text)

"""Every command that shows or changes study data needs a login; sync conflicts are shown to a
role without identified access as its de-identified view (issue 12, item 1 and "no login")."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from accounts import PASSWORDS
from sync.sync_helpers import make_site, save

from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.cli import build_parser, main
from vo_crf.entry.records import create_record
from vo_crf.exchange.deidentify import Deidentifier
from vo_crf.project import Project
from vo_crf.sync.conflicts import describe_conflict, list_conflicts
from vo_crf.sync.run import synchronise

NO_LOGIN = {"init", "demo", "gui"}
"""Commands without ``--user``: init and demo create a new database (refusing an existing one)
and name its first admin; the GUI logs in in its own window."""


def _user_options(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    return [a for a in parser._actions if "--user" in a.option_strings]


def _commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = (),
              asked: tuple[argparse.Action, ...] = ()
              ) -> Iterator[tuple[tuple[str, ...], tuple[argparse.Action, ...]]]:
    """Every command a user can run, with the ``--user`` options of it and its parents
    (``queries --user NAME raise …`` takes the user before the step)."""
    asked = (*asked, *_user_options(parser))
    children = [action for action in parser._actions
                if isinstance(action, argparse._SubParsersAction)]
    if path and parser.get_default("handler") is not None:
        yield path, asked
    for action in children:
        for name, child in action.choices.items():
            yield from _commands(child, (*path, name), asked)


def test_every_command_on_study_data_asks_for_a_user() -> None:
    found = list(_commands(build_parser()))
    assert {path[0] for path, _ in found} >= {"export", "report", "queries", "quality",
                                               "backup", "restore", "sync", "audit"}
    without = [" ".join(path) for path, asked in found if path[0] not in NO_LOGIN
               and not any(option.required for option in asked)
               and path != ("sync",)]  # sync checks --user itself (with --central)
    assert without == []


def test_sync_conflicts_without_a_login_is_refused(db_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as refused:
        main(["sync", "conflicts", "--db", str(db_path)])
    assert refused.value.code == 1
    assert "required: --user" in capsys.readouterr().err


def test_sync_conflicts_with_a_wrong_password_is_refused(
        db_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VO_CRF_PASSWORD", "not-the-password")
    assert main(["sync", "conflicts", "--db", str(db_path), "--user", "inv"]) == 1
    assert "login refused" in capsys.readouterr().err


@pytest.fixture
def conflicted(template_db: Path, tmp_path: Path, users: dict[str, CurrentUser]
               ) -> Iterator[tuple[Project, str]]:
    """Site 2 with open conflicts on the initials (an identifier) and the enrolment date."""
    central = tmp_path / "central" / "central.sqlite"
    central.parent.mkdir()
    central.write_bytes(template_db.read_bytes())
    site_a = make_site(template_db, tmp_path / "a", "1", users["admin"])
    site_b = make_site(template_db, tmp_path / "b", "2", users["admin"])
    nurse, inv = users["nurse"], users["inv"]
    record_id = create_record(site_a, nurse, "1")
    save(site_a, nurse, record_id, "enrolment", {"initials": "AB", "enrol_date": "2005-03-01"})
    for site in (site_a, site_b):
        synchronise(site, nurse, str(central))
    save(site_a, nurse, record_id, "enrolment", {"initials": "ZQ", "enrol_date": "2005-03-02"})
    save(site_b, inv, record_id, "enrolment", {"initials": "XW", "enrol_date": "2005-03-03"})
    synchronise(site_a, nurse, str(central))
    assert synchronise(site_b, nurse, str(central)).pulled.conflicts == 2
    site_a.close()
    yield site_b, record_id
    site_b.close()


def test_conflicts_are_shown_deidentified_to_a_statistician(
        conflicted: tuple[Project, str], users: dict[str, CurrentUser],
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    site, record_id = conflicted
    pseudonym = Deidentifier(site).record_id(record_id)
    offset = dt.timedelta(days=Deidentifier(site).date_offset(record_id))
    real = {c.field: c for c in list_conflicts(site, users["inv"])}
    shown = {c.field: c for c in list_conflicts(site, users["stat"])}
    assert set(shown) == set(real) == {"initials", "enrol_date"}
    assert {c.record_id for c in shown.values()} == {pseudonym}
    assert (shown["initials"].local_value, shown["initials"].remote_value) == ("", "")
    assert shown["enrol_date"].local_value == str(dt.date(2005, 3, 3) + offset)
    assert shown["enrol_date"].remote_value == str(dt.date(2005, 3, 2) + offset)
    assert shown["enrol_date"].local_at == real["enrol_date"].local_at + offset
    text = "\n".join(describe_conflict(c) for c in shown.values())
    for identified in (record_id, "ZQ", "XW", "2005-03-02", "2005-03-03"):
        assert identified not in text
    monkeypatch.setenv("VO_CRF_PASSWORD", PASSWORDS["stat"])
    assert main(["sync", "conflicts", "--db", site.url, "--user", "stat"]) == 0
    listing = capsys.readouterr().out
    assert pseudonym in listing and record_id not in listing and "ZQ" not in listing
    monkeypatch.setenv("VO_CRF_PASSWORD", PASSWORDS["inv"])
    assert main(["sync", "conflicts", "--db", site.url, "--user", "inv"]) == 0
    listing = capsys.readouterr().out
    assert record_id in listing and "'ZQ'" in listing and "'XW'" in listing


def test_listing_conflicts_is_a_read_of_data(conflicted: tuple[Project, str]) -> None:
    site, _ = conflicted
    for role in Role:  # every role reads data: each gets the list (its own view of it)
        assert len(list_conflicts(site, CurrentUser("someone", role))) == 2


def test_the_view_and_the_exports_remove_the_same_fields(project: Project,
                                                         tmp_path: Path) -> None:
    """One rule (deidentify.removed_when_deidentified) for screens and files, in the VO study
    and in a study with every field and validation type."""
    from redcap_studies import ALL_TYPES, init_study

    from vo_crf.auth.record_view import DeidentifiedView
    from vo_crf.exchange.deidentify import removed_when_deidentified

    other = init_study(tmp_path, ALL_TYPES, name="all-types")
    try:
        for study_project in (project, other):
            study = study_project.study
            view = DeidentifiedView(study_project)
            removed = {f.name for f in study.fields if f.name != study.record_id_field
                       and removed_when_deidentified(study, f)}
            hidden = {f.name for f in study.fields
                      if not view.shows(f) and not view.shows(f.name)}
            assert hidden == removed and removed
            assert view.shows(study.record_id_field)  # shown, as its pseudonym
    finally:
        other.close()

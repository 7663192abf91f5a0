"""The export formats the GUI offers are the CLI's, with file names made from the study."""

from __future__ import annotations

import pytest

from vo_crf.auth.users import CurrentUser
from vo_crf.cli.data_commands import EXPORT_FORMATS as CLI_FORMATS
from vo_crf.exchange.export_formats import (
    EXPORT_FORMATS,
    default_export_name,
    export_format,
    must_deidentify,
)
from vo_crf.project import Project


def test_the_gui_offers_every_cli_format_through_the_same_exporter() -> None:
    assert {f.key: f.reference for f in EXPORT_FORMATS} == CLI_FORMATS
    assert [f.key for f in EXPORT_FORMATS] == ["redcap", "xlsx", "csv", "spss", "stata", "r",
                                               "sas", "odm"]


def test_default_names_come_from_the_study_name() -> None:
    assert default_export_name("Pain study (2026)", "redcap", False) == \
        "Pain_study_2026_redcap.csv"
    assert default_export_name("Pain study", "spss", True) == "Pain_study_deidentified.sav"
    assert default_export_name("Étude / «douleur»", "r", False) == "Étude_douleur_r.R"
    assert default_export_name("///", "odm", False) == "study_odm.xml"
    with pytest.raises(KeyError, match="known"):
        export_format("pdf")


def test_only_roles_without_identified_exports_must_deidentify(
        users: dict[str, CurrentUser]) -> None:
    assert must_deidentify(users["stat"]) and not must_deidentify(users["inv"])


def test_the_statistician_cannot_keep_free_text(project: Project,
                                                users: dict[str, CurrentUser],
                                                tmp_path) -> None:  # noqa: ANN001
    from vo_crf.exchange.export_formats import run_export

    with pytest.raises(Exception, match="identified"):
        run_export(project, users["stat"], "csv", tmp_path / "t.csv", deidentified=True,
                   keep_free_text=True)
    assert not (tmp_path / "t.csv").exists()

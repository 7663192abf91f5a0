"""REDCap action tags offline (issue 13): parsed from the field annotation, and the ones that
are rules (@CHARLIMIT, @MAXCHECKED, @NONEOFTHEABOVE, @READONLY) enforced by the core."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from redcap_studies import ADMIN, DD_HEADER, init_study

from vo_crf.entry import EntryService, FormKey, SaveRefused
from vo_crf.entry.records import create_record
from vo_crf.exchange.import_common import ImportFailed
from vo_crf.exchange.redcap_import import import_redcap_csv
from vo_crf.project import Project
from vo_crf.study.action_tags import parse_action_tags

EVENT = "event_1_arm_1"


def _annotated(rows: list[tuple[str, ...]]) -> str:
    """A data dictionary of (name, form, type, label, choices, annotation[, validation])."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(DD_HEADER)
    for name, form, kind, label, choices, annotation, *validation in rows:
        writer.writerow([name, form, "", kind, label, choices, "", *validation[:1],
                         *[""] * (10 - len(validation[:1])), annotation])
    return out.getvalue()


TAGGED = {
    "data_dictionary.csv": _annotated([
        ("pid", "visit", "text", "Patient", "", ""),
        ("note", "visit", "notes", "Short note", "", "@CHARLIMIT=12"),
        ("signs", "visit", "checkbox", "Signs", "1, Rash | 2, Fever | 3, Cough | 99, None",
         "@MAXCHECKED=2 @NONEOFTHEABOVE='99'"),
        ("centre", "visit", "text", "Centre", "", "@READONLY @DEFAULT='Lyon'"),
        ("checked_by", "visit", "text", "Checked by", "", "@READONLY"),
    ]),
    "project.json": '{"name": "Tagged"}\n',
}


def test_every_offline_tag_is_read_from_the_annotation() -> None:
    tags = parse_action_tags(
        "Ask twice. @HIDDEN-FORM @READONLY @DEFAULT='Paris, 75' @CHARLIMIT=40 "
        "@MAXCHECKED = 2 @NONEOFTHEABOVE=\"98,99\" @HIDECHOICE='3, 4' "
        "@PLACEHOLDER='e.g. 12 mg' @CALCTEXT(if([x] > 1, 'big (1)', 'small')) "
        "@CALCDATE([visit_date], 7, 'd') @TODAY @NOW @HIDDEN-SURVEY")
    assert tags.hidden and tags.readonly and tags.today and tags.now
    assert tags.default == "Paris, 75"
    assert (tags.char_limit, tags.max_checked) == (40, 2)
    assert tags.none_of_the_above == ("98", "99")
    assert tags.hidden_choices == ("3", "4")
    assert tags.placeholder == "e.g. 12 mg"
    assert tags.calctext == "if([x] > 1, 'big (1)', 'small')"
    assert tags.calcdate == ("[visit_date]", "7", "d")
    assert not parse_action_tags("@HIDDEN-SURVEY @HIDDEN-APP").hidden
    assert parse_action_tags("e-mail me@HIDDEN.org").hidden is True  # REDCap reads it too
    assert parse_action_tags("").placeholder == ""


@pytest.fixture
def tagged(tmp_path: Path) -> Project:
    project = init_study(tmp_path, TAGGED, "tagged")
    yield project
    project.close()


def _refusal(project: Project, values: dict[str, str], record: str | None = None) -> str:
    record = record or create_record(project, ADMIN, "1", "T-1")
    with pytest.raises(SaveRefused) as refused:
        EntryService(project, ADMIN).save_form(FormKey(record, EVENT, "visit"), values, 0)
    return str(refused.value)


def test_charlimit_refuses_longer_text_naming_field_and_rule(tagged: Project) -> None:
    text = _refusal(tagged, {"note": "thirteen char"})
    assert "Short note (note)" in text and "13 characters" in text and "12" in text
    assert "@CHARLIMIT" in text


def test_maxchecked_refuses_a_third_option(tagged: Project) -> None:
    text = _refusal(tagged, {"signs": "1,2,3"})
    assert "Signs (signs)" in text and "3 options" in text and "@MAXCHECKED" in text


def test_none_of_the_above_excludes_the_other_options(tagged: Project) -> None:
    text = _refusal(tagged, {"signs": "1,99"})
    assert "Signs (signs)" in text and "99" in text and "@NONEOFTHEABOVE" in text
    record = create_record(tagged, ADMIN, "1", "T-2")
    EntryService(tagged, ADMIN).save_form(FormKey(record, EVENT, "visit"), {"signs": "99"}, 0)


def test_readonly_keeps_its_default_and_refuses_changes(tagged: Project) -> None:
    service = EntryService(tagged, ADMIN)
    record = create_record(tagged, ADMIN, "1", "T-3")
    key = FormKey(record, EVENT, "visit")
    service.save_form(key, {"centre": "Lyon"}, 0)  # the default a new form starts with
    with pytest.raises(SaveRefused) as refused:
        service.save_form(key, {"centre": "Nice"}, 0)
    assert "Centre (centre)" in str(refused.value) and "@READONLY" in str(refused.value)
    text = _refusal(tagged, {"checked_by": "me"}, record)
    assert "Checked by (checked_by)" in text
    assert service.open_form(key).value("centre") == "Lyon"


def test_imports_obey_the_rules_but_may_fill_readonly_fields(tagged: Project,
                                                              tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_text("pid,note,signs___1,signs___2,signs___3,signs___99,centre,checked_by,"
                    "visit_complete\nT-9,short,1,0,0,0,Nice,Dr B,2\n", encoding="utf-8")
    import_redcap_csv(tagged, ADMIN, good)
    state = EntryService(tagged, ADMIN).open_form(FormKey("T-9", EVENT, "visit"))
    assert (state.value("centre"), state.value("checked_by")) == ("Nice", "Dr B")
    for row, rule in (("T-10,far too long a note,1,0,0,0,2", "@CHARLIMIT"),
                      ("T-11,ok,1,1,1,0,2", "@MAXCHECKED"),
                      ("T-12,ok,1,0,0,1,2", "@NONEOFTHEABOVE")):
        bad = tmp_path / "bad.csv"
        bad.write_text("pid,note,signs___1,signs___2,signs___3,signs___99,visit_complete\n"
                       f"{row}\n", encoding="utf-8")
        with pytest.raises(ImportFailed) as refused:
            import_redcap_csv(tagged, ADMIN, bad)
        assert rule in str(refused.value) and "line 2" in str(refused.value)


COMPUTED = {
    "data_dictionary.csv": _annotated([
        ("pid", "visit", "text", "Patient", "", ""),
        ("score", "visit", "text", "Score", "", "", "integer"),
        ("grade", "visit", "text", "Grade", "", "@CALCTEXT(if([score] >= 5, 'high', 'low'))"),
        ("seen", "visit", "text", "Seen on", "", "", "date_ymd"),
        ("recall", "visit", "text", "Recall on", "", "@CALCDATE([seen], 30, 'd') @READONLY",
         "date_ymd"),
    ]),
    "project.json": '{"name": "Computed"}\n',
}


def test_calctext_and_calcdate_are_computed_by_the_core(tmp_path: Path) -> None:
    project = init_study(tmp_path, COMPUTED, "computed")
    assert project.study.field("recall").validation is not None
    service = EntryService(project, ADMIN)
    record = create_record(project, ADMIN, "1", "C-1")
    key = FormKey(record, EVENT, "visit")
    service.save_form(key, {"score": "7", "seen": "2026-01-10", "grade": "typed over",
                            "recall": "1999-01-01"}, 0)
    state = service.open_form(key)
    assert (state.value("grade"), state.value("recall")) == ("high", "2026-02-09")
    service.save_form(key, {"score": "2"}, 0)
    assert service.open_form(key).value("grade") == "low"
    project.close()

"""The VO study's own branching logic and calculations, evaluated as REDCap would."""

from __future__ import annotations

import datetime as dt

import pytest
from logic_support import TODAY, RecordLookup

from vo_crf.logic import FieldRef, format_calc_value, parse

AGE = 'rounddown(datediff([birth_date],[enrol_date],"y"),0)'
DELAY = 'datediff([symptom_onset_date],[diagnosis_date],"d")'
SEQUELAE = "if([out_seq_pain] = '1' or [out_seq_neuro] = '1', 1, 0)"
FOLLOW_UP = 'round(datediff([m0_arm_1][diagnosis_date],[out_date],"M"),1)'


def calc(source: str, values: dict[str, str], today: dt.date = TODAY) -> str:
    return format_calc_value(parse(source).evaluate(RecordLookup(values), today))


@pytest.mark.parametrize(
    ("enrol_date", "age"),
    [
        ("2007-06-14", "56"),  # the day before the 57th birthday
        ("2007-06-15", "57"),  # 57th birthday
        ("2008-06-14", "57"),
        ("2008-06-15", "58"),  # 58th birthday
        ("1950-06-15", "0"),
    ],
)
def test_age_in_completed_years_changes_on_the_birthday(enrol_date: str, age: str) -> None:
    values = {"[birth_date]": "1950-06-15", "[enrol_date]": enrol_date}
    assert calc(AGE, values) == age


def test_age_is_blank_until_both_dates_are_entered() -> None:
    assert calc(AGE, {"[birth_date]": "1950-06-15"}) == ""
    assert calc(AGE, {"[enrol_date]": "2007-06-15"}) == ""
    assert calc(AGE, {"[birth_date]": "1950-02-30", "[enrol_date]": "2007-06-15"}) == ""


def test_age_uses_the_365_2425_day_year_like_redcap() -> None:
    # 365 days / 365.2425 < 1: REDCap's own approximation, kept on purpose.
    values = {"[birth_date]": "2001-03-01", "[enrol_date]": "2002-03-01"}
    assert parse('datediff([birth_date],[enrol_date],"y")').evaluate(
        RecordLookup(values), TODAY) == pytest.approx(365 / 365.2425)
    assert calc(AGE, values) == "0"


def test_diagnostic_delay_in_days() -> None:
    values = {"[symptom_onset_date]": "2020-01-20", "[diagnosis_date]": "2020-03-01"}
    assert calc(DELAY, values) == "41"  # 2020 is a leap year


def test_diagnostic_delay_is_absolute_like_redcap() -> None:
    values = {"[symptom_onset_date]": "2020-03-01", "[diagnosis_date]": "2020-01-20"}
    assert calc(DELAY, values) == "41"
    signed = 'datediff([symptom_onset_date],[diagnosis_date],"d",true)'
    assert calc(signed, values) == "-41"
    signed_with_format = 'datediff([symptom_onset_date],[diagnosis_date],"d","ymd",true)'
    assert calc(signed_with_format, values) == "-41"


@pytest.mark.parametrize(
    ("pain", "neuro", "expected"),
    [("1", "0", "1"), ("0", "1", "1"), ("1", "1", "1"), ("0", "0", "0"), ("", "", "0"),
     ("", "1", "1")],
)
def test_any_sequelae(pain: str, neuro: str, expected: str) -> None:
    assert calc(SEQUELAE, {"[out_seq_pain]": pain, "[out_seq_neuro]": neuro}) == expected


def test_follow_up_months_reads_the_baseline_event() -> None:
    record = RecordLookup({
        "[m0_arm_1][diagnosis_date]": "2020-01-01",
        "[diagnosis_date]": "1999-01-01",  # must not be used: the expression names the event
        "[out_date]": "2021-01-01",
    })
    value = parse(FOLLOW_UP).evaluate(record, TODAY)
    assert value == pytest.approx(round(366 / 30.44, 1))
    assert format_calc_value(value) == "12"
    assert FieldRef("m0_arm_1", "diagnosis_date", None) in record.reads
    assert FieldRef(None, "diagnosis_date", None) not in record.reads


def test_follow_up_months_keeps_one_decimal() -> None:
    values = {"[m0_arm_1][diagnosis_date]": "2020-01-01", "[out_date]": "2021-02-11"}
    assert calc(FOLLOW_UP, values) == "13.4"  # 407 days / 30.44 = 13.37


@pytest.mark.parametrize(("organism", "shown"), [("8", True), ("1", False), ("", False),
                                                  ("08", True), ("UNK", False)])
def test_other_organism_branching(organism: str, shown: bool) -> None:
    logic = parse("[micro_organism] = '8'")
    assert logic.is_true(RecordLookup({"[micro_organism]": organism})) is shown


@pytest.mark.parametrize(("neuro", "shown"), [("1", True), ("0", False), ("", False)])
def test_frankel_grade_branching(neuro: str, shown: bool) -> None:
    assert parse("[clin_neuro] = '1'").is_true(RecordLookup({"[clin_neuro]": neuro})) is shown


def test_checkbox_option_reference() -> None:
    logic = parse("[comorb(2)] = '1'")
    assert logic.references() == {FieldRef(None, "comorb", "2")}
    assert logic.is_true(RecordLookup({"[comorb(2)]": "1"}))
    assert not logic.is_true(RecordLookup({"[comorb(2)]": "0", "[comorb(1)]": "1"}))


def test_checkbox_option_reference_with_event() -> None:
    logic = parse("[m0_arm_1][comorb(5)] = '1' and [comorb(5)] = '0'")
    assert logic.references() == {FieldRef("m0_arm_1", "comorb", "5"),
                                  FieldRef(None, "comorb", "5")}
    record = RecordLookup({"[m0_arm_1][comorb(5)]": "1", "[comorb(5)]": "0"})
    assert logic.is_true(record)


def test_study_dictionary_expressions_all_parse() -> None:
    references = {
        AGE: {FieldRef(None, "birth_date", None), FieldRef(None, "enrol_date", None)},
        DELAY: {FieldRef(None, "symptom_onset_date", None),
                FieldRef(None, "diagnosis_date", None)},
        SEQUELAE: {FieldRef(None, "out_seq_pain", None), FieldRef(None, "out_seq_neuro", None)},
        FOLLOW_UP: {FieldRef("m0_arm_1", "diagnosis_date", None),
                    FieldRef(None, "out_date", None)},
    }
    for source, expected in references.items():
        assert parse(source).references() == expected
    assert parse(AGE).functions() == {"rounddown", "datediff"}
    assert parse(SEQUELAE).functions() == {"if"}
    assert parse(FOLLOW_UP).functions() == {"round", "datediff"}

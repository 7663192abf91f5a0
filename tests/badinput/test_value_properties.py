"""Property tests: any text in any field gets a clear verdict, never a crash."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vo_crf.entry.messages import Rule, Severity
from vo_crf.entry.values import check_value
from vo_crf.paths import default_study_dir
from vo_crf.study import FieldType, ValidationType, load_study

STUDY = load_study(default_study_dir())
MISSING = STUDY.missing_code_values
DATA_FIELDS = [f for f in STUDY.fields if f.holds_data and f.field_type is not FieldType.CALC]
TODAY = dt.date(2026, 11, 25)


@given(field=st.sampled_from(DATA_FIELDS), text=st.text(max_size=40))
def test_any_text_gets_messages_naming_the_field(field, text: str) -> None:  # noqa: ANN001
    messages = check_value(field, text.strip(), MISSING, TODAY)
    for message in messages:
        assert message.field == field.name
        assert field.name in message.text
        assert message.severity in (Severity.ERROR, Severity.WARNING)


INTEGER_FIELDS = [f for f in DATA_FIELDS if f.validation is ValidationType.INTEGER]


@given(field=st.sampled_from(INTEGER_FIELDS), number=st.integers(-10_000, 10_000))
def test_integers_are_accepted_and_range_checked(field, number: int) -> None:  # noqa: ANN001
    messages = check_value(field, str(number), MISSING, TODAY)
    low, high = int(field.min_value), int(field.max_value)
    if low <= number <= high:
        assert messages == []
    else:
        assert [(m.rule, m.severity) for m in messages] == [(Rule.RANGE, Severity.WARNING)]


NUMBER_FIELDS = [f for f in DATA_FIELDS if f.validation is ValidationType.NUMBER]


@given(field=st.sampled_from(NUMBER_FIELDS),
       number=st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False))
def test_decimals_with_a_point_are_numbers(field, number) -> None:  # noqa: ANN001
    messages = check_value(field, str(number), MISSING, TODAY)
    assert all(m.rule is Rule.RANGE for m in messages)
    comma = check_value(field, str(number).replace(".", ","), MISSING, TODAY)
    if "." in str(number):
        assert [m.rule for m in comma] == [Rule.TYPE]
        assert "use a point as decimal separator" in comma[0].text


DATE_FIELDS = [f for f in DATA_FIELDS if f.validation is ValidationType.DATE_YMD]


@given(field=st.sampled_from(DATE_FIELDS), day=st.dates(dt.date(1800, 1, 1), dt.date(2100, 1, 1)))
def test_real_dates_are_dates_and_future_ones_are_flagged(field, day: dt.date) -> None:  # noqa: ANN001
    messages = check_value(field, day.isoformat(), MISSING, TODAY)
    assert all(m.rule is Rule.RANGE and m.severity is Severity.WARNING for m in messages)
    if day > TODAY and field.max_value == "today":
        assert any("above the maximum today" in m.text for m in messages)


CODED_FIELDS = [f for f in DATA_FIELDS if f.is_coded and f.field_type is not FieldType.CHECKBOX]


@given(field=st.sampled_from(CODED_FIELDS), code=st.text(max_size=4))
def test_only_listed_codes_or_missing_codes_are_accepted(field, code: str) -> None:  # noqa: ANN001
    code = code.strip()
    messages = check_value(field, code, MISSING, TODAY)
    allowed = {c.code for c in field.choices} | MISSING | {""}
    assert (messages == []) == (code in allowed)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.dictionaries(st.sampled_from(["clin_date", "clin_temp", "clin_pain_vas",
                                               "clin_neuro", "clin_frankel", "clin_radicular"]),
                              st.text(max_size=12), max_size=6),
       status=st.sampled_from([0, 1, 2]))
def test_random_form_saves_are_all_or_nothing(project, users, values: dict[str, str],  # noqa: ANN001
                                              status: int) -> None:
    from vo_crf.entry import EntryService, FormKey, SaveRefused
    from vo_crf.entry.records import create_record

    service = EntryService(project, users["nurse"])
    record_id = create_record(project, users["nurse"], "3")
    key = FormKey(record_id, "m0_arm_1", "clinical")
    try:
        result = service.save_form(key, values, status)
    except SaveRefused as refused:
        assert refused.messages or refused.unconfirmed or refused.reason_required
        assert not service.open_form(key).exists
    else:
        stored = service.open_form(key)
        assert stored.status == status
        for name in result.changed:
            assert stored.values.get(name, "") == values[name].strip()

"""Protocol rules kept beside the REDCap files in ``project.json`` (not part of REDCap's format).

- ``baseline_date_field``: the date (at the first event) that day 0 of the study counts from.
- ``date_order_rules``: pairs of date fields where one may not precede the other.
- ``visit_date_fields``: the date of each visit form, checked against its event's window.
- ``site_field``: the field holding the enrolling site.
- ``double_data_entry_forms``: forms entered twice, by two different users, then adjudicated.
- ``quality_rules``: study-specific data-quality rules, each ``{"name", "logic", "message"}``
  with optional ``"field"`` and ``"event"`` (where the finding is shown); ``logic`` is REDCap
  logic, true when the data look wrong (e.g. ``[m3_arm_1][bio_crp] > [m0_arm_1][bio_crp]``).
- ``hard_rules``: impossible facts (a birth after enrolment, a visit before birth, a negative
  age), refused at every save and import; see ``vo_crf.study.hard_rules``.
- ``record_id_scheme``: how "New patient" numbers patients, ``{"prefix": "VO-", "digits": 3,
  "site_prefix": false}`` gives ``VO-030``; the default ``{"prefix": "", "digits": 3,
  "site_prefix": true}`` gives ``01-007`` (site 1, seventh patient of that site).
"""

from __future__ import annotations

from vo_crf.logic import LogicSyntaxError, parse
from vo_crf.study.errors import DefinitionError
from vo_crf.study.hard_rules import parse_hard_rules
from vo_crf.study.model import (
    DateOrderRule,
    ProtocolRules,
    QualityRule,
    RecordIdScheme,
    Study,
)

PROJECT_FILE = "project.json"


def parse_protocol_rules(project: dict, study: Study) -> ProtocolRules:
    """Read the protocol rules of ``project.json`` and check that they name real date fields."""
    baseline = project.get("baseline_date_field") or None
    site = project.get("site_field") or None
    rules: list[DateOrderRule] = []
    for item in project.get("date_order_rules", []):
        try:
            rules.append(DateOrderRule(item["field"], item["not_before"]))
        except (KeyError, TypeError):
            raise DefinitionError(PROJECT_FILE, 0,
                                  f"date_order_rules item {item!r} needs 'field' and 'not_before'"
                                  ) from None
    visit_dates = tuple(project.get("visit_date_fields", ()))
    names = [baseline, *visit_dates] + [n for r in rules for n in (r.field, r.not_before)]
    for name in names:
        if name is None:
            continue
        if not study.has_field(name) or not study.field(name).is_date:
            raise DefinitionError(PROJECT_FILE, 0, f"{name!r} is not a date field of the study")
    if site is not None and not study.has_field(site):
        raise DefinitionError(PROJECT_FILE, 0, f"site_field {site!r} is not a field of the study")
    double_entry = tuple(project.get("double_data_entry_forms", ()))
    form_names = {f.name for f in study.forms}
    for name in double_entry:
        if name not in form_names:
            raise DefinitionError(PROJECT_FILE, 0,
                                  f"double_data_entry_forms: {name!r} is not a form of the study")
    quality = tuple(_parse_quality_rule(item, study) for item in project.get("quality_rules", []))
    names_seen = [r.name for r in quality]
    if len(set(names_seen)) != len(names_seen):
        raise DefinitionError(PROJECT_FILE, 0, "quality_rules: two rules have the same name")
    return ProtocolRules(baseline, site, tuple(rules), visit_dates, double_entry, quality,
                         hard_rules=parse_hard_rules(project, study),
                         record_id_scheme=_parse_record_id_scheme(
                             project.get("record_id_scheme")))


def _parse_record_id_scheme(item: object) -> RecordIdScheme:
    """Read ``record_id_scheme`` (absent: site-prefixed ``01-001`` numbering)."""
    if item is None:
        return RecordIdScheme()
    default = RecordIdScheme()
    if not isinstance(item, dict) or set(item) - {"prefix", "digits", "site_prefix"}:
        raise DefinitionError(PROJECT_FILE, 0, f"record_id_scheme {item!r}: give 'prefix', "
                                               "'digits' and 'site_prefix' only")
    prefix, digits = item.get("prefix", default.prefix), item.get("digits", default.digits)
    site_prefix = item.get("site_prefix", default.site_prefix)
    if not isinstance(prefix, str) or (prefix and not all(
            c.isalnum() or c in "-_." for c in prefix)):
        raise DefinitionError(PROJECT_FILE, 0, f"record_id_scheme: prefix {prefix!r} may hold "
                                               "letters, digits, '-', '_' and '.' only")
    if not isinstance(digits, int) or isinstance(digits, bool) or not 1 <= digits <= 9:
        raise DefinitionError(PROJECT_FILE, 0,
                              f"record_id_scheme: digits {digits!r} must be 1 to 9")
    if not isinstance(site_prefix, bool):
        raise DefinitionError(PROJECT_FILE, 0, f"record_id_scheme: site_prefix {site_prefix!r} "
                                               "must be true or false")
    return RecordIdScheme(prefix, digits, site_prefix)


def _parse_quality_rule(item: object, study: Study) -> QualityRule:
    """Read one quality rule and check its logic and the fields and events it names."""
    if not isinstance(item, dict) or not all(
            isinstance(item.get(k), str) and item.get(k) for k in ("name", "logic", "message")):
        raise DefinitionError(PROJECT_FILE, 0,
                              f"quality_rules item {item!r} needs 'name', 'logic' and 'message'")
    rule = QualityRule(item["name"], item["logic"], item["message"],
                       str(item.get("field", "")), str(item.get("event", "")))
    try:
        expression = parse(rule.logic)
    except LogicSyntaxError as exc:
        raise DefinitionError(PROJECT_FILE, 0,
                              f"quality rule {rule.name!r}: {exc}") from None
    events = [ref.event for ref in expression.references() if ref.event] + [rule.event]
    for event in filter(None, events):
        if not study.has_event(event):
            raise DefinitionError(PROJECT_FILE, 0,
                                  f"quality rule {rule.name!r} names unknown event {event!r}")
    fields = [ref.field for ref in expression.references()] + [rule.field]
    for name in filter(None, fields):
        if not study.has_field(name):
            raise DefinitionError(PROJECT_FILE, 0,
                                  f"quality rule {rule.name!r} names unknown field {name!r}")
    return rule

"""Protocol rules kept beside the REDCap files in ``project.json`` (not part of REDCap's format).

- ``baseline_date_field``: the date (at the first event) that day 0 of the study counts from.
- ``date_order_rules``: pairs of date fields where one may not precede the other.
- ``visit_date_fields``: the date of each visit form, checked against its event's window.
- ``site_field``: the field holding the enrolling site.
"""

from __future__ import annotations

from vo_crf.study.errors import DefinitionError
from vo_crf.study.model import DateOrderRule, ProtocolRules, Study

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
    return ProtocolRules(baseline, site, tuple(rules), visit_dates)

"""The analysis plan: which fields make the timeline and the summary tables (read from JSON).

The plan lives beside the study definition (``analysis_plan.json``) so that nothing
study-specific (imaging findings, biology markers and their normal ranges, the sequelae group,
the variables of Table 1) is a Python constant.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vo_crf.paths import default_study_dir
from vo_crf.study.model import Study

PLAN_FILE = "analysis_plan.json"


class AnalysisPlanError(ValueError):
    """The analysis plan is malformed or names fields the study does not have."""


@dataclass(frozen=True)
class ImagingPlan:
    """Imaging findings (radio fields) and the codes for present / absent / not assessable."""

    findings: tuple[str, ...]
    present: str = "1"
    absent: str = "0"
    not_assessable: str = "9"
    comment_field: str = ""


@dataclass(frozen=True)
class BiologyMarker:
    """A biological marker and its normal range (bounds are optional)."""

    field: str
    short_label: str
    normal_min: float | None = None
    normal_max: float | None = None
    normal_max_exclusive: float | None = None
    normal_text: str = ""

    def is_normal(self, value: float) -> bool:
        """True when ``value`` lies within the normal range."""
        if self.normal_min is not None and value < self.normal_min:
            return False
        if self.normal_max is not None and value > self.normal_max:
            return False
        return not (self.normal_max_exclusive is not None
                    and value >= self.normal_max_exclusive)


@dataclass(frozen=True)
class SequelaePlan:
    """The outcome field that splits patients into with / without sequelae."""

    group_field: str
    event: str
    yes: str
    no: str
    components: tuple[str, ...]
    table3_visits: tuple[str, ...]


@dataclass(frozen=True)
class Table1Item:
    """One variable of Table 1 and the statistic to show for it."""

    field: str
    stat: str
    event: str | None = None
    section: str = ""


@dataclass(frozen=True)
class AntibioticPlan:
    """The repeating form of antibiotic courses and its fields."""

    form: str
    drug: str
    route: str
    start: str
    stop: str
    intravenous_code: str


@dataclass(frozen=True)
class TimelinePlan:
    """Fields shown on the per-patient timeline."""

    header: dict[str, str]
    last_followup_date: str
    antibiotics: AntibioticPlan
    markers: tuple[str, ...]
    clinical: tuple[str, ...]
    outcome: dict[str, str]


@dataclass(frozen=True)
class AnalysisPlan:
    """Everything the reports need to know about the study's analysis."""

    table_visits: tuple[str, ...]
    imaging: ImagingPlan
    biology: tuple[BiologyMarker, ...]
    sequelae: SequelaePlan
    table1: tuple[Table1Item, ...]
    timeline: TimelinePlan
    ordinal_fields: tuple[str, ...] = ()
    """Coded fields whose codes are ordered (SPSS measurement level 'ordinal')."""

    def field_names(self) -> list[str]:
        """Return every field name the plan refers to (for checking against the study)."""
        names = [*self.imaging.findings, *(m.field for m in self.biology),
                 self.sequelae.group_field, *self.sequelae.components,
                 *(i.field for i in self.table1), *self.timeline.header.values(),
                 self.timeline.last_followup_date, *self.timeline.markers,
                 *self.timeline.clinical, *self.timeline.outcome.values(),
                 *self.ordinal_fields]
        abx = self.timeline.antibiotics
        names += [abx.drug, abx.route, abx.start, abx.stop]
        if self.imaging.comment_field:
            names.append(self.imaging.comment_field)
        return names


def plan_from_dict(data: dict[str, Any]) -> AnalysisPlan:
    """Build the plan from its parsed JSON; raise AnalysisPlanError when a key is missing."""
    try:
        imaging = data["imaging"]
        sequelae = data["sequelae"]
        timeline = data["timeline"]
        return AnalysisPlan(
            table_visits=tuple(data["table_visits"]),
            imaging=ImagingPlan(tuple(imaging["findings"]), str(imaging.get("present", "1")),
                                str(imaging.get("absent", "0")),
                                str(imaging.get("not_assessable", "9")),
                                imaging.get("comment_field", "")),
            biology=tuple(BiologyMarker(**item) for item in data["biology"]),
            sequelae=SequelaePlan(sequelae["group_field"], sequelae["event"],
                                  str(sequelae["yes"]), str(sequelae["no"]),
                                  tuple(sequelae["components"]),
                                  tuple(sequelae["table3_visits"])),
            table1=tuple(Table1Item(**item) for item in data["table1"]),
            timeline=TimelinePlan(dict(timeline["header"]), timeline["last_followup_date"],
                                  AntibioticPlan(**timeline["antibiotics"]),
                                  tuple(timeline["markers"]), tuple(timeline["clinical"]),
                                  dict(timeline["outcome"])),
            ordinal_fields=tuple(data.get("ordinal_fields", ())),
        )
    except (KeyError, TypeError) as exc:
        raise AnalysisPlanError(f"{PLAN_FILE}: missing or malformed entry {exc}") from None


def check_plan(plan: AnalysisPlan, study: Study) -> None:
    """Raise AnalysisPlanError when the plan names a field or event the study lacks."""
    unknown = sorted({n for n in plan.field_names() if not study.has_field(n)})
    if unknown:
        raise AnalysisPlanError(f"{PLAN_FILE}: unknown fields {', '.join(unknown)}")
    events = [*plan.table_visits, plan.sequelae.event, *plan.sequelae.table3_visits]
    missing = sorted({e for e in events if not study.has_event(e)})
    if missing:
        raise AnalysisPlanError(f"{PLAN_FILE}: unknown events {', '.join(missing)}")


_CACHE: dict[Path, AnalysisPlan] = {}


def load_analysis_plan(study: Study, path: Path | None = None) -> AnalysisPlan | None:
    """Return the study's analysis plan, checked against the study; None when it has none.

    The plan is the study's own (stored with its definition, see
    ``vo_crf.project.study_files_from_folder``). A database made before plans were stored
    with the definition uses the built-in VO plan when the study has every field and event it
    names; any other study has no plan (generic workbook and record PDF). ``path`` reads a
    plan file instead.
    """
    if study.analysis_plan is not None and path is None:
        own = plan_from_dict(study.analysis_plan)
        check_plan(own, study)
        return own
    explicit = path is not None
    path = Path(path) if path else default_study_dir() / PLAN_FILE
    plan = _CACHE.get(path)
    if plan is None:
        plan = plan_from_dict(json.loads(path.read_text(encoding="utf-8")))
        _CACHE[path] = plan
    if explicit:
        check_plan(plan, study)
        return plan
    try:
        check_plan(plan, study)
    except AnalysisPlanError:
        return None
    return plan


def require_plan(study: Study) -> AnalysisPlan:
    """Return the study's analysis plan; raise AnalysisPlanError when it has none."""
    plan = load_analysis_plan(study)
    if plan is None:
        raise AnalysisPlanError(f"the study {study.name!r} has no analysis plan "
                                f"({PLAN_FILE}): no timeline to draw")
    return plan

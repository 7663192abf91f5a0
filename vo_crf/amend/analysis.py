"""Preparing an amendment: the new definition, its diff, the stored data it touches, blockers.

``prepare_amendment`` loads the new definition folder and compares it with the database's
current one; the returned :class:`Amendment` tells, for any mapping, which stored values would
be orphaned or silently reinterpreted (``blockers``) and prints itself (``report``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, func, select

from vo_crf.amend.diff import Change, ChangeKind, diff_studies
from vo_crf.amend.fate import BlockerKey, BlockerKind, FateAction, value_fate
from vo_crf.amend.mapping import ACCEPT_KEY, AmendmentMapping
from vo_crf.amend.weakening import Weakening, find_weakenings
from vo_crf.auth.permissions import Action
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session
from vo_crf.db.models import FormInstance, ItemValue
from vo_crf.project import (
    Project,
    stored_definition_texts,
    study_from_files,
)
from vo_crf.study.files import StudyFiles
from vo_crf.study.model import Study

_PLACE_KINDS = {ChangeKind.FORM_REMOVED, ChangeKind.EVENT_REMOVED,
                ChangeKind.EVENT_FORM_REMOVED, ChangeKind.REPEATING_REMOVED}


@dataclass(frozen=True)
class StoredGroup:
    """``count`` stored values of ``field`` at ``event``/``form`` (``value`` None: any value)."""

    event: str
    form: str
    field: str
    value: str | None
    repeated: bool
    count: int


@dataclass(frozen=True)
class Blocker:
    """A blocking item with the number of stored values involved."""

    key: BlockerKey
    count: int

    @property
    def text(self) -> str:
        """The item in words, with its count (settings: with the name that accepts them)."""
        if self.key.kind is BlockerKind.SETTING:
            return f"{self.key.text} (accept: {self.key.setting})"
        return f"{self.key.text} ({self.count} stored value{'s' * (self.count != 1)})"

    @property
    def is_setting(self) -> bool:
        """True for a safeguard switched off or weakened (no stored value involved)."""
        return self.key.kind is BlockerKind.SETTING


@dataclass
class Amendment:
    """A new definition version compared with the stored one and the data it touches."""

    old: Study
    new: Study
    texts: StudyFiles
    """The new definition's files."""
    old_version: int
    changes: list[Change]
    counts: dict[Change, int]
    affected_fields: frozenset[str]
    place_forms: frozenset[str]
    _groups: list[StoredGroup] = field(default_factory=list, repr=False)
    _valued: set[str] = field(default_factory=set, repr=False)
    _project: Project | None = field(default=None, repr=False)
    weakenings: list[Weakening] = field(default_factory=list)
    """Safeguards the new version switches off or weakens (each needs an acceptance)."""

    def fields_to_check(self, mapping: AmendmentMapping) -> frozenset[str]:
        """The fields whose stored values are recoded and re-validated under ``mapping``."""
        return self.affected_fields | set(mapping.fields) | set(mapping.choices)

    def blockers(self, mapping: AmendmentMapping | None = None) -> list[Blocker]:
        """Return what still blocks the amendment under ``mapping``, with value counts."""
        mapping = mapping or AmendmentMapping()
        checked = self.fields_to_check(mapping)
        self._load_values(checked)
        return (find_blockers(self.old, self.new, mapping, self._groups, checked)
                + setting_blockers(self.weakenings, mapping))

    @property
    def touches_data(self) -> int:
        """How many changes concern stored values."""
        return sum(1 for change in self.changes if self.counts.get(change))

    def report(self, mapping: AmendmentMapping | None = None) -> str:
        """The printable diff: every change (with stored values touched) and the blockers."""
        lines = [f"Protocol amendment of {self.new.name}: definition version "
                 f"{self.old_version} -> {self.old_version + 1}",
                 f"{len(self.changes)} change(s), {self.touches_data} touching stored data"]
        width = max((len(c.kind) for c in self.changes), default=0)
        for change in self.changes:
            count = self.counts.get(change, 0)
            stored = f"  [{count} stored value{'s' * (count != 1)}]" if count else ""
            lines.append(f"  {change.kind:<{width}}  {change.text}{stored}")
        blockers = self.blockers(mapping)
        data = [blocker for blocker in blockers if not blocker.is_setting]
        settings = [blocker for blocker in blockers if blocker.is_setting]
        if data:
            lines.append(f"BLOCKED: {len(data)} change(s) would orphan or reinterpret "
                         "stored data; map each one (--mapping FILE.json):")
            lines += [f"  ! {blocker.text}" for blocker in data]
        if settings:
            lines.append(f"BLOCKED: {len(settings)} change(s) switch off or weaken a "
                         f"safeguard; accept each one by name (\"{ACCEPT_KEY}\" in the "
                         "mapping, or --accept-setting-change NAME):")
            lines += [f"  ! {blocker.text}" for blocker in settings]
        if not blockers:
            lines.append("No blocking change: the amendment can be applied.")
        return "\n".join(lines)

    # ----- stored data -----------------------------------------------------------------
    def _load_values(self, names: frozenset[str]) -> None:
        wanted = sorted(set(names) - self._valued)
        if not wanted or self._project is None:
            return
        with read_session(self._project.engine) as session:
            self._groups += load_groups(session.connection(), wanted)
        self._valued.update(wanted)


def find_blockers(old: Study, new: Study, mapping: AmendmentMapping,
                  groups: list[StoredGroup], checked: frozenset[str]) -> list[Blocker]:
    """Return the blockers of ``groups`` (count groups, plus value groups of ``checked``)."""
    valued = {group.field for group in groups if group.value is not None}
    totals: Counter[BlockerKey] = Counter()
    for group in groups:
        if group.value is None and group.field in valued:
            continue
        fate = value_fate(old, new, mapping, group.event, group.form, group.field,
                          group.value, group.repeated, check_values=group.field in checked)
        if fate.action is FateAction.BLOCK:
            for key in fate.blockers:
                totals[key] += group.count
    return [Blocker(key, count) for key, count in totals.items()]


def setting_blockers(weakenings: list[Weakening], mapping: AmendmentMapping) -> list[Blocker]:
    """The weakened safeguards the mapping does not accept."""
    accepted = set(mapping.accept_setting_changes)
    return [Blocker(BlockerKey(BlockerKind.SETTING, weakening.text, field=weakening.field,
                               setting=weakening.name), 0)
            for weakening in weakenings if weakening.name not in accepted]


def load_groups(connection: Connection, with_values: list[str] | None = None
                ) -> list[StoredGroup]:
    """Count stored values per place and field (and per value for ``with_values`` fields)."""
    columns = [FormInstance.event, FormInstance.form, ItemValue.field, FormInstance.instance]
    if with_values is not None:
        columns.append(ItemValue.value)
    statement = (select(*columns, func.count())
                 .join(FormInstance, FormInstance.id == ItemValue.form_instance_id)
                 .group_by(*columns))
    totals: Counter[tuple[str, str, str, str | None, bool]] = Counter()
    names = with_values if with_values is not None else [None]
    for start in range(0, len(names), 500):
        chunk = names[start:start + 500]
        chunk_statement = statement if with_values is None else \
            statement.where(ItemValue.field.in_(chunk))
        for row in connection.execute(chunk_statement):
            event, form, name, instance = row[0], row[1], row[2], row[3]
            value = row[4] if with_values is not None else None
            totals[(event, form, name, value, instance > 1)] += int(row[-1])
    return [StoredGroup(event, form, name, value, repeated, count)
            for (event, form, name, value, repeated), count in totals.items()]


def prepare_amendment(project: Project, user: CurrentUser, folder: Path | str) -> Amendment:
    """Load the definition in ``folder`` and compare it with the database's current one.

    A broken definition raises DefinitionError (file, row, reason); nothing is written.
    """
    user.require(Action.AMEND_STUDY)
    folder = Path(folder)
    # read once; parsing refuses a broken definition with file, row and reason
    return prepare_from_texts(project, user, StudyFiles.read(folder), folder.name)


def prepare_from_texts(project: Project, user: CurrentUser, texts: Mapping[str, str],
                       fallback_name: str) -> Amendment:
    """Like ``prepare_amendment``, from the texts of the definition files."""
    user.require(Action.AMEND_STUDY)
    texts = StudyFiles.of(texts)
    new = study_from_files(texts, fallback_name)
    with read_session(project.engine) as session:
        old_texts = stored_definition_texts(session, project.definition_version)
        groups = load_groups(session.connection())
    old_settings = old_texts.settings
    new_settings = texts.settings
    changes = diff_studies(project.study, new, old_settings, new_settings)
    affected = frozenset(c.field for c in changes if c.field)
    place_forms = _place_forms(project.study, changes)
    amendment = Amendment(project.study, new, texts, project.definition_version, changes, {},
                          affected, place_forms, groups, set(), project,
                          find_weakenings(project.study, new, old_settings, new_settings))
    amendment.blockers()  # loads the values of the affected fields
    amendment.counts = _count_changes(changes, amendment._groups)
    return amendment


def _place_forms(old: Study, changes: list[Change]) -> frozenset[str]:
    forms: set[str] = set()
    for change in changes:
        if change.kind in _PLACE_KINDS:
            if change.form:
                forms.add(change.form)
            elif change.event and old.has_event(change.event):
                forms.update(old.event(change.event).forms)
    return frozenset(forms)


def _count_changes(changes: list[Change], groups: list[StoredGroup]) -> dict[Change, int]:
    """Stored values each change concerns (per field, per code, or per place)."""
    by_field: Counter[str] = Counter()
    by_code: Counter[tuple[str, str]] = Counter()
    by_place: Counter[tuple[str, str, bool]] = Counter()
    for group in groups:
        if group.value is None:
            by_field[group.field] += group.count
            by_place[(group.event, group.form, group.repeated)] += group.count
        else:
            for code in set(group.value.split(",")):
                by_code[(group.field, code)] += group.count
    counts: dict[Change, int] = {}
    for change in changes:
        kind = change.kind
        if kind in (ChangeKind.FIELD_ADDED, ChangeKind.CHOICE_ADDED, ChangeKind.FORM_ADDED,
                    ChangeKind.EVENT_ADDED, ChangeKind.EVENT_FORM_ADDED,
                    ChangeKind.REPEATING_ADDED, ChangeKind.SETTING_CHANGED,
                    ChangeKind.EVENT_CHANGED):
            count = 0
        elif change.code:
            count = by_code[(change.field, change.code)]
        elif change.field:
            count = by_field[change.field]
        elif kind is ChangeKind.REPEATING_REMOVED:
            count = by_place[(change.event, change.form, True)]
        else:
            count = sum(n for (event, form, _), n in by_place.items()
                        if (not change.form or form == change.form)
                        and (not change.event or event == change.event))
        counts[change] = count
    return counts

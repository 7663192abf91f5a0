"""Applying a protocol amendment: new definition version and data migration in ONE transaction.

Every stored value the amendment touches gets the verdict of ``vo_crf.amend.fate`` (the same
the analysis showed): recoded in place, moved to another field or form, or deleted, each with
a value audit row whose reason names the amendment (``protocol amendment vN: ...``) and a new
sync version; rewritten values are stored under the new definition version, untouched values
keep theirs. Form instances left where the new version has no such form are deleted (audited).
Calculated fields are recomputed. The blockers are checked again inside the transaction: data
entered since the analysis cannot slip through.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from vo_crf.amend.analysis import Amendment, Blocker, find_blockers, load_groups
from vo_crf.amend.diff import ChangeKind
from vo_crf.amend.fate import Fate, FateAction, value_fate
from vo_crf.amend.mapping import ACCEPT_KEY, AmendmentMapping
from vo_crf.audit.trail import AuditAction, Where, write_audit
from vo_crf.auth.permissions import Action
from vo_crf.auth.users import CurrentUser
from vo_crf.db.backup import backup_database, backup_source
from vo_crf.db.engine import write_transaction
from vo_crf.db.models import (
    DoubleEntry,
    DoubleEntryAdjudication,
    FormInstance,
    ItemValue,
    Record,
    StudyDefinitionRow,
    utcnow,
)
from vo_crf.entry.record_values import load_record_values
from vo_crf.project import Project, add_definition
from vo_crf.queries.amendments import close_queries, move_queries
from vo_crf.study.model import Study
from vo_crf.wording import (
    AMEND_FORM_HOLDS_VALUES,
    AMEND_TARGET_HOLDS,
    AMEND_VERSION_CHANGED,
    worded,
)
from vo_crf.write.changes import ChangeKind as WriteKind
from vo_crf.write.changes import Changes
from vo_crf.write.writer import Writer

_CALC_KINDS = {ChangeKind.CALCULATION_CHANGED, ChangeKind.FIELD_ADDED, ChangeKind.FIELD_REMOVED,
               ChangeKind.FIELD_RETYPED, ChangeKind.CHOICE_RECODED}


class AmendmentError(Exception):
    """The amendment cannot be applied (the message says why); nothing was changed."""


class AmendmentRefused(AmendmentError):
    """Unmapped changes would orphan or reinterpret stored data; ``blockers`` lists them."""

    def __init__(self, blockers: list[Blocker]) -> None:
        self.blockers = blockers
        data = [blocker for blocker in blockers if not blocker.is_setting]
        settings = [blocker for blocker in blockers if blocker.is_setting]
        parts: list[str] = []
        if data:
            parts.append(f"{len(data)} change(s) would orphan or reinterpret stored data "
                         "unless mapped:\n" + "\n".join(f"  ! {b.text}" for b in data))
        if settings:
            parts.append(f"{len(settings)} change(s) switch off or weaken a safeguard unless "
                         f"accepted ({ACCEPT_KEY} in the mapping, or --accept-setting-change "
                         "NAME):\n" + "\n".join(f"  ! {b.text}" for b in settings))
        super().__init__("the amendment was refused: " + "\n".join(parts))


@dataclass
class AmendmentResult:
    """What applying an amendment did."""

    version: int
    backup: Path | None = None
    queries_closed: int = 0
    values_updated: int = 0
    values_moved: int = 0
    values_deleted: int = 0
    forms_deleted: int = 0
    changes: Changes = Changes()
    """What the migration and the recalculations wrote, and the study itself."""

    @property
    def summary(self) -> str:
        """One line for the audit trail and the user."""
        return (f"definition version {self.version}: {self.values_updated} value(s) recoded, "
                f"{self.values_moved} moved, {self.values_deleted} deleted, "
                f"{self.forms_deleted} form instance(s) deleted"
                + (f", {self.queries_closed} query(ies) closed" if self.queries_closed else ""))


def apply_amendment(project: Project, user: CurrentUser, amendment: Amendment,
                    mapping: AmendmentMapping | None = None) -> AmendmentResult:
    """Store the new definition and migrate the data in one transaction (see module doc).

    Raises AmendmentRefused listing every unmapped blocking change (nothing written), or
    AmendmentError / MappingError for a stale amendment or a bad mapping. On success the
    ``project`` holds the new study and definition version.
    """
    user.require(Action.AMEND_STUDY)
    mapping = mapping or AmendmentMapping()
    mapping.check(amendment.old, amendment.new)
    if amendment.blockers(mapping):
        raise AmendmentRefused(amendment.blockers(mapping))
    backup = backup_before_amendment(project)
    checked = amendment.fields_to_check(mapping)
    old, new = amendment.old, amendment.new
    with write_transaction(project.engine) as session:
        latest = session.scalar(select(StudyDefinitionRow.version)
                                .order_by(StudyDefinitionRow.version.desc()).limit(1))
        if latest != amendment.old_version:
            raise worded(AmendmentError, AMEND_VERSION_CHANGED, latest=latest,
                         version=amendment.old_version)
        connection = session.connection()
        groups = load_groups(connection) + load_groups(connection, sorted(checked))
        blockers = find_blockers(old, new, mapping, groups, checked)
        if blockers:
            raise AmendmentRefused(blockers)
        version = add_definition(session, amendment.texts, new, user)
        migration = _Migration(session, user.username, old, new, mapping, version)
        migration.run(checked, amendment.place_forms)
        result = migration.result
        write_audit(session, user.username, AuditAction.AMENDMENT,
                    old_value=f"version {amendment.old_version}", new_value=f"version {version}",
                    reason=f"{result.summary}; {len(amendment.changes)} definition change(s); "
                           f"mapping {json.dumps(_compact(mapping), ensure_ascii=False)}")
        amended = Project(project.url, project.engine, new, version)
        recompute_all = any(c.kind in _CALC_KINDS or c.setting == "hard_rules"
                            for c in amendment.changes)  # hard rules may blank calculations
        result.changes |= _recompute(session, amended, user,
                                     None if recompute_all else migration.touched)
    project.study = new
    project.definition_version = version
    result.backup = backup
    return result


def backup_before_amendment(project: Project) -> Path | None:
    """Back up an SQLite study database before its data migrate; return the copy (None: server).

    A PostgreSQL database is the server's to back up (pg_dump); nothing is copied then.
    """
    database = backup_source(project.url)
    if database is None or not database.exists():
        return None
    return backup_database(database, "before-amendment")


def _compact(mapping: AmendmentMapping) -> dict[str, object]:
    return {key: value for key, value in (("fields", mapping.fields),
                                          ("choices", mapping.choices),
                                          ("forms", mapping.forms),
                                          (ACCEPT_KEY, mapping.accept_setting_changes))
            if value}


def _recompute(session: Session, project: Project, user: CurrentUser,
               record_ids: set[str] | None) -> Changes:
    from vo_crf.entry.service import EntryService

    session.flush()
    service = EntryService(project, user)
    statement = select(Record).order_by(Record.record_id)
    if record_ids is not None:
        if not record_ids:
            return Changes()
        statement = statement.where(Record.record_id.in_(sorted(record_ids)))
    changes = Changes()
    for record in session.scalars(statement):
        changes |= service.recompute_calcs(session, record, load_record_values(session, record))
    return changes


class _Migration:
    """The data changes of one amendment inside its transaction."""

    def __init__(self, session: Session, username: str, old: Study, new: Study,
                 mapping: AmendmentMapping, version: int) -> None:
        self.session = session
        self.username = username
        self.old, self.new, self.mapping = old, new, mapping
        self.version = version
        self.result = AmendmentResult(version)
        self.touched: set[str] = set()
        self.writer = Writer(session, username, definition_version=version, study=new,
                             reason=f"protocol amendment v{version}")
        """The one writer (calculated fields of the new version are not versioned): one
        form save row per form instance touched, each change with its own reason."""
        self._instances: dict[tuple[int, str, str, int], FormInstance] = {}

    def run(self, checked: frozenset[str], place_forms: frozenset[str]) -> None:
        """Rewrite, move and delete the affected values; then drop orphaned form instances."""
        session = self.session
        forms = set(place_forms) | {key.rpartition("/")[2] for key in self.mapping.forms}
        rows = session.execute(
            select(ItemValue, FormInstance, Record.record_id)
            .join(FormInstance, FormInstance.id == ItemValue.form_instance_id)
            .join(Record, Record.id == FormInstance.record_pk)
            .where(or_(ItemValue.field.in_(sorted(checked)),
                       FormInstance.form.in_(sorted(forms))))
            .order_by(Record.record_id, FormInstance.event, FormInstance.form,
                      FormInstance.instance, ItemValue.id)).all()
        moves: list[tuple[ItemValue, FormInstance, str, Fate]] = []
        vacated: set[tuple[int, str]] = set()
        for item, instance, record_id in rows:
            fate = value_fate(self.old, self.new, self.mapping, instance.event, instance.form,
                              item.field, item.value, instance.instance > 1,
                              check_values=item.field in checked)
            if fate.action is FateAction.BLOCK:  # checked before: only a bug gets here
                raise AmendmentError(f"{record_id} {instance.event} {item.field}: "
                                     f"{fate.blockers[0].text}")
            if fate.action is FateAction.KEEP:
                continue
            self.touched.add(record_id)
            if fate.action is FateAction.UPDATE:
                self._update(item, instance, record_id, fate)
            else:
                vacated.add((instance.id, item.field))
                if fate.action is FateAction.MOVE:
                    moves.append((item, instance, record_id, fate))
                self._remove(item, instance, record_id, fate)
        session.flush()
        for item, instance, record_id, fate in moves:
            self._insert_moved(item, instance, record_id, fate, vacated)
        session.flush()
        self._drop_orphaned_instances(forms)
        self.result.changes = self.writer.finish() | Changes.of([WriteKind.STUDY])
        self._follow_double_entries(checked)

    def _follow_double_entries(self, checked: frozenset[str]) -> None:
        """Entries of forms still in double entry follow the amendment as stored values do.

        A recoded value is recoded and a renamed field renamed within its form; a value deleted
        or moved to another form leaves the entry. Entries are not clinical data until they are
        adjudicated, so no audit rows; those of adjudicated forms stay as they were entered.
        """
        adjudicated = {(a.record_id, a.event, a.form, a.instance)
                       for a in self.session.scalars(select(DoubleEntryAdjudication))}
        for entry in self.session.scalars(select(DoubleEntry)):
            if (entry.record_id, entry.event, entry.form, entry.instance) in adjudicated:
                continue
            values: dict[str, str] = json.loads(entry.values_json or "{}")
            followed: dict[str, str] = {}
            for name, value in values.items():
                fate = value_fate(self.old, self.new, self.mapping, entry.event, entry.form,
                                  name, value, entry.instance > 1,
                                  check_values=name in checked)
                if fate.action in (FateAction.KEEP, FateAction.BLOCK):
                    followed[name] = value  # BLOCK: adjudication re-checks the value
                elif fate.action is FateAction.UPDATE:
                    followed[name] = fate.value
                elif fate.action is FateAction.MOVE and fate.form == entry.form:
                    followed[fate.field] = fate.value
            if followed != values:
                entry.values_json = json.dumps(followed, sort_keys=True)
                entry.updated_at = utcnow()

    def _reason(self, fate: Fate) -> str:
        return f"protocol amendment v{self.version}: {fate.why or 'definition changed'}"

    def _touch(self, instance: FormInstance) -> None:
        instance.updated_at = utcnow()  # bumps the optimistic-lock version: open editors
        instance.updated_by = self.username  # see a concurrent change, never overwrite

    def _update(self, item: ItemValue, instance: FormInstance, record_id: str,
                fate: Fate) -> None:
        self.writer.update_value(record_id, instance, item, fate.value,
                                 self._reason(fate))
        self._touch(instance)
        self.result.values_updated += 1

    def _remove(self, item: ItemValue, instance: FormInstance, record_id: str,
                fate: Fate) -> None:
        moved = fate.action is FateAction.MOVE
        where = Where(record_id, instance.event, instance.form, instance.instance, item.field)
        reason = self._reason(fate) + (f" (moved to {fate.form}.{fate.field})" if moved else "")
        self.writer.delete_value(record_id, instance, item, reason, study=self.old)
        self._touch(instance)
        if moved:
            move_queries(self.session, where, fate.form, fate.field)
        else:
            self.result.values_deleted += 1
            self.result.queries_closed += close_queries(
                self.session, self.username, where, self._reason(fate) + ": value deleted")

    def _insert_moved(self, item: ItemValue, source: FormInstance, record_id: str, fate: Fate,
                      vacated: set[tuple[int, str]]) -> None:
        target = self._target_instance(source, record_id, fate.form)
        existing = self.session.scalar(select(ItemValue).where(
            ItemValue.form_instance_id == target.id, ItemValue.field == fate.field))
        if existing is not None and (target.id, fate.field) not in vacated:
            raise worded(AmendmentError, AMEND_TARGET_HOLDS, record=record_id,
                         event=source.event, target=fate.field, held=repr(existing.value),
                         value=repr(item.value), field=item.field)
        self.writer.insert_value(record_id, target, fate.field, fate.value,
                                 self._reason(fate) + f" (from {source.form}.{item.field})")
        self._touch(target)
        self.result.values_moved += 1

    def _target_instance(self, source: FormInstance, record_id: str, form: str
                         ) -> FormInstance:
        if form == source.form:
            return source
        key = (source.record_pk, source.event, form, source.instance)
        found = self._instances.get(key) or self.session.scalar(select(FormInstance).where(
            FormInstance.record_pk == source.record_pk, FormInstance.event == source.event,
            FormInstance.form == form, FormInstance.instance == source.instance))
        if found is None:
            found = self.writer.create_instance(source.record_pk, record_id, source.event,
                                                form, source.instance)
        self._instances[key] = found
        return found

    def _drop_orphaned_instances(self, forms: set[str]) -> None:
        """Delete the form instances the new version has no place for (values already gone)."""
        if not forms:
            return
        rows = self.session.execute(
            select(FormInstance, Record.record_id)
            .join(Record, Record.id == FormInstance.record_pk)
            .where(FormInstance.form.in_(sorted(forms)))).all()
        for instance, record_id in rows:
            event, form = instance.event, instance.form
            orphaned = (not self.new.has_event(event) or form not in self.new.event(event).forms
                        or (instance.instance > 1 and not self.new.is_repeating(event, form)))
            if not orphaned and not self.mapping.drops_place(event, form):
                continue
            if instance.values:
                raise worded(AmendmentError, AMEND_FORM_HOLDS_VALUES, record=record_id,
                             event=event, form=form, instance=instance.instance)
            why = "deleted by the mapping" if not orphaned else "not in the new version"
            self.writer.delete_instance(record_id, instance,
                                        f"protocol amendment v{self.version}: form {why}")
            self.result.forms_deleted += 1
            self.touched.add(record_id)

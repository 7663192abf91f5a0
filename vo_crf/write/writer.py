"""The one writer of clinical data: every change to values, audit rows, versions and stamps.

``Writer`` is the one class the rest of the code writes clinical data with, in the session's
transaction:

- form saves, query corrections, new records, site moves, recalculations, imports and
  double-entry adjudications: ``write_form``, ``list_changes``, ``write_calcs``,
  ``new_record``, ``move_record`` (buffered, written in bulk by ``flush``: its base
  ``vo_crf.write.buffered.PlanWriter``);
- deleting a form instance, an amendment's values, review marks and a sync conflict's
  resolution: ``delete_instance``, ``insert_value``, ``update_value``, ``delete_value``,
  ``create_instance``, ``mark``, ``take_version``, ``taken_value``, ``keep_local`` (its part
  ``vo_crf.write.clinical.ClinicalWriter``; versions by ``vo_crf.write.versions``);
- a change set arriving by sync: ``load_synced`` and ``synced`` (its part
  ``vo_crf.write.synced_batch.SyncedBatch``), ``insert_synced_audit``.

Its audit rows all go through one row buffer (one ``form_save`` row per form instance
touched, chained), its versions through the one version buffer and its one rule
(``vo_crf.write.version_buffer``: one per batch), all stamped with the transaction's change sequence
(``vo_crf.write.stamp``). ``finish`` writes everything and returns the ``Changes``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy.orm import Session

from vo_crf.audit.trail import AuditAction
from vo_crf.db.marks import Mark
from vo_crf.db.models import FormInstance, ItemValue
from vo_crf.entry.record_state import StoredVersion, VersionKey
from vo_crf.study.model import Study
from vo_crf.write.buffered import PlanWriter
from vo_crf.write.changes import Changes
from vo_crf.write.clinical import ClinicalWriter
from vo_crf.write.synced import RemoteVersion
from vo_crf.write.synced_batch import SyncedBatch, insert_audit_rows
from vo_crf.write.synced_versions import VersionRow


class Writer(PlanWriter):
    """The one writer of clinical data (see the module): buffers, writes on ``flush`` /
    ``finish``, and says what it changed in ``changes``."""

    def __init__(self, session: Session, username: str,
                 versions: dict[VersionKey, StoredVersion] | None = None,
                 definition_version: int | None = None, *, study: Study | None = None,
                 reason: str | None = None) -> None:
        super().__init__(session, username, versions, definition_version)
        self._study = study
        """The study whose calculated fields are not versioned (None: version everything)."""
        self._reason = reason
        """The operation's reason, on each form save row of its single-row operations."""
        self._single: ClinicalWriter | None = None
        self._synced: SyncedBatch | None = None

    @property
    def changes(self) -> Changes:
        """Everything written so far (records, forms, fields, kinds)."""
        written = super().changes
        return written if self._single is None else written | self._single.changes

    def flush(self) -> None:
        """Write the buffered rows (values, versions, audit rows) in the session's
        transaction; an import flushes every few thousand rows."""
        if self._single is not None:
            self._single.finish()
        super().flush()

    def finish(self) -> Changes:
        """Write everything buffered (``flush``, and a sync's batch) in the session's
        transaction; return what changed. The writer can go on afterwards."""
        self.flush()
        if self._synced is not None:
            self._synced.flush()
        return self.changes

    # ----- single-row operations -------------------------------------------------------------
    @property
    def _part(self) -> ClinicalWriter:
        if self._single is None:
            self._single = ClinicalWriter(self._session, self._username, self, self._study,
                                          self._definition_version, self._reason)
        return self._single

    def insert_value(self, record_id: str, instance: FormInstance, field: str,
                     value: str | None, reason: str, study: Study | None = None) -> None:
        """Store a new value, audited (value_insert) and versioned."""
        self._part.insert_value(record_id, instance, field, value, reason, study)

    def update_value(self, record_id: str, instance: FormInstance, item: ItemValue,
                     value: str | None, reason: str, study: Study | None = None) -> None:
        """Change a stored value, audited (value_update) and versioned."""
        self._part.update_value(record_id, instance, item, value, reason, study)

    def delete_value(self, record_id: str, instance: FormInstance, item: ItemValue,
                     reason: str, study: Study | None = None) -> None:
        """Delete a stored value, audited (value_delete) and versioned as blanked."""
        self._part.delete_value(record_id, instance, item, reason, study)

    def create_instance(self, record_pk: int, record_id: str, event: str, form: str,
                        number: int) -> FormInstance:
        """Create an empty form instance (status Incomplete, versioned)."""
        return self._part.create_instance(record_pk, record_id, event, form, number)

    def delete_instance(self, record_id: str, instance: FormInstance, reason: str,
                        field_order: dict[str, int] | None = None) -> None:
        """Delete a form instance with its values (see ``ClinicalWriter.delete_instance``)."""
        self._part.delete_instance(record_id, instance, reason, field_order)

    def mark(self, record_id: str, instance: FormInstance, mark: Mark, on: bool,
             action: AuditAction, reason: str | None = None, old: str | None = None,
             new: str | None = None) -> None:
        """Set (``on``) or remove a review mark, versioned for sync, with its audit row."""
        self._part.mark(record_id, instance, mark, on, action, reason, old, new)

    def stored_version(self, key: VersionKey) -> VersionRow | None:
        """Return the version of a value as this writer sees it (None: never set)."""
        return self._part.stored_version(key)

    def take_version(self, key: VersionKey, remote: RemoteVersion, synced: bool,
                     take_base: bool = True) -> None:
        """Make another node's version this node's version of the value."""
        self._part.take_version(key, remote, synced, take_base)

    def taken_value(self, key: VersionKey, local_value: str | None,
                    remote_value: str | None, reason: str) -> None:
        """List a remote value put back over the local one in its form's save row."""
        self._part.taken_value(key, local_value, remote_value, reason)

    def keep_local(self, key: VersionKey, remote_value: str | None, remote_uid: str,
                   reason: str) -> None:
        """Keep this node's value over a remote one (audited, newly versioned)."""
        self._part.keep_local(key, remote_value, remote_uid, reason)

    # ----- sync ------------------------------------------------------------------------------
    def load_synced(self, record_ids: Iterable[str]) -> SyncedBatch:
        """Read what this database holds of these records for a change set arriving by sync
        (``synced``, changed in memory by the sync's rules, written by ``finish``)."""
        self._synced = SyncedBatch(self._session, self._definition_version, self._username)
        self._synced.load(record_ids)
        return self._synced

    @property
    def synced(self) -> SyncedBatch:
        """The sync's batch (``load_synced`` first)."""
        assert self._synced is not None, "load_synced first"
        return self._synced

    def insert_synced_audit(self, rows: list[tuple[Any, ...]]) -> None:
        """Insert audit rows that arrived by sync (see ``insert_audit_rows``), stamped and
        chained, in bulk."""
        insert_audit_rows(self._session, rows)

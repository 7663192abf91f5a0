"""The database schema (typed SQLAlchemy 2.x models).

Clinical data is stored entity-attribute-value style, as REDCap does: a record (patient) has form
instances (record × event × form × repeat instance), each holding one row per field value.
"""

from __future__ import annotations

import datetime as dt
import os
import time

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    """Return the current UTC time without tzinfo (how every timestamp is stored)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


_UID_VERSION_CLEAR = ~((0xF << 76) | (0x3 << 62))
_UID_VERSION_SET = (0x7 << 76) | (0x2 << 62)


def new_uid() -> str:
    """Return a new globally unique id (32 hex digits) for a change or an audit row.

    Time-ordered, laid out as a UUID version 7: 48 bits of Unix time in milliseconds, then 74
    random bits (plus the version and variant bits). Ids made later sort later (to the
    millisecond), so the unique uid index grows at its end instead of at random places; the
    random bits keep ids from different databases apart (sync deduplicates by uid).
    """
    value = (time.time_ns() // 1_000_000) << 80 | int.from_bytes(os.urandom(10), "big")
    return f"{(value & _UID_VERSION_CLEAR) | _UID_VERSION_SET:032x}"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class StudyDefinitionRow(Base):
    """One version of the study definition, kept as the REDCap file texts it was loaded from."""

    __tablename__ = "study_definitions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, unique=True)
    name: Mapped[str] = mapped_column(String(200))
    dictionary_csv: Mapped[str] = mapped_column(Text)
    events_csv: Mapped[str] = mapped_column(Text)
    mapping_csv: Mapped[str] = mapped_column(Text)
    repeating_csv: Mapped[str] = mapped_column(Text, default="")
    project_json: Mapped[str] = mapped_column(Text, default="{}")
    loaded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    loaded_by: Mapped[str] = mapped_column(String(100))


class User(Base):
    """A person who may log in, with one role."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(400))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Record(Base):
    """A patient, identified by the study number (REDCap's ``record_id``)."""

    __tablename__ = "records"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_id: Mapped[str] = mapped_column(String(100), unique=True)
    site: Mapped[str] = mapped_column(String(20), default="", index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(100))

    forms: Mapped[list[FormInstance]] = relationship(
        back_populates="record", cascade="all, delete-orphan")


class FormInstance(Base):
    """One form of one event of one record (``instance`` > 1 only for repeating forms)."""

    __tablename__ = "form_instances"
    __table_args__ = (UniqueConstraint("record_pk", "event", "form", "instance",
                                       name="uq_form_instances_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_pk: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"))
    event: Mapped[str] = mapped_column(String(100))
    form: Mapped[str] = mapped_column(String(100))
    instance: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, default=1)
    verified_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    verified_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    locked_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    locked_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(100))
    # The newest e-signature (migration 0006), apart from the lock it comes with.
    signed_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    signed_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)

    record: Mapped[Record] = relationship(back_populates="forms")
    values: Mapped[list[ItemValue]] = relationship(
        back_populates="form_instance", cascade="all, delete-orphan")

    __mapper_args__ = {"version_id_col": version}


class ItemValue(Base):
    """The stored text of one field in one form instance (checkboxes: codes joined by ',').

    An entered value holds its sync version here (migration 0011; ``uid`` None: a calculated
    value, which every node recomputes): ``uid`` names this version, ``base_uid`` the one it
    replaced, ``seq`` the change sequence that wrote it, ``synced_uid`` the version the central
    database is known to hold (sites only). Versions without a value row are ``ValueVersion``.
    """

    __tablename__ = "item_values"
    __table_args__ = (UniqueConstraint("form_instance_id", "field", name="uq_item_values_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    form_instance_id: Mapped[int] = mapped_column(
        ForeignKey("form_instances.id", ondelete="CASCADE"))
    # no index of its own: the unique (form_instance_id, field) key serves it (migration 0008)
    field: Mapped[str] = mapped_column(String(100))
    value: Mapped[str] = mapped_column(Text)
    # The study definition version the value was entered (or last migrated) under (0004).
    definition_version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    uid: Mapped[str | None] = mapped_column(String(32), nullable=True)
    base_uid: Mapped[str | None] = mapped_column(String(32), nullable=True)
    changed_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    changed_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    origin_site: Mapped[str | None] = mapped_column(String(20), nullable=True)
    seq: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    synced_uid: Mapped[str | None] = mapped_column(String(32), nullable=True)

    form_instance: Mapped[FormInstance] = relationship(back_populates="values")


class Attachment(Base):
    """The bytes of one attached file, stored once whatever the number of values naming it.

    Content-addressed: the primary key is the SHA-256 of the bytes (0009). A ``file`` field's
    value names its attachment (``vo_crf.attachments.reference``); rows are never changed or
    deleted, so the old file of an audited change can still be opened.
    """

    __tablename__ = "attachments"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    size: Mapped[int] = mapped_column(Integer)
    mime_type: Mapped[str] = mapped_column(String(255))
    name: Mapped[str] = mapped_column(String(255))
    """The file name it was first attached under (each value keeps its own name)."""
    stored_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class AuditEntry(Base):
    """One append-only row of the audit trail (the database refuses UPDATE and DELETE)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)  # not indexed (0008)
    username: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str | None] = mapped_column(String(100), nullable=True, index=True)
    event: Mapped[str | None] = mapped_column(String(100), nullable=True)
    form: Mapped[str | None] = mapped_column(String(100), nullable=True)
    instance: Mapped[int | None] = mapped_column(Integer, nullable=True)
    field: Mapped[str | None] = mapped_column(String(100), nullable=True)
    old_value: Mapped[str | None] = mapped_column(Text, nullable=True)
    new_value: Mapped[str | None] = mapped_column(Text, nullable=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    # Multi-site sync (migration 0002): a global id to deduplicate copies, the site the row was
    # written at, and the local change sequence it arrived with (all set by vo_crf.write.stamp).
    uid: Mapped[str | None] = mapped_column(String(32), nullable=True, unique=True, index=True,
                                            default=new_uid)
    site: Mapped[str | None] = mapped_column(String(20), nullable=True)
    seq: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    # The hash chain (migration 0007, see vo_crf.audit.chain): the row's position and the
    # SHA-256 of the previous row's hash and this row's content. Set when the row is written.
    chain_seq: Mapped[int | None] = mapped_column(Integer, nullable=True, unique=True,
                                                  index=True)
    chain_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # One row per form save (migration 0010): the save's changes as JSON, NULL on every other
    # row; read through vo_crf.audit.trail.expand (one entry per change).
    changes: Mapped[str | None] = mapped_column(Text, nullable=True)


class AuditChainHead(Base):
    """The newest position and hash of the audit chain (one row, migration 0007)."""

    __tablename__ = "audit_chain"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    head_seq: Mapped[int] = mapped_column(Integer, default=0)
    head_hash: Mapped[str] = mapped_column(String(64))
    # The last full, intact verification: the quick check at open starts after it.
    verified_seq: Mapped[int | None] = mapped_column(Integer, nullable=True)
    verified_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)


class ProtocolDeviation(Base):
    """A recorded departure from the protocol, e.g. a visit outside its window."""

    __tablename__ = "protocol_deviations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_id: Mapped[str] = mapped_column(String(100), index=True)
    event: Mapped[str] = mapped_column(String(100))
    form: Mapped[str] = mapped_column(String(100))
    field: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(40))
    message: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text, default="")
    detected_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    detected_by: Mapped[str] = mapped_column(String(100))


class SyncNode(Base):
    """This database as a sync node (one row): its site code and its change counter.

    ``site_code`` is '' for a central database (or a site not set up yet). ``change_seq`` is
    bumped once per write transaction that writes audit rows or value versions; the row lock
    orders those transactions, so "seq > watermark" never skips a late commit on PostgreSQL.
    """

    __tablename__ = "sync_node"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_code: Mapped[str] = mapped_column(String(20), default="")
    change_seq: Mapped[int] = mapped_column(Integer, default=0)
    # The database's identity (migration 0006): a site notices a central database replaced.
    node_uid: Mapped[str | None] = mapped_column(String(32), nullable=True, default=new_uid)


class SyncPeer(Base):
    """What this database has received from another node (the watermark of that direction)."""

    __tablename__ = "sync_peers"

    peer: Mapped[str] = mapped_column(String(100), primary_key=True)
    received_seq: Mapped[int] = mapped_column(Integer, default=0)
    last_sync_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    # Migration 0006: the peer's identity and the checkpoint it stored for this database at
    # the last sync; a peer without that checkpoint went back in time (restored from a backup).
    peer_uid: Mapped[str | None] = mapped_column(String(32), nullable=True)
    checkpoint: Mapped[str | None] = mapped_column(String(32), nullable=True)


class SyncCheckpoint(Base):
    """A central database's high-water mark for one site: "you hold my changes up to ``seq``".

    Written by the site's pull into the central database; a restore from an older backup loses
    it, which is how the site notices (``vo_crf.sync.epoch``).
    """

    __tablename__ = "sync_checkpoints"

    uid: Mapped[str] = mapped_column(String(32), primary_key=True)
    site: Mapped[str] = mapped_column(String(20), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ValueVersion(Base):
    """The version of what has no value row: a form status (field ``<form>_complete``), a
    review mark, or an entered value blanked (``value`` None: a tombstone, so that a deletion
    travels too). An entered value's version is held in its ``ItemValue`` row (0011).
    ``uid`` names this version, ``base_uid`` the one it replaced; ``synced_uid`` is the version
    the central database is known to hold (sites only).
    """

    __tablename__ = "value_versions"
    __table_args__ = (UniqueConstraint("record_id", "event", "form", "instance", "field",
                                       name="uq_value_versions_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_id: Mapped[str] = mapped_column(String(100))
    event: Mapped[str] = mapped_column(String(100))
    form: Mapped[str] = mapped_column(String(100))
    instance: Mapped[int] = mapped_column(Integer)
    field: Mapped[str] = mapped_column(String(100))
    value: Mapped[str | None] = mapped_column(Text, nullable=True)
    uid: Mapped[str] = mapped_column(String(32), default=new_uid)
    base_uid: Mapped[str | None] = mapped_column(String(32), nullable=True)
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    changed_by: Mapped[str] = mapped_column(String(100))
    origin_site: Mapped[str] = mapped_column(String(20))
    seq: Mapped[int] = mapped_column(Integer, index=True)
    synced_uid: Mapped[str | None] = mapped_column(String(32), nullable=True)


class SyncConflict(Base):
    """A value changed both here and elsewhere since the last sync: both sides, until resolved."""

    __tablename__ = "sync_conflicts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_id: Mapped[str] = mapped_column(String(100))
    event: Mapped[str] = mapped_column(String(100))
    form: Mapped[str] = mapped_column(String(100))
    instance: Mapped[int] = mapped_column(Integer)
    field: Mapped[str] = mapped_column(String(100))
    local_value: Mapped[str | None] = mapped_column(Text, nullable=True)
    local_uid: Mapped[str] = mapped_column(String(32))
    local_user: Mapped[str] = mapped_column(String(100))
    local_at: Mapped[dt.datetime] = mapped_column(DateTime)
    remote_value: Mapped[str | None] = mapped_column(Text, nullable=True)
    remote_uid: Mapped[str] = mapped_column(String(32))
    remote_user: Mapped[str] = mapped_column(String(100))
    remote_at: Mapped[dt.datetime] = mapped_column(DateTime)
    remote_site: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(10), default="open", index=True)
    detected_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    resolved_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    resolution: Mapped[str | None] = mapped_column(String(10), nullable=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)


class ProjectSecret(Base):
    """A secret that belongs to this study database (e.g. the key of export pseudonyms)."""

    __tablename__ = "project_secrets"

    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Query(Base):
    """A data clarification query on one field value (open → answered → closed, re-openable)."""

    __tablename__ = "queries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True, default=new_uid)
    record_id: Mapped[str] = mapped_column(String(100), index=True)
    event: Mapped[str] = mapped_column(String(100))
    form: Mapped[str] = mapped_column(String(100))
    instance: Mapped[int] = mapped_column(Integer, default=1)
    field: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(10), default="open", index=True)
    text: Mapped[str] = mapped_column(Text)
    suggested_value: Mapped[str | None] = mapped_column(Text, nullable=True)
    value_at_open: Mapped[str | None] = mapped_column(Text, nullable=True)
    source: Mapped[str] = mapped_column(String(60), default="manual")
    opened_by: Mapped[str] = mapped_column(String(100))
    opened_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    closed_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    # Multi-site sync (migration 0005): the site the query was opened at and the local change
    # sequence of its last change (both set by vo_crf.write.stamp).
    site: Mapped[str | None] = mapped_column(String(20), nullable=True)
    seq: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)

    steps: Mapped[list[QueryStep]] = relationship(
        back_populates="query", cascade="all, delete-orphan",
        order_by="(QueryStep.at, QueryStep.uid)")


class QueryStep(Base):
    """One step of a query's thread: opened, answered, value corrected, closed, re-opened."""

    __tablename__ = "query_steps"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    query_id: Mapped[int] = mapped_column(ForeignKey("queries.id", ondelete="CASCADE"),
                                          index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    username: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text, default="")
    old_value: Mapped[str | None] = mapped_column(Text, nullable=True)
    new_value: Mapped[str | None] = mapped_column(Text, nullable=True)
    # Multi-site sync (migration 0005): a global id (threads merge by it, ordered by at, uid),
    # the site the step was taken at and the local change sequence it arrived with.
    uid: Mapped[str | None] = mapped_column(String(32), nullable=True, unique=True, index=True,
                                            default=new_uid)
    site: Mapped[str | None] = mapped_column(String(20), nullable=True)
    seq: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)

    query: Mapped[Query] = relationship(back_populates="steps")


class DoubleEntry(Base):
    """One of the two independent entries of a double-data-entry form instance."""

    __tablename__ = "dde_entries"
    __table_args__ = (UniqueConstraint("record_id", "event", "form", "instance", "entry_number",
                                       name="uq_dde_entries_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_id: Mapped[str] = mapped_column(String(100), index=True)
    event: Mapped[str] = mapped_column(String(100))
    form: Mapped[str] = mapped_column(String(100))
    instance: Mapped[int] = mapped_column(Integer, default=1)
    entry_number: Mapped[int] = mapped_column(Integer)
    username: Mapped[str] = mapped_column(String(100))
    values_json: Mapped[str] = mapped_column(Text, default="{}")
    status: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class DoubleEntryAdjudication(Base):
    """The resolution of a double-entered form instance: who made the final values, and when."""

    __tablename__ = "dde_adjudications"
    __table_args__ = (UniqueConstraint("record_id", "event", "form", "instance",
                                       name="uq_dde_adjudications_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_id: Mapped[str] = mapped_column(String(100), index=True)
    event: Mapped[str] = mapped_column(String(100))
    form: Mapped[str] = mapped_column(String(100))
    instance: Mapped[int] = mapped_column(Integer, default=1)
    adjudicated_by: Mapped[str] = mapped_column(String(100))
    adjudicated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    fields_compared: Mapped[int] = mapped_column(Integer, default=0)
    fields_discordant: Mapped[int] = mapped_column(Integer, default=0)

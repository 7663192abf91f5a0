"""The database schema (typed SQLAlchemy 2.x models).

Clinical data is stored entity-attribute-value style, as REDCap does: a record (patient) has form
instances (record × event × form × repeat instance), each holding one row per field value.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
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

    record: Mapped[Record] = relationship(back_populates="forms")
    values: Mapped[list[ItemValue]] = relationship(
        back_populates="form_instance", cascade="all, delete-orphan")

    __mapper_args__ = {"version_id_col": version}


class ItemValue(Base):
    """The stored text of one field in one form instance (checkboxes: codes joined by ',')."""

    __tablename__ = "item_values"
    __table_args__ = (UniqueConstraint("form_instance_id", "field", name="uq_item_values_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    form_instance_id: Mapped[int] = mapped_column(
        ForeignKey("form_instances.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(100))
    value: Mapped[str] = mapped_column(Text)

    form_instance: Mapped[FormInstance] = relationship(back_populates="values")


class AuditEntry(Base):
    """One append-only row of the audit trail (the database refuses UPDATE and DELETE)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
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

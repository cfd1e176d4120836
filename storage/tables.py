"""The schema. Alembic migrations in storage/migrations must match it."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Enum,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    text,
)

from bot.domain.model import Answer, EventStatus, Platform, Role
from storage.types import UTCDateTime

metadata = MetaData(naming_convention={
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})


def _enum(kind: type[StrEnum]) -> Enum:
    return Enum(kind, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e])


workspaces = Table(
    "workspaces", metadata,
    Column("id", Integer, primary_key=True),
    Column("platform", _enum(Platform), nullable=False),
    Column("external_id", String(255), nullable=False),
    Column("name", String(255), nullable=False, default=""),
    Column("locale", String(10), nullable=False, default="en"),
    Column("timezone", String(64), nullable=False, default="UTC"),
    Column("mail_config", JSON, nullable=True),
    Column("mail_secret", Text, nullable=True),  # Fernet token of the mail passwords
    UniqueConstraint("platform", "external_id", name="uq_workspaces_platform_external_id"),
)

people = Table(
    "people", metadata,
    Column("id", Integer, primary_key=True),
    Column("workspace_id", ForeignKey("workspaces.id"), nullable=False),
    Column("platform", _enum(Platform), nullable=False),
    Column("user_id", String(255), nullable=False),
    Column("display_name", String(255), nullable=False, default=""),
    Column("timezone", String(64), nullable=True),
    Column("locale", String(10), nullable=True),
    UniqueConstraint("workspace_id", "user_id", name="uq_people_workspace_id_user_id"),
)

events = Table(
    "events", metadata,
    Column("id", Integer, primary_key=True),
    Column("workspace_id", ForeignKey("workspaces.id"), nullable=False),
    Column("organizer_id", ForeignKey("people.id"), nullable=False),
    Column("uid", String(255), nullable=False, unique=True),
    Column("sequence", Integer, nullable=False, default=0),
    # The SEQUENCE at which the date or time last changed (0: never); calendar replies
    # from before it answer a time that no longer holds.
    Column("rescheduled_sequence", Integer, nullable=False, default=0, server_default="0"),
    Column("title", String(255), nullable=False),
    Column("description", Text, nullable=False, default=""),
    Column("start", UTCDateTime, nullable=False),
    Column("end", UTCDateTime, nullable=False),
    Column("timezone", String(64), nullable=False),
    Column("place", String(1024), nullable=False, default=""),
    Column("locale", String(10), nullable=False, default="en"),
    Column("status", _enum(EventStatus), nullable=False),
    Column("card", JSON, nullable=True),
    Column("created_at", UTCDateTime, nullable=True),
    Column("draft_key", String(64), nullable=True, unique=True),
    Index("ix_events_organizer_start", "organizer_id", "start"),
)

attendees = Table(
    "attendees", metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("role", _enum(Role), nullable=False),
    Column("person_id", ForeignKey("people.id"), nullable=True),
    Column("email", String(320), nullable=False, default=""),
    Column("first_name", String(255), nullable=False, default=""),
    Column("last_name", String(255), nullable=False, default=""),
    Column("answer", _enum(Answer), nullable=False),
    Column("answered_at", UTCDateTime, nullable=True),
    Column("comment", Text, nullable=True),
    Column("token_salt", String(64), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("removed", Boolean, nullable=False, default=False),
    Column("erased_at", UTCDateTime, nullable=True),
    Column("contact_stopped", Boolean, nullable=False, default=False, server_default=false()),
)

attachments = Table(
    "attachments", metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("name", String(255), nullable=False),
    Column("content_type", String(255), nullable=False),
    Column("data", LargeBinary, nullable=False),
)

# An outbox row still waiting to be claimed; a literal, so that PostgreSQL can match an
# ON CONFLICT target to the partial index below even from a prepared statement's generic plan.
OUTBOX_WAITING = text("status = 'pending'")

outbox = Table(
    "outbox", metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(64), nullable=False),
    Column("payload", JSON, nullable=False),
    Column("status", String(16), nullable=False, default="pending"),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", UTCDateTime, nullable=False),
    Column("locked_until", UTCDateTime, nullable=True),
    Column("claimed_by", String(64), nullable=True),
    Column("last_error", Text, nullable=True),
    Column("sent_at", UTCDateTime, nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("idempotency_key", String(255), nullable=False, unique=True),
    Column("coalesce_key", String(255), nullable=True, index=True),
    Index("ix_outbox_due", "status", "next_attempt_at"),
    # At most one waiting row per coalescing key, whatever number of writers race.
    Index("uq_outbox_waiting_coalesce_key", "coalesce_key", unique=True,
          sqlite_where=OUTBOX_WAITING, postgresql_where=OUTBOX_WAITING),
)

# Half-finished chat conversations and other front-end state that must survive a restart.
chat_state = Table(
    "chat_state", metadata,
    Column("id", Integer, primary_key=True),
    Column("namespace", String(64), nullable=False),
    Column("key", String(255), nullable=False),
    Column("value", JSON, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    UniqueConstraint("namespace", "key", name="uq_chat_state_namespace_key"),
)

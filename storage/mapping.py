"""Maps the domain dataclasses onto the tables, keeping the domain free of SQLAlchemy."""

from __future__ import annotations

from sqlalchemy.orm import registry, relationship

from bot.domain.model import Attachment, Attendee, Event, Person, Workspace
from storage import tables

mapper_registry = registry()
_mapped = False


def start_mappers() -> None:
    """Instrument the domain classes once per process."""
    global _mapped
    if _mapped:
        return
    mapper_registry.map_imperatively(Workspace, tables.workspaces)
    mapper_registry.map_imperatively(Person, tables.people)
    mapper_registry.map_imperatively(Attendee, tables.attendees)
    mapper_registry.map_imperatively(Attachment, tables.attachments)
    mapper_registry.map_imperatively(Event, tables.events, properties={
        "attendees": relationship(Attendee, lazy="selectin", order_by=tables.attendees.c.id,
                                  cascade="all, delete-orphan"),
    })
    _mapped = True

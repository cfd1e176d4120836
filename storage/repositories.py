"""Repositories for workspaces, people and events over one AsyncSession."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, fields
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, delete, exists, func, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.model import (
    Attachment,
    Attendee,
    Event,
    EventStatus,
    FileInfo,
    MailSettings,
    Person,
    PersonRef,
    Platform,
    Role,
    Workspace,
)
from bot.ports import Duplicate
from storage import tables
from storage.crypto import SecretBox

_SECRET_FIELDS = ("smtp_password", "imap_password")


async def insert_if_missing(session: AsyncSession, table: Any, values: dict[str, Any]) -> None:
    """INSERT … ON CONFLICT DO NOTHING: a concurrent insert of the same row is no error."""
    dialect = session.get_bind().dialect.name
    statement = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
    await session.execute(statement.values(**values).on_conflict_do_nothing())


class SqlWorkspaces:
    def __init__(self, session: AsyncSession, box: SecretBox) -> None:
        self.session, self.box = session, box

    async def get(self, workspace_id: int) -> Workspace | None:
        return await self.session.get(Workspace, workspace_id)

    async def get_or_add(self, platform: Platform, external_id: str, name: str = "",
                         ) -> Workspace:
        query = select(Workspace).filter_by(platform=platform, external_id=external_id)
        found = await self.session.scalar(query)
        if found is None:  # two first requests of a workspace may arrive at once
            await insert_if_missing(self.session, tables.workspaces, {
                "platform": platform.value, "external_id": external_id, "name": name,
                "locale": "en", "timezone": "UTC"})
            found = await self.session.scalar(query)
        assert found is not None
        return found

    async def get_mail(self, workspace: Workspace) -> MailSettings | None:
        config = getattr(workspace, "mail_config", None)
        if not config:
            return None
        secret = getattr(workspace, "mail_secret", None)
        values = dict(config) | (self.box.open(secret) if secret else {})
        known = {f.name for f in fields(MailSettings)}
        return MailSettings(**{k: v for k, v in values.items() if k in known})

    async def has_mail(self, workspace_id: int) -> bool:
        """Whether the workspace has its own sender mailbox (without decrypting it)."""
        workspace = await self.get(workspace_id)
        return bool(workspace and getattr(workspace, "mail_config", None))

    async def list_mail(self) -> list[tuple[Workspace, MailSettings]]:
        """Every workspace that has its own sender mailbox."""
        found = await self.session.scalars(
            select(Workspace).where(tables.workspaces.c.mail_config.is_not(None)))
        pairs = [(w, await self.get_mail(w)) for w in found]
        return [(w, mail) for w, mail in pairs if mail is not None]

    async def set_mail(self, workspace: Workspace, mail: MailSettings | None) -> None:
        if mail is None:
            workspace.mail_config = workspace.mail_secret = None  # type: ignore[attr-defined]
            return
        values = asdict(mail)
        secret = {k: values.pop(k) for k in _SECRET_FIELDS}
        workspace.mail_config = values  # type: ignore[attr-defined]
        workspace.mail_secret = self.box.seal(secret)  # type: ignore[attr-defined]


class SqlPeople:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, person_id: int) -> Person | None:
        return await self.session.get(Person, person_id)

    async def get_or_add(self, workspace: Workspace, ref: PersonRef) -> Person:
        query = select(Person).filter_by(workspace_id=workspace.id, user_id=ref.user_id)
        person = await self.session.scalar(query)
        if person is None:  # two first clicks of a person may arrive at once
            await insert_if_missing(self.session, tables.people, {
                "workspace_id": workspace.id, "platform": ref.platform.value,
                "user_id": ref.user_id, "display_name": ref.display_name})
            person = await self.session.scalar(query)
        assert person is not None
        # What the platform tells us now is fresher than what we stored.
        person.display_name = ref.display_name or person.display_name
        person.timezone = ref.timezone or person.timezone
        person.locale = ref.locale or person.locale
        await self.session.flush()
        return person


class SqlEvents:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, event: Event) -> None:
        self.session.add(event)
        try:
            await self.session.flush()
        except IntegrityError as exc:  # e.g. its form was saved already
            raise Duplicate(str(exc.orig)) from exc

    async def get(self, event_id: int, *, for_update: bool = False) -> Event | None:
        query = select(Event).where(tables.events.c.id == event_id)
        if for_update:
            query = query.with_for_update().execution_options(populate_existing=True)
        return await self.session.scalar(query)

    async def get_by_uid(self, uid: str) -> Event | None:
        return await self.session.scalar(select(Event).where(tables.events.c.uid == uid))

    async def get_by_draft_key(self, draft_key: str) -> Event | None:
        return await self.session.scalar(
            select(Event).where(tables.events.c.draft_key == draft_key))

    async def get_by_token_hash(self, token_hash: str, *, for_update: bool = False,
                                ) -> tuple[Event, Attendee] | None:
        return await self._with_attendee(tables.attendees.c.token_hash == token_hash, for_update)

    async def get_by_attendee(self, attendee_id: int, *, for_update: bool = False,
                              ) -> tuple[Event, Attendee] | None:
        return await self._with_attendee(tables.attendees.c.id == attendee_id, for_update)

    async def _with_attendee(self, condition: ColumnElement[bool],
                             for_update: bool) -> tuple[Event, Attendee] | None:
        c = tables.attendees.c
        query = (select(Event, c.id).join(tables.attendees, c.event_id == tables.events.c.id)
                 .where(condition).execution_options(populate_existing=True))
        if for_update:
            query = query.with_for_update(of=tables.events)
        row = (await self.session.execute(query)).first()
        if row is None:
            return None
        event, attendee_id = row
        return event, next(a for a in event.attendees if a.id == attendee_id)

    async def list_for_organizer(self, person_id: int, after: datetime) -> list[Event]:
        c = tables.events.c
        query = (select(Event)
                 .where(c.organizer_id == person_id, c.end > after,
                        c.status == EventStatus.SCHEDULED)
                 .order_by(c.start))
        return list(await self.session.scalars(query))

    async def list_for_colleague(self, person_id: int, after: datetime) -> list[Event]:
        """Upcoming events the person is invited to as a colleague (not removed)."""
        c, a = tables.events.c, tables.attendees.c
        invited = select(a.event_id).where(a.person_id == person_id, a.removed.is_(False))
        query = (select(Event)
                 .where(c.id.in_(invited), c.end > after, c.status == EventStatus.SCHEDULED)
                 .order_by(c.start))
        return list(await self.session.scalars(query))

    async def add_attachments(self, event: Event, files: Sequence[Attachment]) -> None:
        for file in files:
            file.event_id = event.id
            self.session.add(file)
        await self.session.flush()

    async def list_attachments(self, event_id: int) -> list[Attachment]:
        query = (select(Attachment).where(tables.attachments.c.event_id == event_id)
                 .order_by(tables.attachments.c.id))
        return list(await self.session.scalars(query))

    async def list_files(self, event_id: int) -> list[FileInfo]:
        """Names and sizes without reading the bytes."""
        c = tables.attachments.c
        rows = await self.session.execute(
            select(c.id, c.name, c.content_type, func.length(c.data).label("size"))
            .where(c.event_id == event_id).order_by(c.id))
        return [FileInfo(r.id, r.name, r.content_type, r.size) for r in rows]

    async def list_by_guest_email(self, email: str, *, for_update: bool = False,
                                  ) -> list[Event]:
        a = tables.attendees.c
        # SQLite's lower() folds ASCII only: a local part typed in other capitals (É/é) is
        # missed there; the callers compare again with casefold().
        holding = select(a.event_id).where(a.role == Role.GUEST, a.erased_at.is_(None),
                                           func.lower(a.email) == email.lower())
        query = (select(Event).where(tables.events.c.id.in_(holding))
                 .order_by(tables.events.c.start, tables.events.c.id)
                 .execution_options(populate_existing=True))
        if for_update:
            query = query.with_for_update()
        return list(await self.session.scalars(query))

    async def list_ended_before(self, cutoff: datetime, after_id: int, limit: int,
                                ) -> list[int]:
        e, a, f = tables.events.c, tables.attendees.c, tables.attachments.c
        guests_left = exists().where(a.event_id == e.id, a.role == Role.GUEST,
                                     a.erased_at.is_(None))
        files_left = exists().where(f.event_id == e.id)
        query = (select(e.id).where(e.end < cutoff, e.id > after_id, or_(guests_left, files_left))
                 .order_by(e.id).limit(limit))
        return list(await self.session.scalars(query))

    async def delete_attachments(self, event_id: int) -> int:
        result = await self.session.execute(
            delete(tables.attachments).where(tables.attachments.c.event_id == event_id))
        return result.rowcount or 0


class SqlChatState:
    """Key/value state per namespace (e.g. Telegram conversations), kept across restarts."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get_all(self, namespace: str) -> dict[str, Any]:
        c = tables.chat_state.c
        rows = await self.session.execute(select(c.key, c.value).where(c.namespace == namespace))
        return {row.key: row.value for row in rows}

    async def get(self, namespace: str, key: str) -> Any:
        c = tables.chat_state.c
        return await self.session.scalar(
            select(c.value).where(c.namespace == namespace, c.key == key))

    async def get_in_namespaces(self, prefix: str, key: str) -> dict[str, Any]:
        c = tables.chat_state.c
        rows = await self.session.execute(select(c.namespace, c.value).where(
            c.namespace.startswith(prefix, autoescape=True), c.key == key))
        return {row.namespace: row.value for row in rows}

    async def put(self, namespace: str, key: str, value: Any, now: datetime) -> None:
        """Insert or replace in one statement: two processes may write the same key."""
        dialect = self.session.get_bind().dialect.name
        upsert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(
            tables.chat_state).values(namespace=namespace, key=key, value=value, updated_at=now)
        await self.session.execute(upsert.on_conflict_do_update(
            index_elements=["namespace", "key"], set_={"value": value, "updated_at": now}))

    async def delete(self, namespace: str, key: str) -> None:
        c = tables.chat_state.c
        await self.session.execute(
            delete(tables.chat_state).where(c.namespace == namespace, c.key == key))

    async def list_all(self) -> list[tuple[str, str, Any]]:
        c = tables.chat_state.c
        rows = await self.session.execute(select(c.namespace, c.key, c.value).order_by(c.id))
        return [(row.namespace, row.key, row.value) for row in rows]

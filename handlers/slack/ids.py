"""Every Block Kit callback, block and action id Ospite uses, in one place."""

from enum import StrEnum


class View(StrEnum):
    EVENT = "ospite_event_form"
    GUEST = "ospite_guest_form"
    MAIL = "ospite_mail_form"


class Block(StrEnum):
    TITLE = "title"
    DESCRIPTION = "description"
    DATE = "date"
    START = "start_time"
    END = "end_time"
    TIMEZONE = "timezone"
    PLACE = "place"
    LOCALE = "locale"
    COLLEAGUES = "colleagues"
    FILES = "attachments"
    NOTIFY = "notify"
    GUESTS = "guests"
    EMAIL = "email"
    FIRST = "first_name"
    LAST = "last_name"
    SENDER_NAME = "sender_name"
    SENDER_EMAIL = "sender_email"
    SMTP_HOST = "smtp_host"
    SMTP_PORT = "smtp_port"
    SMTP_SECURITY = "smtp_security"
    SMTP_USER = "smtp_user"
    SMTP_PASSWORD = "smtp_password"  # noqa: S105 - a block id
    IMAP_HOST = "imap_host"
    IMAP_PORT = "imap_port"
    IMAP_USER = "imap_user"
    IMAP_PASSWORD = "imap_password"  # noqa: S105 - a block id


class Action(StrEnum):
    VALUE = "value"  # the one input of an input block
    INVITE_GUEST = "invite_guest"
    REMOVE_GUEST = "remove_guest"
    EDIT = "edit_event"
    INVITE_MORE = "invite_more"
    CANCEL = "cancel_event"
    ACCEPT = "colleague_accept"
    DECLINE = "colleague_decline"

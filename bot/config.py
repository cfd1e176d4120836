"""Typed settings read from the environment (and an optional `.env`)."""

from __future__ import annotations

import secrets
from pathlib import Path
from zoneinfo import available_timezones

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.text import LOCALES as SUPPORTED_LOCALES

SECRET_KEY_FILE = "secret_key"  # noqa: S105 - a file name, not a secret


class SettingsError(Exception):
    """A setting is malformed; the message names the variable."""


class Settings(BaseSettings):
    """Every setting Ospite reads; names match DESIGN.md."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", case_sensitive=True)

    DATA_DIR: Path = Path("./var")
    DATABASE_URL: str = ""
    PUBLIC_URL: str = "http://localhost:8000"
    SECRET_KEY: str = ""
    PORT: int = Field(default=8000, ge=1, le=65535)

    SLACK_BOT_TOKEN: str | None = None
    SLACK_SIGNING_SECRET: str | None = None
    SLACK_APP_TOKEN: str | None = None
    SLACK_API_URL: str = "https://slack.com/api/"

    TELEGRAM_BOT_TOKEN: str | None = None
    TELEGRAM_API_URL: str = "https://api.telegram.org/bot"
    TELEGRAM_FILE_URL: str = ""
    TELEGRAM_WEBHOOK_SECRET: str | None = None
    TELEGRAM_ALLOWED_USERS: str = ""
    TELEGRAM_COMPANY_CHAT: str | None = None
    TELEGRAM_ADMINS: str = ""

    DEFAULT_LOCALE: str = "en"
    DEFAULT_TIMEZONE: str = "UTC"

    SMTP_URL: str | None = None
    MAIL_FROM: str | None = None
    IMAP_URL: str | None = None

    # Guests' personal data is erased this many days after their event ended (0 keeps it).
    RETENTION_DAYS: int = Field(default=365, ge=0)

    @field_validator("PUBLIC_URL")
    @classmethod
    def _public_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/")

    @field_validator("DEFAULT_LOCALE")
    @classmethod
    def _locale(cls, value: str) -> str:
        if value not in SUPPORTED_LOCALES:
            raise ValueError(f"must be one of {', '.join(SUPPORTED_LOCALES)}")
        return value

    @field_validator("DEFAULT_TIMEZONE")
    @classmethod
    def _timezone(cls, value: str) -> str:
        if value not in available_timezones():
            raise ValueError("must be an IANA time zone such as Europe/Rome")
        return value

    @field_validator("SMTP_URL", "IMAP_URL")
    @classmethod
    def _mail_url(cls, value: str | None) -> str | None:
        if value and "://" not in value:
            raise ValueError("must be a URL such as smtp://user:pass@host:587?starttls=true")
        return value or None

    @field_validator("TELEGRAM_ALLOWED_USERS", "TELEGRAM_ADMINS")
    @classmethod
    def _user_ids(cls, value: str) -> str:
        for part in _split(value):
            if not part.lstrip("-").isdigit():
                raise ValueError(f"{part!r} is not a numeric Telegram user id")
        return value

    @property
    def database_url(self) -> str:
        """The configured database, or the SQLite file in the data folder."""
        return self.DATABASE_URL or f"sqlite+aiosqlite:///{self.DATA_DIR / 'ospite.db'}"

    @property
    def telegram_file_url(self) -> str:
        """The Bot API file base, derived from the API base when unset."""
        if self.TELEGRAM_FILE_URL:
            return self.TELEGRAM_FILE_URL
        base = self.TELEGRAM_API_URL
        return base[: -len("/bot")] + "/file/bot" if base.endswith("/bot") else base

    @property
    def telegram_allowed_users(self) -> frozenset[int]:
        return frozenset(int(p) for p in _split(self.TELEGRAM_ALLOWED_USERS))

    @property
    def telegram_admins(self) -> frozenset[int]:
        return frozenset(int(p) for p in _split(self.TELEGRAM_ADMINS))

    @property
    def slack_enabled(self) -> bool:
        return bool(self.SLACK_BOT_TOKEN and (self.SLACK_SIGNING_SECRET or self.SLACK_APP_TOKEN))

    @property
    def telegram_enabled(self) -> bool:
        return bool(self.TELEGRAM_BOT_TOKEN)


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def load_settings(**overrides: object) -> Settings:
    """Read settings, make the data folder and a stable secret key; one clear error."""
    try:
        settings = Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        name = ".".join(str(part) for part in first["loc"]) or "settings"
        raise SettingsError(f"invalid setting {name}: {first['msg']}") from None
    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    if not settings.SECRET_KEY:
        settings.SECRET_KEY = _stored_secret_key(settings.DATA_DIR)
    return settings


def _stored_secret_key(data_dir: Path) -> str:
    """Generate the key once into the data folder so tokens survive restarts."""
    path = data_dir / SECRET_KEY_FILE
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_urlsafe(48)
    path.touch(mode=0o600)
    path.write_text(key)
    return key

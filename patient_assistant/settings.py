"""Settings from the environment (and an optional .env file). Created by the caller, never at import."""

from __future__ import annotations

from typing import Literal

from pydantic import model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PLACEHOLDER = "change-me"


class Settings(BaseSettings):
    """Every setting of a deployment. Names match DESIGN.md's list of environment variables."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    database_url: str = "sqlite+aiosqlite:///var/patient-assistant.db"
    redis_url: str | None = None
    fhir_base_url: str | None = None
    public_base_url: str = "http://127.0.0.1:8000"
    secret_key: str = PLACEHOLDER

    practice_id: str = "riverside"
    practice_timezone: str = "America/New_York"
    practice_locale: str = "en-US"

    twilio_account_sid: str | None = None
    twilio_auth_token: str | None = None
    twilio_sms_from: str | None = None
    twilio_whatsapp_from: str | None = None
    twilio_api_base_url: str = "https://api.twilio.com"
    telegram_bot_token: str | None = None
    telegram_webhook_secret: str | None = None
    telegram_api_base_url: str = "https://api.telegram.org"

    verification_days: int = 30
    sandbox_dir: str = "var/sandbox"

    @model_validator(mode="after")
    def _no_placeholders_outside_development(self) -> Settings:
        if self.environment != "development":
            for name in ("secret_key", "twilio_auth_token", "telegram_webhook_secret"):
                value = getattr(self, name)
                if value is not None and (value == PLACEHOLDER or (name == "secret_key" and len(value) < 16)):
                    raise ValueError(
                        f"{name.upper()} is a placeholder or too short; set a real secret "
                        f"(ENVIRONMENT={self.environment} refuses placeholders)"
                    )
        if self.environment == "production":
            if self.database_url.startswith("sqlite"):
                raise ValueError("DATABASE_URL points at SQLite; production needs PostgreSQL (postgresql+asyncpg://...)")
        return self

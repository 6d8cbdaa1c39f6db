"""Settings come from the environment; placeholder secrets are refused outside development."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from patient_assistant.settings import Settings


def test_development_runs_with_the_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRACTICE_TIMEZONE", "Europe/Dublin")
    settings = Settings(_env_file=None)
    assert settings.practice_timezone == "Europe/Dublin" and settings.database_url.startswith(
        "sqlite"
    )


@pytest.mark.parametrize("environment", ["test", "production"])
def test_placeholder_secret_is_refused_outside_development(environment: str) -> None:
    with pytest.raises(ValidationError, match="SECRET_KEY is a placeholder"):
        Settings(_env_file=None, environment=environment)


def test_production_needs_postgresql() -> None:
    with pytest.raises(ValidationError, match="production needs PostgreSQL"):
        Settings(_env_file=None, environment="production", secret_key="s" * 32)
    Settings(
        _env_file=None,
        environment="production",
        secret_key="s" * 32,
        database_url="postgresql+asyncpg://u@db/assistant",
    )

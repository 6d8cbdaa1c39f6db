"""`patient-assistant practices load FILE` and `practices list`: a YAML file of practices is
validated with errors that name the field, kept in the practices table with the Telegram
bot's secrets sealed, and listed back; an address can belong to one practice only."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from adapters.sql.engine import create_engine
from adapters.sql.practice_directory import AddressTaken
from patient_assistant.practices import (
    PracticeFileError,
    configured_practices,
    practice_settings,
    read_practice_file,
    save_practices,
)
from patient_assistant.settings import Settings
from tests.support.storage import BACKENDS, DatabaseFactory

ROOT = Path(__file__).resolve().parents[2]
BOT_TOKEN = "123456789:AAH-thameside-bot-token-abcdefghij"
BOT_SECRET = "thameside-webhook-secret-0123"

GOOD = f"""
practices:
  - id: riverside
    name: Riverside Family Clinic
    fhir_base_url: https://fhir.riverside.example/r4/
    time_zone: America/New_York
    locale: en-US
    channels:
      sms: ["+16175550100"]
      whatsapp: ["whatsapp:+16175550101"]
      web_chat: true
  - id: thameside
    name: Thameside Physiotherapy
    fhir_base_url: https://fhir.thameside.example/r4
    time_zone: Europe/London
    locale: en-GB
    languages: [en, pl]
    channels:
      sms: ["+442079460100"]
      telegram: {{bot_token: "{BOT_TOKEN}", webhook_secret: "{BOT_SECRET}"}}
    quiet_hours: {{start: "20:00", end: "09:00"}}
    response_targets: {{urgent_minutes: 10, normal_minutes: 120}}
"""


def settings_for(database_url: str) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        database_url=database_url,
        secret_key="practices-test-secret-key-0123",
    )


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "practices.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def problems(tmp_path: Path, body: str) -> str:
    with pytest.raises(PracticeFileError) as refused:
        read_practice_file(write(tmp_path, body))
    return str(refused.value)


def test_a_valid_file_reads_as_its_practices(tmp_path: Path) -> None:
    riverside, thameside = read_practice_file(write(tmp_path, GOOD))
    assert riverside.fhir_base_url == "https://fhir.riverside.example/r4"
    assert riverside.channels.whatsapp == ("+16175550101",)  # the whatsapp: prefix dropped
    assert (thameside.time_zone, thameside.locale) == ("Europe/London", "en-GB")
    assert (riverside.languages, thameside.languages) == (("en",), ("en", "pl"))
    assert practice_settings(settings_for("sqlite://"), thameside).languages == ("en", "pl")
    assert thameside.quiet_hours.start.hour == 20
    assert thameside.response_targets.urgent_minutes == 10
    assert BOT_TOKEN not in repr(thameside)  # secrets stay out of logs and tracebacks


def test_each_wrong_field_is_named_with_its_practice_and_no_secret_is_echoed(
    tmp_path: Path,
) -> None:
    said = problems(
        tmp_path,
        f"""
practices:
  - id: thameside
    name: Thameside Physiotherapy
    fhir_base_url: fhir.thameside.example
    time_zone: Europe/Londn
    locale: english
    languages: [pl]
    channels:
      sms: ["020 7946 0100"]
      telegram: {{bot_token: "{BOT_TOKEN}", webhook_secret: "not/a+valid=secret"}}
    quite_hours: {{start: "20:00"}}
""",
    )
    for line in (
        "practices[0] (thameside).fhir_base_url: must be an http(s) URL",
        "practices[0] (thameside).time_zone: is not a known IANA time zone",
        "practices[0] (thameside).locale: must be a language and region",
        "practices[0] (thameside).languages: must include en",
        "practices[0] (thameside).channels.sms: '020 7946 0100' is not a phone number in E.164",
        "practices[0] (thameside).channels.telegram.webhook_secret: may hold only",
        "practices[0] (thameside).quite_hours: is not a setting of a practice",
    ):
        assert line in said
    assert "not/a+valid=secret" not in said and BOT_TOKEN not in said


def test_missing_fields_and_shared_addresses_are_refused(tmp_path: Path) -> None:
    assert "practices[0].id: Field required" in problems(
        tmp_path, "practices:\n  - name: X\n    fhir_base_url: http://f/fhir\n"
    )
    shared = GOOD.replace('sms: ["+442079460100"]', 'sms: ["+16175550100"]')
    assert "sms number +16175550100 is given to both 'riverside' and 'thameside'" in problems(
        tmp_path, shared
    )
    twice = GOOD.replace("id: thameside", "id: riverside")
    assert "practice id 'riverside' is given twice" in problems(tmp_path, twice)
    assert "lists no practice" in problems(tmp_path, "practices: []\n")
    assert "is not valid YAML" in problems(tmp_path, "practices: [\n")


@pytest.mark.parametrize("backend", BACKENDS)
async def test_loaded_practices_are_kept_with_their_bot_secrets_sealed(
    backend: str, database_url: DatabaseFactory, tmp_path: Path
) -> None:
    settings = settings_for(await database_url(backend))
    assert await configured_practices(settings) == []  # environment-only until a file is loaded
    await save_practices(settings, read_practice_file(write(tmp_path, GOOD)))
    riverside, thameside = await configured_practices(settings)
    assert riverside.id == "riverside" and riverside.channels.web_chat
    assert thameside.channels.telegram is not None
    assert thameside.channels.telegram.bot_token == BOT_TOKEN
    assert thameside.quiet_hours.end.hour == 9
    assert thameside.languages == ("en", "pl")
    engine = create_engine(settings.database_url)
    try:
        async with engine.connect() as conn:
            stored = str((await conn.execute(text("SELECT channels FROM practices"))).all())
    finally:
        await engine.dispose()
    assert BOT_TOKEN not in stored and BOT_SECRET not in stored


async def test_loading_again_replaces_a_practice_and_an_address_stays_with_one_owner(
    database_url: DatabaseFactory, tmp_path: Path
) -> None:
    settings = settings_for(await database_url("sqlite"))
    riverside, thameside = read_practice_file(write(tmp_path, GOOD))
    await save_practices(settings, [riverside, thameside])
    moved = thameside.model_copy(update={"name": "Thameside Physio"})
    await save_practices(settings, [moved])  # loading one practice again keeps the others
    assert [p.name for p in await configured_practices(settings)] == [
        "Riverside Family Clinic",
        "Thameside Physio",
    ]
    taken = moved.model_copy(
        update={"channels": moved.channels.model_copy(update={"sms": ("+16175550100",)})}
    )
    with pytest.raises(
        AddressTaken, match=r"\+16175550100 already belongs to practice 'riverside'"
    ):
        await save_practices(settings, [taken])
    [_, still] = await configured_practices(settings)
    assert still.channels.sms == ("+442079460100",)  # the refused load changed nothing


def test_the_cli_loads_lists_and_refuses_with_exit_status_2(
    tmp_path: Path,
) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}",
        "SECRET_KEY": "practices-test-secret-key-0123",
    }

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "patient_assistant.cli", "practices", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    assert "no practices loaded" in cli("list").stdout
    loaded = cli("load", str(write(tmp_path, GOOD)))
    assert loaded.returncode == 0, loaded.stderr
    assert "loaded thameside: Thameside Physiotherapy (sms +442079460100, telegram bot)" in (
        loaded.stdout
    )
    listed = cli("list").stdout
    assert "thameside\tThameside Physiotherapy\tEurope/London\ten-GB" in listed
    assert BOT_TOKEN not in listed
    bad = tmp_path / "bad.yaml"
    bad.write_text(GOOD.replace("Europe/London", "Europe/Londn"), encoding="utf-8")
    refused = cli("load", str(bad))
    assert refused.returncode == 2
    assert "practices[1] (thameside).time_zone: is not a known IANA time zone" in refused.stderr

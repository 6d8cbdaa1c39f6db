"""The practices a deployment serves: read from a YAML file (`practices load FILE`), kept in
the database, or — when none is configured — the one practice of the environment variables.

A YAML file lists practices under `practices:` (see README, "Several practices"):

    practices:
      - id: riverside
        name: Riverside Family Clinic
        fhir_base_url: https://fhir.riverside.example/r4
        time_zone: America/New_York
        locale: en-US
        channels: {sms: ["+16175550100"], whatsapp: ["+16175550101"], web_chat: true,
                   telegram: {bot_token: "123:abc...", webhook_secret: "..."}}
        quiet_hours: {start: "21:00", end: "08:00"}
        response_targets: {urgent_minutes: 15, normal_minutes: 240}
"""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from adapters.sql.practice_directory import SqlPracticeDirectory
from bot.practice_config import (
    Channels,
    PracticeConfig,
    PracticeList,
    QuietHours,
    ResponseTargets,
    TelegramBot,
)
from patient_assistant.settings import Settings


class PracticeFileError(ValueError):
    """A practices file that cannot be loaded; the message names the file and the field."""


def read_practice_file(path: Path) -> list[PracticeConfig]:
    """The practices of a YAML file, validated; PracticeFileError names what is wrong."""
    try:
        raw: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise PracticeFileError(f"{path}: cannot be read ({e.strerror})") from e
    except yaml.YAMLError as e:
        raise PracticeFileError(f"{path}: is not valid YAML ({e})") from e
    if isinstance(raw, list):
        raw = {"practices": raw}
    if not isinstance(raw, dict):
        raise PracticeFileError(f"{path}: expected a mapping with a `practices:` list")
    try:
        return list(PracticeList.model_validate(raw).practices)
    except ValidationError as e:
        raise PracticeFileError(f"{path}:\n" + _described(e, raw)) from None


def _described(error: ValidationError, raw: Any) -> str:
    """One line per problem, naming the field by its path and the practice by its id
    (`practices[1] (harbour).channels.sms[0]: ...`); never the value, which may be a secret."""
    lines = []
    for problem in error.errors(include_input=False, include_url=False):
        where = ".".join(_step(part) for part in problem["loc"]).replace(".[", "[")
        loc = problem["loc"]
        if len(loc) >= 2 and loc[0] == "practices" and isinstance(loc[1], int):
            practice = _at(raw, ("practices", loc[1]))
            if isinstance(practice, dict) and isinstance(practice.get("id"), str):
                where = where.replace(
                    f"practices[{loc[1]}]", f"practices[{loc[1]}] ({practice['id']})", 1
                )
        message = (
            "is not a setting of a practice (misspelt?)"
            if problem["type"] == "extra_forbidden"
            else str(problem["msg"]).removeprefix("Value error, ")
        )
        lines.append(f"  {where or 'practices'}: {message}")
    return "\n".join(lines)


def _step(part: int | str) -> str:
    return f"[{part}]" if isinstance(part, int) else str(part)


def _at(raw: Any, loc: tuple[int | str, ...]) -> Any:
    for part in loc:
        try:
            raw = raw[part]
        except (KeyError, IndexError, TypeError):
            return None
    return raw


def environment_practice(settings: Settings, fhir_base_url: str) -> PracticeConfig:
    """The single practice of a deployment configured only by environment variables."""
    s = settings
    bot = (
        TelegramBot.model_construct(
            bot_token=s.telegram_bot_token, webhook_secret=s.telegram_webhook_secret
        )
        if s.telegram_bot_token and s.telegram_webhook_secret
        else None
    )
    return PracticeConfig.model_construct(  # the environment is validated by Settings already
        id=s.practice_id,
        name=s.practice_id,
        fhir_base_url=fhir_base_url,
        time_zone=s.practice_timezone,
        locale=s.practice_locale,
        quiet_hours=QuietHours.model_construct(
            start=dt.time.fromisoformat(s.quiet_hours_start),
            end=dt.time.fromisoformat(s.quiet_hours_end),
        ),
        languages=s.languages,
        response_targets=ResponseTargets.model_construct(
            urgent_minutes=s.response_target_urgent_minutes,
            normal_minutes=s.response_target_normal_minutes,
        ),
        channels=Channels.model_construct(
            sms=(s.twilio_sms_from,) if s.twilio_sms_from else (),
            whatsapp=(s.twilio_whatsapp_from,) if s.twilio_whatsapp_from else (),
            telegram=bot,
            web_chat=True,
        ),
    )


def practice_settings(settings: Settings, practice: PracticeConfig) -> Settings:
    """The deployment's settings as one practice's runtime sees them: its id, time zone,
    locale, the numbers it sends from and its Telegram bot; everything else is shared."""
    channels = practice.channels
    return settings.model_copy(
        update={
            "practice_id": practice.id,
            "practice_timezone": practice.time_zone,
            "practice_locale": practice.locale,
            "practice_languages": ",".join(practice.languages),
            "fhir_base_url": practice.fhir_base_url,
            "response_target_urgent_minutes": practice.response_targets.urgent_minutes,
            "response_target_normal_minutes": practice.response_targets.normal_minutes,
            "quiet_hours_start": practice.quiet_hours.start.strftime("%H:%M"),
            "quiet_hours_end": practice.quiet_hours.end.strftime("%H:%M"),
            "twilio_sms_from": channels.sms[0] if channels.sms else None,
            "twilio_whatsapp_from": channels.whatsapp[0] if channels.whatsapp else None,
            "telegram_bot_token": channels.telegram.bot_token if channels.telegram else None,
            "telegram_webhook_secret": (
                channels.telegram.webhook_secret if channels.telegram else None
            ),
        }
    )


def directory(settings: Settings, engine: Any) -> SqlPracticeDirectory:
    from patient_assistant.channels import keyring_of

    return SqlPracticeDirectory(engine, keyring_of(settings))


async def configured_practices(settings: Settings) -> list[PracticeConfig]:
    """The practices kept in the database ([] when none was loaded); migrates first."""
    from adapters.sql import migrate
    from adapters.sql.engine import create_engine
    from patient_assistant.bootstrap import ensure_sqlite_dir

    ensure_sqlite_dir(settings.database_url)
    await migrate(settings.database_url)
    engine = create_engine(settings.database_url)
    try:
        return await directory(settings, engine).all()
    finally:
        await engine.dispose()


async def save_practices(settings: Settings, practices: list[PracticeConfig]) -> None:
    from adapters.sql import migrate
    from adapters.sql.engine import create_engine
    from patient_assistant.bootstrap import ensure_sqlite_dir

    ensure_sqlite_dir(settings.database_url)
    await migrate(settings.database_url)
    engine = create_engine(settings.database_url)
    try:
        await directory(settings, engine).save(practices)
    finally:
        await engine.dispose()


def load_command(settings: Settings, path: Path) -> int:
    """`patient-assistant practices load FILE`."""
    from adapters.sql.practice_directory import AddressTaken

    try:
        practices = read_practice_file(path)
        asyncio.run(save_practices(settings, practices))
    except (PracticeFileError, AddressTaken) as e:
        print(f"patient-assistant practices load: {e}", file=sys.stderr)
        return 2
    for p in practices:
        print(f"loaded {p.id}: {p.name} ({_channel_summary(p)})")
    return 0


def list_command(settings: Settings) -> int:
    """`patient-assistant practices list`: id, name, time zone, locale, FHIR server, channels."""
    practices = asyncio.run(configured_practices(settings))
    if not practices:
        print(
            f"no practices loaded: this deployment is the one practice {settings.practice_id!r} "
            "of its environment variables"
        )
        return 0
    for p in practices:
        print(
            f"{p.id}\t{p.name}\t{p.time_zone}\t{p.locale}\t{p.fhir_base_url}\t{_channel_summary(p)}"
        )
    return 0


def _channel_summary(p: PracticeConfig) -> str:
    c = p.channels
    parts = [f"sms {n}" for n in c.sms] + [f"whatsapp {n}" for n in c.whatsapp]
    if c.telegram is not None:
        parts.append("telegram bot")
    if c.web_chat:
        parts.append("web chat")
    return ", ".join(parts) or "no channels"

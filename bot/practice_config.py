"""A practice of a deployment, as configured: who it is, which FHIR server holds its record,
and which channel addresses are its own (an inbound message goes to the practice that owns
the address that received it).

`practices load FILE` reads these from YAML (patient_assistant/practice_file.py); they are
kept in the `practices` table (adapters/sql/practice_directory.py), secrets sealed. A
deployment with no practice configured is one practice made from its environment variables
(`PracticeConfig.from_environment`).
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

#: A practice id is part of URLs, keys and log lines: short, lower case, no spaces.
PRACTICE_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
#: A Twilio number in E.164 (WhatsApp senders are numbers too; a "whatsapp:" prefix is dropped).
E164 = re.compile(r"\+[1-9]\d{6,14}")
#: What Telegram's setWebhook takes as secret_token (the same rule as TELEGRAM_WEBHOOK_SECRET).
TELEGRAM_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
#: A Telegram bot token as BotFather gives it: the bot's id, a colon, the secret part.
TELEGRAM_TOKEN = re.compile(r"\d+:[A-Za-z0-9_-]{20,}")
#: A locale tag the NLU and the date formats know: language and region (en-US, en-GB, de-DE).
LOCALE = re.compile(r"[a-z]{2,3}-[A-Z]{2}")
#: A language a flow's texts are given in: its ISO 639 code, as the texts' keys (en, es, fr).
LANGUAGE = re.compile(r"[a-z]{2,3}")


def languages_of(values: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """The languages a practice offers, checked: ISO 639 codes, none twice, English among them
    (every text has an `en` wording, the one said when a patient's language has none).
    A string is PRACTICE_LANGUAGES ("en,es" or "en es")."""
    items = re.split(r"[,\s]+", values) if isinstance(values, str) else list(values)
    languages = tuple(str(v).strip().lower() for v in items if str(v).strip())
    wrong = [lang for lang in languages if not LANGUAGE.fullmatch(lang)]
    if wrong:
        raise ValueError(f"{wrong} are not language codes (two or three letters, such as es)")
    if len(set(languages)) != len(languages):
        raise ValueError("lists a language twice")
    if "en" not in languages:
        raise ValueError("must include en (every text's fallback wording)")
    return languages


class _Strict(BaseModel):
    """A misspelt key is refused, not silently ignored (it would drop a setting unnoticed)."""

    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True)


class TelegramBot(_Strict):
    """The practice's own Telegram bot: its token, and the secret Telegram sends with each
    update (set with setWebhook's secret_token), by which an update is routed to it."""

    bot_token: str = Field(repr=False)
    webhook_secret: str = Field(repr=False)

    @field_validator("bot_token")
    @classmethod
    def _token(cls, value: str) -> str:
        if not TELEGRAM_TOKEN.fullmatch(value):
            raise ValueError("is not a Telegram bot token (digits, a colon, then the secret)")
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _secret(cls, value: str) -> str:
        if not TELEGRAM_SECRET.fullmatch(value):
            raise ValueError("may hold only A-Z, a-z, 0-9, _ and - (1-256 characters)")
        return value


def _number(value: str) -> str:
    bare = value.strip().removeprefix("whatsapp:").strip()
    if not E164.fullmatch(bare):
        raise ValueError(f"{bare!r} is not a phone number in E.164 form (+ and digits)")
    return bare


class Channels(_Strict):
    """The addresses that belong to the practice. The first SMS number and the first WhatsApp
    sender are what its messages are sent from; every one listed receives for it."""

    sms: tuple[str, ...] = ()
    whatsapp: tuple[str, ...] = ()
    telegram: TelegramBot | None = None
    web_chat: bool = False

    @field_validator("sms", "whatsapp")
    @classmethod
    def _numbers(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        numbers = tuple(_number(v) for v in values)
        if len(set(numbers)) != len(numbers):
            raise ValueError("lists a number twice")
        return numbers


class QuietHours(_Strict):
    """No message the practice sends first goes out between `start` and `end` local time."""

    start: dt.time = dt.time(21, 0)
    end: dt.time = dt.time(8, 0)


class ResponseTargets(_Strict):
    """How soon a person of the practice answers a conversation handed to staff, in minutes."""

    urgent_minutes: int = Field(default=15, ge=1)
    normal_minutes: int = Field(default=240, ge=1)


class PracticeConfig(_Strict):
    id: str
    name: str = Field(min_length=1, max_length=200)
    fhir_base_url: str
    time_zone: str = "America/New_York"
    locale: str = "en-US"
    #: The languages its patients are answered in; every flow text must have each of them.
    languages: tuple[str, ...] = ("en",)
    channels: Channels = Channels()
    quiet_hours: QuietHours = QuietHours()
    response_targets: ResponseTargets = ResponseTargets()

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not PRACTICE_ID.fullmatch(value):
            raise ValueError("must be lower-case letters, digits, _ or - (at most 64)")
        return value

    @field_validator("fhir_base_url")
    @classmethod
    def _url(cls, value: str) -> str:
        if not re.fullmatch(r"https?://[^\s/]+(/\S*)?", value):
            raise ValueError("must be an http(s) URL of a FHIR R4 server")
        return value.rstrip("/")

    @field_validator("time_zone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as e:
            raise ValueError("is not a known IANA time zone (e.g. Europe/London)") from e
        return value

    @field_validator("locale")
    @classmethod
    def _locale(cls, value: str) -> str:
        if not LOCALE.fullmatch(value):
            raise ValueError("must be a language and region such as en-US or en-GB")
        return value

    @field_validator("languages", mode="before")
    @classmethod
    def _languages(cls, value: object) -> tuple[str, ...]:
        if not isinstance(value, str | tuple | list):
            raise ValueError("must be a list of language codes, such as [en, es]")
        return languages_of(value)

    def addresses(self) -> list[tuple[str, str]]:
        """(channel, address) pairs that route to this practice."""
        return [("sms", n) for n in self.channels.sms] + [
            ("whatsapp", n) for n in self.channels.whatsapp
        ]


class PracticeList(_Strict):
    """A deployment's practices: ids unique, and no address owned by two of them."""

    practices: tuple[PracticeConfig, ...]

    @model_validator(mode="after")
    def _nothing_shared(self) -> PracticeList:
        if not self.practices:
            raise ValueError("lists no practice")
        ids: set[str] = set()
        owners: dict[tuple[str, str], str] = {}
        secrets: dict[str, str] = {}
        for p in self.practices:
            if p.id in ids:
                raise ValueError(f"practice id {p.id!r} is given twice")
            ids.add(p.id)
            for key in p.addresses():
                if key in owners:
                    raise ValueError(
                        f"{key[0]} number {key[1]} is given to both {owners[key]!r} and {p.id!r}"
                    )
                owners[key] = p.id
            bot = p.channels.telegram
            if bot is not None:
                for part, value in (("bot", bot.bot_token), ("webhook secret", bot.webhook_secret)):
                    if value in secrets:
                        raise ValueError(
                            f"the Telegram {part} of {p.id!r} is also {secrets[value]!r}'s"
                        )
                    secrets[value] = p.id
        return self

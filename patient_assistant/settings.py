"""Settings from the environment (and an optional .env file). Created by the caller, never at import."""

from __future__ import annotations

import re
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.practice_config import languages_of
from domain.results import ReleaseRule

PLACEHOLDER = "change-me"
#: A `<...>` the README's example `.env` asks a practice to fill in.
UNFILLED = re.compile(r"<[^<>]+>")
#: What Telegram's setWebhook takes as secret_token; the same secret must be given to both.
TELEGRAM_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
#: WhatsApp lists carry at most ten items.
MAX_LIST_ITEMS = 10


def reminder_days(value: str) -> tuple[int, ...]:
    """REMINDER_DAYS_BEFORE ("3 1" or "3,1") as days, largest first; "" is none."""
    days = tuple(sorted({int(d) for d in re.split(r"[,\s]+", value) if d}, reverse=True))
    if any(d < 1 for d in days):
        raise ValueError("reminder days must be whole days of 1 or more")
    return days


class Settings(BaseSettings):
    """Every setting of a deployment. Names match DESIGN.md's list of environment variables."""

    #: hide_input_in_errors: a refused setting is reported by name, never with the values
    #: (pydantic would print every setting read, secrets included, into the start-up log).
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", hide_input_in_errors=True
    )

    environment: Literal["development", "test", "production"] = "development"
    database_url: str = "sqlite+aiosqlite:///var/patient-assistant.db"
    redis_url: str | None = None
    fhir_base_url: str | None = None
    public_base_url: str = "http://127.0.0.1:8000"
    secret_key: str = PLACEHOLDER

    practice_id: str = "riverside"
    practice_timezone: str = "America/New_York"
    practice_locale: str = "en-US"
    #: The languages the practice offers ("en,es"): a flow version must give every text in
    #: each of them before it is saved or published.
    practice_languages: str = "en"

    twilio_account_sid: str | None = None
    twilio_auth_token: str | None = None
    twilio_sms_from: str | None = None
    twilio_whatsapp_from: str | None = None
    twilio_api_base_url: str = "https://api.twilio.com"
    telegram_bot_token: str | None = None
    telegram_webhook_secret: str | None = None
    telegram_api_base_url: str = "https://api.telegram.org"
    #: Approved WhatsApp template (ContentSid) sent outside the 24-hour window.
    twilio_whatsapp_template_sid: str | None = None
    #: A twilio/list-picker Content template for choices on WhatsApp inside the 24-hour window
    #: (body {{1}}; item k titled {{k+1}} with id choice:k), and how many items it has; a
    #: message with another number of choices goes as numbered text. Unset: numbered text.
    twilio_whatsapp_list_template_sid: str | None = None
    twilio_whatsapp_list_template_items: int = Field(default=3, ge=1, le=MAX_LIST_ITEMS)
    #: What TWILIO_SMS_FROM is; sets its send rate (long code 1/s, toll-free 3/s, short code 100/s).
    twilio_sms_sender_kind: Literal["long_code", "toll_free", "short_code"] = "long_code"
    rate_long_code_per_second: float = 1.0
    rate_toll_free_per_second: float = 3.0
    rate_short_code_per_second: float = 100.0
    rate_whatsapp_per_second: float = 80.0
    rate_telegram_per_second: float = 30.0
    rate_telegram_chat_per_second: float = 1.0
    #: Messages per second the whole Twilio account takes (every number and WhatsApp sender
    #: of the deployment together, across worker processes); beyond it Twilio answers 429
    #: (error 20429). The per-number rates above still apply under it.
    twilio_messages_per_second: float = Field(default=100.0, gt=0)

    #: Keys for message bodies at rest, URL-safe base64 of 32 bytes, comma-separated, newest
    #: first (see adapters/crypto.py for rotation). Unset: one key derived from SECRET_KEY.
    message_encryption_keys: str | None = None
    #: Message bodies older than this are purged (metadata and audit stay); a practice's own
    #: `message_retention_days` setting overrides it.
    message_retention_days: int = 180
    #: Prefix of every Redis key (locks, rate limits, Celery), so deployments can share a Redis.
    redis_key_prefix: str = "pa:"
    celery_queue: str = "patient-assistant"
    #: A message claimed by a sender that then died is sent again after this many seconds (a
    #: living sender renews its claims every third of it, bot/leases.py).
    outbox_lease_seconds: float = 20.0
    #: A due job claimed by a runner that then died is taken over after this many seconds (a
    #: living runner renews its claims every third of it).
    job_lease_seconds: float = 20.0
    #: Celery beat's schedule: how often it has the outbox sent (a safety net beside the sends
    #: each processed message triggers), kept messages processed, and expired bodies purged.
    beat_send_outbox_seconds: float = 5.0
    beat_process_due_seconds: float = 15.0
    beat_purge_seconds: float = 3600.0

    verification_days: int = 30

    #: Who takes payments: `sandbox` (the API's own signed pay page, the embedded default) or
    #: `stripe` (Stripe Checkout; needs STRIPE_API_KEY and STRIPE_WEBHOOK_SECRET).
    payment_provider: Literal["sandbox", "stripe"] = "sandbox"
    #: How long a payment link works.
    payment_link_hours: float = Field(default=72.0, gt=0)
    stripe_api_key: str | None = None
    stripe_webhook_secret: str | None = None
    #: The practice's connected Stripe account (acct_...), when the assistant's platform
    #: account takes payments on its behalf; unset: STRIPE_API_KEY's own account.
    stripe_account_id: str | None = None
    stripe_api_base_url: str = "https://api.stripe.com"

    #: What of a ready result a verified patient may read by message: "all", or some of
    #: name, date, status, conclusion comma-separated; "none" releases nothing (staff call
    #: the patient back instead).
    results_released_fields: str = "all"
    #: The secret the FHIR server sends in the results Subscription's header; set, the
    #: Subscription is registered at start and /webhooks/fhir/results takes its notifications.
    #: Unset: results are found by polling only.
    results_subscription_secret: str | None = None
    sandbox_dir: str = "var/sandbox"

    #: Appointment reminders (bot/reminders.py); none with both empty / 0.
    #: Days before the appointment a reminder goes, at its local time of day (commas or spaces).
    reminder_days_before: str = "3 1"
    #: Hours before an appointment booked the same day that its reminder goes; 0: none.
    reminder_same_day_hours: float = Field(default=2.0, ge=0)
    #: Reminders a patient gets at most per day (more wait for the next morning).
    reminder_daily_cap: int = Field(default=2, ge=1)
    #: The waitlist (bot/waitlist.py): minutes a freed time is held for the patient offered it.
    waitlist_offer_minutes: int = Field(default=15, ge=1)

    #: Staff sign-in (bot/staff_access.py): a token is refused after this many minutes
    #: without a request, and after STAFF_TOKEN_MINUTES whatever happens.
    staff_idle_minutes: float = Field(default=30.0, gt=0)
    staff_token_minutes: float = Field(default=60.0, gt=0)
    #: How soon a person of the practice replies to a conversation handed to staff
    #: (bot/escalations.py): the patient is told so, and the FHIR Task is due then.
    response_target_urgent_minutes: int = Field(default=15, ge=1)
    response_target_normal_minutes: int = Field(default=240, ge=1)
    #: Flow versions (bot/flow_versions.py): seconds a process trusts the live version number
    #: it last read before reading it again; a publish reaches every process within this.
    flow_check_seconds: float = Field(default=2.0, ge=0)
    #: Nothing the practice starts (reminders, offers, invitations, notices) is sent from
    #: QUIET_HOURS_START to QUIET_HOURS_END, its local time (domain/quiet_hours.py).
    quiet_hours_start: str = Field(default="21:00", pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    quiet_hours_end: str = Field(default="08:00", pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    #: Without Redis, where `serve` processes conversations: in a child process of its own
    #: (patient_assistant/turn_process.py; webhooks keep a core and the interpreter to
    #: themselves) or on a thread of the API process (one process, one model in memory).
    embedded_turns: Literal["process", "thread"] = "process"

    @field_validator("twilio_whatsapp_from")
    @classmethod
    def _bare_whatsapp_number(cls, value: str | None) -> str | None:
        """Twilio's console shows a WhatsApp sender as `whatsapp:+1...` and the README asks for
        that form, while the sender adds the prefix itself: keep the bare number, whichever
        form was set, so messages never go from `whatsapp:whatsapp:+1...`."""
        if value is None:
            return None
        value = value.strip()
        return value[len("whatsapp:") :].strip() if value.lower().startswith("whatsapp:") else value

    @field_validator("practice_timezone")
    @classmethod
    def _known_time_zone(cls, value: str) -> str:
        """Refused at start-up, not at the first date a patient writes: every message would fail."""
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as e:
            raise ValueError(
                "PRACTICE_TIMEZONE is not a known IANA time zone (e.g. America/New_York)"
            ) from e
        return value

    @field_validator("telegram_webhook_secret")
    @classmethod
    def _secret_telegram_accepts(cls, value: str | None) -> str | None:
        """Telegram refuses a secret_token outside A-Z, a-z, 0-9, _ and - (base64's + / = among
        them), and the practice must give setWebhook the secret set here: refuse it here, by name."""
        if value is not None and not TELEGRAM_SECRET.fullmatch(value):
            raise ValueError(
                "TELEGRAM_WEBHOOK_SECRET may hold only A-Z, a-z, 0-9, _ and - (1-256 characters)"
            )
        return value

    @field_validator("practice_languages")
    @classmethod
    def _languages(cls, value: str) -> str:
        try:
            return ",".join(languages_of(value))
        except ValueError as e:
            raise ValueError(f"PRACTICE_LANGUAGES {e}") from e

    @property
    def languages(self) -> tuple[str, ...]:
        """PRACTICE_LANGUAGES as codes, English first as given."""
        return tuple(self.practice_languages.split(","))

    @field_validator("reminder_days_before")
    @classmethod
    def _days_before(cls, value: str) -> str:
        reminder_days(value)  # refused here, by name, unless whole days >= 1
        return value

    @field_validator("results_released_fields")
    @classmethod
    def _known_result_fields(cls, value: str) -> str:
        ReleaseRule.parse(value)  # a field it does not know is refused here, by name
        return value

    @model_validator(mode="after")
    def _no_unfilled_example_values(self) -> Settings:
        """A value copied from the README's example `.env` without filling in its `<...>` is
        refused in every environment: as a secret it would be one everybody can read, and
        elsewhere it only fails later, further from the cause. The message names the setting,
        never its value (it may be half a secret)."""
        for name, value in self:
            if isinstance(value, str) and UNFILLED.search(value):
                raise ValueError(
                    f"{name.upper()} still holds a <...> from the README's example; fill it in"
                )
        return self

    @model_validator(mode="after")
    def _stripe_complete(self) -> Settings:
        """Fail closed: Stripe without its webhook secret would take unverifiable webhooks."""
        if self.payment_provider == "stripe" and not (
            self.stripe_api_key and self.stripe_webhook_secret
        ):
            raise ValueError(
                "PAYMENT_PROVIDER=stripe needs STRIPE_API_KEY and STRIPE_WEBHOOK_SECRET"
            )
        return self

    @model_validator(mode="after")
    def _no_placeholders_outside_development(self) -> Settings:
        if self.environment != "development":
            for name in (
                "secret_key",
                "twilio_auth_token",
                "telegram_webhook_secret",
                "results_subscription_secret",
            ):
                value = getattr(self, name)
                if value is not None and (
                    value == PLACEHOLDER or (name == "secret_key" and len(value) < 16)
                ):
                    raise ValueError(
                        f"{name.upper()} is a placeholder or too short; set a real secret "
                        f"(ENVIRONMENT={self.environment} refuses placeholders)"
                    )
        if self.environment == "production" and self.database_url.startswith("sqlite"):
            raise ValueError(
                "DATABASE_URL points at SQLite; production needs PostgreSQL (postgresql+asyncpg://...)"
            )
        return self

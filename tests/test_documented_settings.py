"""Every setting the README documents works as it says, and every setting a practice needs is in it.

The README is what a practice follows: its Configuration table names each setting with its
meaning and default, and its example `.env` gives each in the form it is read. These tests
read both from the README itself, so a setting renamed, dropped or added on one side only
fails here, and build `Settings` from the environment with the README's own example values.
"""

from __future__ import annotations

import base64
import os
import re
import secrets
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
import yaml
from pydantic import ValidationError
from sqlalchemy.engine import make_url

from adapters.crypto import Keyring
from adapters.twilio.sender import TwilioSender
from domain.phones import region_of, to_e164
from patient_assistant.channels import channel_senders, sms_rate
from patient_assistant.settings import MAX_LIST_ITEMS, PLACEHOLDER, Settings

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()
DOCS = "\n".join(path.read_text() for path in sorted((ROOT / "docs").glob("*.md")))

#: How a setting's name looks wherever the README or docs mention one.
SETTING_NAME = re.compile(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b")

#: Upper-case names in the README or docs that are not settings.
NOT_SETTINGS = {
    "STEP_HANDLERS": "docs/design.md names the dialogue engine's table of step handlers, a code name",
}

#: Documented settings that `Settings` does not read, on purpose, and what reads them instead.
READ_ELSEWHERE = {
    "PROMETHEUS_MULTIPROC_DIR": "prometheus-client reads it when first imported, before any Settings exists",
    "POSTGRES_PASSWORD": "docker-compose.yml gives it to PostgreSQL and builds DATABASE_URL from it",
}

#: `Settings` fields a practice never sets, so the README leaves them out.
INTERNAL = {
    "sandbox_dir": "where the demo's seeded FHIR sandbox keeps its files; a practice sets FHIR_BASE_URL",
}

#: How a practice fills each `<...>` of the example `.env`, in the form the README asks for.
FILLED_IN: dict[str, Callable[[], str]] = {
    "<database password>": lambda: secrets.token_hex(16),
    "<random, 16 characters or more: openssl rand -base64 32>": lambda: base64.b64encode(
        os.urandom(32)
    ).decode(),
    "<the account's auth token>": lambda: secrets.token_hex(16),
    "<the token BotFather gives>": lambda: (
        f"{secrets.randbelow(10**9)}:AA{secrets.token_urlsafe(24)}"
    ),
    "<random, letters, digits, _ and -: openssl rand -hex 32>": lambda: secrets.token_hex(32),
    "<newest key>": lambda: base64.urlsafe_b64encode(os.urandom(32)).decode(),
    "<older key>": lambda: base64.urlsafe_b64encode(os.urandom(32)).decode(),
    "<the account's secret key: sk_live_...>": lambda: f"sk_live_{secrets.token_hex(24)}",
    "<the endpoint's signing secret: whsec_...>": lambda: f"whsec_{secrets.token_hex(24)}",
}
UNFILLED = re.compile(r"<[^<>]+>")

#: A Twilio number in E.164, as its console shows it.
E164 = re.compile(r"^\+[1-9][0-9]{7,14}$")
PROVIDER_APIS = {
    "Twilio's API": "https://api.twilio.com",
    "Telegram's API": "https://api.telegram.org",
    "Stripe's API": "https://api.stripe.com",
}


def env_name(field: str) -> str:
    return field.upper()


FIELDS = {env_name(name) for name in Settings.model_fields}


def configuration_table() -> list[tuple[list[str], str, str]]:
    """The rows of the README's Configuration table: the names, the meaning, the default."""
    section = README.split("## Configuration", 1)[1].split("\n#", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 3 or cells[0] in ("variable", "---"):
            continue
        rows.append((re.findall(r"`([A-Z][A-Z0-9_]*)`", cells[0]), cells[1], cells[2]))
    return rows


def example_block() -> str:
    block = re.search(r"A `\.env` for a practice.*?```sh\n(.*?)```", README, re.DOTALL)
    assert block, "the README's example .env is gone"
    return block.group(1)


def readme_examples() -> dict[str, str]:
    """Each `NAME=value` the README gives: the lines of its example `.env` (a trailing ` # ...`
    is a comment, as the `.env` readers take it) and those written inline."""
    examples = {}
    for line in example_block().splitlines():
        name, _, value = line.partition("=")
        examples[name.strip()] = re.split(r"\s+#", value, maxsplit=1)[0].strip()
    for name, value in re.findall(r"`([A-Z][A-Z0-9_]*)=([^`]+)`", README):
        examples.setdefault(name, value)
    return examples


TABLE = configuration_table()
TABLE_NAMES = {name for names, _, _ in TABLE for name in names}
EXAMPLES = readme_examples()


def fill_in(text: str, made: dict[str, str]) -> str:
    """`text` with each `<...>` filled in as a practice would; the same `<...>` alike, through `made`."""

    def fill(match: re.Match[str]) -> str:
        placeholder = match.group(0)
        assert placeholder in FILLED_IN, f"say in FILLED_IN how a practice fills {placeholder}"
        return made.setdefault(placeholder, FILLED_IN[placeholder]())

    return UNFILLED.sub(fill, text)


def filled_in(examples: dict[str, str], made: dict[str, str]) -> dict[str, str]:
    return {name: fill_in(value, made) for name, value in examples.items()}


@pytest.fixture
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    """No setting of the machine running the tests, nor a stray `.env`, leaks into these."""
    for name in FIELDS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    return monkeypatch


@pytest.fixture
def example_settings(clean_environment: pytest.MonkeyPatch) -> tuple[Settings, dict[str, str]]:
    """Settings built from the environment holding the README's example `.env`, filled in."""
    values = filled_in(EXAMPLES, {})
    for name, value in values.items():
        clean_environment.setenv(name, value)
    return Settings(), values


def test_every_documented_setting_is_one_the_code_reads() -> None:
    mentioned = (
        set(SETTING_NAME.findall(README))
        | set(SETTING_NAME.findall(DOCS))
        | TABLE_NAMES
        | set(EXAMPLES)
    )
    documented = mentioned - set(NOT_SETTINGS)
    promised_but_unread = documented - FIELDS - set(READ_ELSEWHERE)
    assert not promised_but_unread, (
        f"the README promises settings that nothing reads: {sorted(promised_but_unread)}"
    )
    assert set(READ_ELSEWHERE) <= documented, (
        "READ_ELSEWHERE names a setting the README no longer documents"
    )


def test_every_setting_a_practice_needs_is_documented_with_an_example() -> None:
    needed = FIELDS - {env_name(name) for name in INTERNAL}
    assert not needed - TABLE_NAMES, (
        f"not in the Configuration table: {sorted(needed - TABLE_NAMES)}"
    )
    documented = TABLE_NAMES | set(READ_ELSEWHERE)
    assert not documented - set(EXAMPLES), (
        f"no example value in the README: {sorted(documented - set(EXAMPLES))}"
    )
    assert set(INTERNAL) <= set(Settings.model_fields)


def expected_defaults() -> dict[str, object]:
    """The table's default column, read as the README writes it: `unset`, `placeholder`,
    numbers, quoted values, "Twilio's API"; one value per name where the row lists several."""
    expected: dict[str, str] = {}
    for names, _, cell in TABLE:
        if " / " in cell:  # "unset / Twilio's API": the API base URL defaults to the provider's
            unset, api = cell.split(" / ")
            expected |= {name: api if name.endswith("_API_BASE_URL") else unset for name in names}
            continue
        parts = re.split(r",\s*", cell)
        expected |= dict(zip(names, parts * len(names) if len(parts) == 1 else parts, strict=True))
    meaning: dict[str, object] = {}
    for name, text in expected.items():
        text = text.strip("`")
        if text == "unset":
            meaning[name] = None
        elif text == "placeholder":
            meaning[name] = PLACEHOLDER
        elif text in PROVIDER_APIS:
            meaning[name] = PROVIDER_APIS[text]
        elif re.fullmatch(r"[0-9]+(\.[0-9]+)?", text):
            meaning[name] = float(text)
        else:
            meaning[name] = text
    return meaning


def test_the_defaults_are_those_the_readme_gives(clean_environment: pytest.MonkeyPatch) -> None:
    settings = Settings()
    defaults = {name: value for name, value in expected_defaults().items() if name in FIELDS}
    assert set(defaults) == TABLE_NAMES - set(READ_ELSEWHERE)
    actual = {name: getattr(settings, name.lower()) for name in defaults}
    assert actual == defaults


def url(scheme: str) -> Callable[[Settings, str, str], None]:
    def check(settings: Settings, name: str, raw: str) -> None:
        value = getattr(settings, name.lower())
        parts = urlsplit(value)
        assert value == raw and parts.scheme == scheme and parts.hostname

    return check


def same_number(settings: Settings, name: str, raw: str) -> None:
    value = getattr(settings, name.lower())
    assert value == float(raw) and value > 0


def reminder_days_before(settings: Settings, name: str, raw: str) -> None:
    from patient_assistant.bootstrap import reminder_plan

    days = tuple(sorted((int(d) for d in raw.split(",")), reverse=True))
    assert reminder_plan(settings).days_before == days


def same_text(settings: Settings, name: str, raw: str) -> None:
    assert getattr(settings, name.lower()) == raw


def one_of_the_documented_choices(settings: Settings, name: str, raw: str) -> None:
    meaning = next(text for names, text, _ in TABLE if name in names)
    choices = re.findall(r"`([a-z_]+)`", meaning.split(";")[0].split(":")[0])
    assert getattr(settings, name.lower()) == raw and raw in choices and len(choices) >= 2


def phone_number(settings: Settings, name: str, raw: str) -> None:
    """Kept as the bare E.164 number whichever form was given; the WhatsApp sender adds `whatsapp:`."""
    value = getattr(settings, name.lower())
    assert E164.match(value) and to_e164(value) == value and raw.endswith(value)


def twilio_sid(prefix: str) -> Callable[[Settings, str, str], None]:
    def check(settings: Settings, name: str, raw: str) -> None:
        assert re.fullmatch(prefix + r"[0-9a-f]{32}", getattr(settings, name.lower()))

    return check


def secret(settings: Settings, name: str, raw: str) -> None:
    value = getattr(settings, name.lower())
    assert value == raw and len(value) >= 16 and value != PLACEHOLDER


def telegram_secret(settings: Settings, name: str, raw: str) -> None:
    # Telegram's setWebhook takes a secret_token of 1-256 characters A-Z, a-z, 0-9, _ and -.
    assert re.fullmatch(r"[A-Za-z0-9_-]{1,256}", settings.telegram_webhook_secret or "")


def telegram_token(settings: Settings, name: str, raw: str) -> None:
    assert re.fullmatch(r"[0-9]+:[A-Za-z0-9_-]+", settings.telegram_bot_token or "")


def production(settings: Settings, name: str, raw: str) -> None:
    one_of_the_documented_choices(settings, name, raw)
    assert make_url(settings.database_url).drivername == "postgresql+asyncpg"


def database_url(settings: Settings, name: str, raw: str) -> None:
    parsed = make_url(settings.database_url)
    assert (
        parsed.drivername == "postgresql+asyncpg" and parsed.host and parsed.database == "assistant"
    )
    assert parsed.password == os.environ["POSTGRES_PASSWORD"], (
        "the README's DATABASE_URL and POSTGRES_PASSWORD agree"
    )


def time_zone(settings: Settings, name: str, raw: str) -> None:
    assert ZoneInfo(settings.practice_timezone).key == raw


def locale(settings: Settings, name: str, raw: str) -> None:
    # The locale's country reads local phone numbers and dates ("3/6" is 6 March in the US).
    assert settings.practice_locale == raw and region_of(raw) == "US"
    assert to_e164("(617) 555-0134", region_of(settings.practice_locale)) == "+16175550134"


def languages(settings: Settings, name: str, raw: str) -> None:
    # "a flow version is saved and published only with every text in each" of them.
    from bot.flow_gate import check_files
    from bot.flow_versions import shipped_files
    from patient_assistant.bootstrap import DATA

    assert settings.languages == tuple(raw.split(",")) and "en" in settings.languages
    shipped = shipped_files(DATA)
    assert check_files(shipped, settings.languages).passed  # the shipped flows are English
    assert not check_files(shipped, (*settings.languages, "xx")).passed


def sender_kind(settings: Settings, name: str, raw: str) -> None:
    one_of_the_documented_choices(settings, name, raw)
    assert sms_rate(settings) == settings.rate_toll_free_per_second == 3  # "sets the SMS send rate"


def list_items(settings: Settings, name: str, raw: str) -> None:
    assert (
        settings.twilio_whatsapp_list_template_items == int(raw) and 1 <= int(raw) <= MAX_LIST_ITEMS
    )


def whole_number(settings: Settings, name: str, raw: str) -> None:
    value = getattr(settings, name.lower())
    assert isinstance(value, int) and value == int(raw) > 0


def encryption_keys(settings: Settings, name: str, raw: str) -> None:
    """Comma-separated, newest first: new bodies are sealed with the first, and a body sealed
    before the rotation, with the older key, still opens."""
    newest, older = raw.split(",")
    keyring = Keyring.from_settings(settings.message_encryption_keys, settings.secret_key)
    before_rotation = Keyring.from_settings(older, settings.secret_key).seal(
        "see you at 10", "row-1"
    )
    assert keyring.open(before_rotation, "row-1") == "see you at 10"
    assert keyring.seal("ok", "row-2").key_id == Keyring.from_settings(newest, "").primary_id


def multiproc_dir(settings: Settings, name: str, raw: str) -> None:
    assert Path(raw).is_absolute(), "a directory every process of the host reaches by the same path"


def compose_password(settings: Settings, name: str, raw: str) -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    assert "${POSTGRES_PASSWORD" in compose["x-assistant"]["environment"]["DATABASE_URL"]
    assert (
        "${POSTGRES_PASSWORD" in compose["services"]["postgres"]["environment"]["POSTGRES_PASSWORD"]
    )


def prefixed(prefix: str) -> Callable[[Settings, str, str], None]:
    """A Stripe key, secret or account id, in the form Stripe's dashboard shows it."""

    def check(settings: Settings, name: str, raw: str) -> None:
        assert getattr(settings, name.lower()) == raw and raw.startswith(prefix)

    return check


def released_fields(settings: Settings, name: str, raw: str) -> None:
    """Some of name, date, status, conclusion: a verified patient reads those fields only."""
    from domain.results import ReleaseRule

    assert ReleaseRule.parse(settings.results_released_fields).fields == tuple(raw.split(","))


def subscription_secret(settings: Settings, name: str, raw: str) -> None:
    from api.webhooks.fhir_results import PATH

    assert settings.results_subscription_secret == raw and len(raw) >= 16
    assert PATH == "/webhooks/fhir/results"


#: What each documented setting means, as the README says it, checked on the value read.
MEANINGS: dict[str, Callable[[Settings, str, str], None]] = {
    "ENVIRONMENT": production,
    "DATABASE_URL": database_url,
    "POSTGRES_PASSWORD": compose_password,
    "REDIS_URL": url("redis"),
    "FHIR_BASE_URL": url("https"),
    "PUBLIC_BASE_URL": url("https"),
    "SECRET_KEY": secret,
    "PRACTICE_ID": same_text,
    "PRACTICE_TIMEZONE": time_zone,
    "PRACTICE_LOCALE": locale,
    "PRACTICE_LANGUAGES": languages,
    "TWILIO_ACCOUNT_SID": twilio_sid("AC"),
    "TWILIO_AUTH_TOKEN": same_text,
    "TWILIO_SMS_FROM": phone_number,
    "TWILIO_WHATSAPP_FROM": phone_number,
    "TWILIO_API_BASE_URL": url("https"),
    "TWILIO_SMS_SENDER_KIND": sender_kind,
    "TWILIO_WHATSAPP_TEMPLATE_SID": twilio_sid("HX"),
    "TWILIO_WHATSAPP_LIST_TEMPLATE_SID": twilio_sid("HX"),
    "TWILIO_WHATSAPP_LIST_TEMPLATE_ITEMS": list_items,
    "TELEGRAM_BOT_TOKEN": telegram_token,
    "TELEGRAM_WEBHOOK_SECRET": telegram_secret,
    "TELEGRAM_API_BASE_URL": url("https"),
    "RATE_LONG_CODE_PER_SECOND": same_number,
    "RATE_TOLL_FREE_PER_SECOND": same_number,
    "RATE_SHORT_CODE_PER_SECOND": same_number,
    "RATE_WHATSAPP_PER_SECOND": same_number,
    "RATE_TELEGRAM_PER_SECOND": same_number,
    "RATE_TELEGRAM_CHAT_PER_SECOND": same_number,
    "TWILIO_MESSAGES_PER_SECOND": same_number,
    "MESSAGE_ENCRYPTION_KEYS": encryption_keys,
    "MESSAGE_RETENTION_DAYS": whole_number,
    "VERIFICATION_DAYS": whole_number,
    "RESULTS_RELEASED_FIELDS": released_fields,
    "RESULTS_SUBSCRIPTION_SECRET": subscription_secret,
    "REDIS_KEY_PREFIX": same_text,
    "CELERY_QUEUE": same_text,
    "OUTBOX_LEASE_SECONDS": same_number,
    "JOB_LEASE_SECONDS": same_number,
    "PROMETHEUS_MULTIPROC_DIR": multiproc_dir,
    "BEAT_SEND_OUTBOX_SECONDS": same_number,
    "BEAT_PROCESS_DUE_SECONDS": same_number,
    "BEAT_PURGE_SECONDS": same_number,
    "PAYMENT_PROVIDER": one_of_the_documented_choices,
    "PAYMENT_LINK_HOURS": same_number,
    "REMINDER_DAYS_BEFORE": reminder_days_before,
    "REMINDER_SAME_DAY_HOURS": same_number,
    "REMINDER_DAILY_CAP": whole_number,
    "STAFF_IDLE_MINUTES": same_number,
    "STAFF_TOKEN_MINUTES": same_number,
    "WAITLIST_OFFER_MINUTES": whole_number,
    "RESPONSE_TARGET_URGENT_MINUTES": whole_number,
    "RESPONSE_TARGET_NORMAL_MINUTES": whole_number,
    "FLOW_CHECK_SECONDS": same_number,
    "QUIET_HOURS_START": same_text,
    "QUIET_HOURS_END": same_text,
    "EMBEDDED_TURNS": one_of_the_documented_choices,
    "STRIPE_API_KEY": prefixed("sk_live_"),
    "STRIPE_WEBHOOK_SECRET": prefixed("whsec_"),
    "STRIPE_ACCOUNT_ID": prefixed("acct_"),
    "STRIPE_API_BASE_URL": url("https"),
}


def test_each_example_has_its_meaning_checked() -> None:
    assert set(MEANINGS) == set(EXAMPLES)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_the_readme_example_is_accepted_and_means_what_the_readme_says(
    name: str, example_settings: tuple[Settings, dict[str, str]]
) -> None:
    settings, values = example_settings
    MEANINGS[name](settings, name, values[name])


def test_the_example_env_file_reads_as_the_environment_does(
    clean_environment: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The block saved as a practice saves it, comments and all, gives the same settings."""
    made: dict[str, str] = {}
    (tmp_path / ".env").write_text(fill_in(example_block(), made))
    from_file = Settings()
    for name, value in filled_in(EXAMPLES, made).items():
        clean_environment.setenv(name, value)
    assert from_file == Settings(_env_file=None)  # type: ignore[call-arg]
    assert (
        from_file.twilio_whatsapp_from == "+16175550101" and from_file.environment == "production"
    )


@pytest.mark.parametrize(
    "name",
    sorted(name for name, value in EXAMPLES.items() if UNFILLED.search(value) and name in FIELDS),
)
def test_an_example_value_left_unfilled_is_refused_naming_the_setting_not_its_value(
    name: str, clean_environment: pytest.MonkeyPatch
) -> None:
    clean_environment.setenv(name, EXAMPLES[name])
    with pytest.raises(ValidationError) as refused:
        Settings()
    assert name in str(refused.value)
    assert EXAMPLES[name] not in str(refused.value)


@pytest.mark.parametrize("whatsapp_from", ["whatsapp:+16175550101", "+16175550101"])
def test_the_readmes_twilio_settings_make_the_senders_it_describes(
    whatsapp_from: str,
    example_settings: tuple[Settings, dict[str, str]],
    clean_environment: pytest.MonkeyPatch,
) -> None:
    """Both forms of TWILIO_WHATSAPP_FROM the README allows send from the same WhatsApp sender;
    SMS goes from TWILIO_SMS_FROM at its sender kind's rate; the status callback is under
    PUBLIC_BASE_URL where the README says to point Twilio."""
    clean_environment.setenv("TWILIO_WHATSAPP_FROM", whatsapp_from)
    settings = Settings()
    sms, whatsapp = channel_senders(settings, None)
    assert isinstance(sms, TwilioSender) and isinstance(whatsapp, TwilioSender)
    assert (sms.channel, sms.from_number, sms.per_second) == ("sms", "+16175550100", 3)
    assert (whatsapp.channel, whatsapp.from_number, whatsapp.per_second) == (
        "whatsapp",
        "+16175550101",
        80,
    )
    assert whatsapp.template_sid == settings.twilio_whatsapp_template_sid
    assert whatsapp.list_template is not None
    assert (whatsapp.list_template.content_sid, whatsapp.list_template.items) == (
        settings.twilio_whatsapp_list_template_sid,
        3,
    )
    assert sms.status_callback == "https://assistant.example-clinic.org/webhooks/twilio/status"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("ENVIRONMENT", "prod"),  # not one of the three the README lists
        ("TWILIO_SMS_SENDER_KIND", "toll-free"),
        ("PRACTICE_TIMEZONE", "America/New_Yrok"),  # not an IANA name
        ("PRACTICE_TIMEZONE", "EST5EDT/../../etc"),
        (
            "TELEGRAM_WEBHOOK_SECRET",
            "kS3+9vQ/xw==",
        ),  # base64: Telegram's setWebhook would refuse it
        ("TWILIO_WHATSAPP_LIST_TEMPLATE_ITEMS", "11"),  # a WhatsApp list holds at most ten
        ("RATE_WHATSAPP_PER_SECOND", "eighty"),
        ("RESULTS_RELEASED_FIELDS", "name,value"),  # values are never released by message
    ],
)
def test_a_value_outside_what_the_readme_allows_is_refused_at_start_up_by_name(
    name: str,
    value: str,
    example_settings: tuple[Settings, dict[str, str]],
    clean_environment: pytest.MonkeyPatch,
) -> None:
    clean_environment.setenv(name, value)
    with pytest.raises(ValidationError) as refused:
        Settings()
    assert name.lower() in str(refused.value).lower()


@pytest.mark.parametrize("environment", ["test", "production"])
def test_the_environments_refuse_what_the_readme_says(
    environment: str,
    clean_environment: pytest.MonkeyPatch,
    example_settings: tuple[Settings, dict[str, str]],
) -> None:
    """`test` and `production` refuse placeholder secrets; production also SQLite; a refusal
    names the setting and never prints a secret."""
    _, values = example_settings
    clean_environment.setenv("ENVIRONMENT", environment)
    for name, value, refusal in (
        ("SECRET_KEY", PLACEHOLDER, "SECRET_KEY is a placeholder"),
        ("SECRET_KEY", "too-short-15chr", "SECRET_KEY is a placeholder"),
        ("TWILIO_AUTH_TOKEN", PLACEHOLDER, "TWILIO_AUTH_TOKEN is a placeholder"),
    ):
        clean_environment.setenv(name, value)
        with pytest.raises(ValidationError, match=refusal) as refused:
            Settings()
        assert values["TWILIO_AUTH_TOKEN"] not in str(refused.value)
        clean_environment.setenv(name, values[name])
    clean_environment.setenv("DATABASE_URL", "sqlite+aiosqlite:///var/patient-assistant.db")
    if environment == "production":
        with pytest.raises(ValidationError, match="production needs PostgreSQL"):
            Settings()
    else:
        assert Settings().database_url.startswith("sqlite")


def test_the_documented_metrics_directory_collects_every_process_counts(tmp_path: Path) -> None:
    """PROMETHEUS_MULTIPROC_DIR, set in the environment as the README says: a process's counts
    land in files there, and /metrics' exposition reads them back from the directory."""
    directory = tmp_path / "metrics"
    directory.mkdir()
    count = (
        "from bot import metrics; metrics.MESSAGES_PROCESSED.inc(); "
        "print(metrics.exposition().decode())"
    )
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(directory)}
    for _ in range(2):  # two processes, as the API and a worker
        subprocess.run(
            [sys.executable, "-c", count], cwd=ROOT, env=env, check=True, capture_output=True
        )
    exposition = subprocess.run(
        [sys.executable, "-c", "from bot import metrics; print(metrics.exposition().decode())"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert any(directory.iterdir())
    assert "patient_assistant_messages_processed_total 2.0" in exposition

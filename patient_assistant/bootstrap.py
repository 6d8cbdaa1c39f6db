"""The one composition root: settings in, a wired assistant out. Nothing else builds adapters."""

from __future__ import annotations

import datetime as dt
import logging
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from adapters.fhir import FhirAdapters, connect
from adapters.payments.sandbox import SandboxPayments
from adapters.payments.stripe_checkout import StripePayments
from adapters.sql import SqlStorage, migrate
from adapters.staff_auth import Argon2Passwords, JwtTokens, token_key
from bot.assistant import Assistant, Parser
from bot.catalogue import PracticeCatalogue
from bot.escalation_notices import OverdueNotices
from bot.flow_gate import FlowTestGate
from bot.flow_versions import FlowLibrary, shipped_files
from bot.locks import LocalLocks
from bot.logs import bind
from bot.outreach import Outreach
from bot.payments import PaymentDesk
from bot.ports import ConversationLocks
from bot.practice_config import ResponseTargets
from bot.reminders import Reminders
from bot.results_outreach import ResultsOutreach
from bot.staff_access import StaffAccess, StaffPolicy
from bot.staff_accounts import StaffAccounts
from bot.staff_events import StaffEventFeed, nudge_after_commit
from bot.waitlist import StoredWaitlist, Waitlist
from dialogs.context import Texts
from dialogs.schema import Flow
from dialogs.validation import load_flows
from domain.clock import FixedClock, SystemClock
from domain.consent_service import Consents
from domain.desk import FrontDesk
from domain.identity import Identity
from domain.intake_service import Intake
from domain.outreach import IntakeOutreach
from domain.payments import Payments
from domain.ports import Clock
from domain.quiet_hours import QuietHours
from domain.reminders import ReminderPlan, ReminderRules
from domain.results import ReleaseRule, Results
from domain.results_ready import ResultsReadyRules
from domain.scheduling import Scheduling
from domain.waitlist import Waitlisting, WaitlistSettings
from nlu.types import Parse
from patient_assistant.settings import Settings, reminder_days

if TYPE_CHECKING:
    from patient_assistant.channels import Channels

log = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@dataclass
class Runtime:
    """Everything a running assistant holds; close it when done."""

    settings: Settings
    clock: Clock
    storage: SqlStorage
    fhir: FhirAdapters
    nlu: Parser
    assistant: Assistant
    channels: Channels | None = None  # outbound senders and the hand-off of received messages
    outreach: Outreach | None = None  # messages the practice sends first (intake invitations)
    payments: PaymentDesk | None = None  # completed payments written back; links the practice sends
    pay_links: SandboxPayments | None = (
        None  # the sandbox provider's pay page (PAYMENT_PROVIDER=sandbox)
    )
    stripe: StripePayments | None = None  # Stripe's webhook (PAYMENT_PROVIDER=stripe)
    results_outreach: ResultsOutreach | None = None  # "a result is ready" messages
    reminders: Reminders | None = None  # appointment reminders (durable jobs)
    staff_access: StaffAccess | None = None  # staff sign-in and the tokens of the staff API
    waitlist: Waitlist | None = None  # freed times offered to waiting patients (durable jobs)
    staff_events: StaffEventFeed | None = None  # staff's live stream (GET /staff/api/events)
    flow_library: FlowLibrary | None = None  # the practice's flow versions, the live one
    #: What a version must pass to be published; set by the admin API on first use
    #: (api/admin/deps.py): the gate builds runtimes of its own, so it is not built here.
    flow_gate: FlowTestGate | None = None
    # "still no reply" when an escalation's due time passes unclaimed (durable jobs)
    escalation_notices: OverdueNotices | None = None

    async def aclose(self) -> None:
        if self.channels is not None:
            await self.channels.aclose()
        if self.stripe is not None:
            await self.stripe.aclose()
        await self.fhir.aclose()
        await self.storage.close()


def staff_access(settings: Settings, storage: SqlStorage, clock: Clock) -> StaffAccess:
    """Staff sign-in: argon2 passwords, tokens signed with a key derived from SECRET_KEY."""
    policy = StaffPolicy(
        token_lifetime=dt.timedelta(minutes=settings.staff_token_minutes),
        idle=dt.timedelta(minutes=settings.staff_idle_minutes),
    )
    tokens = JwtTokens(token_key(settings.secret_key))
    return StaffAccess(storage, Argon2Passwords(), tokens, clock, policy)


def staff_accounts(storage: SqlStorage, clock: Clock) -> StaffAccounts:
    """Adding, listing and disabling staff accounts (the `staff` command)."""
    return StaffAccounts(storage, Argon2Passwords(), clock)


def make_clock(now: dt.datetime | None) -> Clock:
    return FixedClock(now) if now else SystemClock()


def load_nlu() -> Parser:
    from nlu import model as nlu_model
    from nlu.pipeline import NLU  # the model loads (or trains) here, never at import time

    if not nlu_model.is_cached(nlu_model.model_path()):
        print(
            "training the NLU model from data/nlu (first run only, about a minute)...",
            file=sys.stderr,
            flush=True,
        )
    return NLU.load()


class ModelOnFirstParse:
    """The trained NLU, loaded when the first message is parsed (``load_nlu``).

    For the commands that may parse nothing (``jobs run-due`` with no replies due, ``payments
    send``): loading spaCy and the model, and compiling the emergency lexicon, cost seconds of
    CPU that such a run would spend for nothing. Long-running processes load it at start-up,
    beside the rest of it (``ModelInBackground``).
    """

    def __init__(self) -> None:
        self._nlu: Parser | None = None
        self._loading = threading.Lock()  # turns may run on several threads

    def load(self) -> Parser:
        """The model, loaded now if it was not yet (a Celery worker's main process loads it
        before it forks its pool: patient_assistant/worker.py)."""
        with self._loading:
            if self._nlu is None:
                self._nlu = load_nlu()
            return self._nlu

    def parse(
        self, text: str, *, now: dt.datetime, tz: str, lang: str = "en", locale: str = "en-US"
    ) -> Parse:
        return self.load().parse(text, now=now, tz=tz, lang=lang, locale=locale)


class ModelInBackground:
    """The trained NLU, loading on a thread of its own from the moment it is made; the first
    parse waits for it.

    For the long-running processes (serve, a worker's runtimes): spaCy and the model cost
    seconds of CPU to load, tens of seconds on a busy machine, and a restarted API needs none
    of it to accept webhooks, nor a worker to send replies or run jobs. Loading it beside
    start-up lets them take work at once (bench/crash_recovery.py measures the restart). A
    model that fails to load fails the first parse, with the cause.
    """

    def __init__(self, load: Callable[[], Parser] = load_nlu) -> None:
        self._load = load
        self._loaded = threading.Event()
        self._nlu: Parser | None = None
        self._failure: BaseException | None = None
        threading.Thread(target=self._run, name="nlu-load", daemon=True).start()

    def _run(self) -> None:
        try:
            self._nlu = self._load()
        except BaseException as e:  # noqa: BLE001 - kept for the first parse to raise
            self._failure = e
        finally:
            self._loaded.set()

    def parse(
        self, text: str, *, now: dt.datetime, tz: str, lang: str = "en", locale: str = "en-US"
    ) -> Parse:
        self._loaded.wait()
        if self._nlu is None:
            raise RuntimeError("the NLU model did not load; see the cause") from self._failure
        return self._nlu.parse(text, now=now, tz=tz, lang=lang, locale=locale)


async def build(
    settings: Settings,
    *,
    fhir_base_url: str,
    clock: Clock | None = None,
    nlu: Parser | None = None,
    locks: ConversationLocks | None = None,
    flows: dict[str, Flow] | None = None,
    texts: Texts | None = None,
) -> Runtime:
    """The wired assistant. `flows` and `texts` default to the shipped ones in data/; flow
    tests (patient_assistant/flow_tests.py) pass the ones under test."""
    from adapters.redis.locks import RedisLocks
    from adapters.redis.nudges import RedisNudges
    from patient_assistant.channels import build_channels, keyring_of, open_redis

    clock = clock or SystemClock()
    ensure_sqlite_dir(settings.database_url)
    await migrate(settings.database_url)
    storage = SqlStorage(settings.database_url, keyring=keyring_of(settings))
    redis = open_redis(settings)
    # Staff's live streams wake when a change commits (bot/staff_events.py), in this process
    # and, through Redis, in every API process.
    nudges = RedisNudges(redis, settings.redis_key_prefix) if redis is not None else None
    storage.on_staff_events(nudge_after_commit(nudges.publish if nudges else None))
    staff_events = StaffEventFeed(storage, listen=nudges.listen if nudges else None)
    if locks is None and redis is not None:
        locks = RedisLocks(redis, settings.redis_key_prefix)
    fhir = connect(
        fhir_base_url,
        default_timezone=settings.practice_timezone,
        public_base_url=settings.public_base_url,
        locale=settings.practice_locale,
        quiet_hours=QuietHours.parse(settings.quiet_hours_start, settings.quiet_hours_end),
    )
    parser = nlu or ModelInBackground()
    scheduling = Scheduling(fhir.schedule, fhir.practice, storage.slot_holds(), clock)
    catalogue = PracticeCatalogue(fhir.practice)
    # Flow tests pass the flows and texts under test: those run as given, not the practice's
    # stored versions.
    under_test = flows is not None or texts is not None
    texts = texts or Texts.load(DATA / "texts")
    flow_library = (
        None
        if under_test
        else FlowLibrary(
            storage, clock, shipped_files(DATA), check_seconds=settings.flow_check_seconds
        )
    )
    locks = locks or LocalLocks()
    provider = payment_provider(settings, clock)
    payments = Payments(fhir.billing, provider, fhir.practice)
    waitlisting = Waitlisting(
        settings.practice_id,
        StoredWaitlist(storage),
        fhir.schedule,
        fhir.practice,
        storage.slot_holds(),
        clock,
    )
    assistant = Assistant(
        practice_id=settings.practice_id,
        storage=storage,
        nlu=parser,
        scheduling=front_desk(
            fhir,
            scheduling,
            clock,
            ReleaseRule.parse(settings.results_released_fields),
            payments,
            waitlisting,
        ),
        catalogue=catalogue,
        patients=fhir.patients,
        flows=flows if flows is not None else load_flows(DATA / "flows"),
        texts=texts,
        clock=clock,
        locks=locks,
        verification_days=settings.verification_days,
        response_targets=ResponseTargets(
            urgent_minutes=settings.response_target_urgent_minutes,
            normal_minutes=settings.response_target_normal_minutes,
        ),
        flow_library=flow_library,
    )
    channels = build_channels(settings, storage, assistant, clock, redis)
    outreach = Outreach(
        practice_id=settings.practice_id,
        storage=storage,
        texts=texts,
        catalogue=catalogue,
        locks=locks,
        clock=clock,
        intake=IntakeOutreach(
            fhir.schedule, fhir.practice, fhir.patients, fhir.intake, fhir.consents, clock
        ),
    )
    desk = PaymentDesk(
        practice_id=settings.practice_id,
        payments=payments,
        storage=storage,
        texts=texts,
        catalogue=catalogue,
        patients=fhir.patients,
        consents=fhir.consents,
        clock=clock,
        tasks=fhir.tasks,
        response_targets=assistant.response_targets,
    )
    results_outreach = ResultsOutreach(
        practice_id=settings.practice_id,
        storage=storage,
        results=fhir.results,
        rules=ResultsReadyRules(fhir.patients, fhir.practice, fhir.consents, clock),
        texts=texts,
        catalogue=catalogue,
        locks=locks,
        clock=clock,
    )
    reminders = Reminders(
        practice_id=settings.practice_id,
        storage=storage,
        bookings=fhir.schedule,
        missed=fhir.schedule,
        directory=fhir.practice,
        rules=ReminderRules(fhir.schedule, fhir.practice, fhir.patients, fhir.consents, clock),
        plan=reminder_plan(settings),
        texts=texts,
        catalogue=catalogue,
        locks=locks,
        clock=clock,
    )
    waitlist = Waitlist(
        practice_id=settings.practice_id,
        storage=storage,
        store=fhir.schedule,
        freed=fhir.schedule,
        directory=fhir.practice,
        consents=fhir.consents,
        holds=storage.slot_holds(),
        settings=WaitlistSettings(settings.waitlist_offer_minutes),
        texts=texts,
        catalogue=catalogue,
        locks=locks,
        clock=clock,
    )
    escalation_notices = OverdueNotices(
        practice_id=settings.practice_id,
        storage=storage,
        texts=texts,
        catalogue=catalogue,
        locks=locks,
        clock=clock,
    )
    return Runtime(
        settings,
        clock,
        storage,
        fhir,
        parser,
        assistant,
        channels,
        outreach,
        results_outreach=results_outreach,
        reminders=reminders,
        staff_access=staff_access(settings, storage, clock),
        waitlist=waitlist,
        staff_events=staff_events,
        flow_library=flow_library,
        escalation_notices=escalation_notices,
        payments=desk,
        pay_links=provider if isinstance(provider, SandboxPayments) else None,
        stripe=provider if isinstance(provider, StripePayments) else None,
    )


def reminder_plan(settings: Settings) -> ReminderPlan:
    days = reminder_days(settings.reminder_days_before)
    return ReminderPlan(
        days_before=days,
        same_day_hours=settings.reminder_same_day_hours,
        daily_cap=settings.reminder_daily_cap,
        enabled=bool(days) or settings.reminder_same_day_hours > 0,
    )


def payment_provider(settings: Settings, clock: Clock) -> SandboxPayments | StripePayments:
    """The provider PAYMENT_PROVIDER names: the sandbox's pay page, or Stripe Checkout."""
    valid_for = dt.timedelta(hours=settings.payment_link_hours)
    if settings.payment_provider == "stripe":
        assert settings.stripe_api_key and settings.stripe_webhook_secret  # Settings checks it
        return StripePayments(
            api_key=settings.stripe_api_key,
            webhook_secret=settings.stripe_webhook_secret,
            public_base_url=settings.public_base_url,
            valid_for=valid_for,
            account_id=settings.stripe_account_id,
            api_base_url=settings.stripe_api_base_url,
            now=clock.now,
            practice_id=settings.practice_id,
        )
    return SandboxPayments(
        settings.secret_key, settings.public_base_url, clock, valid_for, settings.practice_id
    )


async def register_results_subscription(
    runtime: Runtime, api_base_url: str, *, per_practice: bool = False
) -> str | None:
    """Have the FHIR server post reports that become ready to this API (its Subscription id);
    None when RESULTS_SUBSCRIPTION_SECRET is unset (results are then found by polling only).

    `per_practice` (several practices): the endpoint names the practice,
    /webhooks/fhir/{practice_id}/results, so each server's reports are read from it."""
    from adapters.fhir.results import ensure_results_subscription

    secret = runtime.settings.results_subscription_secret
    if not secret:
        return None
    practice = f"/{runtime.settings.practice_id}" if per_practice else ""
    endpoint = f"{api_base_url.rstrip('/')}/webhooks/fhir{practice}/results"
    try:
        return await ensure_results_subscription(runtime.fhir.connection, endpoint, secret)
    except Exception as e:  # noqa: BLE001 - polling still finds the results; start anyway
        bind(log, job="results-subscription").failure("not registered", e)
        return None


def front_desk(
    fhir: FhirAdapters,
    scheduling: Scheduling,
    clock: Clock,
    release: ReleaseRule | None = None,
    payments: Payments | None = None,
    waitlisting: Waitlisting | None = None,
) -> FrontDesk:
    """Every domain service over the FHIR adapters, behind the one front desk."""
    return FrontDesk(
        scheduling=scheduling,
        identity=Identity(fhir.registry, fhir.patients, fhir.tasks, fhir.coverage),
        intake=Intake(fhir.intake),
        consents=Consents(fhir.consents, fhir.practice, clock),
        results=Results(fhir.results, fhir.tasks, release),
        payments=payments,
        waitlisting=waitlisting,
    )


def ensure_sqlite_dir(database_url: str) -> None:
    prefix = "sqlite+aiosqlite:///"
    if database_url.startswith(prefix):
        path = database_url[len(prefix) :]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)

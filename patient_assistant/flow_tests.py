"""Flow tests: scripted conversations played through the real assistant, NLU and a FHIR sandbox.

A test file (data/flows/tests/*.yaml; the format is in docs/flows.md) holds tests like

    tests:
      - name: books a check-up on friday morning
        phone: "+16175550134"        # the patient's address (a seeded patient, or a new one)
        patient: Maria Lopez         # whose FHIR record `booked`/`cancelled` judge (shared phones)
        channel: sms                 # sms | whatsapp | web (default sms)
        now: 2026-03-02T09:00:00     # the clock; without an offset, the practice's wall clock
        steps:
          - patient: "can I book a check-up friday morning"
            expect: {say: "Reply with the number"}
          - patient: "1"
          - expect: {say: "Shall I book it"}

Each step is what the patient says, what is expected of the replies to it, or both. An
expectation is judged against the replies to the last message (`say`, a regular expression
searched for; `not_say`, one that must not be found) or in FHIR (`booked` / `cancelled`: an
appointment of the patient that this test booked or cancelled, with the service, clinician,
site and day given).

Decisions:
- Every test runs on its own FHIR sandbox, a fresh copy of one seeded as of its `now`, and a
  fresh SQLite database, so tests never see each other's bookings, and never touch a real
  practice's server (FHIR_BASE_URL and DATABASE_URL are ignored here; so are Redis, Stripe
  and the channels' credentials: nothing a test does leaves the process). Starting a server costs a second or two
  per test; isolation is worth it.
- The runner takes the flows and the tests as objects (`run_flow_tests`); it does not know
  where versions are kept. Publishing calls it with the version's flows and tests.
- The report names the failing test and step (1-based, as in the file) with expected and got.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import shutil
import sys
import tempfile
import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from bot.assistant import Parser
from bot.flow_gate import GateFailure
from bot.flow_versions import TESTS
from bot.messages import Inbound
from dialogs.context import Texts
from dialogs.schema import Flow
from domain.clock import FixedClock
from domain.model import Appointment
from patient_assistant.bootstrap import DATA, Runtime, build, load_nlu
from patient_assistant.settings import Settings

SHIPPED_TESTS = DATA / "flows" / "tests"
CHANNELS = ("sms", "whatsapp", "web")
EXPECTATIONS = ("say", "not_say", "booked", "cancelled")
APPOINTMENT_FACTS = ("service", "practitioner", "location", "day", "time")
#: Settings a test runs without, whatever the deployment sets: nothing a test does reaches
#: outside the process (no Redis, no card payments, no messages sent, no FHIR subscription).
NOTHING_OUTSIDE: dict[str, Any] = {
    "redis_url": None,
    "payment_provider": "sandbox",
    "stripe_api_key": None,
    "stripe_webhook_secret": None,
    "results_subscription_secret": None,
    "twilio_account_sid": None,
    "twilio_auth_token": None,
    "telegram_bot_token": None,
    "telegram_webhook_secret": None,
}


class FlowTestFormatError(ValueError):
    """A test file is not in the flow-test format; the message names the file, test and fix."""


@dataclass(frozen=True)
class ScriptStep:
    number: int  # 1-based, as counted in the file
    said: str | None = None  # what the patient sends
    expect: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class FlowTest:
    name: str
    source: str  # the file it came from
    phone: str
    now: dt.datetime | str  # a string is read in the practice's time zone when the test runs
    steps: tuple[ScriptStep, ...]
    channel: str = "sms"
    patient: str | None = None


@dataclass(frozen=True)
class StepFailure:
    step: int  # 0: the test could not start
    said: str | None
    expected: str
    got: str


@dataclass(frozen=True)
class FlowTestResult:
    test: FlowTest
    failure: StepFailure | None = None

    @property
    def passed(self) -> bool:
        return self.failure is None

    def describe(self) -> str:
        where = f"{self.test.source}: {self.test.name}"
        if self.failure is None:
            return f"PASS {where}"
        f = self.failure
        said = f' (the replies to the patient\'s "{f.said}")' if f.said is not None else ""
        step = f"step {f.step}" if f.step else "before step 1"
        return f"FAIL {where}\n  {step}{said}\n  expected: {f.expected}\n  got: {_indent(f.got)}"


@dataclass(frozen=True)
class FlowTestReport:
    results: tuple[FlowTestResult, ...]

    @property
    def passed(self) -> bool:
        return all(r.passed for r in self.results)

    @property
    def failures(self) -> tuple[FlowTestResult, ...]:
        return tuple(r for r in self.results if not r.passed)

    def describe(self) -> str:
        lines = [r.describe() for r in self.results]
        lines.append(
            f"{len(self.results) - len(self.failures)} passed, {len(self.failures)} failed"
        )
        return "\n".join(lines)


# --- the format ----------------------------------------------------------------------------


def flow_tests_from_yaml(text: str, source: str) -> list[FlowTest]:
    """The tests of one file's text; FlowTestFormatError names what is wrong."""
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise FlowTestFormatError(f"{source}: not valid YAML ({e})") from e
    if not isinstance(raw, dict) or not isinstance(raw.get("tests"), list):
        raise FlowTestFormatError(f"{source}: start the file with 'tests:' and a list of tests")
    return [_test(source, i, t) for i, t in enumerate(raw["tests"], 1)]


def load_flow_tests(directory: Path) -> list[FlowTest]:
    """Every test of a directory's *.yaml files, in file order."""
    return [
        test
        for path in sorted(directory.glob("*.yaml"))
        for test in flow_tests_from_yaml(path.read_text(encoding="utf-8"), path.name)
    ]


def _test(source: str, index: int, raw: Any) -> FlowTest:
    if not isinstance(raw, dict):
        raise FlowTestFormatError(f"{source}: test {index} is not a mapping")
    name = str(raw.get("name") or f"test {index}")

    def wrong(problem: str, fix: str) -> FlowTestFormatError:
        return FlowTestFormatError(f"{source}, test '{name}': {problem}. Fix: {fix}")

    unknown = set(raw) - {"name", "phone", "patient", "channel", "now", "steps"}
    if unknown:
        raise wrong(
            f"unknown keys {sorted(unknown)}", "use name, phone, patient, channel, now, steps"
        )
    for key in ("phone", "now", "steps"):
        if raw.get(key) in (None, ""):
            raise wrong(f"'{key}' is missing", f"add '{key}:'")
    channel = str(raw.get("channel", "sms"))
    if channel not in CHANNELS:
        raise wrong(f"channel '{channel}' cannot be tested", f"use one of {list(CHANNELS)}")
    now = raw["now"]
    if not isinstance(now, dt.datetime | str):
        raise wrong("'now' is not a date and time", "write it like 2026-03-02T09:00:00")
    if isinstance(now, str):
        try:
            dt.datetime.fromisoformat(now)
        except ValueError as e:
            raise wrong(
                f"'now' {now!r} is not ISO-8601", "write it like 2026-03-02T09:00:00"
            ) from e
    if not isinstance(raw["steps"], list) or not raw["steps"]:
        raise wrong("'steps' is empty", "list what the patient says and what is expected")
    steps = tuple(_step(wrong, n, s) for n, s in enumerate(raw["steps"], 1))
    if steps[0].said is None:
        raise wrong(
            "step 1 expects a reply before the patient said anything", "start with 'patient:'"
        )
    return FlowTest(
        name=name,
        source=source,
        phone=str(raw["phone"]),
        now=now,
        steps=steps,
        channel=channel,
        patient=str(raw["patient"]) if raw.get("patient") else None,
    )


def _step(wrong: Any, number: int, raw: Any) -> ScriptStep:
    if (
        not isinstance(raw, dict)
        or not ({"patient", "expect"} & set(raw))
        or set(raw)
        - {
            "patient",
            "expect",
        }
    ):
        raise wrong(f"step {number} is not 'patient:' and/or 'expect:'", "see docs/flows.md")
    expect = raw.get("expect") or {}
    if not isinstance(expect, dict) or set(expect) - set(EXPECTATIONS):
        raise wrong(f"step {number} expects something unknown", f"expect one of {EXPECTATIONS}")
    for key in ("say", "not_say"):
        if key in expect:
            try:
                re.compile(str(expect[key]))
            except re.error as e:
                raise wrong(
                    f"step {number}: '{key}' is not a regular expression ({e})", "escape it"
                ) from e
    for key in ("booked", "cancelled"):
        facts = expect.get(key)
        if facts is not None and (
            not isinstance(facts, dict) or set(facts) - set(APPOINTMENT_FACTS)
        ):
            raise wrong(
                f"step {number}: '{key}' is not a mapping of appointment facts",
                f"give some of {APPOINTMENT_FACTS}, or {{}} for any",
            )
    said = raw.get("patient")
    return ScriptStep(number, None if said is None else str(said), dict(expect))


# --- running -------------------------------------------------------------------------------


async def run_flow_tests(
    flows: Mapping[str, Flow],
    tests: Sequence[FlowTest],
    settings: Settings,
    *,
    texts: Texts | None = None,
    nlu: Parser | None = None,
) -> FlowTestReport:
    """Play each test through the assistant running `flows` (and `texts`, default the shipped
    ones) for the practice of `settings`, each on a fresh sandbox; report every test.

    `settings` names the practice (its id, time zone and locale: for a stored practice,
    `practices.practice_settings(settings, config)`). A running process passes its loaded
    `nlu`; without one the model is loaded here."""
    parser = nlu or load_nlu()
    with tempfile.TemporaryDirectory(prefix="flow-tests-") as tmp:
        seeded = SeededCopies(Path(tmp))
        # One at a time: each starts its own sandbox, and the machine may be small.
        results = [
            await _run_one(dict(flows), test, settings, texts, parser, seeded) for test in tests
        ]
    return FlowTestReport(tuple(results))


class SeededCopies:
    """Seeded sandbox data, one per practice and clock, copied afresh for each test.

    Seeding takes about half of a test's set-up; a stopped server's data directory copied
    is the same seeded practice, with none of the other tests' changes."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._seeded: dict[tuple[str, dt.datetime], Path] = {}

    async def copy(self, practice_id: str, now: dt.datetime, target: Path) -> None:
        from patient_assistant.sandbox import Sandbox

        key = (practice_id, now)
        if key not in self._seeded:
            template = self.root / f"seeded-{len(self._seeded)}"
            async with Sandbox(template, now=now, seed=False) as sandbox:
                await seed_demo(sandbox.base_url, practice_id, now)
            self._seeded[key] = template
        # settings.yaml names the template's port; the copy's server writes its own.
        shutil.copytree(self._seeded[key], target, ignore=shutil.ignore_patterns("settings.yaml"))


async def _run_one(
    flows: dict[str, Flow],
    test: FlowTest,
    settings: Settings,
    texts: Texts | None,
    nlu: Parser,
    seeded: SeededCopies,
) -> FlowTestResult:
    try:
        return await _isolated(flows, test, settings, texts, nlu, seeded)
    except Exception as e:  # noqa: BLE001 - one test that cannot start must not hide the others
        return FlowTestResult(test, StepFailure(0, None, "the test to start", f"an error: {e!r}"))


async def _isolated(
    flows: dict[str, Flow],
    test: FlowTest,
    settings: Settings,
    texts: Texts | None,
    nlu: Parser,
    seeded: SeededCopies,
) -> FlowTestResult:
    """Run `test` on a fresh copy of the seeded sandbox and a fresh database, removed afterwards."""
    from patient_assistant.sandbox import Sandbox

    now = _aware(test.now, settings.practice_timezone)
    with tempfile.TemporaryDirectory(prefix="flow-test-") as tmp:
        await seeded.copy(settings.practice_id, now, Path(tmp) / "fhir")
        async with Sandbox(Path(tmp) / "fhir", now=now, seed=False) as sandbox:
            isolated = settings.model_copy(
                update={
                    "database_url": f"sqlite+aiosqlite:///{tmp}/assistant.db",
                    "fhir_base_url": sandbox.base_url,
                    **NOTHING_OUTSIDE,
                }
            )
            runtime = await build(
                isolated,
                fhir_base_url=sandbox.base_url,
                clock=FixedClock(now),
                nlu=nlu,
                flows=flows,
                texts=texts,
            )
            try:
                return FlowTestResult(test, await _play(runtime, test))
            finally:
                await runtime.aclose()


async def seed_demo(base_url: str, practice_id: str, now: dt.datetime) -> None:
    """The demo data of the practice (docs/demo-practice.md): Thameside's for thameside,
    Riverside's for any other."""
    from patient_assistant.seed import seed
    from patient_assistant.seed_practice import THAMESIDE, seed_practice

    if practice_id == THAMESIDE.id:
        await seed_practice(base_url, THAMESIDE, now)
    else:
        await seed(base_url, now)


async def _play(runtime: Runtime, test: FlowTest) -> StepFailure | None:
    before = await _appointments(runtime, test)
    replies: list[str] = []
    last_said: str | None = None
    for step in test.steps:
        if step.said is not None:
            last_said = step.said
            message = Inbound(
                practice_id=runtime.settings.practice_id,
                channel=test.channel,
                address=test.phone,
                text=step.said,
                provider_message_id=f"flow-test-{uuid.uuid4().hex}",
                received_at=runtime.clock.now(),
            )
            try:
                handled = await runtime.assistant.handle(message)
            except Exception as e:  # noqa: BLE001 - a flow that crashes the turn fails its test
                return StepFailure(step.number, step.said, "replies", f"an error: {e!r}")
            replies = [r.plain_text() for r in handled.replies]
        if failure := await _judge(runtime, test, step, last_said, "\n".join(replies), before):
            return failure
    return None


async def _judge(
    runtime: Runtime,
    test: FlowTest,
    step: ScriptStep,
    patient_said: str | None,
    said: str,
    before: dict[str, Appointment],
) -> StepFailure | None:
    """The failure of `step`, judged on the replies to what the patient last said, or None."""

    def failed(expected: str, got: str) -> StepFailure:
        return StepFailure(step.number, patient_said, expected, got)

    got = said or "(no reply)"
    if "say" in step.expect and not re.search(str(step.expect["say"]), said, re.DOTALL):
        return failed(f"a reply matching /{step.expect['say']}/", got)
    if "not_say" in step.expect and re.search(str(step.expect["not_say"]), said, re.DOTALL):
        return failed(f"no reply matching /{step.expect['not_say']}/", got)
    for what in ("booked", "cancelled"):
        if what not in step.expect:
            continue
        wanted = {k: str(v) for k, v in (step.expect[what] or {}).items()}
        after = await _appointments(runtime, test)
        if what == "booked":
            changed = [a for i, a in after.items() if i not in before and a.status == "booked"]
        else:
            changed = [
                a
                for i, a in after.items()
                if a.status == "cancelled" and (i not in before or before[i].status != "cancelled")
            ]
        described = [await _described(runtime, a) for a in changed]
        if not any(_matches(d, wanted) for d in described):
            expected = f"an appointment {what} in FHIR" + (f" with {wanted}" if wanted else "")
            return failed(expected, "; ".join(map(str, described)) or f"no appointment {what}")
    return None


async def _appointments(runtime: Runtime, test: FlowTest) -> dict[str, Appointment]:
    """The appointments of the test's patient, by id, as FHIR has them now."""
    patients = await runtime.fhir.patients.find_by_phone(test.phone)
    if test.patient:
        patients = [p for p in patients if test.patient.lower() in p.name.lower()]
    out: dict[str, Appointment] = {}
    for patient in patients:
        found = await runtime.fhir.connection.search_one_type(
            "Appointment", {"patient": f"Patient/{patient.id}"}
        )
        for resource in found:  # read one by one: the adapter maps codes to our services
            out[resource["id"]] = await runtime.fhir.schedule.get_appointment(resource["id"])
    return out


async def _described(runtime: Runtime, appointment: Appointment) -> dict[str, str]:
    practice = runtime.fhir.practice
    service = next((s for s in await practice.services() if s.id == appointment.service_id), None)
    who = next(
        (p for p in await practice.practitioners() if p.id == appointment.practitioner_id), None
    )
    where = next(
        (loc for loc in await practice.locations() if loc.id == appointment.location_id), None
    )
    local = appointment.start.astimezone(ZoneInfo(runtime.settings.practice_timezone))
    return {
        "service": service.name if service else appointment.service_id,
        "practitioner": who.name if who else appointment.practitioner_id,
        "location": where.name if where else appointment.location_id,
        "day": local.date().isoformat(),
        "time": local.strftime("%H:%M"),
    }


def _matches(described: dict[str, str], wanted: dict[str, str]) -> bool:
    """Each fact wanted is found in the appointment's (case-insensitive, a part is enough:
    `practitioner: Patel` matches "Dr. Amara Patel")."""
    return all(v.lower() in described.get(k, "").lower() for k, v in wanted.items())


def _aware(now: dt.datetime | str, zone: str) -> dt.datetime:
    when = dt.datetime.fromisoformat(now) if isinstance(now, str) else now
    return when if when.tzinfo else when.replace(tzinfo=ZoneInfo(zone))


def _indent(text: str) -> str:
    return text.replace("\n", "\n       ")


# --- the command -------------------------------------------------------------------------


@dataclass(frozen=True)
class VersionUnderTest:
    """A stored version as `flows test --version N` runs it: its flows, tests and texts, and
    the settings of its practice."""

    flows: Mapping[str, Flow]
    tests: Sequence[FlowTest]
    texts: Texts
    settings: Settings


#: Resolves `flows test --version N`: (settings, practice id, N) -> that version; raises
#: LookupError (no such version) or ValueError (it does not validate). The CLI sets it from
#: the stored versions (patient_assistant/version_tests.py `stored_version`), so this module
#: knows nothing of where versions are kept; until one is set `--version` is refused.
VersionResolver = Callable[[Settings, str, int], Awaitable[VersionUnderTest]]
resolve_version: VersionResolver | None = None


def command(
    settings: Settings,
    practice: str | None,
    version: int | None,
    flows_dir: Path | None,
    tests_dir: Path | None,
) -> int:
    """`patient-assistant flows test`: 0 when every test passes, 1 when one fails, 2 when the
    flows or the tests cannot be read."""
    return asyncio.run(_command(settings, practice, version, flows_dir, tests_dir))


async def _command(
    settings: Settings,
    practice: str | None,
    version: int | None,
    flows_dir: Path | None,
    tests_dir: Path | None,
) -> int:
    from dialogs.schema import FlowError
    from dialogs.validation import load_flows

    if practice:
        settings = settings.model_copy(update={"practice_id": practice})
        if practice == "thameside":  # the demo's second practice (docs/demo-practice.md)
            from patient_assistant.seed_practice import THAMESIDE

            settings = settings.model_copy(
                update={
                    "practice_timezone": THAMESIDE.time_zone,
                    "practice_locale": THAMESIDE.locale,
                }
            )
    flows: Mapping[str, Flow]
    tests: Sequence[FlowTest]
    texts: Texts | None = None
    if version is not None:
        if resolve_version is None:
            print("patient-assistant: --version needs the stored flow versions", file=sys.stderr)
            return 2
        try:
            stored = await resolve_version(settings, settings.practice_id, version)
        except (LookupError, ValueError) as e:
            print(f"patient-assistant: {e}", file=sys.stderr)
            return 2
        flows, tests, texts, settings = stored.flows, stored.tests, stored.texts, stored.settings
    else:
        flows_dir = flows_dir or DATA / "flows"
        tests_dir = tests_dir or flows_dir / "tests"
        try:
            flows = load_flows(flows_dir)
            tests = load_flow_tests(tests_dir)
        except (FlowError, FlowTestFormatError) as e:
            print(f"patient-assistant: {e}", file=sys.stderr)
            return 2
    if not tests:
        print("patient-assistant: there are no flow tests to run", file=sys.stderr)
        return 2
    report = await run_flow_tests(flows, tests, settings, texts=texts)
    print(report.describe())
    return 0 if report.passed else 1


def tests_of(files: dict[str, str]) -> tuple[list[FlowTest], list[GateFailure]]:
    """The flow tests of a version's files, and a failure for each file that does not read."""
    tests: list[FlowTest] = []
    failures: list[GateFailure] = []
    for path in sorted(p for p in files if p.startswith(TESTS)):
        name = path[len(TESTS) :]
        try:
            tests.extend(flow_tests_from_yaml(files[path], name))
        except FlowTestFormatError as e:
            failures.append(
                GateFailure(
                    f"tests {name.removesuffix('.yaml')}",
                    str(e),
                    fix="see the flow-test format in docs/flows.md",
                )
            )
    return tests, failures


def failure_of(result: FlowTestResult, flows: Sequence[str]) -> GateFailure:
    assert result.failure is not None
    f = result.failure
    test = result.test
    step = f"step {f.step}" if f.step else "before step 1"
    said = f' (the replies to "{f.said}")' if f.said is not None else ""
    flow = test.source.removesuffix(".yaml")
    return GateFailure(
        test=test.name,
        message=f"{test.source}, {step}{said}: expected {f.expected}; got: {f.got}",
        flow=flow if flow in flows else None,
        step=step,
        fix=(
            f"change the flow or its texts so that the assistant does what step {f.step} "
            f"expects, or change the test in tests/{test.source} if the change is meant"
            if f.step
            else "see the error: the test could not start"
        ),
    )

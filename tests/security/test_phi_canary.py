"""A PHI canary: recognisable fake PHI goes in, and no log line or metric label lets it out.

A patient who exists nowhere else (Zyxcanary Qwertova, her birth date, phone, address, a lab
result and a bill) is seeded into the FHIR sandbox; she texts the practice through the real
app (Twilio stand-in, PostgreSQL, the real NLU) and goes through verification, results,
payment, booking, intake and a hand-over to staff, who sign in, claim, reply and hand back.
Every log record of every logger at DEBUG, every warning, and the whole Prometheus exposition
are captured; none may carry any canary token (case-insensitive, and the phone and birth
date also as bare digits). The patient's own replies must carry some of them: otherwise
the flows never reached her data and the scan would prove nothing.
"""

from __future__ import annotations

import logging
import re
import uuid
import warnings
from collections.abc import Iterator
from typing import Any

import pytest

from adapters.fhir import FhirAdapters
from bot.logs import safe_traceback
from patient_assistant.bootstrap import staff_accounts
from tests.channels.conftest import make_rig, rig  # noqa: F401 - fixtures
from tests.channels.rig import Rig
from tests.support.standins import telegram_api, twilio_api  # noqa: F401 - fixtures

pytestmark = [pytest.mark.postgres, pytest.mark.fhir]

NAME_GIVEN, NAME_FAMILY = "Zyxcanary", "Qwertova"
BIRTH_DATE = "1971-08-29"  # typed as 08/29/1971
PHONE = "+16175559871"
ADDRESS = "4417 Quokkaplum Lane"
RESULT_TEXT = "Vexorbium level canary-normal."
AMOUNT = "913.47"
MESSAGE_TOKEN = "QX7CANARY9"
STAFF_TOKEN = "Plumtreecanary"
PASSWORD = "front desk keeps the coffee warm"

#: Every form a canary may leak in; the phone and birth date also as digits only.
TOKENS = (
    NAME_GIVEN,
    NAME_FAMILY,
    BIRTH_DATE,
    "08/29/1971",
    "19710829",
    "08291971",
    PHONE,
    PHONE.removeprefix("+"),
    "6175559871",
    "555-9871",
    "Quokkaplum",
    "Vexorbium",
    AMOUNT,
    "91347",
    MESSAGE_TOKEN,
    STAFF_TOKEN,
)


def hits(text: str) -> list[str]:
    """The canary tokens in `text` (case-insensitive; digits also with separators removed)."""
    lowered = text.lower()
    digits = re.sub(r"[\s\-().+/]", "", text)
    found = [t for t in TOKENS if t.lower() in lowered]
    found += [t for t in TOKENS if t.isdigit() and t in digits and t not in found]
    return found


class Everything(logging.Handler):
    """Keeps every record, formatted as a JSON formatter would see it: message, arguments,
    bound context, exception text and stack."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        parts = [record.name, record.levelname, record.getMessage(), repr(record.args)]
        parts.append(repr(getattr(record, "context", "")))
        if record.exc_info and record.exc_info[1] is not None:
            parts.append(logging.Formatter().formatException(record.exc_info))
            parts.append(safe_traceback(record.exc_info[1]))
        if record.stack_info:
            parts.append(record.stack_info)
        self.lines.append(" | ".join(parts))


@pytest.fixture
def every_log_line() -> Iterator[Everything]:
    """All loggers at DEBUG into one handler (and every warning as a log record)."""
    handler = Everything()
    root = logging.getLogger()
    levels = {name: logging.getLogger(name).level for name in logging.root.manager.loggerDict}
    old_root = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    for name in levels:
        logging.getLogger(name).setLevel(logging.NOTSET)  # let everything through to the root
    logging.captureWarnings(True)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("always")
            yield handler
    finally:
        logging.captureWarnings(False)
        root.removeHandler(handler)
        root.setLevel(old_root)
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)


async def seed_canary(fhir: FhirAdapters) -> str:
    """The canary patient, her final lab report and her open bill; returns her id."""
    http = fhir.connection.http
    [org] = await fhir.connection.search_one_type(
        "Organization",
        {"identifier": "https://riverside.example/fhir/organization|riverside-family-clinic"},
    )
    run = uuid.uuid4().hex[:8]
    patient = await http.create(
        {
            "resourceType": "Patient",
            "identifier": [
                {"system": "https://riverside.example/fhir/patient", "value": f"CANARY-{run}"}
            ],
            "active": True,
            "name": [
                {
                    "use": "official",
                    "text": f"{NAME_GIVEN} {NAME_FAMILY}",
                    "family": NAME_FAMILY,
                    "given": [NAME_GIVEN],
                }
            ],
            "gender": "female",
            "birthDate": BIRTH_DATE,
            "telecom": [
                {"system": "phone", "value": PHONE, "use": "mobile"},
                {"system": "sms", "value": PHONE, "use": "mobile"},
            ],
            "address": [
                {"line": [ADDRESS], "city": "Boston", "state": "MA", "postalCode": "02118"}
            ],
            "managingOrganization": {"reference": f"Organization/{org['id']}"},
        }
    )
    subject = {"reference": f"Patient/{patient['id']}"}
    await http.create(
        {
            "resourceType": "DiagnosticReport",
            "identifier": [
                {
                    "system": "https://riverside.example/fhir/diagnostic-report",
                    "value": f"CANARY-{run}",
                }
            ],
            "status": "final",
            "category": [
                {
                    "coding": [
                        {"system": "http://terminology.hl7.org/CodeSystem/v2-0074", "code": "LAB"}
                    ]
                }
            ],
            "code": {
                "coding": [{"system": "http://loinc.org", "code": "58410-2"}],
                "text": "Blood test",
            },
            "subject": subject,
            "effectiveDateTime": "2026-02-24T09:00:00-05:00",
            "issued": "2026-03-01T09:00:00-05:00",
            "conclusion": RESULT_TEXT,
        }
    )
    await http.create(
        {
            "resourceType": "Invoice",
            "identifier": [
                {"system": "https://riverside.example/fhir/invoice", "value": f"CANARY-{run}"}
            ],
            "status": "issued",
            "subject": subject,
            "recipient": subject,
            "date": "2026-02-20T09:00:00-05:00",
            "issuer": {"reference": f"Organization/{org['id']}"},
            "lineItem": [
                {
                    "sequence": 1,
                    "chargeItemCodeableConcept": {"text": "Check-up visit (co-payment)"},
                    "priceComponent": [
                        {"type": "base", "amount": {"value": float(AMOUNT), "currency": "USD"}}
                    ],
                }
            ],
            "totalNet": {"value": float(AMOUNT), "currency": "USD"},
            "totalGross": {"value": float(AMOUNT), "currency": "USD"},
        }
    )
    return str(patient["id"])


async def test_no_log_line_or_metric_label_carries_the_canary_phi(
    rig: Rig, fhir_adapters: FhirAdapters, every_log_line: Everything
) -> None:
    await seed_canary(fhir_adapters)
    replies: list[str] = []

    async def say(text: str) -> str:
        answer = await rig.sms(text, phone=PHONE)
        assert answer.status_code == 200
        await rig.settle()
        texts = rig.texts_to(PHONE)
        new = "\n".join(texts[len(replies) :])
        replies.extend(texts[len(replies) :])
        return new

    await say(f"hi, this is {NAME_GIVEN} {NAME_FAMILY}")
    await say("are my blood test results back?")
    await say("08/29/1971")
    await say("how much do I owe?")
    await say("can I book a check-up next week")
    await say("1")
    await say("yes")
    await say("can I do my paperwork now")
    await say("yes")
    await say(f"penicillin, it gives me a rash ({MESSAGE_TOKEN})")
    await say("LATER")
    await say("I need to change my home address")
    await say(f"{ADDRESS}, Boston MA 02118")
    await say("yes")
    await say("can I talk to a real person")

    accounts = staff_accounts(rig.runtime.storage, rig.clock)
    await accounts.add("ann@riverside.example", "riverside", "staff", PASSWORD, actor="test")
    token = await rig.client.post(
        "/staff/api/token", data={"username": "ann@riverside.example", "password": PASSWORD}
    )
    staff = {"Authorization": f"Bearer {token.json()['access_token']}"}
    [conversation] = (await rig.client.get("/staff/api/conversations", headers=staff)).json()
    base = f"/staff/api/conversations/{conversation['id']}"
    shown = await rig.client.get(base, headers=staff)
    assert shown.status_code == 200
    claimed = await rig.client.post(base + "/claim", headers=staff)
    assert claimed.status_code == 200, (claimed.text, replies[-3:])
    sent = await rig.client.post(
        base + "/messages",
        json={"text": f"Hi {NAME_GIVEN}, {STAFF_TOKEN} here from the front desk"},
        headers=staff,
    )
    assert sent.status_code == 202, sent.text
    await rig.settle()
    await say(f"thanks, my date of birth is 08/29/1971 and {MESSAGE_TOKEN}")
    assert (await rig.client.post(base + "/handback", headers=staff)).status_code == 204
    await rig.settle()
    await say("when is my appointment?")

    metrics = (await rig.client.get("/metrics")).text
    logs = every_log_line.lines
    # The scan is worth something only if the PHI went through: the patient was shown her
    # own data and staff saw her message.
    shown_to_patient = hits("\n".join(replies))
    assert {NAME_GIVEN, "Vexorbium", AMOUNT} <= set(shown_to_patient), replies
    assert MESSAGE_TOKEN in shown.text
    assert len(logs) > 50, "logging was not captured"
    leaks = [(hits(line), line[:300]) for line in logs if hits(line)]
    assert leaks == [], (len(leaks), leaks[:5])
    assert hits(metrics) == [], [line for line in metrics.splitlines() if hits(line)][:10]


def test_the_token_scan_finds_each_form() -> None:
    assert hits("Patient ZYXCANARY called") == ["Zyxcanary"]
    assert "6175559871" in hits("phone=(617) 555-9871")
    assert "19710829" in hits("dob=1971-08-29")
    assert hits("nothing here 2026-03-02") == []


async def test_sql_logging_shows_statements_never_their_values_or_rows(
    tmp_path: Any, every_log_line: Everything
) -> None:
    """The leak the canary found: with SQL logging on, SQLAlchemy logged every bound value
    (addresses) at INFO and every returned row at DEBUG."""
    from sqlalchemy import text

    from adapters.sql.engine import create_engine

    engine = create_engine(f"sqlite:///{tmp_path / 'canary.db'}")
    try:
        async with engine.begin() as conn:
            await conn.execute(text("CREATE TABLE t (phone TEXT)"))
            await conn.execute(text("INSERT INTO t VALUES (:phone)"), {"phone": PHONE})
            assert (await conn.execute(text("SELECT phone FROM t"))).scalar_one() == PHONE
    finally:
        await engine.dispose()
    statements = [line for line in every_log_line.lines if "INSERT INTO t" in line]
    assert statements, "SQL logging was not on"
    assert [line for line in every_log_line.lines if hits(line)] == []

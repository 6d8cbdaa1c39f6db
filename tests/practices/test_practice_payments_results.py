"""Payments and results with two practices in one API (in process, ASGI; each practice on its
own sandbox FHIR server): a payment goes to the practice whose link or Checkout Session it
is, and a results notification to the practice whose FHIR server sent it — not to the first
practice, whose record has neither the bill nor the report.

Thameside is the first practice here, so a route that still answered for the first practice
would look in Thameside's record for Riverside's bill and find nothing.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from adapters.payments.sandbox import SandboxPayments
from api.app import create_app
from bot.messages import Outbound
from bot.practice_config import Channels, PracticeConfig
from domain.billing import LinkRequest
from domain.clock import FixedClock
from patient_assistant.bootstrap import Runtime, build, register_results_subscription
from patient_assistant.deployment import Deployment
from patient_assistant.practices import practice_settings
from patient_assistant.settings import Settings
from tests.payments.support import notices_for, patient_with_invoice
from tests.practices.test_two_practices_serve import thameside_fhir  # noqa: F401 - fixture
from tests.results.support import new_patient, new_report
from tests.support.fhir import TEST_NOW, SeededServer
from tests.support.standins import StandIn
from tests.support.stripe_api import (  # noqa: F401 - fixture
    STRIPE_KEY,
    WEBHOOK_SECRET,
    completed_event,
    signature,
    stripe_api,
)

pytestmark = [pytest.mark.fhir, pytest.mark.slow]

PUBLIC = "https://two-practices.example.org"
SECRET_KEY = "two-practices-secret-key-0123456789"
RESULTS_SECRET = "results-secret-of-both-0123456789"


@dataclass
class TwoPractices:
    client: httpx.AsyncClient
    riverside: Runtime
    thameside: Runtime


MakeApp = Callable[..., AbstractAsyncContextManager[TwoPractices]]


@pytest.fixture
def two_practices(
    fhir_sandbox: SeededServer, thameside_fhir: str, nlu: Any, tmp_path: Path
) -> MakeApp:
    @asynccontextmanager
    async def make(**overrides: Any) -> AsyncIterator[TwoPractices]:
        values: dict[str, Any] = {
            "environment": "test",
            "database_url": f"sqlite+aiosqlite:///{tmp_path / 'assistant.db'}",
            "public_base_url": PUBLIC,
            "secret_key": SECRET_KEY,
            "results_subscription_secret": RESULTS_SECRET,
        }
        settings = Settings(_env_file=None, **(values | overrides))  # type: ignore[call-arg]
        thameside = PracticeConfig(
            id="thameside",
            name="Thameside Physiotherapy",
            fhir_base_url=thameside_fhir,
            time_zone="Europe/London",
            locale="en-GB",
            channels=Channels(web_chat=True),
        )
        riverside = PracticeConfig(
            id="riverside",
            name="Riverside Family Clinic",
            fhir_base_url=fhir_sandbox.base_url,
            channels=Channels(web_chat=True),
        )
        started = [
            (
                p,
                await build(
                    practice_settings(settings, p),
                    fhir_base_url=p.fhir_base_url,
                    clock=FixedClock(TEST_NOW),
                    nlu=nlu,
                ),
            )
            for p in (thameside, riverside)
        ]

        async def factory() -> Deployment:
            return Deployment.of(started)

        app = create_app(settings, factory)
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url=PUBLIC) as client:
                yield TwoPractices(client, started[1][1], started[0][1])

    return make


async def test_the_pay_page_takes_the_payment_into_the_links_practice(
    two_practices: MakeApp,
) -> None:
    async with two_practices() as two:
        fhir = two.riverside.fhir
        patient, invoice_id = await patient_with_invoice(fhir, 4200)
        invoice = await fhir.billing.invoice(invoice_id)
        assert two.riverside.pay_links is not None
        link = await two.riverside.pay_links.create_link(
            LinkRequest(invoice, patient, "", "Riverside Family Clinic")
        )
        path = link.url.removeprefix(PUBLIC)

        page = await two.client.get(path)
        assert page.status_code == 200, page.text
        assert "Riverside Family Clinic" in page.text and "$42.00" in page.text
        paid = await two.client.post(path)
        assert paid.status_code == 200 and "Thank you" in paid.text
        assert len(await notices_for(fhir, invoice_id)) == 1
        assert (await fhir.billing.invoice(invoice_id)).status == "balanced"

        # The practice is signed with the rest: a link changed to name the other practice is
        # refused as any changed link is, and nothing is recorded.
        other, other_invoice = await patient_with_invoice(fhir, 1500)
        made = await two.riverside.pay_links.create_link(
            LinkRequest(await fhir.billing.invoice(other_invoice), other, "", "Riverside")
        )
        token = made.url.removeprefix(f"{PUBLIC}/pay/")
        body, _, signed = token.partition(".")
        claims = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        moved = base64.urlsafe_b64encode(
            json.dumps(claims | {"r": "thameside"}, separators=(",", ":")).encode()
        )
        changed = f"/pay/{moved.rstrip(b'=').decode()}.{signed}"
        refused = await two.client.post(changed)
        assert (
            refused.status_code == 400
            and "Please use the link exactly as we sent it" in refused.text
        )
        # A link of a practice this deployment does not serve is no page of ours.
        elsewhere = SandboxPayments(
            SECRET_KEY, PUBLIC, FixedClock(TEST_NOW), dt.timedelta(hours=72), "elsewhere"
        )
        theirs = await elsewhere.create_link(
            LinkRequest(await fhir.billing.invoice(other_invoice), other, "", "Elsewhere")
        )
        assert (await two.client.post(theirs.url.removeprefix(PUBLIC))).status_code == 404
        assert await notices_for(fhir, other_invoice) == []


async def test_the_stripe_webhook_records_the_payment_in_the_sessions_practice(
    two_practices: MakeApp, stripe_api: StandIn
) -> None:
    stripe = {
        "payment_provider": "stripe",
        "stripe_api_key": STRIPE_KEY,
        "stripe_webhook_secret": WEBHOOK_SECRET,
        "stripe_api_base_url": stripe_api.base_url,
    }
    async with two_practices(**stripe) as two:
        fhir = two.riverside.fhir
        patient, invoice_id = await patient_with_invoice(fhir, 3300)
        assert two.riverside.stripe is not None
        link = await two.riverside.stripe.create_link(
            LinkRequest(await fhir.billing.invoice(invoice_id), patient, "", "Riverside")
        )
        [request] = stripe_api.sent("/v1/checkout/sessions")
        metadata = {k[9:-1]: v for k, v in request.fields.items() if k.startswith("metadata[")}
        assert metadata["practice_id"] == "riverside"
        session = {
            "id": link.url.rsplit("/", 1)[-1],
            "object": "checkout.session",
            "amount_total": 3300,
            "currency": "usd",
            "metadata": metadata,
        }
        # Of a practice not served here: not recorded, and not acknowledged (Stripe retries).
        elsewhere = completed_event(session, metadata=metadata | {"practice_id": "elsewhere"})
        answer = await two.client.post(
            "/webhooks/stripe",
            content=elsewhere,
            headers={"Stripe-Signature": signature(elsewhere)},
        )
        assert answer.status_code == 404
        assert await notices_for(fhir, invoice_id) == []

        body = completed_event(session)
        answer = await two.client.post(
            "/webhooks/stripe", content=body, headers={"Stripe-Signature": signature(body)}
        )
        assert answer.json() == {"result": "recorded"}
        assert len(await notices_for(fhir, invoice_id)) == 1


async def test_each_practices_fhir_server_notifies_results_at_its_own_route(
    two_practices: MakeApp,
) -> None:
    async with two_practices() as two:
        fhir = two.riverside.fhir
        patient_id, phone = await new_patient(fhir)
        report_id = await new_report(fhir, f"Patient/{patient_id}")
        headers = {"X-Results-Subscription-Secret": RESULTS_SECRET}
        body = {"resourceType": "DiagnosticReport", "id": report_id, "status": "final"}

        # Thameside's route reads the report from Thameside's server, which has no such one.
        at_thameside = await two.client.put(
            f"/webhooks/fhir/thameside/results/DiagnosticReport/{report_id}",
            json=body,
            headers=headers,
        )
        assert at_thameside.status_code == 200 and at_thameside.json() == {"notified": 0}
        nowhere = await two.client.put(
            f"/webhooks/fhir/elsewhere/results/DiagnosticReport/{report_id}",
            json=body,
            headers=headers,
        )
        assert nowhere.status_code == 404
        at_riverside = await two.client.put(
            f"/webhooks/fhir/riverside/results/DiagnosticReport/{report_id}",
            json=body,
            headers=headers,
        )
        assert at_riverside.status_code == 200 and at_riverside.json() == {"notified": 1}
        async with two.riverside.storage.unit_of_work() as uow:
            due = await uow.outbox.due(TEST_NOW, 500)
        texts = [Outbound.from_json(m.payload).text for m in due if m.address == phone]
        assert len(texts) == 1 and "Riverside Family Clinic" in texts[0]

        # `serve` registers each practice's Subscription at that practice's route.
        api = f"http://127.0.0.1:{uuid.uuid4().int % 1000 + 20000}"
        subscription = await register_results_subscription(two.riverside, api, per_practice=True)
        assert subscription
        try:
            stored = await fhir.connection.read("Subscription", subscription)
            assert stored["channel"]["endpoint"] == f"{api}/webhooks/fhir/riverside/results"
        finally:
            async with httpx.AsyncClient() as client:
                await client.delete(f"{fhir.connection.base_url}/Subscription/{subscription}")

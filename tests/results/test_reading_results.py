"""After verifying their date of birth, a patient reads what the practice releases of their
results by SMS (signed Twilio webhooks, replies through the Twilio stand-in), or, where the
practice releases nothing by message, is offered a call-back from staff (a FHIR Task). Each
disclosure is in the audit log with the reports' ids and the fields shown, never their values.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.channels.conftest import MakeRig
from tests.channels.rig import Rig
from tests.results.support import (
    ATTACHMENT,
    MARIA,
    SECRET,
    maria,
    new_patient,
    new_report,
)

pytestmark = [pytest.mark.fhir, pytest.mark.slow]


async def say(rig: Rig, text: str, phone: str = MARIA) -> str:
    """Send `text` by SMS and return what the assistant answered to it."""
    before = len(rig.texts_to(phone))
    response = await rig.sms(text, phone=phone)
    assert response.status_code == 200
    await rig.settle()
    return "\n".join(rig.texts_to(phone)[before:])


@pytest.fixture
async def rig(make_rig: MakeRig) -> AsyncIterator[Rig]:
    async with make_rig(results_subscription_secret=SECRET) as running:
        yield running


async def test_maria_reads_her_released_result_after_verification_and_it_is_audited(
    rig: Rig,
) -> None:
    patient_id, report_id = await maria(rig.runtime.fhir)
    asked = await say(rig, "are my results back?")
    assert "date of birth" in asked and "result" not in asked.lower()
    shown = await say(rig, "04/12/1985")
    assert "results are back" in shown
    assert "Blood test" in shown and "All values are within the normal range." in shown
    assert "final" in shown and "call us" in shown
    async with rig.runtime.storage.unit_of_work() as uow:
        trail = await uow.audit.trail("riverside", f"Patient/{patient_id}")
    [disclosed] = [
        a for a in trail if a.action == "record.disclosed" and a.detail.get("what") == "results"
    ]
    assert disclosed.detail["reports"] == [f"DiagnosticReport/{report_id}"]
    assert disclosed.detail["fields"] == ["conclusion", "date", "name", "status"]
    assert disclosed.actor.endswith(patient_id)
    written = repr([a.detail for a in trail])
    assert "normal range" not in written and "Blood" not in written  # ids and field names only


async def test_a_reply_to_the_notification_opens_the_result_after_verification(rig: Rig) -> None:
    fhir = rig.runtime.fhir
    patient_id, phone = await new_patient(fhir)
    assert rig.runtime.results_outreach is not None
    report_id = await new_report(fhir, f"Patient/{patient_id}")
    assert await rig.runtime.results_outreach.notify(report_id) == "notified"
    await rig.channels.sender.drain()
    [notification] = rig.texts_to(phone)
    assert "Lipid" not in notification and "Cholesterol" not in notification
    assert "date of birth" in await say(rig, "ok", phone)
    shown = await say(rig, "07/21/1990", phone)
    assert "Lipid panel" in shown and "Cholesterol slightly raised." in shown
    for attached in ATTACHMENT.values():  # the attachment is never sent by message
        assert attached not in shown and "pdf" not in shown.lower()


async def test_where_the_practice_releases_nothing_staff_are_asked_to_call_back(
    make_rig: MakeRig,
) -> None:
    async with make_rig(results_released_fields="none") as rig:
        patient_id, _ = await maria(rig.runtime.fhir)
        await say(rig, "are my results back?")
        offered = await say(rig, "04/12/1985")
        assert "results are back" in offered and "call you" in offered
        assert "normal range" not in offered and "Blood" not in offered
        assert "will call you" in await say(rig, "yes")
        async with rig.runtime.storage.unit_of_work() as uow:
            trail = await uow.audit.trail("riverside", f"Patient/{patient_id}")
        [asked] = [a.detail for a in trail if a.action == "staff.results_call_back"]
        task = await rig.runtime.fhir.connection.read("Task", asked["task"].split("/")[1])
        assert task["code"]["coding"][0]["code"] == "call-back-about-results"
        assert task["for"] == {"reference": f"Patient/{patient_id}"}
        assert task["status"] == "requested" and "normal" not in repr(task).lower()
        assert not [a for a in trail if a.detail.get("what") == "results"]  # nothing released

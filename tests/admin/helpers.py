"""Signing admins in, and a patient texting the practice, for the admin API's tests."""

from __future__ import annotations

import uuid

import httpx

from bot.messages import Inbound
from bot.ports import Storage
from domain.ports import ScheduleStore
from tests.staff.conftest import StaffRig, bearer

MARIA = "+16175550134"


async def admin(rig: StaffRig, email: str, practice: str = "riverside") -> dict[str, str]:
    await rig.add(email, practice=practice, role="admin")
    return bearer(await rig.token(email))


async def staff(rig: StaffRig, email: str, practice: str = "riverside") -> dict[str, str]:
    await rig.add(email, practice=practice, role="staff")
    return bearer(await rig.token(email))


async def says(rig: StaffRig, text: str, phone: str = MARIA) -> str:
    """What the assistant answers the patient on `phone` (the real pipeline, SMS)."""
    handled = await rig.runtime.assistant.handle(
        Inbound(
            practice_id="riverside",
            channel="sms",
            address=phone,
            text=text,
            provider_message_id=f"SM{uuid.uuid4().hex}",
            received_at=rig.clock.now(),
        )
    )
    return "\n".join(r.plain_text() for r in handled.replies)


def ok(answer: httpx.Response, status: int = 200) -> dict:  # type: ignore[type-arg]
    assert answer.status_code == status, answer.text
    body: dict = answer.json()  # type: ignore[type-arg]
    return body


async def put_back(storage: Storage, schedule: ScheduleStore) -> None:
    """Cancel what the test booked in the session's FHIR sandbox (the audit log names each
    booking), so its times are free again and the seeded patients' visits as they were."""
    async with storage.reading() as uow:
        trail = await uow.audit.trail("riverside")
    for record in trail:
        if record.action == "appointment.booked":
            appointment_id = record.subject.removeprefix("Appointment/")
            await schedule.cancel(await schedule.get_appointment(appointment_id))

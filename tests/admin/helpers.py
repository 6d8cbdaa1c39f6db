"""Signing admins in, and a patient texting the practice, for the admin API's tests."""

from __future__ import annotations

import uuid

import httpx

from bot.messages import Inbound
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

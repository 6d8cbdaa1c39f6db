"""The practice starts the intake (domain/outreach.py) over fakes: who is invited, where,
and when (quiet hours)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from domain.clock import FixedClock
from domain.intake import IntakeResponse
from domain.model import Opening, Slot
from domain.outreach import IntakeInvitation, IntakeOutreach, InviteToIntake, NotInvited
from domain.quiet_hours import next_allowed
from tests import fakes
from tests.patient_fakes import DOCUMENTS, FakeConsentStore, FakeIntakeStore, intake_form

ZONE = fakes.ZONE
SMS_CONSENT = next(d for d in DOCUMENTS if d.code == "sms-messaging-consent")


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, minute, tzinfo=ZONE)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (at(2, 9), at(2, 9)),  # daytime: at once
        (at(2, 7, 59), at(2, 8)),  # early morning: 08:00 the same day
        (at(2, 20, 59), at(2, 20, 59)),
        (at(2, 21), at(3, 8)),  # from 21:00: 08:00 the next day
        (at(2, 23, 30), at(3, 8)),
        (
            dt.datetime(2026, 3, 8, 6, 30, tzinfo=ZONE),
            dt.datetime(2026, 3, 8, 8, 0, tzinfo=ZONE),
        ),  # DST starts that night
    ],
)
def test_quiet_hours(now: dt.datetime, expected: dt.datetime) -> None:
    assert next_allowed(now, "America/New_York") == expected
    assert (
        next_allowed(now.astimezone(dt.UTC), "America/New_York") == expected
    )  # whatever zone it is given in


MONDAY_9AM = at(2, 9)


class Rig:
    def __init__(self, now: dt.datetime = MONDAY_9AM, patients: tuple = (fakes.MARIA,)) -> None:  # type: ignore[type-arg]
        self.clock = FixedClock(now, ticking=False)
        self.schedule = fakes.FakeSchedule(now.date())
        self.consents, self.intake = FakeConsentStore(), FakeIntakeStore()
        self.patients = fakes.FakePatients(patients)
        self.outreach = IntakeOutreach(
            self.schedule,
            fakes.FakeDirectory(),
            self.patients,
            self.intake,
            self.consents,
            self.clock,
            services=("Check-up",),
        )

    async def consent(self, patient_id: str = fakes.MARIA.id) -> None:
        await self.consents.record(patient_id, SMS_CONSENT, True, "sms", self.clock.now())


async def test_a_patient_who_agreed_to_messages_is_invited_by_sms_now() -> None:
    rig = Rig()
    assert await rig.outreach.invite(InviteToIntake(fakes.MARIA.id, "appt-1")) == NotInvited(
        fakes.MARIA.id, "no_consent"
    )
    await rig.consent()
    invitation = await rig.outreach.invite(InviteToIntake(fakes.MARIA.id, "appt-1"))
    assert invitation == IntakeInvitation(
        fakes.MARIA.id, "sms", "+16175550134", at(2, 9), "appointment:appt-1", "en", "appt-1"
    )


async def test_late_in_the_evening_the_invitation_waits_for_the_morning() -> None:
    rig = Rig(now=at(2, 22, 15))
    await rig.consent()
    invitation = await rig.outreach.invite(InviteToIntake(fakes.MARIA.id))
    assert isinstance(invitation, IntakeInvitation)
    assert (
        invitation.send_at == at(3, 8) and invitation.key == f"patient:{fakes.MARIA.id}:2026-03-02"
    )


async def test_a_completed_form_or_no_way_to_reach_them_is_not_invited() -> None:
    rig = Rig(patients=(dataclasses.replace(fakes.MARIA, phones=()),))
    await rig.consent()
    assert (await rig.outreach.invite(InviteToIntake(fakes.MARIA.id))).reason == "no_contact"  # type: ignore[union-attr]
    rig.patients.patients = (dataclasses.replace(fakes.MARIA, phones=(), chats=("telegram:555",)),)
    invitation = await rig.outreach.invite(InviteToIntake(fakes.MARIA.id))
    assert isinstance(invitation, IntakeInvitation) and (
        invitation.channel,
        invitation.address,
    ) == ("telegram", "555")
    rig.intake.saved[fakes.MARIA.id] = IntakeResponse(status="completed")
    assert (await rig.outreach.invite(InviteToIntake(fakes.MARIA.id))).reason == "completed"  # type: ignore[union-attr]
    rig.intake.forms = []
    assert (await rig.outreach.invite(InviteToIntake(fakes.MARIA.id))).reason == "no_form"  # type: ignore[union-attr]
    assert intake_form().title == "New patient intake"


async def test_upcoming_bookings_of_the_intake_service_are_due() -> None:
    rig = Rig()
    slots = sorted(rig.schedule.slots.values(), key=lambda s: s.start)
    patel, rossi = (
        [s for s in slots if s.practitioner_id == who] for who in (fakes.PATEL, fakes.ROSSI)
    )
    checkup, flu = fakes.SERVICES[0], fakes.SERVICES[1]
    first = await rig.schedule.book(fakes.MARIA.id, _opening(patel[0:2]), checkup)
    await rig.schedule.book(
        fakes.MARIA.id, _opening(rossi[0:1]), flu
    )  # not a service that needs forms
    assert await rig.outreach.due() == [InviteToIntake(fakes.MARIA.id, first.id)]


def _opening(slots: list[Slot]) -> Opening:
    return Opening(
        slots[0].start, slots[-1].end, slots[0].practitioner_id, slots[0].location_id, tuple(slots)
    )

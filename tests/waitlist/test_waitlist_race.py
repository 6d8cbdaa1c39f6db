"""Twenty waiting patients answering yes at once make exactly one booking (PostgreSQL, the
module's FHIR sandbox, signed SMS webhooks processed concurrently)."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest

from domain.model import Opening, Service, SlotCriteria
from domain.openings import openings
from domain.waitlist import OFFERED, AcceptWaitlistOffer, OfferAccepted, new_entry
from tests.channels.conftest import MakeRig
from tests.channels.rig import Rig
from tests.reminders.test_reminder_rules import at
from tests.results.support import new_patient
from tests.support.fhir import SeededServer
from tests.waitlist.support import run_at

pytestmark = [pytest.mark.fhir, pytest.mark.slow, pytest.mark.postgres]

WAITING = 20


async def check_up_service(rig: Rig) -> Service:
    [service] = [
        s for s in await rig.runtime.fhir.practice.services() if s.name.lower().startswith("check")
    ]
    return service


async def a_booked_check_up(
    rig: Rig, start: dt.datetime, patient_id: str | None = None
) -> tuple[str, Opening]:
    """A check-up with Dr Patel booked through the FHIR adapter at the first free time from
    `start` (for a new patient, or `patient_id`): (its appointment id, the opening)."""
    fhir = rig.runtime.fhir
    service = await check_up_service(rig)
    patel = next(p for p in await fhir.practice.practitioners() if "Patel" in p.name)
    free = await fhir.schedule.free_slots(
        SlotCriteria((patel.id,), start, start + dt.timedelta(hours=8))
    )
    opening = openings(free, service.minutes)[0]
    booker = patient_id or (await new_patient(fhir))[0]
    appointment = await fhir.schedule.book(booker, opening, service)
    return appointment.id, opening


async def waiters(
    rig: Rig, opening: Opening, count: int, without_consent: int = 0
) -> list[tuple[str, str]]:
    """`count` patients waiting for exactly that time, joined a minute apart, the first
    `without_consent` of them without messaging consent: (id, phone)."""
    fhir, now = rig.runtime.fhir, rig.clock.now()
    service = await check_up_service(rig)
    joined = []
    for n in range(count):
        patient, phone = await new_patient(fhir, consent=n >= without_consent)
        async with rig.runtime.storage.unit_of_work() as uow:
            conversation = await uow.conversations.get_or_create("riverside", "sms", phone, now)
            await uow.waitlist.join(
                new_entry(
                    practice_id="riverside",
                    patient_id=patient,
                    conversation_id=conversation.id,
                    service_id=service.id,
                    practitioner_id=opening.practitioner_id,
                    window_start=opening.start,
                    window_end=opening.end,
                    now=now - dt.timedelta(minutes=count - n),
                )
            )
        joined.append((patient, phone))
    return joined


async def booked_in(rig: Rig, patients: list[str]) -> list[str]:
    after = at(2, 0)
    found = []
    for patient in patients:
        found += [a.id for a in await rig.runtime.fhir.schedule.upcoming(patient, after)]
    return found


async def test_twenty_yes_at_once_book_the_freed_time_once(
    own_sandbox: SeededServer, make_rig: MakeRig
) -> None:
    async with make_rig(backend="postgresql", fhir_base_url=own_sandbox.base_url) as rig:
        appointment_id, opening = await a_booked_check_up(rig, at(4, 9))
        patients = await waiters(rig, opening, WAITING)
        await run_at(rig, at(2, 10))  # the waitlist's first look
        cancelled = await rig.runtime.fhir.schedule.get_appointment(appointment_id)
        await rig.runtime.fhir.schedule.cancel(cancelled)

        # Offered to one patient at a time, longest wait first, each for 15 minutes.
        for n in range(WAITING):
            await run_at(rig, at(2, 10, 1) + dt.timedelta(minutes=16 * n))
            got = [i for i, (_, phone) in enumerate(patients) if rig.texts_to(phone)]
            assert got == list(range(n + 1))
        phones = [phone for _, phone in patients]

        async def yes(phone: str) -> None:
            assert (await rig.sms("yes", phone=phone)).status_code == 200

        await asyncio.gather(*(yes(phone) for phone in phones))
        await rig.settle()
        answers = [rig.texts_to(phone)[-1] for phone in phones]
        assert sum("You're booked" in a for a in answers) == 1
        assert sum("that time has gone" in a for a in answers) == WAITING - 1
        assert len(await booked_in(rig, [p for p, _ in patients])) == 1


async def test_twenty_live_offers_of_one_time_accepted_at_once_book_it_once(
    own_sandbox: SeededServer, make_rig: MakeRig
) -> None:
    """Should one time ever be on offer to many at once, the version-checked booking still
    lets exactly one of them have it."""
    async with make_rig(backend="postgresql", fhir_base_url=own_sandbox.base_url) as rig:
        appointment_id, opening = await a_booked_check_up(rig, at(4, 13))
        await rig.runtime.fhir.schedule.cancel(
            await rig.runtime.fhir.schedule.get_appointment(appointment_id)
        )
        fhir = rig.runtime.fhir
        free = await fhir.schedule.free_slots(
            SlotCriteria((opening.practitioner_id,), opening.start, opening.end)
        )
        [fresh] = [o for o in openings(free, 30) if o.start == opening.start]
        patients = await waiters(rig, fresh, WAITING)
        now = rig.clock.now()
        offer = {
            "slot_ids": list(fresh.slot_ids),
            "start": fresh.start.isoformat(),
            "until": (now + dt.timedelta(minutes=15)).isoformat(),
            "key": "test",
            "freed_at": now.isoformat(),
        }
        commands = []
        async with rig.runtime.storage.unit_of_work() as uow:
            for entry in await uow.waitlist.waiting("riverside", now):
                moved = await uow.waitlist.move(entry, OFFERED, now, offer)
                assert moved is not None
                commands.append(
                    AcceptWaitlistOffer(entry.conversation_id, entry.patient_id, entry.id, fresh)
                )
        assert len(commands) == WAITING
        desk = rig.runtime.assistant.scheduling
        outcomes = await asyncio.gather(*(desk.handle(c) for c in commands))
        assert sum(isinstance(o, OfferAccepted) for o in outcomes) == 1
        assert len(await booked_in(rig, [p for p, _ in patients])) == 1

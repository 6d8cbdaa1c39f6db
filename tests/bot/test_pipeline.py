"""The message pipeline with real storage (SQLite and PostgreSQL) and the real NLU; the
schedule is the in-memory fake so the record system can be switched off and on."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import pytest

from adapters.sql import SqlStorage
from bot.assistant import Assistant
from bot.catalogue import PracticeCatalogue
from bot.locks import LocalLocks
from bot.messages import Inbound
from dialogs.context import Texts
from dialogs.validation import load_flows
from domain.clock import FixedClock
from domain.consent_service import Consents
from domain.desk import FrontDesk
from domain.identity import Identity
from domain.intake_service import Intake
from domain.results import Results
from domain.scheduling import Scheduling
from patient_assistant.bootstrap import DATA
from tests import fakes
from tests.dialogs.driver import NOW
from tests.patient_fakes import (
    EVERYONE,
    FakeConsentStore,
    FakeCoverage,
    FakeDirectoryWithTelehealth,
    FakeIntakeStore,
    FakeRegistry,
    FakeResults,
    FakeTasks,
)
from tests.support.storage import BACKENDS, DatabaseFactory

MARIA = fakes.MARIA.phones[0]


@dataclass
class Rig:
    assistant: Assistant
    storage: SqlStorage
    schedule: fakes.FakeSchedule
    clock: FixedClock
    counter: int = 0

    async def send(self, text: str, phone: str = MARIA, message_id: str | None = None) -> list[str]:
        self.counter += 1
        handled = await self.assistant.handle(
            Inbound(
                practice_id="riverside",
                channel="sms",
                address=phone,
                text=text,
                provider_message_id=message_id or f"SM{self.counter:04d}",
                received_at=self.clock.now(),
            )
        )
        return [r.plain_text() for r in handled.replies]


@pytest.fixture(params=BACKENDS)
async def rig(
    request: pytest.FixtureRequest, database_url: DatabaseFactory, nlu
) -> AsyncIterator[Rig]:  # type: ignore[no-untyped-def]
    storage = SqlStorage(await database_url(request.param))
    clock = FixedClock(NOW, ticking=False)
    schedule, directory = fakes.FakeSchedule(NOW.date()), fakes.FakeDirectory()
    assistant = Assistant(
        practice_id="riverside",
        storage=storage,
        nlu=nlu,
        scheduling=Scheduling(schedule, directory, storage.slot_holds(), clock),
        catalogue=PracticeCatalogue(directory),
        patients=fakes.FakePatients(),
        flows=load_flows(DATA / "flows"),
        texts=Texts.load(DATA / "texts"),
        clock=clock,
        locks=LocalLocks(),
    )
    yield Rig(assistant, storage, schedule, clock)
    await storage.close()


async def test_a_booking_is_audited_and_its_reply_is_in_the_outbox(rig: Rig) -> None:
    offered = await rig.send("can i book a checkup with dr patel friday morning")
    assert "1. Fri 6 Mar" in offered[0]
    await rig.send("1")
    assert "You're booked" in (await rig.send("yes"))[0]
    [appointment] = rig.schedule.appointments.values()
    async with rig.storage.unit_of_work() as uow:
        trail = await uow.audit.trail("riverside", f"Appointment/{appointment.id}")
        outbox = await uow.outbox.due(rig.clock.now() + dt.timedelta(minutes=1), 50)
    assert [(a.action, a.actor) for a in trail] == [
        ("appointment.booked", f"patient:{fakes.MARIA.id}")
    ]
    assert len(outbox) == 3 and all(m.address == MARIA for m in outbox)
    assert sum("You're booked" in m.payload["text"] for m in outbox) == 1


async def test_a_redelivered_message_is_processed_once(rig: Rig) -> None:
    first = await rig.send("hi", message_id="SMdup")
    again = await rig.send("hi", message_id="SMdup")
    assert first and again == []


async def test_record_system_down_tells_once_keeps_the_message_and_answers_later(rig: Rig) -> None:
    rig.schedule.down = True
    told = await rig.send("can i book a checkup with dr patel friday morning")
    assert "can't reach our booking system" in told[0]
    assert await rig.send("hello??") == []  # waits behind the kept message: order is kept
    assert await rig.assistant.process_due() == 0  # not yet due, and not told twice
    rig.schedule.down = False
    rig.clock.advance(dt.timedelta(minutes=1))
    assert await rig.assistant.process_due() == 2
    async with rig.storage.unit_of_work() as uow:
        conversation = await uow.conversations.get_or_create(
            "riverside", "sms", MARIA, rig.clock.now()
        )
        events = [e["kind"] for e in await uow.conversations.events(conversation.id)]
        outbox = await uow.outbox.due(rig.clock.now() + dt.timedelta(minutes=1), 50)
    assert events.count("record_system_down") == 1 and events.count("message_processed") == 2
    assert any("Here are the first times" in Outbound_text(m.payload) for m in outbox)


async def test_a_yes_sent_again_while_the_first_waited_gets_one_clear_answer(rig: Rig) -> None:
    """The first "yes" waits for the record system; the patient sends it again. Back up, the
    time is gone and nothing else is free: the first is told so, and the second "yes" (the
    flow has ended) is not told it was not understood."""
    await rig.send("can i book a checkup with dr patel friday morning")
    await rig.send("1")
    rig.schedule.down = True
    assert "can't reach our booking system" in (await rig.send("yes"))[0]
    assert await rig.send("yes") == []  # waits behind the kept one
    rig.schedule.down = False
    for slot in list(rig.schedule.slots.values()):  # everything was booked meanwhile
        rig.schedule._write(slot, free=False)
    rig.clock.advance(dt.timedelta(minutes=1))
    assert await rig.assistant.process_due() == 2
    async with rig.storage.unit_of_work() as uow:
        outbox = await uow.outbox.due(rig.clock.now() + dt.timedelta(minutes=1), 50)
        conversation = await uow.conversations.get_or_create(
            "riverside", "sms", MARIA, rig.clock.now()
        )
    said = "\n".join(Outbound_text(m.payload) for m in outbox)
    assert said.count("couldn't find a free time") == 1 and "didn't quite get that" not in said
    assert "If there's anything else, just tell me" in said
    assert conversation.state["flow"] is None and not rig.schedule.appointments


@dataclass
class DeskRig(Rig):
    tasks: FakeTasks = field(default_factory=FakeTasks)


@pytest.fixture(params=BACKENDS)
async def desk_rig(  # type: ignore[no-untyped-def]
    request: pytest.FixtureRequest, database_url: DatabaseFactory, nlu
) -> AsyncIterator[DeskRig]:
    """The pipeline over the front desk, whose staff tasks are a fake that can be switched off."""
    storage = SqlStorage(await database_url(request.param))
    clock = FixedClock(NOW, ticking=False)
    schedule, directory, tasks = (
        fakes.FakeSchedule(NOW.date()),
        FakeDirectoryWithTelehealth(),
        FakeTasks(),
    )
    everyone = fakes.FakePatients(EVERYONE)
    desk = FrontDesk(
        Scheduling(schedule, directory, storage.slot_holds(), clock),
        Identity(FakeRegistry(everyone), everyone, tasks, FakeCoverage()),
        Intake(FakeIntakeStore()),
        Consents(FakeConsentStore(), directory, clock),
        Results(FakeResults()),
    )
    assistant = Assistant(
        practice_id="riverside",
        storage=storage,
        nlu=nlu,
        scheduling=desk,
        catalogue=PracticeCatalogue(directory),
        patients=everyone,
        flows=load_flows(DATA / "flows"),
        texts=Texts.load(DATA / "texts"),
        clock=clock,
        locks=LocalLocks(),
    )
    yield DeskRig(assistant, storage, schedule, clock, tasks=tasks)
    await storage.close()


async def test_an_emergency_gets_guidance_first_and_an_urgent_staff_task(desk_rig: DeskRig) -> None:
    await desk_rig.send("can i book a checkup")
    reply = await desk_rig.send("my chest is crushing and my arm is numb")
    assert "911" in reply[0]
    [task] = desk_rig.tasks.emergencies.values()
    async with desk_rig.storage.unit_of_work() as uow:
        trail = await uow.audit.trail("riverside")
    assert sorted(a.action for a in trail) == [
        "escalation.emergency",
        "escalation.opened",
        "staff.alerted",
    ]
    [opened] = [a for a in trail if a.action == "escalation.opened"]
    assert opened.detail["urgency"] == "urgent" and opened.detail["task_id"]
    assert "A member of our team will reply" in reply[0]  # after the guidance, same message
    [alerted] = [a for a in trail if a.action == "staff.alerted"]
    assert (
        alerted.detail["reason"] == "emergency"
        and alerted.detail["conversation_id"] == task.conversation_id
    )


async def test_an_emergency_while_the_record_system_is_down_is_escalated_once_it_is_back(
    desk_rig: DeskRig,
) -> None:
    desk_rig.tasks.down = True
    told = await desk_rig.send("my chest is crushing and my arm is numb")
    assert "911" in told[0]  # the guidance does not wait for the record system
    assert desk_rig.tasks.emergencies == {}
    desk_rig.tasks.down = False
    desk_rig.clock.advance(dt.timedelta(minutes=1))
    # One reply: that a person will reply (the escalation opens with its Task); the
    # guidance is not sent a second time.
    assert await desk_rig.assistant.process_due() == 1
    assert len(desk_rig.tasks.emergencies) == 1
    async with desk_rig.storage.unit_of_work() as uow:
        trail = await uow.audit.trail("riverside")
    assert sorted(a.action for a in trail) == [
        "escalation.emergency",
        "escalation.opened",
        "staff.alerted",
    ]


async def test_an_unknown_number_is_told_how_to_reach_the_practice(rig: Rig) -> None:
    reply = await rig.send("i want to book a checkup", phone="+16175550999")
    assert "couldn't find this number" in reply[0] and "+1 617 555 0100" in reply[0]


def Outbound_text(payload: dict[str, object]) -> str:
    from bot.messages import Outbound

    return Outbound.from_json(payload).plain_text()  # type: ignore[arg-type]

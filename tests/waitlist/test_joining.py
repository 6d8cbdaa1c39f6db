"""Joining the waitlist in the dialogue (the engine over the real Scheduling and Waitlisting
with fakes, tests/dialogs/driver.py): declining every offered time joins for the window
asked; a waitlist wish joins when nothing is free and is offered what is free otherwise."""

from __future__ import annotations

import dataclasses
import datetime as dt

from domain.waitlist import WAITING, WaitlistEntry
from tests import fakes
from tests.dialogs.driver import Conversation, said, window

FRIDAY_MORNING = window(dt.datetime(2026, 3, 6, 8, 0, tzinfo=fakes.ZONE), 4, "part_of_day")


def friday_morning(text: str) -> object:
    return said(
        text,
        "book_appointment",
        service="check-up",
        practitioner="dr patel",
        datetime=("friday morning", FRIDAY_MORNING),
    )


async def entries(chat: Conversation) -> list[WaitlistEntry]:
    async with chat.waitlist.reading() as uow:
        return await uow.waitlist.of_patient("riverside", fakes.MARIA.id)


async def test_declining_every_offered_time_joins_the_waitlist_for_that_window() -> None:
    chat = Conversation()
    offered = await chat.send(friday_morning("can I book a check-up with dr patel friday morning"))
    assert offered[-1].choices
    reply = Conversation.text(await chat.send(said("none of those", "deny")))
    assert "on the waitlist for a check-up with Dr. Amara Patel until Friday, March 6" in reply
    assert "What other day or time would suit you" in reply  # and may still pick another day
    [entry] = await entries(chat)
    assert entry.state == WAITING and entry.practitioner_id == fakes.PATEL
    assert entry.window_end == dt.datetime.fromisoformat(FRIDAY_MORNING["end"])
    assert chat.state.flow == "book_appointment"


async def test_a_waitlist_wish_when_times_are_free_offers_them_first() -> None:
    chat = Conversation()
    offered = await chat.send(friday_morning("anything sooner with dr patel, friday morning?"))
    assert offered[-1].choices  # free now beats waiting
    assert await entries(chat) == []


async def test_a_waitlist_wish_when_nothing_is_free_joins_at_once() -> None:
    chat = Conversation()
    for slot_id, slot in chat.schedule.slots.items():
        chat.schedule.slots[slot_id] = dataclasses.replace(slot, free=False)  # a full diary
    reply = Conversation.text(
        await chat.send(
            friday_morning("put me on the waitlist for a check-up with dr patel friday morning")
        )
    )
    assert "on the waitlist for a check-up with Dr. Amara Patel until Friday, March 6" in reply
    [entry] = await entries(chat)
    assert entry.created_at == chat.clock.now()

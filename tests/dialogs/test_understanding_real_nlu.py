"""Reschedule, cancel and check conversations read by the real NLU (roles included), over the
pure engine and the domain with fakes: what the patient types, not a hand-made Parse."""

from __future__ import annotations

import datetime as dt

import pytest

from nlu import NLU
from tests.dialogs.driver import Conversation
from tests.dialogs.test_existing_and_past import FRIDAY, THURSDAY, booked

NOW = dt.datetime(2026, 3, 2, 9, 0)  # the driver's clock, wall-clock in New York
TZ = "America/New_York"


@pytest.fixture(scope="module")
def nlu() -> NLU:
    return NLU.load()


async def say(chat: Conversation, nlu: NLU, text: str) -> str:
    return Conversation.text(await chat.send(nlu.parse(text, now=NOW, tz=TZ)))


async def two_appointments(chat: Conversation) -> None:
    await booked(chat, THURSDAY, 10)
    await booked(chat, FRIDAY, 9)


async def test_move_my_thursday_appointment_to_next_tuesday(nlu: NLU) -> None:
    chat = Conversation()
    await two_appointments(chat)
    await say(chat, nlu, "can I move my thursday appointment to next tuesday morning")
    reply = await say(chat, nlu, "04/12/1985")
    assert "Which appointment" not in reply and "on Tuesday, March 10 in the morning" in reply
    assert chat.state.slots["appointment"]["start"].startswith("2026-03-05T10:00")


async def test_only_the_existing_day_then_the_new_time(nlu: NLU) -> None:
    chat = Conversation()
    await two_appointments(chat)
    await say(chat, nlu, "hi I need to move my appointment on thursday")
    asked = await say(chat, nlu, "04/12/1985")
    assert "When would you like to move your check-up on Thursday, March 5" in asked
    offered = await say(chat, nlu, "next week tuesday morning")
    assert "Tuesday, March 10" in offered
    assert all(o["start"].startswith("2026-03-10") for o in chat.state.slots["offers"])


async def test_a_lone_new_day_is_the_new_time_and_the_appointment_is_asked(nlu: NLU) -> None:
    chat = Conversation()
    await two_appointments(chat)
    await say(chat, nlu, "can we move my appt to monday")
    asked = await say(chat, nlu, "04/12/1985")
    assert "Which appointment would you like to move?" in asked
    offered = await say(chat, nlu, "the one on friday")
    assert "Monday, March 9" in offered and chat.state.slots["appointment"]["start"].startswith(
        "2026-03-06"
    )


async def test_cancel_names_a_day_without_an_appointment(nlu: NLU) -> None:
    chat = Conversation()
    await two_appointments(chat)
    await say(chat, nlu, "cancel my appointment on wednesday")
    reply = await say(chat, nlu, "04/12/1985")
    assert "I can't see an appointment on Wednesday, March 4" in reply
    assert "Which appointment would you like to cancel?" in reply
    confirm = await say(chat, nlu, "the thursday one")
    assert "Cancel your check-up with Dr. Amara Patel on Thursday, March 5" in confirm


async def test_check_tells_the_one_on_the_day_asked(nlu: NLU) -> None:
    chat = Conversation()
    await two_appointments(chat)
    await say(chat, nlu, "what time is my appointment on friday")
    reply = await say(chat, nlu, "04/12/1985")
    assert "Friday, March 6, 2026 at 9:00 AM" in reply and "Thursday" not in reply

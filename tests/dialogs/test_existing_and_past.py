"""The booked appointment a patient names (a datetime with role "existing") and wanted times
already past, over the pure engine and the domain with fakes. The same conversations run
through the real NLU and FHIR in tests/e2e/test_understanding_chat.py."""

from __future__ import annotations

import datetime as dt

from domain.model import Appointment, Opening
from nlu.types import Entity, Parse
from tests import fakes
from tests.dialogs.driver import Conversation, said, window

THURSDAY, FRIDAY = dt.date(2026, 3, 5), dt.date(2026, 3, 6)


def day(d: dt.date) -> dict[str, str]:
    return window(dt.datetime.combine(d, dt.time(0), fakes.ZONE), 24, "day")


def morning(d: dt.date) -> dict[str, str]:
    return window(dt.datetime.combine(d, dt.time(8), fakes.ZONE), 4, "part_of_day")


def message(text: str, intent: str, *dates: tuple[str, dict[str, str], str | None]) -> Parse:
    """A Parse with datetimes given as (span text, value, role)."""
    entities = []
    for span, value, role in dates:
        start = text.find(span)
        entities.append(Entity("datetime", start, start + len(span), span, value, role))
    return Parse(text, intent, 0.95, entities=tuple(entities))


async def booked(chat: Conversation, on: dt.date, hour: int) -> Appointment:
    """Maria's check-up with Dr Patel at ``hour`` on ``on``, booked directly in the schedule."""
    start = dt.datetime.combine(on, dt.time(hour), fakes.ZONE)
    slots = tuple(
        chat.schedule.slots[f"slot-{fakes.PATEL}-{s:%Y%m%d%H%M}"]
        for s in (start, start + dt.timedelta(minutes=15))
    )
    opening = Opening(start, start + dt.timedelta(minutes=30), fakes.PATEL, fakes.DOWNTOWN, slots)
    return await chat.schedule.book(fakes.MARIA.id, opening, fakes.SERVICES[0])


async def verified(chat: Conversation, first: Parse) -> str:
    """Send ``first``, answer the date-of-birth question; everything said after it."""
    asked = Conversation.text(await chat.send(first))
    assert "date of birth" in asked
    return Conversation.text(await chat.send(said("04/12/1985")))


async def test_the_existing_day_picks_the_appointment_and_the_wanted_one_is_searched() -> None:
    chat = Conversation()
    thursday = await booked(chat, THURSDAY, 10)
    await booked(chat, FRIDAY, 9)  # a second one: without the day named, "which one?" is asked
    next_tuesday = morning(dt.date(2026, 3, 10))
    reply = await verified(
        chat,
        message(
            "can I move my thursday appointment to next tuesday morning",
            "reschedule_appointment",
            ("thursday", day(THURSDAY), "existing"),
            ("next tuesday morning", next_tuesday, None),
        ),
    )
    assert "Which appointment" not in reply
    assert chat.state.slots["appointment"]["id"] == thursday.id
    choices = chat.state.slots["offers"]
    assert choices and all(o["start"].startswith("2026-03-10T") for o in choices)
    await chat.send(said("1", choice=("1", {"index": 1})))
    done = Conversation.text(await chat.send(said("yes", "affirm")))
    assert "is now on Tuesday, March 10" in done
    assert chat.schedule.appointments[thursday.id].status == "cancelled"


async def test_no_appointment_on_the_day_named_is_said_and_the_list_offered() -> None:
    chat = Conversation()
    await booked(chat, THURSDAY, 10)
    await booked(chat, FRIDAY, 9)
    wednesday = day(dt.date(2026, 3, 4))
    reply = await verified(
        chat,
        message(
            "move my wednesday appointment to monday",
            "reschedule_appointment",
            ("wednesday", wednesday, "existing"),
            ("monday", day(dt.date(2026, 3, 9)), None),
        ),
    )
    assert "I can't see an appointment on Wednesday, March 4" in reply
    assert "Which appointment would you like to move?" in reply
    assert len(chat.state.slots["appointments"]) == 2 and chat.state.awaiting == "input"


async def test_starting_with_only_the_existing_day_asks_for_the_new_time() -> None:
    chat = Conversation()
    thursday = await booked(chat, THURSDAY, 10)
    await booked(chat, FRIDAY, 9)
    asked = await verified(
        chat,
        message(
            "hi I need to move my appointment on thursday",
            "reschedule_appointment",
            ("thursday", day(THURSDAY), "existing"),
        ),
    )
    assert "When would you like to move your check-up on Thursday, March 5" in asked
    assert chat.state.slots["appointment"]["id"] == thursday.id
    await chat.send(
        message(
            "next week tuesday morning",
            "inform",
            ("next week tuesday morning", morning(dt.date(2026, 3, 10)), None),
        )
    )
    offers = chat.state.slots["offers"]
    assert offers and all(
        o["start"].startswith("2026-03-10T") for o in offers
    )  # never Thursday again


async def test_cancel_picks_the_appointment_on_the_day_named() -> None:
    chat = Conversation()
    await booked(chat, THURSDAY, 10)
    friday = await booked(chat, FRIDAY, 9)
    reply = await verified(
        chat,
        message("cancel Friday's", "cancel_appointment", ("Friday's", day(FRIDAY), "existing")),
    )
    assert "Cancel your check-up with Dr. Amara Patel on Friday, March 6" in reply
    await chat.send(said("yes", "affirm"))
    assert chat.schedule.appointments[friday.id].status == "cancelled"


async def test_which_appointment_is_answered_with_its_day() -> None:
    chat = Conversation()
    thursday = await booked(chat, THURSDAY, 10)
    await booked(chat, FRIDAY, 9)
    asked = await verified(chat, said("cancel my appointment", "cancel_appointment"))
    assert "Which appointment would you like to cancel?" in asked
    reply = Conversation.text(
        await chat.send(
            message("the one on thursday", "inform", ("one on thursday", day(THURSDAY), "existing"))
        )
    )
    assert "on Thursday, March 5" in reply and chat.state.slots["appointment"]["id"] == thursday.id


async def test_check_tells_the_appointment_on_the_day_named_or_says_there_is_none() -> None:
    chat = Conversation()
    await booked(chat, THURSDAY, 10)
    await booked(chat, FRIDAY, 9)
    reply = await verified(
        chat,
        message(
            "what time is my appointment on friday",
            "check_appointment",
            ("friday", day(FRIDAY), "existing"),
        ),
    )
    assert "Friday, March 6, 2026 at 9:00 AM" in reply and "Thursday" not in reply
    none = Conversation.text(
        await chat.send(
            message(
                "is my appt on the 4th still on",
                "check_appointment",
                ("the 4th", day(dt.date(2026, 3, 4)), "existing"),
            )
        )
    )
    assert "I can't see an appointment on Wednesday, March 4" in none
    assert "Thursday, March 5" in none and "Friday, March 6" in none


def yesterday_at_10(text: str = "book me a check up yesterday at 10") -> Parse:
    at = dt.datetime(2026, 3, 1, 10, 0, tzinfo=fakes.ZONE)
    return message(text, "book_appointment", ("yesterday at 10", window(at, 1, "hour"), None))


async def test_a_past_time_is_said_back_and_yes_takes_the_offer() -> None:
    chat = Conversation()
    parse = yesterday_at_10()
    parse = Parse(
        parse.text,
        parse.intent,
        parse.confidence,
        entities=(*parse.entities, Entity("service", 10, 18, "check up")),
    )
    reply = Conversation.text(await chat.send(parse))
    assert reply == "Yesterday at 10:00 AM has passed — would tomorrow at 10:00 AM suit?"
    assert chat.state.slots.get("when") is None
    offered = await chat.send(said("yes", "affirm"))
    assert offered[-1].choices and all(c.startswith("Tue 3 Mar") for c in offered[-1].choices)
    assert chat.state.slots["offers"][0]["start"] == "2026-03-03T10:00:00-05:00"


async def test_a_past_time_then_another_time_books_that_one() -> None:
    chat = Conversation()
    parse = yesterday_at_10()
    await chat.send(
        Parse(
            parse.text,
            parse.intent,
            parse.confidence,
            entities=(*parse.entities, Entity("service", 10, 18, "check up")),
        )
    )
    tomorrow_morning = morning(dt.date(2026, 3, 3))
    offered = await chat.send(
        message("tomorrow morning then", "inform", ("tomorrow morning", tomorrow_morning, None))
    )
    assert offered[-1].choices and all(c.startswith("Tue 3 Mar") for c in offered[-1].choices)
    await chat.send(said("1", choice=("1", {"index": 1})))
    assert "You're booked" in Conversation.text(await chat.send(said("yes", "affirm")))
    [appointment] = chat.schedule.appointments.values()
    assert appointment.start.date() == dt.date(2026, 3, 3)


async def test_no_to_the_offered_time_asks_for_another_not_goodbye() -> None:
    chat = Conversation()
    parse = yesterday_at_10()
    await chat.send(
        Parse(
            parse.text,
            parse.intent,
            parse.confidence,
            entities=(*parse.entities, Entity("service", 10, 18, "check up")),
        )
    )
    reply = Conversation.text(await chat.send(said("no", "deny")))
    assert (
        "What other day or time would suit you?" in reply and chat.state.flow == "book_appointment"
    )


async def test_a_past_time_before_the_service_is_known_is_said_with_the_time_question() -> None:
    chat = Conversation()
    first = Conversation.text(await chat.send(yesterday_at_10("can I come in yesterday at 10")))
    assert "What kind of visit" in first and "has passed" not in first
    second = Conversation.text(await chat.send(said("a check-up", service="check-up")))
    assert second == "Yesterday at 10:00 AM has passed — would tomorrow at 10:00 AM suit?"


def test_the_offered_time_keeps_its_clock_time_across_a_daylight_saving_change() -> None:
    from zoneinfo import ZoneInfo

    from dialogs.past import next_ahead

    zone = ZoneInfo("America/New_York")
    saturday_10 = window(
        dt.datetime(2026, 3, 7, 10, 0, tzinfo=zone), 1, "hour"
    )  # clocks change on the 8th
    now = dt.datetime(2026, 3, 8, 11, 0, tzinfo=zone)
    later = next_ahead(saturday_10, now, zone)
    assert later is not None and later["start"] == "2026-03-09T10:00:00-04:00"


async def test_a_past_time_while_picking_from_offered_times_is_refused_plainly() -> None:
    chat = Conversation()
    tomorrow = morning(dt.date(2026, 3, 3))
    offered = await chat.send(
        message(
            "checkup tomorrow morning", "book_appointment", ("tomorrow morning", tomorrow, None)
        )
    )
    assert offered[-1].choices
    at = dt.datetime(2026, 3, 1, 15, 0, tzinfo=fakes.ZONE)
    reply = await chat.send(
        message(
            "what about yesterday at 3", "inform", ("yesterday at 3", window(at, 1, "hour"), None)
        )
    )
    assert "That time has already passed" in Conversation.text(reply) and reply[-1].choices
    assert "Please reply with a number" not in Conversation.text(reply)
    assert chat.state.scratch.suggested_when is None and chat.state.scratch.problem is None


def test_a_time_of_day_alone_is_on_the_day_of_the_appointment_being_moved() -> None:
    from dialogs.understanding import when_of

    at_3_today = window(dt.datetime(2026, 3, 2, 15, 0, tzinfo=fakes.ZONE), 1, "hour")
    moved = when_of(
        message(
            "move my thursday appointment to 3pm",
            "reschedule_appointment",
            ("thursday", day(THURSDAY), "existing"),
            ("3pm", at_3_today, None),
        )
    )
    assert moved is not None and moved["start"].startswith("2026-03-05T15:00")
    wednesday_3 = window(dt.datetime(2026, 3, 4, 15, 0, tzinfo=fakes.ZONE), 1, "hour")
    own_day = when_of(
        message(
            "move my thursday appointment to wensday at 3",
            "reschedule_appointment",
            ("thursday", day(THURSDAY), "existing"),
            ("wensday at 3", wednesday_3, None),
        )
    )
    assert own_day is not None and own_day["start"].startswith("2026-03-04T15:00")


async def test_another_past_time_gets_its_own_offer_and_yes_takes_that() -> None:
    chat = Conversation()
    await chat.send(yesterday_at_10())
    sunday_3 = window(dt.datetime(2026, 3, 1, 15, 0, tzinfo=fakes.ZONE), 1, "hour")
    again = Conversation.text(
        await chat.send(
            message("yesterday at 3 then", "inform", ("yesterday at 3", sunday_3, None))
        )
    )
    assert again == "Yesterday at 3:00 PM has passed — would tomorrow at 3:00 PM suit?"
    await chat.send(said("yes", "affirm"))
    assert chat.state.slots["when"]["start"] == "2026-03-03T15:00:00-05:00"

"""The book, reschedule, cancel and check flows, over the pure engine and the domain with fakes."""

from __future__ import annotations

import datetime as dt

from tests import fakes
from tests.dialogs.driver import NOW, Conversation, said, window

FRIDAY_MORNING = window(dt.datetime(2026, 3, 6, 8, 0, tzinfo=fakes.ZONE), 4, "part_of_day")


def book_request() -> object:
    return said(
        "can I book a check-up with dr patel friday morning",
        "book_appointment",
        service="check-up",
        practitioner="dr patel",
        datetime=("friday morning", FRIDAY_MORNING),
    )


async def test_books_a_checkup_with_dr_patel_on_friday_morning() -> None:
    chat = Conversation()
    offered = await chat.send(book_request())
    choices = offered[-1].choices
    assert 1 <= len(choices) <= 3
    assert all(c.startswith("Fri 6 Mar") and "Dr. Amara Patel" in c for c in choices)
    confirm = Conversation.text(await chat.send(said("2", choice=("2", {"index": 2}))))
    assert "Friday, March 6, 2026 at" in confirm and "Shall I book it?" in confirm
    done = Conversation.text(await chat.send(said("yes", "affirm")))
    assert "You're booked" in done
    [appointment] = chat.schedule.appointments.values()
    assert appointment.patient_id == fakes.MARIA.id and appointment.practitioner_id == fakes.PATEL
    assert appointment.start.date() == dt.date(2026, 3, 6) and appointment.start.hour < 12
    assert all(not chat.schedule.slots[s].free for s in appointment.slot_ids)
    assert len(appointment.slot_ids) == 2  # a 30-minute check-up takes two 15-minute slots
    assert chat.state.flow is None


async def test_asks_for_what_is_missing_one_question_at_a_time() -> None:
    chat = Conversation()
    first = await chat.send(said("i need an appointment", "book_appointment"))
    assert "What kind of visit" in Conversation.text(first) and "check-up" in first[-1].choices
    second = Conversation.text(await chat.send(said("checkup please")))
    assert "What day and time" in second
    third = await chat.send(said("friday morning", datetime=("friday morning", FRIDAY_MORNING)))
    assert third[-1].choices


async def test_unknown_service_is_named_and_the_offer_listed() -> None:
    chat = Conversation()
    replies = await chat.send(said("book me a massage", "book_appointment", service="massage"))
    assert (
        'don\'t offer "massage"' in Conversation.text(replies) and "flu shot" in replies[-1].choices
    )


async def test_a_day_the_practice_is_closed_offers_the_nearest_open_times() -> None:
    chat = Conversation()
    sunday = window(dt.datetime(2026, 3, 8, 0, 0, tzinfo=fakes.ZONE), 24, "day")
    replies = await chat.send(
        said(
            "checkup on sunday", "book_appointment", service="checkup", datetime=("sunday", sunday)
        )
    )
    assert "closed on Sunday, March 8" in Conversation.text(replies)
    assert replies[-1].choices and all("Mon 9 Mar" in c for c in replies[-1].choices)


async def test_a_time_in_the_past_is_said_back_and_a_later_one_offered() -> None:
    chat = Conversation()
    earlier = window(NOW - dt.timedelta(hours=1), 1, "hour")
    reply = Conversation.text(
        await chat.send(
            said(
                "checkup today at 8",
                "book_appointment",
                service="checkup",
                datetime=("today at 8", earlier),
            )
        )
    )
    assert "Today at 8:00 AM has passed — would tomorrow at 8:00 AM suit?" in reply
    assert chat.state.slots.get("when") is None and chat.state.awaiting == "input"


async def test_an_option_that_was_not_offered_is_asked_again() -> None:
    chat = Conversation()
    await chat.send(book_request())
    reply = await chat.send(said("7", choice=("7", {"index": 7})))
    assert "number from 1 to 3" in Conversation.text(reply) and reply[-1].choices
    assert not chat.schedule.appointments


async def test_gibberish_gets_a_request_to_rephrase() -> None:
    chat = Conversation()
    reply = Conversation.text(await chat.send(said("asdkjh qwpoe", "out_of_scope", confidence=0.2)))
    assert "didn't quite get that" in reply


async def test_an_unknown_number_is_told_how_to_reach_the_practice() -> None:
    chat = Conversation(phone_patients=())
    reply = Conversation.text(await chat.send(book_request()))
    assert "couldn't find this number" in reply and "+1 617 555 0100" in reply


async def test_a_shared_phone_is_asked_which_patient() -> None:
    chat = Conversation(phone_patients=(fakes.AISHA, fakes.OMAR), related=(fakes.AISHA_FOR_OMAR,))
    reply = Conversation.text(await chat.send(book_request()))
    assert "first name" in reply
    offered = await chat.send(said("it's for Omar", person_name="Omar"))
    assert chat.state.patient_id == fakes.OMAR.id and offered[-1].choices
    assert chat.state.proxy_id == fakes.AISHA_FOR_OMAR.id  # his mother books for him


async def test_a_taken_time_offers_others_instead_of_failing() -> None:
    chat, rival = Conversation(), None
    await chat.send(book_request())
    await chat.send(said("1", choice=("1", {"index": 1})))
    # Someone books the same slots by phone meanwhile.
    from dialogs.codec import opening_from_json

    opening = opening_from_json(chat.state.slots["opening"])
    rival = await chat.schedule.book("pat-other", opening, fakes.SERVICES[0])
    reply = await chat.send(said("yes", "affirm"))
    assert "someone has just taken that time" in Conversation.text(reply)
    assert reply[-1].choices and rival.start.strftime("%-I:%M") not in reply[-1].choices[0][:16]
    assert [a.patient_id for a in chat.schedule.appointments.values()] == ["pat-other"]


async def test_a_lost_race_with_nothing_else_free_is_one_clear_answer() -> None:
    chat = Conversation()
    await chat.send(book_request())
    await chat.send(said("1", choice=("1", {"index": 1})))
    for slot in list(chat.schedule.slots.values()):  # everything was booked meanwhile
        chat.schedule._write(slot, free=False)
    reply = Conversation.text(await chat.send(said("yes", "affirm")))
    assert "couldn't find a free time" in reply and "+1 617 555 0100" in reply
    assert "didn't quite get that" not in reply and "Shall I book" not in reply
    assert chat.state.flow is None and chat.state.awaiting is None and not chat.state.slots
    # The same "yes" again (sent twice, or once more while the first waited): nothing is
    # asked any more, which is said without claiming the message was not understood.
    again = Conversation.text(await chat.send(said("yes", "affirm")))
    assert "didn't quite get that" not in again and "anything else" in again
    assert chat.state.not_understood == 0 and not chat.schedule.appointments


async def test_the_record_system_down_is_said_plainly() -> None:
    chat = Conversation()
    chat.schedule.down = True
    reply = Conversation.text(await chat.send(book_request()))
    assert "can't reach our booking system" in reply


async def test_cancel_needs_the_birth_date_and_frees_the_slot() -> None:
    chat = Conversation()
    await chat.send(book_request())
    await chat.send(said("1", choice=("1", {"index": 1})))
    await chat.send(said("yes", "affirm"))
    [booked] = chat.schedule.appointments.values()
    ask = Conversation.text(await chat.send(said("cancel my appointment", "cancel_appointment")))
    assert "date of birth" in ask and "Friday" not in ask  # nothing disclosed before verification
    confirm = Conversation.text(await chat.send(said("04/12/1985")))
    assert "Cancel your check-up with Dr. Amara Patel on Friday, March 6" in confirm
    done = Conversation.text(await chat.send(said("yes", "affirm")))
    assert "is cancelled" in done
    assert chat.schedule.appointments[booked.id].status == "cancelled"
    assert all(chat.schedule.slots[s].free for s in booked.slot_ids)


async def test_three_wrong_birth_dates_lock_the_conversation() -> None:
    chat = Conversation()
    await chat.send(said("when is my appointment", "check_appointment"))
    for _ in range(2):
        assert "doesn't match" in Conversation.text(await chat.send(said("01/01/1990")))
    locked = Conversation.text(await chat.send(said("01/02/1990")))
    assert "can't continue" in locked
    assert "can't continue" in Conversation.text(await chat.send(said("04/12/1985")))
    assert any(n["kind"] == "locked" for n in chat.notes)


async def test_reschedule_secures_the_new_time_then_releases_the_old() -> None:
    chat = Conversation()
    await chat.send(book_request())
    await chat.send(said("1", choice=("1", {"index": 1})))
    await chat.send(said("yes", "affirm"))
    [old] = chat.schedule.appointments.values()
    await chat.send(said("can I move my appointment", "reschedule_appointment"))
    monday = window(dt.datetime(2026, 3, 9, 0, 0, tzinfo=fakes.ZONE), 24, "day")
    offered = await chat.send(said("04/12/1985"))
    assert "When would you like to move" in Conversation.text(offered)
    offered = await chat.send(said("monday", datetime=("monday", monday)))
    assert all("Mon 9 Mar" in c for c in offered[-1].choices)
    await chat.send(said("1", choice=("1", {"index": 1})))
    done = Conversation.text(await chat.send(said("yes", "affirm")))
    assert "is now on Monday, March 9" in done
    assert chat.schedule.appointments[old.id].status == "cancelled"
    assert all(chat.schedule.slots[s].free for s in old.slot_ids)
    moved = [a for a in chat.schedule.appointments.values() if a.status == "booked"]
    assert len(moved) == 1 and moved[0].start.date() == dt.date(2026, 3, 9)


async def test_an_offer_can_be_picked_by_its_time() -> None:
    chat = Conversation()
    offered = await chat.send(book_request())
    second = offered[-1].choices[1]  # e.g. "Fri 6 Mar, 10:30 AM with ..."
    clock = second.split(", ")[1].split(" ")[0]  # "10:30"
    hour, minute = map(int, clock.split(":"))
    at = dt.datetime(2026, 3, 6, hour, minute, tzinfo=fakes.ZONE)
    confirm = Conversation.text(
        await chat.send(said(f"the {clock} one", datetime=(clock, window(at, 1 / 60, "minute"))))
    )
    assert f"at {clock} AM" in confirm and "Shall I book it?" in confirm


async def test_running_late_is_passed_to_the_team_without_a_flow() -> None:
    chat = Conversation()
    reply = Conversation.text(await chat.send(said("running 10 min late sorry", "running_late")))
    assert "told the team" in reply and chat.state.flow is None
    assert {"kind": "handoff_requested", "reason": "running_late"} in chat.notes

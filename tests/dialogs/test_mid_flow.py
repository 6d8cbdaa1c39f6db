"""What a patient says in the middle of a flow that is not an answer to its question: asking for
a person, saying goodbye, "no" to a list with nothing else to go to (round 13 of conversations,
reports/conversations-round-13.md)."""

from __future__ import annotations

import datetime as dt

from tests import fakes
from tests.dialogs.driver import Conversation, said, window
from tests.patient_fakes import PatientConversation

FRIDAY_MORNING = window(dt.datetime(2026, 3, 6, 8, 0, tzinfo=fakes.ZONE), 4, "part_of_day")
FLU_FRIDAY = {"service": "flu shot", "datetime": ("friday morning", FRIDAY_MORNING)}


def book_request_friday() -> object:
    return said(
        "can I book a check-up friday morning",
        "book_appointment",
        service="check-up",
        datetime=("friday morning", FRIDAY_MORNING),
    )


async def test_asking_for_a_person_while_a_time_is_asked_hands_over() -> None:
    chat = Conversation()
    asked = Conversation.text(
        await chat.send(said("book a check-up", "book_appointment", service="check-up"))
    )
    assert "What day and time" in asked
    reply = Conversation.text(
        await chat.send(said("can i talk to a real person pls", "request_human", 1.0))
    )
    assert "member of our team" in reply and "What day and time" not in reply
    assert {"kind": "handoff_requested", "reason": "request_human"} in chat.notes
    assert chat.state.flow is None and chat.state.awaiting is None


async def test_asking_for_a_person_instead_of_a_birth_date_hands_over() -> None:
    chat = Conversation()
    assert "date of birth" in Conversation.text(
        await chat.send(said("when is my appointment", "check_appointment"))
    )
    reply = Conversation.text(await chat.send(said("let me speak to someone", "request_human")))
    assert "member of our team" in reply and "doesn't match" not in reply
    assert {"kind": "handoff_requested", "reason": "request_human"} in chat.notes
    assert chat.state.awaiting is None and chat.state.verify_failures == 0


async def test_goodbye_in_the_middle_of_booking_ends_it() -> None:
    chat = Conversation()
    await chat.send(said("book flu shot", "book_appointment", service="flu shot"))
    reply = Conversation.text(await chat.send(said("thanks bye", "goodbye", 1.0)))
    assert "Take care" in reply and "What day and time" not in reply
    assert chat.state.flow is None
    # Nothing of the booking lingers: a later "friday" is not an answer to it.
    assert not chat.state.slots


async def _two_booked() -> Conversation:
    """A conversation that has booked two appointments: the Friday visit and a flu shot."""
    chat = Conversation()
    await chat.send(book_request_friday())
    await chat.send(said("1", choice=("1", {"index": 1})))
    await chat.send(said("yes", "affirm"))
    await chat.send(said("and a flu shot friday morning", "book_appointment", **FLU_FRIDAY))
    await chat.send(said("1", choice=("1", {"index": 1})))
    await chat.send(said("yes", "affirm"))
    return chat


async def test_no_to_which_appointment_to_cancel_keeps_them_all() -> None:
    chat = await _two_booked()
    assert len(chat.schedule.appointments) == 2
    await chat.send(said("cancel my appointment", "cancel_appointment"))
    listed = await chat.send(said("04/12/1985"))
    assert "Which appointment would you like to cancel?" in Conversation.text(listed)
    assert len(listed[-1].choices) == 2
    reply = Conversation.text(await chat.send(said("no wait keep it", "deny")))
    assert "stopped" in reply and "another day" not in reply and "Which appointment" not in reply
    assert chat.state.flow is None
    assert all(a.status == "booked" for a in chat.schedule.appointments.values())


async def test_a_wrong_pick_from_appointments_does_not_offer_another_day() -> None:
    chat = await _two_booked()
    await chat.send(said("cancel my appointment", "cancel_appointment"))
    await chat.send(said("04/12/1985"))
    reply = Conversation.text(await chat.send(said("7", choice=("7", {"index": 7}))))
    assert "number from 1 to 2." in reply and "another day" not in reply


async def test_a_time_that_cannot_be_read_is_said_so() -> None:
    chat = Conversation()
    await chat.send(said("book a check-up", "book_appointment", service="check-up"))
    # A parent who expected to be asked their birth date sends it to "what day and time?".
    reply = Conversation.text(
        await chat.send(said("07/21/1990", birth_date=("07/21/1990", "1990-07-21")))
    )
    assert "didn't catch a day or time" in reply and "What day and time" in reply


async def test_an_unknown_number_is_told_how_to_register_here() -> None:
    """A new patient who asks to book is told the words that register them, not only to call."""
    chat = Conversation(phone_patients=())
    reply = Conversation.text(await chat.send(book_request_friday()))
    assert "couldn't find this number" in reply and "NEW PATIENT" in reply
    assert "+1 617 555 0100" in reply
    started = Conversation.text(await chat.send(said("new patient", "register_patient")))
    assert "full name" in started and chat.state.flow == "register_patient"


async def test_a_new_address_in_the_first_message_is_not_asked_for_again() -> None:
    chat = PatientConversation(address="+16175550134")
    first = PatientConversation.text(
        await chat.send(
            said("i moved, new address is 5 Oak St Boston MA 02110", "update_details", 0.99)
        )
    )
    assert "date of birth" in first  # nothing of the record before verification
    done = PatientConversation.text(await chat.send(said("04/12/1985")))
    assert "What's your new home address?" not in done
    assert "updated your address to 5 Oak St Boston MA 02110" in done
    assert chat.registry.updates[-1][1].address == "5 Oak St Boston MA 02110"


async def test_moving_without_an_address_said_asks_for_it() -> None:
    chat = PatientConversation(address="+16175550134")
    await chat.send(said("I moved 2 weeks ago, need to change my address", "update_details"))
    asked = PatientConversation.text(await chat.send(said("04/12/1985")))
    assert "What's your new home address?" in asked


async def test_a_new_email_in_the_first_message_is_not_asked_for_again() -> None:
    chat = PatientConversation(address="+16175550134")
    await chat.send(
        said(
            "please change my email to maria@new-mail.com",
            "update_details",
            email="maria@new-mail.com",
        )
    )
    done = PatientConversation.text(await chat.send(said("04/12/1985")))
    assert "updated your e-mail address to maria@new-mail.com" in done


async def test_ok_thanks_to_shall_i_book_it_books() -> None:
    # The model reads "ok thanks" as a thank-you; to a yes-or-no question it is a yes.
    chat = Conversation()
    await chat.send(book_request_friday())
    await chat.send(said("2", choice=("2", {"index": 2})))
    done = Conversation.text(await chat.send(said("ok thanks", "thank", 1.0)))
    assert "You're booked" in done and len(chat.schedule.appointments) == 1


def shared_phone() -> Conversation:
    return Conversation(phone_patients=(fakes.AISHA, fakes.OMAR), related=(fakes.AISHA_FOR_OMAR,))


async def test_a_child_named_in_the_first_message_is_not_asked_about() -> None:
    chat = shared_phone()
    reply = Conversation.text(
        await chat.send(said("when is omars next appointment", "check_appointment", 0.92))
    )
    assert "Which of them" not in reply and "date of birth" in reply
    assert chat.state.patient_id == fakes.OMAR.id
    assert chat.state.proxy_id == fakes.AISHA_FOR_OMAR.id  # his mother verifies for him
    await chat.send(said("07/21/1990"))
    assert chat.state.verified_patient_id == fakes.OMAR.id


async def test_naming_the_other_patient_later_switches_to_them() -> None:
    chat = shared_phone()
    await chat.send(said("book a flu shot for me", "book_appointment", service="flu shot"))
    await chat.send(said("1", choice=("1", {"index": 1})))  # Aisha, from the list
    assert chat.state.patient_id == fakes.AISHA.id
    await chat.send(said("bye", "goodbye", 1.0))
    await chat.send(
        said(
            "i need to book omar in with dr chen for a checkup",
            "book_appointment",
            person_name="omar",
            practitioner="dr chen",
            service="checkup",
        )
    )
    assert chat.state.patient_id == fakes.OMAR.id
    assert chat.state.proxy_id == fakes.AISHA_FOR_OMAR.id


async def test_a_message_naming_no_one_on_a_shared_phone_still_asks() -> None:
    chat = shared_phone()
    reply = Conversation.text(
        await chat.send(said("book me in for a few checkups", "book_appointment"))
    )
    assert "Which of them" in reply


def at_hour(hour: int, hours: float = 1) -> dict[str, str]:
    return window(dt.datetime(2026, 3, 6, hour, 0, tzinfo=fakes.ZONE), hours, "hour")


async def test_a_time_asked_that_is_not_free_is_said_before_the_nearest() -> None:
    # The nurse gives flu shots in the morning; "friday at 5pm" gets the day's nearest times,
    # which must not be introduced as if they were at 5 PM.
    chat = Conversation()
    reply = await chat.send(
        said(
            "flu shot friday at 5pm",
            "book_appointment",
            service="flu shot",
            datetime=("friday at 5pm", at_hour(17)),
        )
    )
    text = Conversation.text(reply)
    assert "Nothing is free on Friday, March 6 at 5:00 PM" in text and reply[-1].choices
    assert "Here are the first times" not in text


async def test_a_time_asked_that_is_free_is_named_with_the_list() -> None:
    chat = Conversation()
    reply = Conversation.text(
        await chat.send(
            said(
                "flu shot friday after 10",
                "book_appointment",
                service="flu shot",
                datetime=("friday after 10", at_hour(10, 8)),
            )
        )
    )
    assert (
        "Here are the first times I have for a flu shot on Friday, March 6 after 10:00 AM" in reply
    )

"""What a patient says in the middle of a flow that is not an answer to its question: asking for
a person, saying goodbye, "no" to a list with nothing else to go to (round 13 of conversations,
reports/conversations-round-13.md)."""

from __future__ import annotations

from tests.dialogs.driver import Conversation, said


async def test_asking_for_a_person_while_a_time_is_asked_hands_over() -> None:
    chat = Conversation()
    asked = Conversation.text(await chat.send(said("book a blood test", "book_appointment")))
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

"""The greeting's and the help's list of what the assistant does, numbered to pick from
(dialogs/start_menu.py): "1" or "book" after it starts that flow."""

from __future__ import annotations

from tests.dialogs.driver import Conversation, said


async def test_the_greeting_lists_what_it_does_and_a_number_picks() -> None:
    chat = Conversation()
    hello = await chat.send(said("hi", "greet", 1.0))
    assert hello[-1].choices == (
        "Book an appointment",
        "Move an appointment",
        "Cancel an appointment",
        "When is my next appointment?",
    )
    asked = Conversation.text(await chat.send(said("1")))
    assert chat.state.flow == "book_appointment" and "What kind of visit" in asked


async def test_one_word_from_the_list_picks_even_when_read_as_a_yes() -> None:
    # "book" alone is read as a weak "yes" by the model; after the list it is the first choice.
    chat = Conversation()
    await chat.send(said("what can you do", "help", 1.0))
    await chat.send(said("book", "affirm", 0.41))
    assert chat.state.flow == "book_appointment"


async def test_when_after_the_list_asks_for_the_birth_date_first() -> None:
    chat = Conversation()
    await chat.send(said("hello", "greet", 1.0))
    reply = Conversation.text(await chat.send(said("4", "inform")))
    assert chat.state.flow == "check_appointment" and "date of birth" in reply


async def test_the_list_answers_only_the_next_message() -> None:
    chat = Conversation()
    await chat.send(said("hi", "greet", 1.0))
    await chat.send(said("thanks", "thank", 1.0))
    reply = await chat.send(said("1"))
    assert chat.state.flow is None
    # "1" with nothing open is answered with the list again, so the next "1" picks.
    assert "didn't quite get that" in Conversation.text(reply) and reply[-1].choices
    await chat.send(said("1"))
    assert chat.state.flow == "book_appointment"


async def test_words_beside_the_pick_that_are_not_its_own_pick_nothing() -> None:
    chat = Conversation()
    await chat.send(said("hi", "greet", 1.0))
    await chat.send(said("change details", "inform", 0.5))
    assert chat.state.flow is None


async def test_a_number_inside_a_sentence_picks_nothing() -> None:
    chat = Conversation()
    await chat.send(said("hi", "greet", 1.0))
    await chat.send(said("message number 4", choice=("number 4", {"index": 4})))
    assert chat.state.flow is None


async def test_the_first_one_picks_the_first() -> None:
    chat = Conversation()
    await chat.send(said("hi", "greet", 1.0))
    await chat.send(said("the first one", choice=("the first one", {"index": 1})))
    assert chat.state.flow == "book_appointment"


async def test_a_number_on_no_record_is_not_offered_what_it_cannot_have() -> None:
    chat = Conversation(phone_patients=())
    hello = await chat.send(said("hi", "greet", 1.0))
    assert hello[-1].choices == ()
    assert chat.state.scratch.offer is None

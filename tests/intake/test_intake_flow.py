"""The intake questionnaire over the engine: one question per message, typed answers with
hints, enableWhen, repeats, skipping, pausing and resuming from the saved response."""

from __future__ import annotations

from tests import fakes
from tests.dialogs.driver import said
from tests.patient_fakes import PatientConversation

MARIA = fakes.MARIA.id


async def start(chat: PatientConversation) -> str:
    await chat.send(said("can I do my forms", "start_intake"))
    return PatientConversation.text(await chat.send(said("04/12/1985")))


async def answer(chat: PatientConversation, text: str) -> str:
    return PatientConversation.text(await chat.send(said(text)))


async def test_the_form_is_asked_one_question_at_a_time_and_saved_after_each() -> None:
    chat = PatientConversation(address=fakes.MARIA.phones[0])
    first = await start(chat)
    assert "(1/10) Allergies: Do you have any allergies" in first and "YES or NO" in first
    assert "Please reply YES or NO" in await answer(chat, "maybe")
    listed = await answer(chat, "yes")
    assert "Please list each allergy" in listed  # shown because of the answer (enableWhen)
    assert "medicines" in await answer(chat, "penicillin - rash; peanuts - hives")
    saved = chat.intake.saved[MARIA]
    assert saved.status == "in-progress" and saved.answers["allergies.list"] == [
        "penicillin - rash",
        "peanuts - hives",
    ]
    assert chat.intake.writes == 2


async def test_answers_of_the_wrong_type_get_a_hint_and_the_question_again() -> None:
    chat = PatientConversation(address=fakes.MARIA.phones[0])
    await start(chat)
    await answer(chat, "no")  # no allergies: the list is not asked
    conditions = await chat.send(said("none"))
    assert (
        "long-term conditions" in PatientConversation.text(conditions)
        and "Asthma" in conditions[-1].choices
    )
    assert "numbers from the list" in await answer(chat, "9")
    other = await answer(chat, "1 and 5")
    assert "Which other condition?" in other
    await answer(chat, "migraine")
    assert "doesn't exist" in await answer(chat, "31/02/2024")
    assert "in the future" in await answer(chat, "June 2031")
    assert "height" in await answer(chat, "March 2025")
    assert "whole number" in await answer(chat, "tall")
    assert "whole number" in await answer(chat, "172.5")
    assert "weight" in await answer(chat, "172 cm")
    assert "a number, e.g. 70.5" in await answer(chat, "heavy")
    name = await answer(chat, "70,5")
    assert "Emergency contact: Their name" in name and "SKIP" not in name
    assert "needs an answer" in await answer(chat, "skip")
    answers = chat.state.slots["intake"]["response"]["answers"]
    assert (
        answers["conditions"][0]["code"] == "asthma" and answers["conditions"][1]["code"] == "other"
    )
    assert (
        answers["last-visit"] == ["2025-03"]
        and answers["height"] == [172]
        and answers["weight"] == [70.5]
    )


async def test_a_paused_form_resumes_where_it_stopped_and_completes() -> None:
    chat = PatientConversation(address=fakes.MARIA.phones[0])
    await start(chat)
    await answer(chat, "no")
    assert "answers so far are saved" in await answer(chat, "later")
    assert chat.state.flow is None
    resumed = PatientConversation.text(
        await chat.send(said("i want to finish my forms", "start_intake"))
    )
    assert "carry on" in resumed and "medicines" in resumed
    for text in ("none", "6", "skip", "skip", "skip", "Jane Nguyen", "2", "617-555-0999"):
        await answer(chat, text)
    done = await answer(chat, "skip")
    assert "That's everything" in done
    saved = chat.intake.saved[MARIA]
    assert saved.status == "completed" and "pharmacy" in saved.skipped
    assert saved.answers["emergency-contact.relationship"] == ["Parent"]
    again = PatientConversation.text(await chat.send(said("can I do my forms", "start_intake")))
    assert "already completed" in again


async def test_asking_for_the_form_again_mid_question_is_not_taken_as_an_answer() -> None:
    chat = PatientConversation(address=fakes.MARIA.phones[0])
    await start(chat)
    await answer(chat, "no")
    again = PatientConversation.text(
        await chat.send(said("I want to complete my forms", "start_intake"))
    )
    assert "carry on" in again and "medicines" in again
    assert "medications" not in chat.state.slots["intake"]["response"]["answers"]

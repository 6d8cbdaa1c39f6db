"""Registration without duplicates, and updating details, over the engine with fakes."""

from __future__ import annotations

from tests.dialogs.driver import said
from tests.patient_fakes import PatientConversation

NEW = "+16175550911"


async def register(chat: PatientConversation, name: str, born: str, *extra: str) -> str:
    replies = [await chat.send(said("I'm a new patient", "register_patient"))]
    replies += [
        await chat.send(said(text))
        for text in (name, born, "this number", "sam@example.com", "skip", "skip", *extra)
    ]
    return "\n".join(PatientConversation.text(r) for r in replies)


async def test_maria_lopez_garcia_is_a_likely_duplicate_and_becomes_a_staff_task() -> None:
    chat = PatientConversation(address=NEW, phone_patients=())
    said_ = await register(chat, "Maria Lopez-Garcia", "04/12/1985")
    assert "Please check: Maria Lopez-Garcia, born April 12, 1985, mobile +16175550911" in said_
    done = PatientConversation.text(await chat.send(said("yes", "affirm")))
    assert "asked our team to check" in done
    [(person, matches)] = chat.tasks.tasks.values()
    assert person.family == "Lopez-Garcia" and {m.patient_id for m in matches} >= {
        "pat-maria",
        "pat-mlg",
    }
    assert not chat.registry.created


async def test_a_new_person_is_registered_once_even_when_the_request_is_retried() -> None:
    chat = PatientConversation(address=NEW, phone_patients=())
    await register(chat, "sam okafor", "1990-05-06")
    before = chat.state.copy()
    done = PatientConversation.text(await chat.send(said("yes", "affirm")))
    assert "You're registered, Sam!" in done
    [patient] = chat.registry.created.values()
    assert patient.name == "Sam Okafor" and patient.phones == (NEW,)
    chat.state = before  # the pipeline keeps the old state when a reply is lost, and tries again
    again = PatientConversation.text(await chat.send(said("yes", "affirm")))
    assert "You're registered" in again and list(chat.registry.created.values()) == [patient]
    assert not chat.tasks.tasks


async def test_bad_input_is_asked_again_with_a_reason() -> None:
    chat = PatientConversation(address=NEW, phone_patients=())
    await chat.send(said("I'm a new patient", "register_patient"))
    assert "first and last name" in PatientConversation.text(await chat.send(said("Sam")))
    await chat.send(said("Sam Okafor"))
    assert "can't be in the future" in PatientConversation.text(
        await chat.send(said("12 April 2030"))
    )
    assert "doesn't exist" in PatientConversation.text(await chat.send(said("31/02/1990")))
    await chat.send(said("05/06/1990"))
    assert "area code" in PatientConversation.text(await chat.send(said("555-0134")))
    await chat.send(said("617 555 0911"))
    assert "missing its domain" in PatientConversation.text(await chat.send(said("sam@example")))
    assert "name@example.com" in PatientConversation.text(
        await chat.send(said("sam at example dot com"))
    )
    assert "home address" in PatientConversation.text(await chat.send(said("sam@example.com")))
    assert chat.state.slots["form"]["phone"] == NEW


async def test_a_wrong_detail_is_corrected_before_registering() -> None:
    chat = PatientConversation(address=NEW, phone_patients=())
    await register(chat, "Sam Okafor", "05/06/1990")
    menu = await chat.send(said("no", "deny"))
    assert (
        "What should I correct?" in PatientConversation.text(menu) and "E-mail" in menu[-1].choices
    )
    assert "e-mail" in PatientConversation.text(await chat.send(said("the email")))
    check = PatientConversation.text(await chat.send(said("sam.o@example.org")))
    assert "e-mail sam.o@example.org" in check and "Is that all right?" in check


async def test_insurance_given_at_registration_becomes_a_coverage() -> None:
    chat = PatientConversation(address=NEW, phone_patients=())
    await chat.send(said("I'm a new patient", "register_patient"))
    for text in (
        "Sam Okafor",
        "05/06/1990",
        "this number",
        "sam@example.com",
        "12 Oak St, Boston MA 02110",
        "Aetna",
        "W123",
    ):
        reply = PatientConversation.text(await chat.send(said(text)))
    assert "insurance Aetna (member ID W123)" in reply
    await chat.send(said("yes", "affirm"))
    [patient] = chat.registry.created.values()
    assert chat.coverage.active[patient.id] == ("Aetna", "W123")


async def test_details_are_updated_after_verification_and_read_back() -> None:
    chat = PatientConversation(address="+16175550134")
    first = PatientConversation.text(
        await chat.send(said("I need to update my email", "update_details"))
    )
    assert "date of birth" in first
    asked = PatientConversation.text(await chat.send(said("04/12/1985")))
    assert "new e-mail" in asked  # the first message already said which detail
    done = PatientConversation.text(await chat.send(said("maria@new-mail.com")))
    assert "updated your e-mail address to maria@new-mail.com" in done
    assert chat.registry.updates[-1][1].email == "maria@new-mail.com"
    menu = await chat.send(said("I'd like to change my details", "update_details"))
    assert "Preferred language" in menu[-1].choices
    await chat.send(said("5"))
    assert "didn't recognise" in PatientConversation.text(await chat.send(said("klingon")))
    done = PatientConversation.text(await chat.send(said("spanish please")))
    assert "preferred language to Spanish" in done
    assert chat.registry.updates[-1][1].language == "es"

"""The patient's reply to the practice's invitation to fill in the intake form, over the
engine with fakes (dialogs/invitation.py): it starts the intake, verification first."""

from __future__ import annotations

import datetime as dt

from tests import fakes
from tests.dialogs.driver import NOW, said, window
from tests.patient_fakes import PatientConversation


def invited(address: str, at: dt.datetime = NOW) -> PatientConversation:
    """A conversation as bot/outreach.py leaves it when it has queued the invitation."""
    chat = PatientConversation(address=address)
    chat.state.invitation = {"flow": "intake", "at": at.isoformat(), "patient_id": "whoever"}
    return chat


def text(replies: list) -> str:  # type: ignore[type-arg]
    return PatientConversation.text(replies)


async def test_a_yes_starts_the_intake_after_the_birth_date() -> None:
    chat = invited(fakes.MARIA.phones[0])
    asked = text(await chat.send(said("yes", "affirm")))
    assert "date of birth" in asked and "Allergies" not in asked  # verification first
    started = text(await chat.send(said("04/12/1985")))
    assert "Let's fill in your New patient intake form" in started and "(1/10) Allergies" in started
    assert chat.state.flow == "intake" and chat.state.invitation is None
    assert {"kind": "invitation_taken_up", "flow": "intake"} in chat.notes


async def test_on_a_shared_phone_the_reply_is_asked_which_patient_and_a_parent_fills_in_for_her_child() -> (
    None
):
    chat = invited(fakes.AISHA.phones[0])
    assert "first name" in text(await chat.send(said("ok", "affirm")))
    assert "Omar's records" in text(await chat.send(said("Omar", person_name="Omar")))
    started = text(await chat.send(said("07/21/1990")))
    assert "Let's fill in Omar's New patient intake form" in started and "about Omar" in started


async def test_no_thanks_declines_and_asking_for_something_else_is_handled_as_usual() -> None:
    chat = invited(fakes.MARIA.phones[0])
    assert "whenever you'd like" in text(await chat.send(said("no thanks", "deny")))
    assert chat.state.invitation is None and chat.state.flow is None
    other = invited(fakes.MARIA.phones[0])
    friday = window(dt.datetime(2026, 3, 6, 8, 0, tzinfo=fakes.ZONE), 4, "part_of_day")
    offered = await other.send(
        said(
            "book a check-up friday morning",
            "book_appointment",
            service="check-up",
            datetime=("friday morning", friday),
        )
    )
    assert other.state.flow == "book_appointment" and offered[-1].choices


async def test_an_invitation_held_for_quiet_hours_is_not_answered_before_it_is_sent() -> None:
    chat = invited(fakes.MARIA.phones[0], at=NOW + dt.timedelta(hours=23))
    assert "Allergies" not in text(await chat.send(said("hi", "greet")))
    assert chat.state.flow is None and chat.state.invitation is not None  # still to go out


async def test_a_flow_in_progress_is_not_interrupted_and_a_stale_invitation_lapses() -> None:
    chat = PatientConversation(address=fakes.MARIA.phones[0])
    await chat.send(said("i need an appointment", "book_appointment"))
    chat.state.invitation = {"flow": "intake", "at": NOW.isoformat()}
    assert "day and time" in text(await chat.send(said("checkup please", service="checkup")))
    stale = invited(fakes.MARIA.phones[0], at=NOW - dt.timedelta(days=8))
    assert "date of birth" not in text(await stale.send(said("yes", "affirm")))
    assert stale.state.invitation is None

"""Conversation state as stored: typed, versioned, and readable after an upgrade.

A conversation stored by the previous version (v1, the engine's notes kept among the
slots) is loaded into the current shape and carries on where it was.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from dialogs.state import STATE_VERSION, Awaiting, Offer, Problem, State
from tests import fakes
from tests.dialogs.driver import Conversation, said, window


def v1_state(step: str, slots: dict[str, Any]) -> dict[str, Any]:
    """A booking as v1 stored it: the engine's scratch among the slots, no proxy or lockout fields."""
    return {
        "v": 1,
        "flow": "book_appointment",
        "step": step,
        "awaiting": "input",
        "slots": slots,
        "retries": 0,
        "patient_id": fakes.MARIA.id,
        "verified_patient_id": None,
        "verified_until": None,
        "verify_failures": 0,
        "locked_until": None,
        "language": "en",
    }


async def test_a_v1_booking_waiting_on_a_numbered_list_takes_the_number_after_the_upgrade() -> None:
    stored = v1_state(
        "service",
        {"_offer": {"slot": "service", "ids": ["svc-checkup", "svc-physio"], "narrowed": True}},
    )
    chat = Conversation(state=State.from_json(stored))
    assert chat.state.slots == {} and chat.state.scratch.offer == Offer(
        "service", ["svc-checkup", "svc-physio"], True
    )
    reply = Conversation.text(await chat.send(said("2", choice=("2", {"index": 2}))))
    assert chat.state.slots["service_id"] == "svc-physio"
    assert "What day and time would suit you for your physiotherapy session" in reply


async def test_a_v1_offer_of_a_later_time_is_taken_by_yes_after_the_upgrade() -> None:
    tomorrow_10 = window(dt.datetime(2026, 3, 3, 10, 0, tzinfo=fakes.ZONE), 1, "hour")
    stored = v1_state("when", {"service_id": "svc-checkup", "suggested_when": tomorrow_10})
    chat = Conversation(state=State.from_json(stored))
    offered = await chat.send(said("yes", "affirm"))
    assert chat.state.slots["when"] == tomorrow_10
    assert offered[-1].choices and all(c.startswith("Tue 3 Mar") for c in offered[-1].choices)


def test_a_v1_problem_moves_out_of_the_slots_and_what_the_flow_gathered_stays() -> None:
    stored = v1_state(
        "service",
        {
            "service_id": "svc-flu",
            "form": {"email": "a@b.example"},
            "_problem": {"key": "too_far"},
            "_menu_picks": {"what": 1},
        },
    )
    state = State.from_json(stored)
    assert state.slots == {"service_id": "svc-flu", "form": {"email": "a@b.example"}}
    assert state.scratch.problem == Problem("too_far") and state.scratch.menu_picks == {"what": 1}
    assert state.awaiting is Awaiting.INPUT and state.proxy_id is None and state.lockouts == 0


def test_the_stored_form_is_versioned_readable_and_round_trips() -> None:
    state = State(flow="check_results", step="check", awaiting=Awaiting.BIRTH_DATE, patient_id="p1")
    state.scratch.problem = Problem("past_time_offer", {"asked": "Yesterday"}, replaces_ask=True)
    stored = state.to_json()
    assert stored["v"] == STATE_VERSION and stored["awaiting"] == "birth_date"
    assert State.from_json(stored) == state and State.from_json(None) == State()


def test_a_state_from_newer_code_is_refused_not_guessed() -> None:
    with pytest.raises(ValueError, match="newer than this code"):
        State.from_json({"v": STATE_VERSION + 1})

"""Who is offered a freed time, in which order, and which words ask for the waitlist."""

from __future__ import annotations

import datetime as dt

import pytest

from dialogs.waitlist_join import wants_waitlist
from domain.model import Opening, Slot
from domain.waitlist import (
    OFFERED,
    WaitlistEntry,
    WaitlistSettings,
    matches,
    new_entry,
    offer_order,
)

NOW = dt.datetime(2026, 3, 2, 14, 0, tzinfo=dt.UTC)  # Monday 09:00 in Boston
THURSDAY_10 = dt.datetime(2026, 3, 5, 15, 0, tzinfo=dt.UTC)


def opening(start: dt.datetime = THURSDAY_10, practitioner: str = "dr-patel") -> Opening:
    slots = tuple(
        Slot(
            f"S{i}",
            start + dt.timedelta(minutes=15 * i),
            start + dt.timedelta(minutes=15 * (i + 1)),
            practitioner,
            "downtown",
        )
        for i in range(2)
    )
    return Opening(start, start + dt.timedelta(minutes=30), practitioner, "downtown", slots)


def waiting(
    patient: str,
    *,
    joined: dt.datetime = NOW,
    practitioner: str | None = "dr-patel",
    service: str = "check-up",
    days: int = 5,
) -> WaitlistEntry:
    return new_entry(
        practice_id="riverside",
        patient_id=patient,
        conversation_id=f"conv-{patient}",
        service_id=service,
        practitioner_id=practitioner,
        window_start=NOW - dt.timedelta(days=1),
        window_end=NOW + dt.timedelta(days=days),
        now=joined,
    )


def test_the_clinician_asked_for_comes_before_any_clinician_then_the_longest_wait() -> None:
    any_early = waiting("any-early", joined=NOW - dt.timedelta(days=3), practitioner=None)
    patel_late = waiting("patel-late", joined=NOW - dt.timedelta(hours=1))
    patel_early = waiting("patel-early", joined=NOW - dt.timedelta(days=2))
    any_late = waiting("any-late", joined=NOW - dt.timedelta(minutes=5), practitioner=None)
    order = offer_order([any_late, patel_late, any_early, patel_early], "check-up", opening(), NOW)
    assert [e.patient_id for e in order] == ["patel-early", "patel-late", "any-early", "any-late"]


def test_an_entry_is_offered_a_time_once() -> None:
    first, second = waiting("james", joined=NOW - dt.timedelta(days=1)), waiting("aisha")
    assert [
        e.patient_id
        for e in offer_order([first, second], "check-up", opening(), NOW, skip=[first.id])
    ] == ["aisha"]


@pytest.mark.parametrize(
    ("entry", "why"),
    [
        (waiting("chen-only", practitioner="dr-chen"), "another clinician"),
        (waiting("physio", service="physiotherapy"), "another service"),
        (waiting("short", days=2), "the time is after their window"),
        (waiting("gone", days=1), "expired by now"),
    ],
)
def test_entries_that_do_not_match_are_not_offered(entry: WaitlistEntry, why: str) -> None:
    later = NOW + dt.timedelta(days=1, hours=1)
    assert not matches(entry, "check-up", opening(), later), why


def test_an_entry_already_offered_a_time_or_a_time_gone_by_is_not_matched() -> None:
    entry = waiting("james")
    assert matches(entry, "check-up", opening(), NOW)
    offered = WaitlistEntry(**{**entry.__dict__, "state": OFFERED})
    assert not matches(offered, "check-up", opening(), NOW)
    assert not matches(entry, "check-up", opening(NOW - dt.timedelta(minutes=30)), NOW)


def test_a_new_entry_never_starts_in_the_past_and_expires_with_its_window() -> None:
    entry = waiting("james")
    assert entry.window_start == NOW and entry.expires_at == entry.window_end


def test_the_offer_limit_is_the_setting_with_the_practice_override_when_it_makes_sense() -> None:
    assert WaitlistSettings().limit == dt.timedelta(minutes=15)
    assert WaitlistSettings(15).for_practice({"waitlist_offer_minutes": 30}).offer_minutes == 30
    for nonsense in (0, -5, "20", True, None):
        assert (
            WaitlistSettings(15).for_practice({"waitlist_offer_minutes": nonsense}).offer_minutes
            == 15
        )


@pytest.mark.parametrize(
    "text",
    [
        "anything sooner with Dr Chen?",
        "put me on the waitlist for a physio slot next week",
        "can you add me to the wait list",
        "is there a cancellation list?",
        "let me know if something comes up earlier",
        "I'd take an earlier appointment if one frees up, any earlier times?",
    ],
)
def test_words_that_ask_for_the_waitlist(text: str) -> None:
    assert wants_waitlist(text)


@pytest.mark.parametrize(
    "text",
    [
        "book a check-up on Friday",
        "I want to cancel my appointment",
        "can I come in at 9 sooner or later",
    ],
)
def test_words_that_do_not(text: str) -> None:
    assert not wants_waitlist(text)

"""`own_or_404`: another practice's resource is answered exactly as a missing one."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi import HTTPException

from api.staff import own_or_404
from bot.ports import ConversationRecord
from bot.staff_access import StaffMember

ANN = StaffMember(
    "s1",
    "ann@riverside.example",
    "riverside",
    "staff",
    "jti-1",
    dt.datetime(2026, 3, 2, tzinfo=dt.UTC),
)


def conversation(practice_id: str) -> ConversationRecord:
    return ConversationRecord("c1", practice_id, "sms", "+16175550134")


def test_a_resource_of_the_staff_members_practice_is_given_back() -> None:
    mine = conversation("riverside")
    assert own_or_404(ANN, mine, "conversation") is mine


@pytest.mark.parametrize("resource", [conversation("thames-physio"), None], ids=["other", "none"])
def test_another_practices_resource_and_a_missing_one_are_the_same_404(
    resource: ConversationRecord | None,
) -> None:
    with pytest.raises(HTTPException) as refused:
        own_or_404(ANN, resource, "conversation")
    assert (refused.value.status_code, refused.value.detail) == (404, "conversation not found")

"""Consent rules: latest versions, standing decisions, pending documents and the gates."""

from __future__ import annotations

import datetime as dt

from domain.consent import (
    MESSAGING,
    TELEHEALTH,
    ConsentDecision,
    ConsentDocument,
    has_consent,
    may_message,
    pending,
    required_for,
)
from domain.model import Service

T0 = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
V1 = ConsentDocument("d1", TELEHEALTH, "1", "Telehealth consent", "")
V2 = ConsentDocument("d2", TELEHEALTH, "2", "Telehealth consent", "")
SMS = ConsentDocument("d3", MESSAGING, "1", "SMS messaging consent", "")


def decision(
    code: str, version: str, agreed: bool, days: int = 0, withdrawn: bool = False
) -> ConsentDecision:
    return ConsentDecision(
        f"c-{code}-{version}-{days}",
        "p",
        code,
        version,
        agreed,
        T0 + dt.timedelta(days=days),
        "sms",
        withdrawn,
    )


def test_only_agreement_to_the_latest_version_counts() -> None:
    assert has_consent([V1], [decision(TELEHEALTH, "1", True)], TELEHEALTH)
    assert not has_consent([V1, V2], [decision(TELEHEALTH, "1", True)], TELEHEALTH)
    assert pending([V1, V2], [decision(TELEHEALTH, "1", True)]) == [V2]


def test_the_latest_decision_stands_and_withdrawal_ends_it() -> None:
    changed_mind = [decision(TELEHEALTH, "1", True), decision(TELEHEALTH, "1", False, days=1)]
    assert not has_consent([V1], changed_mind, TELEHEALTH) and pending([V1], changed_mind) == []
    assert not has_consent([V1], [decision(TELEHEALTH, "1", True, withdrawn=True)], TELEHEALTH)


def test_gates() -> None:
    assert required_for(Service("s", "telehealth consult", 20, telehealth=True)) == TELEHEALTH
    assert required_for(Service("s", "check-up", 30)) is None
    assert not may_message([SMS], [])
    assert may_message([SMS], [decision(MESSAGING, "1", True)])

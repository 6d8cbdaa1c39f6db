"""Choosing the conversation's patient, and who speaks for them (rules in domain/related.py).

A child on a shared phone is acted for by the RelatedPerson on it: `State.proxy_id` names
that person, who verifies with their own birth date, and the audit trail names them as
the actor. The speaker is worked out again on every turn from what the record says now,
so a RelatedPerson link that ends stops the acting at once.
"""

from __future__ import annotations

import datetime as dt

from dialogs.turn import Turn
from domain.model import Patient
from domain.related import Speaker, guardians, proven, speaker_for


def select(turn: Turn, patient: Patient) -> bool:
    """Make `patient` the conversation's patient; False (and the flow ended) when nobody on
    this address may act for them."""
    s, ctx = turn.s, turn.ctx
    speaker = speaker_for(patient, ctx.related, patient.id not in ctx.via_related, ctx.now.date())
    if speaker is Speaker.NOBODY:
        s.patient_id = s.proxy_id = None
        s.awaiting = None
        turn.notes.append({"kind": "proxy_refused", "patient_id": patient.id})
        turn.say_key("no_guardian")
        turn.finish("no_guardian")
        return False
    s.patient_id = patient.id
    if speaker is Speaker.SELF:
        s.proxy_id = None
        return True
    linked = guardians(patient.id, ctx.related)
    if s.proxy_id not in {r.id for r in linked}:
        # The presumed speaker until the birth date says which of them it is (see proves()).
        s.proxy_id = linked[0].id
        turn.notes.append(
            {"kind": "acting_for", "patient_id": patient.id, "related_person_id": s.proxy_id}
        )
    return True


def verified(turn: Turn) -> None:
    """The speaker proved who they are: the pair (patient, who speaks for them) holds as
    verified for the practice's verification period, and the failures and retries start over."""
    s, ctx = turn.s, turn.ctx
    s.verified_patient_id, s.verified_proxy_id = s.patient_id, s.proxy_id
    s.verified_until = (ctx.now + dt.timedelta(days=ctx.verification_days)).isoformat()
    s.verify_failures, s.awaiting, s.retries = 0, None, 0


def proves(turn: Turn, patient: Patient, born: dt.date) -> bool:
    """Does this birth date prove who is speaking? The patient's own, or, when acting for
    them, the RelatedPerson's (which also settles which RelatedPerson it is)."""
    s = turn.s
    if s.proxy_id is None:
        return patient.birth_date == born
    person = proven(patient.id, turn.ctx.related, born)
    if person is None:
        return False
    s.proxy_id = person.id
    return True

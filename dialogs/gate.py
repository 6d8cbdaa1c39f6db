"""Who the conversation is about, and whether they have proved it, before a flow goes on.

A flow that `requires: [patient]` needs to know which patient (a shared phone asks); one that
`requires: [verified]` also needs the date of birth (of the patient, or of the parent acting
for a child), because what it says comes from the record. Repeated wrong answers lock the
conversation (dialogs/lockout.py).
"""

from __future__ import annotations

import datetime as dt

from dialogs import acting, chat_linking, lockout
from dialogs import slots as slot_filling
from dialogs.fields import read as read_field
from dialogs.turn import Awaiting, MessageHandler, Turn
from nlu.types import Parse

VERIFY_PROBLEMS = {
    "birth_date_future": "verify_future_date",
    "date_impossible": "verify_impossible_date",
}


def requirements_met(turn: Turn) -> bool:
    requires = turn.flow.requires
    if ("patient" in requires or "verified" in requires) and not ensure_patient(turn):
        return False
    if "verified" in requires and not verified(turn):
        turn.s.awaiting = Awaiting.BIRTH_DATE
        turn.say_key("verify_ask")
        return False
    return True


def ensure_patient(turn: Turn) -> bool:
    s, patients = turn.s, turn.ctx.patients
    if not patients:
        if s.patient_id and verified(turn):
            return True  # a chat linked earlier in this very turn
        if chat_linking.can_link(turn.ctx):
            chat_linking.start(turn)
            return False
        turn.say_key("unknown_number")
        turn.finish("unknown_number")
        return False
    current = next((p for p in patients if p.id == s.patient_id), None)
    if current is not None:
        return acting.select(
            turn, current
        )  # who may speak for them is the record's say, every turn
    if len(patients) == 1:
        return acting.select(turn, patients[0])
    s.awaiting = Awaiting.PATIENT_NAME
    turn.say_text(turn.ctx.texts["which_patient"], slot_filling.patient_choices(turn.ctx))
    return False


def verified(turn: Turn) -> bool:
    s = turn.s
    return bool(
        s.verified_patient_id == s.patient_id
        and s.verified_proxy_id == s.proxy_id  # a parent verified for a child is not the child
        and s.verified_until
        and dt.datetime.fromisoformat(s.verified_until) > turn.ctx.now
    )


def pick_patient(turn: Turn, parse: Parse) -> None:
    chosen = slot_filling.picked_patients(
        parse, turn.ctx
    )  # a number from the list, or a first name
    if len(chosen) != 1:  # asked again, with the numbered names again
        turn.reask(
            None,
            lambda: turn.say_text(
                turn.ctx.texts["which_patient_again"], slot_filling.patient_choices(turn.ctx)
            ),
        )
        return
    turn.s.awaiting, turn.s.retries = None, 0
    turn.notes.append({"kind": "patient_selected", "patient_id": chosen[0].id})
    if not acting.select(turn, chosen[0]):
        return
    if turn.s.flow and requirements_met(turn):
        turn.run()
    elif not turn.s.flow:
        turn.say_key("help")


def verify(turn: Turn, parse: Parse) -> None:
    s, ctx = turn.s, turn.ctx
    patient = next((p for p in ctx.patients if p.id == s.patient_id), None)
    value, problem = read_field("birth_date", parse, ctx)
    if value is None:
        turn.reask(VERIFY_PROBLEMS.get(problem or "", "verify_bad_date"))
        return None
    if patient and acting.proves(turn, patient, dt.date.fromisoformat(value)):
        acting.verified(turn)
        turn.notes.append(
            {"kind": "verified", "patient_id": patient.id}
            | ({"related_person_id": s.proxy_id} if s.proxy_id else {})
        )
        turn.say_key("verify_ok")
        if s.flow:
            turn.run()
        return None
    must_lock = lockout.failed(turn)
    turn.notes.append(
        {"kind": "verification_failed", "patient_id": s.patient_id, "failures": s.verify_failures}
    )
    if must_lock:
        return lockout.lock(turn, {"patient_id": s.patient_id})
    turn.say_key("verify_ask_again")


ON_MESSAGE: dict[Awaiting, MessageHandler] = {
    Awaiting.PATIENT_NAME: pick_patient,
    Awaiting.BIRTH_DATE: verify,
}

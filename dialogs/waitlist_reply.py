"""A reply to a time offered from the waitlist (bot/waitlist.py): YES books it, NO leaves it.

The offer job leaves `State.waitlist_offer` = {"entry_id", "patient_id", "service_id",
"opening", "until", "at"} when it queues the offer. The patient's next message, once the
offer has gone out and while no flow is running (dialogs/pending_reply.py), is looked at
here first:

- yes: the domain books the time if the offer is still theirs (`AcceptWaitlistOffer`: the
  limit has not passed, it was not offered on; the same version-checked booking as any
  other); a late yes is told the time has gone, and they stay on the list;
- then, if they have a later appointment of the same service, asks once whether to release
  it (yes cancels it through the usual `CancelAppointment`, which frees its slots);
- no: they leave this time and stay on the list, and it is offered to the next patient at
  once (the offer chain's next round is brought forward, bot/assistant.py);
- anything else is handled as usual, and the offer stays until it lapses.

No date of birth is asked for the yes: the offer went to the conversation in which the
patient, verified, joined the waitlist, and the yes books only what was offered to them
(as a reminder's 1 or 3 acts only on its appointment). An offer is answered for
STANDS after it went out; later a bare "yes" means something else.
"""

from __future__ import annotations

import datetime as dt

from dialogs import pending_reply
from dialogs.codec import opening_from_json
from dialogs.render import in_sentence, moment_text
from dialogs.state import Awaiting
from dialogs.turn import Turn
from dialogs.understanding import is_affirm, is_deny
from domain import commands as c
from nlu.types import Parse

#: How long after it went out an offer still takes a yes (to book, or to be told it has gone).
STANDS = dt.timedelta(days=1)


def pending(turn: Turn) -> bool:
    """Has the patient been offered a time from the waitlist that this may answer?"""
    return pending_reply.pending(turn, "waitlist_offer", STANDS)


def _vals(turn: Turn) -> dict[str, str]:
    offer = turn.s.waitlist_offer or {}
    cat = turn.ctx.catalogue
    service = cat.service(offer.get("service_id"))
    vals = {"service": in_sentence(service.name) if service else "appointment"}
    if offer.get("opening"):
        vals["appointment_time"] = moment_text(
            dt.datetime.fromisoformat(offer["opening"]["start"]), cat
        )
    if offer.get("later_start"):
        vals["later_time"] = moment_text(dt.datetime.fromisoformat(offer["later_start"]), cat)
    return vals


def answer(turn: Turn, parse: Parse) -> bool:
    """Take the message as the answer to the offer; False if it is about something else."""
    s = turn.s
    offer = s.waitlist_offer or {}
    if offer.get("asked") == "release":
        if is_affirm(parse):
            turn.commands.append(
                c.CancelAppointment(
                    turn.ctx.conversation_id, str(offer["patient_id"]), str(offer["later_id"])
                )
            )
            s.awaiting = Awaiting.WAITLIST
            return True
        s.waitlist_offer = None
        if is_deny(parse):
            turn.say_key("waitlist_kept_both")
            return True
        return False  # something else: the question lapses
    # YES and NO send the same facts about the offer; only the command differs.
    reply = (
        c.AcceptWaitlistOffer
        if is_affirm(parse)
        else c.DeclineWaitlistOffer
        if is_deny(parse)
        else None
    )
    if reply is None:
        return False
    if reply is c.AcceptWaitlistOffer:
        s.patient_id = s.patient_id or offer.get("patient_id")
    turn.commands.append(
        reply(
            conversation_id=turn.ctx.conversation_id,
            patient_id=str(offer["patient_id"]),
            entry_id=str(offer["entry_id"]),
            opening=opening_from_json(offer["opening"]),
        )
    )
    s.awaiting = Awaiting.WAITLIST
    return True


def on_outcome(turn: Turn, outcome: c.Outcome) -> None:
    """The domain's answer to a yes (book the offered time) or to releasing the later one."""
    s = turn.s
    s.awaiting = None
    match outcome:
        case c.OfferAccepted():
            freed = outcome.freed_at
            seconds = (turn.ctx.now - freed).total_seconds() if freed else None
            turn.notes.append(
                {
                    "kind": "waitlist_accepted",
                    "appointment": outcome.appointment.id,
                    **({"seconds": seconds} if seconds is not None else {}),
                }
            )
            turn.say_key("waitlist_booked", _vals(turn))
            if outcome.later is None:
                s.waitlist_offer = None
                return
            s.waitlist_offer = {
                **(s.waitlist_offer or {}),
                "asked": "release",
                "later_id": outcome.later.id,
                "later_start": outcome.later.start.isoformat(),
            }
            turn.say_key("waitlist_release_check", _vals(turn))
        case c.OfferDeclined():
            s.waitlist_offer = None
            turn.notes.append({"kind": "waitlist_offer_declined"})
            turn.say_key("waitlist_offer_declined")
        case c.OfferGone():
            s.waitlist_offer = None
            turn.notes.append({"kind": "waitlist_offer_gone", "reason": outcome.reason})
            turn.say_key("waitlist_offer_gone")
        case c.Cancelled():
            vals = _vals(turn)
            s.waitlist_offer = None
            turn.say_key("waitlist_released", vals)
        case _:
            turn.say_key("waitlist_down")


ON_OUTCOME = {Awaiting.WAITLIST: on_outcome}

"""Filling {placeholders} of localised texts, and saying times the way patients read them.

The placeholders any flow may use (the practice, the service, clinician and place, the time
wanted, the opening or appointment picked) are here (`values`); those of one feature's wording
are in its module (dialogs/features/, gathered by dialogs/actions.py), and those of form fields
in dialogs/forms.py.
"""

from __future__ import annotations

import datetime as dt
import string
from typing import Any
from zoneinfo import ZoneInfo

from dialogs.codec import appointment_from_json, opening_from_json
from dialogs.context import Catalogue, TurnContext
from dialogs.schema import Text
from dialogs.state import State
from domain.dates import MONTH_NAMES
from domain.model import Appointment, Opening
from domain.patients import split_name

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def clock_time(moment: dt.datetime) -> str:
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}"


def day_text(day: dt.date, locale: str, year: bool = True) -> str:
    """'Friday, March 6, 2026' in the US; 'Friday 6 March 2026' elsewhere."""
    weekday, month = DAY_NAMES[day.weekday()], MONTH_NAMES[day.month - 1]
    if locale.endswith("US"):
        return f"{weekday}, {month} {day.day}" + (f", {day.year}" if year else "")
    return f"{weekday} {day.day} {month}" + (f" {day.year}" if year else "")


def moment_text(moment: dt.datetime, catalogue: Catalogue) -> str:
    local = moment.astimezone(ZoneInfo(catalogue.practice.timezone))
    return f"{day_text(local.date(), catalogue.practice.locale)} at {clock_time(local)}"


def short_moment(moment: dt.datetime, catalogue: Catalogue) -> str:
    local = moment.astimezone(ZoneInfo(catalogue.practice.timezone))
    return f"{DAY_NAMES[local.weekday()][:3]} {local.day} {MONTH_NAMES[local.month - 1][:3]}, {clock_time(local)}"


def opening_label(opening: Opening, catalogue: Catalogue) -> str:
    who = catalogue.practitioner(opening.practitioner_id)
    where = catalogue.location(opening.location_id)
    label = short_moment(opening.start, catalogue)
    if who:
        label += f" with {who.name}"
    if where:
        label += f" ({where.name})"
    return label


def appointment_label(appointment: Appointment, catalogue: Catalogue) -> str:
    service = catalogue.service(appointment.service_id)
    who = catalogue.practitioner(appointment.practitioner_id)
    where = catalogue.location(appointment.location_id)
    label = (
        f"{moment_text(appointment.start, catalogue)}: {service.name if service else 'appointment'}"
    )
    if who:
        label += f" with {who.name}"
    if where:
        label += f" at {where.name}"
    return label


def hours_text(catalogue: Catalogue) -> str:
    parts = [
        f"{DAY_NAMES[h.weekday][:3]} {clock_time_short(h.opens)}-{clock_time_short(h.closes)}"
        for h in sorted(catalogue.practice.hours, key=lambda h: h.weekday)
    ]
    return ", ".join(parts) if parts else "see our website"


def clock_time_short(t: dt.time) -> str:
    hour = t.hour % 12 or 12
    minutes = f":{t.minute:02d}" if t.minute else ""
    return f"{hour}{minutes}{'am' if t.hour < 12 else 'pm'}"


def when_text(when: dict[str, Any] | None, catalogue: Catalogue) -> str:
    if not when:
        return ""
    zone = ZoneInfo(catalogue.practice.timezone)
    start = dt.datetime.fromisoformat(when["start"]).astimezone(zone)
    grain, locale = when.get("grain", "day"), catalogue.practice.locale
    if grain == "week":
        return f"in the week of {day_text(start.date(), locale, year=False)}"
    if grain == "month":
        return f"in {MONTH_NAMES[start.month - 1]}"
    day = f"on {day_text(start.date(), locale, year=False)}"
    if grain == "part_of_day":
        part = "morning" if start.hour < 12 else "afternoon" if start.hour < 17 else "evening"
        return f"{day} in the {part}"
    if grain in ("hour", "minute") and when.get("end"):
        # "at 3pm" is a window of an hour at most; "after 3" runs on to the end of the day.
        end = dt.datetime.fromisoformat(when["end"]).astimezone(zone)
        word = "at" if end - start <= dt.timedelta(hours=1) else "after"
        return f"{day} {word} {clock_time(start)}"
    return day


def values(state: State, ctx: TurnContext, extra: dict[str, str] | None = None) -> dict[str, str]:
    """Every placeholder a text may use, computed from the state and the catalogue."""
    cat, slots = ctx.catalogue, state.slots
    appointment = appointment_from_json(slots["appointment"]) if slots.get("appointment") else None
    opening = opening_from_json(slots["opening"]) if slots.get("opening") else None
    service = cat.service(
        slots.get("service_id") or (appointment.service_id if appointment else None)
    )
    practitioner_id = (
        (opening.practitioner_id if opening else None)
        or slots.get("practitioner_id")
        or (appointment.practitioner_id if appointment else None)
    )
    practitioner = cat.practitioner(practitioner_id)
    asked_practitioner = cat.practitioner(slots.get("practitioner_id"))
    location = cat.location(opening.location_id if opening else slots.get("location_id"))
    appointments = [appointment_from_json(a) for a in slots.get("appointments", [])]
    patient = next((p for p in ctx.patients if p.id == state.patient_id), None)
    out = {
        "practice_name": cat.practice.name,
        "practice_phone": cat.practice.phone,
        "hours_text": hours_text(cat),
        "locations_text": "; ".join(
            f"{loc.name}, {loc.address}" if loc.address else loc.name for loc in cat.locations
        ),
        "service_list": ", ".join(in_sentence(s.name) for s in cat.services),
        "service": in_sentence(service.name) if service else "appointment",
        "practitioner": practitioner.name if practitioner else "our team",
        "with_practitioner": f" with {asked_practitioner.name}" if asked_practitioner else "",
        "location": location.name if location else "the clinic",
        "opening_time": moment_text(opening.start, cat) if opening else "",
        "appointment_time": moment_text(appointment.start, cat) if appointment else "",
        "when_text": when_text(slots.get("when"), cat),
        "choice_count": str(len(slots.get("offers", [])) or len(appointments) or 1),
        "horizon_weeks": str(ctx.horizon_days // 7),
        # Who the conversation is about, for texts said to someone acting for them ("Omar's").
        "patient_first_name": split_name(patient.name)[0] if patient else "",
    }
    out.update(extra or {})
    return out


def in_sentence(name: str) -> str:
    """'Check-up' reads 'a check-up with...' mid-sentence; acronyms ('MRI scan') stay as they are."""
    return name if name[:2].isupper() else name[:1].lower() + name[1:]


class _Lenient(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def say(text: Text, language: str, vals: dict[str, str], variant: str | None = None) -> str:
    """The text in the patient's language (else English), in its `<lang>@<variant>` wording
    when it has one: `en@proxy` is said to a parent acting for their child."""
    keys = (
        [f"{language}@{variant}", language, f"en@{variant}", "en"] if variant else [language, "en"]
    )
    template = next(text[k] for k in keys if text.get(k))
    return string.Formatter().vformat(template, (), _Lenient(vals))

"""Appointment reminders: when they fall due, whether one may go, and what a 1/2/3 reply does.

When (`reminder_times`): by default 3 days and 1 day before, at the appointment's local time
of day, and 2 hours before for an appointment booked the same day; computed in the
practice's time zone and held out of quiet hours (a reminder due at 22:30 goes at 08:00).
A reminder that would fall before the appointment was booked, or at or after its start, is
not sent. Of those whose time has already passed when the schedule is first made (the
runner was down, the appointment was found late) only the latest is sent, and only if it
is at most CATCH_UP late: one timely reminder, never a burst of stale ones.

A missed appointment (marked `noshow` in FHIR, found within MISSED_WITHIN of its start) gets
one follow-up offering a new time (`ReminderRules.decide_missed`), under the same rules.

Whether (`ReminderRules.decide`, at send time): the appointment is still booked at the time
the reminder was made for (a moved or cancelled one drops it), the patient agreed to the SMS
messaging consent, is reachable, and has not had `daily_cap` reminders already that day.

A reply (`ReminderAnswers`): 1 confirms (the patient's participant status becomes
`accepted` on the Appointment), 3 cancels (after the dialogue asked once), each only while
the appointment is still booked at the time the reminder named; otherwise the outcome
says what changed, and the dialogue answers that instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from domain.consent import may_message
from domain.errors import NotFound
from domain.model import Appointment
from domain.outreach import contact_of
from domain.ports import Clock, ConsentStore, PatientDirectory, PracticeDirectory, ScheduleStore
from domain.quiet_hours import DEFAULT_QUIET_HOURS, QuietHours, next_allowed

#: A reminder found late is still sent this long after its time; older ones are skipped.
CATCH_UP = dt.timedelta(hours=12)
#: A missed (`noshow`) appointment is followed up when found within this long of its start.
MISSED_WITHIN = dt.timedelta(days=2)


@dataclass(frozen=True)
class ReminderPlan:
    """A practice's reminder schedule (settings REMINDER_*)."""

    days_before: tuple[int, ...] = (3, 1)
    same_day_hours: float = 2.0  # 0: no same-day reminder
    daily_cap: int = 2  # reminders per patient per local day
    enabled: bool = True

    def for_practice(self, settings: Mapping[str, Any]) -> ReminderPlan:
        """This plan with the practice's own settings (its `practices.settings` row) over it:
        `reminder_days_before` ([3, 1] or "3 1"), `reminder_same_day_hours`,
        `reminder_daily_cap`. A value that makes no sense is ignored, not guessed at."""
        days, hours, cap = self.days_before, self.same_day_hours, self.daily_cap
        raw = settings.get("reminder_days_before")
        if raw is not None:
            items = raw.replace(",", " ").split() if isinstance(raw, str) else raw
            try:
                parsed = tuple(sorted({int(d) for d in items}, reverse=True))
            except (TypeError, ValueError):
                parsed = days
            days = parsed if all(d >= 1 for d in parsed) else days
        if isinstance(settings.get("reminder_same_day_hours"), int | float):
            hours = max(float(settings["reminder_same_day_hours"]), 0.0)
        if (
            isinstance(settings.get("reminder_daily_cap"), int)
            and settings["reminder_daily_cap"] >= 1
        ):
            cap = int(settings["reminder_daily_cap"])
        return ReminderPlan(days, hours, cap, enabled=bool(days) or hours > 0)


@dataclass(frozen=True)
class ReminderTime:
    label: str  # "3d", "1d", "same_day": part of the job's key
    due: dt.datetime


def reminder_times(
    appointment: Appointment,
    timezone: str,
    plan: ReminderPlan,
    booked_at: dt.datetime | None,
    quiet: QuietHours = DEFAULT_QUIET_HOURS,
) -> list[ReminderTime]:
    """Every reminder of the plan for this appointment, quiet hours applied, in time order."""
    zone = ZoneInfo(timezone)
    local_start = appointment.start.astimezone(zone)
    times = [
        ReminderTime(
            f"{days}d",
            dt.datetime.combine(
                local_start.date() - dt.timedelta(days=days), local_start.timetz()
            ).replace(tzinfo=zone),
        )
        for days in plan.days_before
    ]
    same_day = booked_at is not None and booked_at.astimezone(zone).date() == local_start.date()
    if same_day and plan.same_day_hours > 0:
        times.append(
            ReminderTime("same_day", appointment.start - dt.timedelta(hours=plan.same_day_hours))
        )
    held = [ReminderTime(t.label, next_allowed(t.due, timezone, quiet)) for t in times]
    return sorted(
        (
            t
            for t in held
            if t.due < appointment.start and (booked_at is None or t.due >= booked_at)
        ),
        key=lambda t: t.due,
    )


def to_schedule(
    appointment: Appointment,
    timezone: str,
    plan: ReminderPlan,
    booked_at: dt.datetime | None,
    now: dt.datetime,
    quiet: QuietHours = DEFAULT_QUIET_HOURS,
) -> list[ReminderTime]:
    """The reminders to schedule now: those still ahead, and the latest passed one if recent."""
    if not plan.enabled or appointment.status != "booked" or appointment.start <= now:
        return []
    times = reminder_times(appointment, timezone, plan, booked_at, quiet)
    passed = [t for t in times if t.due <= now]
    ahead = [t for t in times if t.due > now]
    late = [passed[-1]] if passed and now - passed[-1].due <= CATCH_UP else []
    return late + ahead


def reminder_key(appointment_id: str, start: dt.datetime, label: str) -> str:
    """One job per appointment, start time and reminder: a moved appointment gets new ones."""
    return f"{key_prefix(appointment_id)}{start.astimezone(dt.UTC):%Y%m%dT%H%M}:{label}"


def key_prefix(appointment_id: str) -> str:
    return f"reminder:{appointment_id}:"


@dataclass(frozen=True)
class SendReminder:
    """Send the reminder `label` of the appointment, made for it starting at `start`."""

    appointment_id: str
    start: dt.datetime
    label: str


@dataclass(frozen=True)
class Reminder:
    """Send this reminder to `channel`/`address` at `send_at` (quiet hours applied)."""

    appointment: Appointment
    patient_id: str
    channel: str
    address: str
    send_at: dt.datetime
    language: str = "en"


@dataclass(frozen=True)
class NotReminded:
    reason: str  # cancelled | moved | past | no_consent | no_contact | unknown_appointment


class ReminderRules:
    def __init__(
        self,
        store: ScheduleStore,
        directory: PracticeDirectory,
        patients: PatientDirectory,
        consents: ConsentStore,
        clock: Clock,
    ) -> None:
        self.store, self.directory, self.patients = store, directory, patients
        self.consents, self.clock = consents, clock

    async def decide(self, command: SendReminder) -> Reminder | NotReminded:
        try:
            appointment = await self.store.get_appointment(command.appointment_id)
        except NotFound:
            return NotReminded("unknown_appointment")
        now = self.clock.now()
        if appointment.status != "booked":
            return NotReminded("cancelled")
        if appointment.start != command.start:
            return NotReminded("moved")  # its new time has reminders of its own
        if appointment.start <= now:
            return NotReminded("past")
        return await self._to(appointment)

    async def decide_missed(self, appointment_id: str) -> Reminder | NotReminded:
        """The one follow-up of a missed appointment: only while it is still marked noshow."""
        try:
            appointment = await self.store.get_appointment(appointment_id)
        except NotFound:
            return NotReminded("unknown_appointment")
        if appointment.status != "noshow":
            return NotReminded("not_missed")
        return await self._to(appointment)

    async def _to(self, appointment: Appointment) -> Reminder | NotReminded:
        """Where a message about `appointment` reaches its patient, if it may, and when."""
        now = self.clock.now()
        pid = appointment.patient_id
        if not may_message(await self.consents.documents(), await self.consents.decisions(pid)):
            return NotReminded("no_consent")
        patient = await self.patients.get(pid)
        contact = contact_of(patient)
        if contact is None:
            return NotReminded("no_contact")
        practice = await self.directory.practice()
        return Reminder(
            appointment,
            pid,
            *contact,
            send_at=next_allowed(now, practice.timezone, practice.quiet_hours),
            language=patient.language,
        )


# --- the patient's reply -------------------------------------------------------------


@dataclass(frozen=True)
class AnswerReminder:
    """The patient answered a reminder: "confirm" (1) or "cancel" (3, after asking once)."""

    conversation_id: str
    patient_id: str
    appointment_id: str
    start: dt.datetime  # the time the reminder named
    answer: str  # confirm | cancel


@dataclass(frozen=True)
class AttendanceConfirmed:
    appointment: Appointment


@dataclass(frozen=True)
class ReminderCancelled:
    """Cancelled from a reminder; its slots are free again."""

    appointment: Appointment


@dataclass(frozen=True)
class ReminderOutdated:
    """The appointment the reminder named is no longer booked at that time."""

    reason: str  # cancelled | moved | past


class ReminderAnswers:
    def __init__(self, store: ScheduleStore, clock: Clock) -> None:
        self.store, self.clock = store, clock

    async def answer(
        self, command: AnswerReminder
    ) -> AttendanceConfirmed | ReminderCancelled | ReminderOutdated:
        try:
            appointment = await self.store.get_appointment(command.appointment_id)
        except NotFound:
            return ReminderOutdated("cancelled")
        if appointment.patient_id != command.patient_id:
            return ReminderOutdated("cancelled")  # never act on someone else's appointment
        if appointment.status != "booked":
            return ReminderOutdated("cancelled")
        if appointment.start != command.start:
            return ReminderOutdated("moved")
        if appointment.start <= self.clock.now():
            return ReminderOutdated("past")
        if command.answer == "cancel":
            return ReminderCancelled(await self.store.cancel(appointment))
        return AttendanceConfirmed(await self.store.confirm(appointment))

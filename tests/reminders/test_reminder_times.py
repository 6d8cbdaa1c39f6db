"""When reminders fall due (domain/reminders.py): the practice's time zone, quiet hours,
same-day bookings, bookings made after a reminder's time, and a runner that was down."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from domain.model import Appointment
from domain.reminders import ReminderPlan, reminder_key, reminder_times, to_schedule

TZ = "America/New_York"
ZONE = ZoneInfo(TZ)
PLAN = ReminderPlan()


def at(day: int, hour: int, minute: int = 0, month: int = 3) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=ZONE)


def visit(start: dt.datetime, status: str = "booked") -> Appointment:
    end = start + dt.timedelta(minutes=30)
    return Appointment("a1", "p1", ("s1",), start, end, "pr1", "l1", "sv1", status=status)


def test_three_days_and_one_day_before_at_the_appointments_local_time_of_day() -> None:
    times = reminder_times(visit(at(5, 10)), TZ, PLAN, booked_at=None)
    assert [(t.label, t.due) for t in times] == [("3d", at(2, 10)), ("1d", at(4, 10))]


def test_a_reminder_falling_due_at_2230_goes_at_0800_the_next_morning() -> None:
    times = reminder_times(visit(at(5, 22, 30)), TZ, PLAN, booked_at=None)
    assert [t.due for t in times] == [at(3, 8), at(5, 8)]
    early = reminder_times(visit(at(5, 7, 15)), TZ, PLAN, booked_at=None)
    assert [t.due for t in early] == [at(2, 8), at(4, 8)]  # before 08:00: held to 08:00


def test_the_time_of_day_is_local_across_a_daylight_saving_change() -> None:
    # US clocks go forward on Sunday 8 March 2026: Tuesday 10 March 10:00 is reminded at
    # 10:00 on Saturday 7 March (EST), not at 11:00.
    times = reminder_times(visit(at(10, 10)), TZ, PLAN, booked_at=None)
    assert [t.due for t in times] == [at(7, 10), at(9, 10)]
    assert times[0].due.utcoffset() != times[1].due.utcoffset()


def test_a_same_day_booking_gets_one_reminder_two_hours_before() -> None:
    times = reminder_times(visit(at(5, 15)), TZ, PLAN, booked_at=at(5, 9))
    assert [(t.label, t.due) for t in times] == [("same_day", at(5, 13))]
    too_soon = reminder_times(visit(at(5, 10)), TZ, PLAN, booked_at=at(5, 9))
    assert too_soon == []  # 08:00 is before the booking


def test_reminders_before_the_booking_are_not_sent() -> None:
    times = reminder_times(visit(at(5, 10)), TZ, PLAN, booked_at=at(3, 12))
    assert [t.label for t in times] == ["1d"]


def test_only_the_latest_passed_reminder_is_caught_up_and_only_if_recent() -> None:
    appointment = visit(at(5, 10))
    assert [t.label for t in to_schedule(appointment, TZ, PLAN, None, at(2, 10))] == ["3d", "1d"]
    assert [t.label for t in to_schedule(appointment, TZ, PLAN, None, at(2, 18))] == ["3d", "1d"]
    assert [t.label for t in to_schedule(appointment, TZ, PLAN, None, at(3, 12))] == ["1d"]
    assert [t.label for t in to_schedule(appointment, TZ, PLAN, None, at(4, 11))] == ["1d"]
    assert to_schedule(appointment, TZ, PLAN, None, at(5, 9)) == []  # 1d is 23 hours late
    assert to_schedule(visit(at(5, 10), "cancelled"), TZ, PLAN, None, at(2, 10)) == []
    off = ReminderPlan(enabled=False)
    assert to_schedule(appointment, TZ, off, None, at(2, 10)) == []


def test_a_moved_appointment_has_reminders_of_other_keys() -> None:
    assert reminder_key("a1", at(5, 10), "3d") != reminder_key("a1", at(5, 11), "3d")
    assert reminder_key("a1", at(5, 10), "3d").startswith("reminder:a1:")


def test_celery_beat_asks_a_worker_for_the_due_job_scan() -> None:
    """Beat runs the same scan as `jobs run-due` (looked at in a child process: a second
    Celery app here would re-register the first one's tasks)."""
    import subprocess
    import sys

    from adapters.celery_app import RUN_JOBS

    probe = (
        "from patient_assistant.worker import worker_app; "
        "from patient_assistant.settings import Settings; "
        "app = worker_app(Settings(_env_file=None, redis_url='redis://127.0.0.1:6379/15')); "
        "print(app.conf.beat_schedule['run-jobs']['task'], '" + RUN_JOBS + "' in app.tasks)"
    )
    shown = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=300, check=True
    )
    assert shown.stdout.split() == [RUN_JOBS, "True"]


def test_a_practices_own_settings_go_over_the_deployments() -> None:
    own = PLAN.for_practice(
        {"reminder_days_before": [2], "reminder_same_day_hours": 0, "reminder_daily_cap": 1}
    )
    assert (own.days_before, own.same_day_hours, own.daily_cap) == ((2,), 0.0, 1)
    assert PLAN.for_practice({"reminder_days_before": "7, 1"}).days_before == (7, 1)
    assert PLAN.for_practice({}) == PLAN
    assert PLAN.for_practice({"reminder_days_before": "soon", "reminder_daily_cap": 0}) == PLAN
    none = PLAN.for_practice({"reminder_days_before": [], "reminder_same_day_hours": 0})
    assert not none.enabled

"""The counters behind `/metrics`, on prometheus-client: kinds and outcomes, never content
(no label carries a number, a name or anything a patient wrote).

Messages are processed by the API process (in-process jobs) or by Celery worker processes,
and `/metrics` is served by the API, so the workers' counts must reach it. Decision:
prometheus-client's **multiprocess mode**, not a push from the worker:

- with `PROMETHEUS_MULTIPROC_DIR` set (to a directory shared by the API and the workers of a
  host, empty when the deployment starts) every process writes its counters to files there,
  and `/metrics` adds up the files of every process, those of exited worker children included,
  so a counter never goes back when a worker is restarted;
- a push needs a Pushgateway to run and to be kept, which then reports a worker's last push
  as if it were still true after the worker is gone, and a prefork worker's children would
  each have to push under a grouping key of their own.

Each process's files are named by host name and process id, not by process id alone: the API
and the worker containers of docker-compose.yml share the directory, and in containers both
main processes have pid 1. Files of processes that have ended stay and keep counting (a
counter that went back would look like a reset); empty the directory when re-creating the
deployment if that is not wanted.

Without `PROMETHEUS_MULTIPROC_DIR` (the demo, in-process jobs) `/metrics` shows the API
process's own counters. prometheus-client reads the variable when it is first imported, so it
is set in the environment of each process (not in `.env`).
"""

from __future__ import annotations

import os
import socket

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest, values
from prometheus_client.multiprocess import MultiProcessCollector


def _process_identifier() -> str:
    # prometheus-client splits file names on "_"; a host name has none, but make sure.
    return f"{socket.gethostname().replace('_', '-')}-{os.getpid()}"


if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    values.ValueClass = values.MultiProcessValue(_process_identifier)

MESSAGES_PROCESSED = Counter(
    "patient_assistant_messages_processed_total", "Inbound messages processed"
)
REPLIES = Counter("patient_assistant_replies_total", "Replies written to the outbox")
OUTCOMES = Counter(
    "patient_assistant_outcomes_total", "Outcomes of domain commands, by kind", ["outcome"]
)
EMERGENCIES = Counter("patient_assistant_emergency_total", "Messages read as an emergency")
LOCKOUTS = Counter(
    "patient_assistant_locked_total", "Conversations locked after failed identity checks"
)
HANDOFFS = Counter("patient_assistant_handoff_requested_total", "Patients who asked for a person")
ESCALATION_FAILED = Counter(
    "patient_assistant_escalation_failed_total",
    "Emergency staff Tasks that could not be made for a reason other than an outage",
)
ESCALATIONS_OVERDUE = Counter(
    "patient_assistant_escalation_overdue_total",
    "Escalations still unclaimed at their due time (the patient was told again), by urgency",
    ["urgency"],
)
RECORD_SYSTEM_DOWN = Counter(
    "patient_assistant_record_system_down_total",
    "Messages kept for a retry because the record system was down",
)
WEBHOOK_MESSAGES = Counter("webhook_messages_total", "Webhook messages recorded")
WEBHOOK_DUPLICATES = Counter(
    "webhook_duplicates_total", "Webhook deliveries of a message already recorded"
)
WEBHOOK_REJECTED = Counter(
    "webhook_rejected_total", "Webhook requests refused (bad or missing signature)"
)

REMINDERS = Counter(
    "patient_assistant_reminders_total",
    "Appointment reminders sent, and what patients answered (confirmed, rescheduled, cancelled)",
    ["event"],
)
REMINDER_EVENTS = ("sent", "confirmed", "rescheduled", "cancelled")


def count_reminder(event: str) -> None:
    """Count a reminder sent (`sent`) or answered (`confirmed`, `rescheduled`, `cancelled`)."""
    if event in REMINDER_EVENTS:
        REMINDERS.labels(event=event).inc()


WAITLIST = Counter(
    "patient_assistant_waitlist_total",
    "Freed times offered to waiting patients, and how offers ended (accepted, expired)",
    ["event"],
)
WAITLIST_EVENTS = ("offered", "accepted", "expired")
REFILLED = Histogram(
    "patient_assistant_waitlist_refill_seconds",
    "Seconds from a time being found freed to its rebooking from the waitlist",
    buckets=(60, 300, 900, 1800, 3600, 2 * 3600, 6 * 3600, 24 * 3600, 3 * 24 * 3600),
)


def count_waitlist(event: str, seconds: float | None = None) -> None:
    """Count a waitlist offer (`offered`), or how one ended (`accepted`, `expired`); an
    accepted one also observes how long its time stood free (`seconds`)."""
    if event in WAITLIST_EVENTS:
        WAITLIST.labels(event=event).inc()
    if event == "accepted" and seconds is not None:
        REFILLED.observe(max(seconds, 0.0))


_NOTE_COUNTERS = {"emergency": EMERGENCIES, "locked": LOCKOUTS, "handoff_requested": HANDOFFS}


def count_note(kind: str, seconds: float | None = None) -> None:
    """Count a safety note of a turn (others are not counted)."""
    if kind == "waitlist_accepted":  # dialogs/waitlist_reply.py; `seconds`: freed to rebooked
        count_waitlist("accepted", seconds)
        return
    if kind.startswith("reminder_"):  # reminder_confirmed, ... (dialogs/reminder_reply.py)
        count_reminder(kind.removeprefix("reminder_"))
        return
    counter = _NOTE_COUNTERS.get(kind)
    if counter is not None:
        counter.inc()


def exposition() -> bytes:
    """The Prometheus text format of every process of this host (see above), or of this one."""
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if not directory:
        from prometheus_client import REGISTRY

        return generate_latest(REGISTRY)
    registry = CollectorRegistry()
    MultiProcessCollector(registry, path=directory)
    return generate_latest(registry)

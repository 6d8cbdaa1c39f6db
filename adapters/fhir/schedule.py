"""ScheduleStore on FHIR: free Slots, and booking/cancelling as single transaction Bundles.

Atomicity: `book` sends ONE transaction that PUTs every slot of the opening as busy with
`ifMatch` = the version the patient was offered, and POSTs the Appointment. A server that
follows R4 transaction rules (sekmet does, as does HAPI) rejects the whole Bundle when
any If-Match fails (412) and rolls back, so a lost race writes nothing. The concurrency
test in tests/fhir checks this against the running sandbox.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable

from adapters.fhir.connection import FhirConnection
from adapters.fhir.errors import FhirHttpError, translated
from adapters.fhir.http import Json, entry_status, etag, version_of
from adapters.fhir.reference import ReferenceCache
from adapters.fhir.slots import (
    ScheduleInfo,
    fhir_time,
    new_appointment,
    schedule_info,
    schedule_of,
    to_appointment,
    to_slot,
    with_status,
)
from domain.errors import Conflict, DomainError, NotFound, SlotUnavailable
from domain.model import Appointment, Opening, Service, Slot, SlotCriteria

VERSION_CONFLICT = (409, 412)


class FhirScheduleStore:
    """Slots and appointments of one practice's FHIR server."""

    def __init__(self, conn: FhirConnection, reference: ReferenceCache):
        self._conn = conn
        self._reference = reference
        self._schedules: dict[str, ScheduleInfo | None] = {}  # Slot.schedule never changes

    async def _codes(self) -> dict[tuple[str, str], str]:
        return (await self._reference.get()).service_ids_by_code()

    async def _schedule(self, schedule_id: str) -> ScheduleInfo | None:
        if schedule_id not in self._schedules:
            self._schedules[schedule_id] = schedule_info(
                await self._conn.read("Schedule", schedule_id)
            )
        return self._schedules[schedule_id]

    async def _slots_by_id(self, slot_ids: Iterable[str]) -> dict[str, Json]:
        ids = sorted(set(slot_ids))
        found = await self._conn.search_one_type("Slot", {"_id": ",".join(ids)})
        return {s["id"]: s for s in found if s["id"] in ids}

    async def free_slots(self, criteria: SlotCriteria) -> list[Slot]:
        wanted = {f"Practitioner/{p}" for p in criteria.practitioner_ids}
        if not wanted:
            return []
        schedules = await self._conn.search_one_type(
            "Schedule", {"actor": ",".join(sorted(wanted))}
        )
        infos = {}
        for s in schedules:
            info = schedule_info(s)
            self._schedules[s["id"]] = info
            if (
                info
                and info.practitioner_id in criteria.practitioner_ids
                and s.get("active", True) is not False
                and criteria.location_id in (None, info.location_id)
            ):
                infos[s["id"]] = info
        if not infos:
            return []
        found = await self._conn.search_one_type(
            "Slot",
            {
                "schedule": ",".join(f"Schedule/{i}" for i in sorted(infos)),
                "status": "free",
                "start": [
                    f"ge{fhir_time(criteria.window_start)}",
                    f"lt{fhir_time(criteria.window_end)}",
                ],
                "_sort": "start",
            },
        )
        codes = await self._codes()
        slots = [
            to_slot(s, infos[sid], codes)
            for s in found
            if (sid := schedule_of(s)) in infos and s.get("status") == "free"
        ]
        slots = [s for s in slots if criteria.window_start <= s.start < criteria.window_end]
        return sorted(slots, key=lambda s: (s.start, s.practitioner_id, s.location_id))

    async def get_slot(self, slot_id: str) -> Slot:
        slot = await self._conn.read("Slot", slot_id)
        schedule_id = schedule_of(slot)
        info = await self._schedule(schedule_id) if schedule_id else None
        if info is None:
            raise NotFound(f"Slot/{slot_id} belongs to no practitioner's schedule")
        return to_slot(slot, info, await self._codes())

    async def freed_since(self, position: str | None) -> tuple[list[Slot], str]:
        """Slots that are free and were written after `position` (a server instant): times
        that became free - a cancellation by the assistant, staff or the practice's own
        system - since the last look; and the position to look from next. The first look
        starts from the newest Slot: what was free before the waitlist looked is not news."""
        if position is None:
            newest = await self._conn.first_page("Slot", {"_sort": "-_lastUpdated", "_count": "1"})
            start = _last_updated(newest[0]) if newest else ""
            return [], start or dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        found = await self._conn.search_one_type(
            "Slot", {"status": "free", "_lastUpdated": f"gt{position}", "_sort": "_lastUpdated"}
        )
        fresh = [s for s in found if _last_updated(s) > position and s.get("status") == "free"]
        slots = []
        codes = await self._codes()
        for raw in fresh:
            schedule_id = schedule_of(raw)
            info = await self._schedule(schedule_id) if schedule_id else None
            if info is not None:
                slots.append(to_slot(raw, info, codes))
        newest_seen = max((_last_updated(s) for s in fresh), default=position)
        return slots, max(newest_seen, position)

    async def book(self, patient_id: str, opening: Opening, service: Service) -> Appointment:
        current = await self._slots_by_id(opening.slot_ids)
        entries: list[Json] = []
        for offered in opening.slots:
            slot = current.get(offered.id)
            expected = offered.version or (version_of(slot) if slot else None)
            # Short cut for the common lost race; the If-Match below is what guarantees it.
            if slot is None or slot.get("status") != "free" or version_of(slot) != expected:
                mine = await self._booked_for(patient_id, opening)
                if mine is not None:
                    return mine
                raise SlotUnavailable(
                    f"Slot/{offered.id} was taken or changed since it was offered"
                )
            entries.append(_put(with_status(slot, "busy"), expected))
        hs = (await self._reference.get()).service(service.id) or {}
        appointment = new_appointment(
            patient_id, opening, service, hs.get("type") or [], dt.datetime.now(dt.UTC)
        )
        entries.append(
            {
                "fullUrl": f"urn:uuid:{uuid.uuid4()}",
                "resource": appointment,
                "request": {"method": "POST", "url": "Appointment"},
            }
        )
        answers = await self._transaction(entries, "book", SlotUnavailable)
        created = await self._resource_of(answers[-1], "Appointment")
        return to_appointment(created, await self._codes())

    async def _booked_for(self, patient_id: str, opening: Opening) -> Appointment | None:
        """This patient's booked Appointment of exactly this opening, if there is one.

        A booking whose transaction the server committed but whose answer never arrived (a
        read time-out, a worker killed) is tried again when its message is processed again;
        the slots are busy by then, with the patient's own appointment. That is a booking
        made, not a race lost: the retry answers with it instead of "someone took that time".
        """
        found = await self._conn.search_one_type(
            "Appointment", {"slot": f"Slot/{opening.slot_ids[0]}", "status": "booked"}
        )
        codes = await self._codes()
        for raw in found:
            # Re-checked here: a server may ignore a search parameter it does not support.
            if raw.get("status") != "booked":
                continue
            appointment = to_appointment(raw, codes)
            if appointment.patient_id == patient_id and set(appointment.slot_ids) == set(
                opening.slot_ids
            ):
                return appointment
        return None

    async def cancel(self, appointment: Appointment) -> Appointment:
        current = await self._conn.read("Appointment", appointment.id)
        codes = await self._codes()
        if current.get("status") == "cancelled":
            return to_appointment(current, codes)
        slots = await self._slots_by_id(to_appointment(current, codes).slot_ids)
        entries = [_put(with_status(current, "cancelled"), version_of(current))]
        entries += [
            _put(with_status(s, "free"), version_of(s))
            for s in slots.values()
            if s.get("status") == "busy"
        ]
        answers = await self._transaction(entries, "cancel", Conflict)
        return to_appointment(await self._resource_of(answers[0], "Appointment"), codes)

    async def confirm(self, appointment: Appointment) -> Appointment:
        """The patient's participant status set to `accepted`, conditional on the version read."""
        current = await self._conn.read("Appointment", appointment.id)
        participants = [
            {**p, "status": "accepted"}
            if str((p.get("actor") or {}).get("reference", "")).startswith("Patient/")
            else p
            for p in current.get("participant") or []
        ]
        changed = {k: v for k, v in current.items() if k != "meta"} | {"participant": participants}
        answers = await self._transaction([_put(changed, version_of(current))], "confirm", Conflict)
        return to_appointment(
            await self._resource_of(answers[0], "Appointment"), await self._codes()
        )

    async def get_appointment(self, appointment_id: str) -> Appointment:
        return to_appointment(
            await self._conn.read("Appointment", appointment_id), await self._codes()
        )

    async def upcoming(self, patient_id: str, after: dt.datetime) -> list[Appointment]:
        found = await self._conn.search_one_type(
            "Appointment",
            {
                "patient": f"Patient/{patient_id}",
                "status": "booked",
                "date": f"gt{fhir_time(after)}",
            },
        )
        codes = await self._codes()
        mine = [to_appointment(a, codes) for a in found if a.get("status") == "booked"]
        return sorted(
            (a for a in mine if a.patient_id == patient_id and a.start > after),
            key=lambda a: a.start,
        )

    async def missed(self, start: dt.datetime, end: dt.datetime) -> list[Appointment]:
        """Appointments marked `noshow` that started in [start, end)."""
        params: dict[str, str | list[str]] = {
            "status": "noshow",
            "date": [f"ge{fhir_time(start)}", f"lt{fhir_time(end)}"],
        }
        codes = await self._codes()
        found = [
            to_appointment(a, codes)
            for a in await self._conn.search_one_type("Appointment", params)
            if a.get("status") == "noshow"
        ]
        return sorted((a for a in found if start <= a.start < end), key=lambda a: a.start)

    async def booked(
        self, service_ids: list[str], start: dt.datetime, end: dt.datetime
    ) -> list[Appointment]:
        """Booked appointments of these services starting in [start, end) (any patient)."""
        codes = await self._codes()
        tokens = sorted(
            f"{system}|{code}" for (system, code), sid in codes.items() if sid in service_ids
        )
        params: dict[str, str | list[str]] = {
            "status": "booked",
            "date": [f"ge{fhir_time(start)}", f"lt{fhir_time(end)}"],
            "_sort": "date",
        }
        if tokens:
            params["service-type"] = ",".join(tokens)
        found = [
            to_appointment(a, codes)
            for a in await self._conn.search_one_type("Appointment", params)
            if a.get("status") == "booked"
        ]
        # Re-checked here: a server may ignore a search parameter it does not support.
        return sorted(
            (a for a in found if a.service_id in service_ids and start <= a.start < end),
            key=lambda a: a.start,
        )

    async def _transaction(
        self, entries: list[Json], what: str, on_conflict: type[DomainError]
    ) -> list[Json]:
        async with translated(what):
            try:
                answers = await self._conn.http.bundle("transaction", entries)
            except FhirHttpError as e:
                if (
                    e.status in VERSION_CONFLICT
                ):  # an If-Match lost: the server rolled everything back
                    raise on_conflict(
                        f"{what}: a record changed meanwhile ({e.diagnostics})"
                    ) from e
                raise
        if len(answers) != len(entries) or any(entry_status(a) >= 400 for a in answers):
            raise on_conflict(
                f"{what}: the FHIR server did not apply every entry of the transaction"
            )
        return answers

    async def _resource_of(self, answer: Json, resource_type: str) -> Json:
        resource = answer.get("resource")
        if isinstance(resource, dict):
            return resource
        location = str((answer.get("response") or {}).get("location", ""))
        rid = location.split(f"{resource_type}/", 1)[-1].split("/")[0]
        return await self._conn.read(resource_type, rid)


def _last_updated(resource: Json) -> str:
    return str(resource.get("meta", {}).get("lastUpdated", ""))


def _put(resource: Json, version: str | None) -> Json:
    request = {"method": "PUT", "url": f"{resource['resourceType']}/{resource['id']}"}
    if version:
        request["ifMatch"] = etag(version)
    return {"resource": resource, "request": request}

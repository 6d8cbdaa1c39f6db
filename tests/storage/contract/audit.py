"""The audit log: append and read in order, per practice, nothing else."""

from __future__ import annotations

from bot.ports import Storage
from tests.storage.builders import NOW, audit_record, minutes


class AuditContract:
    async def test_trail_in_append_order_per_practice_and_subject(self, storage: Storage) -> None:
        booked = audit_record("Appointment/7", at=NOW)
        disclosed = audit_record(
            "DiagnosticReport/3", action="result.disclosed", at=NOW + minutes(1)
        )
        cancelled = audit_record("Appointment/7", action="appointment.cancelled", actor="staff:9")
        elsewhere = audit_record("Appointment/7", practice_id="p2")
        async with storage.unit_of_work() as uow:
            for record in (booked, disclosed, cancelled, elsewhere):
                await uow.audit.append(record)
        assert all(r.id is not None for r in (booked, disclosed, cancelled, elsewhere))
        async with storage.unit_of_work() as uow:
            assert await uow.audit.trail("p1") == [booked, disclosed, cancelled]
            assert await uow.audit.trail("p1", "Appointment/7") == [booked, cancelled]
            assert await uow.audit.trail("p2") == [elsewhere]
            assert await uow.audit.trail("p3") == []

    async def test_the_port_offers_no_way_to_change_the_trail(self, storage: Storage) -> None:
        async with storage.unit_of_work() as uow:
            names = {name for name in dir(uow.audit) if not name.startswith("_")}
        assert names == {"append", "trail"}

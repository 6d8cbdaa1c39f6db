"""Every verification, disclosure, registration, update, form submission and consent change
leaves an append-only audit record through the real pipeline (SQLite, real NLU) - and the
application cannot change those rows afterwards (see also tests/storage/test_sql.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
from sqlalchemy import delete, update
from sqlalchemy.exc import DBAPIError

from adapters.sql import SqlStorage
from adapters.sql.models import AuditRow
from bot.assistant import Assistant
from bot.catalogue import PracticeCatalogue
from bot.locks import LocalLocks
from bot.messages import Inbound
from dialogs.context import Texts
from dialogs.validation import load_flows
from domain.clock import FixedClock
from domain.consent_service import Consents
from domain.desk import FrontDesk
from domain.identity import Identity
from domain.intake_service import Intake
from domain.results import Results
from domain.scheduling import Scheduling
from patient_assistant.bootstrap import DATA
from tests import fakes
from tests.dialogs.driver import NOW
from tests.patient_fakes import (
    EVERYONE,
    FakeConsentStore,
    FakeCoverage,
    FakeDirectoryWithTelehealth,
    FakeIntakeStore,
    FakeRegistry,
    FakeResults,
    FakeTasks,
)
from tests.support.storage import DatabaseFactory

MARIA = fakes.MARIA.phones[0]


@dataclass
class Rig:
    assistant: Assistant
    storage: SqlStorage
    clock: FixedClock
    counter: int = 0

    async def send(self, text: str, phone: str = MARIA) -> str:
        self.counter += 1
        handled = await self.assistant.handle(
            Inbound(
                practice_id="riverside",
                channel="sms",
                address=phone,
                text=text,
                provider_message_id=f"SM-audit-{self.counter}",
                received_at=self.clock.now(),
            )
        )
        return "\n".join(r.plain_text() for r in handled.replies)


@pytest.fixture
async def rig(database_url: DatabaseFactory, nlu) -> AsyncIterator[Rig]:  # type: ignore[no-untyped-def]
    storage = SqlStorage(await database_url("sqlite"))
    clock = FixedClock(NOW, ticking=False)
    everyone, directory = fakes.FakePatients(EVERYONE), FakeDirectoryWithTelehealth()
    desk = FrontDesk(
        Scheduling(fakes.FakeSchedule(NOW.date()), directory, storage.slot_holds(), clock),
        Identity(FakeRegistry(everyone), everyone, FakeTasks(), FakeCoverage()),
        Intake(FakeIntakeStore()),
        Consents(FakeConsentStore(), directory, clock),
        Results(FakeResults()),
    )
    assistant = Assistant(
        practice_id="riverside",
        storage=storage,
        nlu=nlu,
        scheduling=desk,
        catalogue=PracticeCatalogue(directory),
        patients=everyone,
        flows=load_flows(DATA / "flows"),
        texts=Texts.load(DATA / "texts"),
        clock=clock,
        locks=LocalLocks(),
    )
    yield Rig(assistant, storage, clock)
    await storage.close()


async def test_identity_work_is_audited_and_the_trail_cannot_be_changed(rig: Rig) -> None:
    assert "date of birth" in await rig.send("are my results back?")
    await rig.send("01/01/1980")
    assert "results are back" in await rig.send("04/12/1985")
    await rig.send("I need to update my email address")
    assert "updated your e-mail" in await rig.send("maria@new-mail.com")
    await rig.send("can I do the intake forms now")
    await rig.send("no")
    new = "+16175550911"
    for text in (
        "I'm a new patient, never been there before",
        "Maria Lopez-Garcia",
        "04/12/1985",
        "this number",
        "mlg@example.com",
        "skip",
        "skip",
    ):
        await rig.send(text, new)
    assert "asked our team" in await rig.send("yes", new)
    james = "+16175550177"
    assert "Telehealth consent" in await rig.send(
        "can I book a telehealth consult on thursday afternoon", james
    )
    assert "recorded your consent" in await rig.send("yes", james)

    async with rig.storage.unit_of_work() as uow:
        trail = await uow.audit.trail("riverside")
    actions = [a.action for a in trail]
    for expected in (
        "identity.verification_failed",
        "identity.verified",
        "record.disclosed",
        "patient.details_updated",
        "form.saved",
        "patient.duplicate_referred",
        "consent.required",
        "consent.agreed",
    ):
        assert expected in actions, actions
    assert all(a.at == NOW and a.practice_id == "riverside" for a in trail)
    written = repr([(a.subject, a.detail) for a in trail])
    assert (
        "1985" not in written and "maria@new-mail.com" not in written and "Lopez" not in written
    )  # no PHI

    for statement in (update(AuditRow).values(action="tampered"), delete(AuditRow)):
        with pytest.raises(DBAPIError, match="append-only"):
            async with rig.storage.engine.begin() as connection:
                await connection.execute(statement)
    async with rig.storage.unit_of_work() as uow:
        assert await uow.audit.trail("riverside") == trail


async def test_a_lockout_and_a_parent_acting_for_a_child_are_audited_with_who_did_it(
    rig: Rig,
) -> None:
    await rig.send("are my results back?")
    for wrong in ("01/01/1980", "02/02/1981", "03/03/1982"):
        reply = await rig.send(wrong)
    assert "can't continue" in reply
    family = fakes.AISHA.phones[0]
    await rig.send("when is my son's next appointment", family)
    await rig.send("Omar", family)
    assert "verified to act for Omar" in await rig.send("07/21/1990", family)
    async with rig.storage.unit_of_work() as uow:
        trail = await uow.audit.trail("riverside")
    [locked] = [a for a in trail if a.action == "conversation.locked"]
    [alerted] = [a for a in trail if a.action == "staff.alerted"]
    assert locked.actor == alerted.actor == f"patient:{fakes.MARIA.id}"
    assert (
        alerted.subject.startswith("Task/") and alerted.detail["reason"] == "verification_lockout"
    )
    for_omar = [a for a in trail if a.detail.get("acting_for") == f"Patient/{fakes.OMAR.id}"]
    assert {a.action for a in for_omar} >= {"identity.acting_for", "identity.verified"}
    assert {a.actor for a in for_omar} == {f"related-person:{fakes.AISHA_FOR_OMAR.id}"}

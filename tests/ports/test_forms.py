"""IntakeStore, ConsentStore and ResultsStore: forms saved and resumed, consent decisions
recorded and withdrawn, and report statuses, on the fakes and on FHIR."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from domain.errors import Conflict
from domain.intake import IntakeResponse, Value
from tests.ports.sides import Side, unique, unique_phone

AT = dt.datetime(2026, 3, 2, 14, 0, tzinfo=dt.UTC)


class TestIntakeStoreContract:
    async def test_the_practice_intake_form_and_forms_by_url(self, side: Side) -> None:
        form = await side.intake.form(None)
        assert form is not None and form.url and form.title and form.items
        assert await side.intake.form(form.url) == form
        assert await side.intake.form(f"https://example.org/{unique('no-such-form-')}") is None

    async def test_answers_are_saved_resumed_and_completed(self, side: Side) -> None:
        form = await side.intake.form(None)
        assert form is not None
        patient = await side.add_patient(unique("Ann Q"))
        assert await side.intake.latest(patient.id, form) is None
        answers: dict[str, list[Value]] = {"allergies.any": [True], "allergies.list": ["latex"]}
        saved = await side.intake.save(
            patient.id, form, IntakeResponse(answers, skipped=("medications",))
        )
        assert saved.id and saved.version and saved.status == "in-progress"
        resumed = await side.intake.latest(patient.id, form)
        assert resumed is not None and resumed.id == saved.id
        assert (resumed.answers, resumed.skipped) == (answers, ("medications",))
        done = await side.intake.save(
            patient.id, form, dataclasses.replace(resumed, status="completed")
        )
        assert done.id == saved.id and done.version != saved.version
        latest = await side.intake.latest(patient.id, form)
        assert latest is not None and latest.status == "completed"

    async def test_a_save_over_a_newer_version_is_a_conflict(self, side: Side) -> None:
        form = await side.intake.form(None)
        assert form is not None
        patient = await side.add_patient(unique("Ann Q"))
        saved = await side.intake.save(patient.id, form, IntakeResponse({"weight": [70.5]}))
        await side.intake.save(patient.id, form, dataclasses.replace(saved, answers={}))
        with pytest.raises(Conflict):  # saved elsewhere meanwhile: `saved` is out of date
            await side.intake.save(patient.id, form, dataclasses.replace(saved, status="completed"))


class TestConsentStoreContract:
    async def test_every_document_has_a_code_and_a_version(self, side: Side) -> None:
        documents = await side.consents.documents()
        assert documents and all(d.id and d.code and d.version and d.title for d in documents)

    async def test_a_decision_is_recorded_read_back_and_withdrawn(self, side: Side) -> None:
        patient, other = [await side.add_patient(unique(f"{n} Q")) for n in ("Ann", "Bob")]
        document = (await side.consents.documents())[0]
        agreed = await side.consents.record(patient.id, document, True, "telegram", AT)
        assert (agreed.patient_id, agreed.code, agreed.document_version) == (
            patient.id,
            document.code,
            document.version,
        )
        assert (agreed.agreed, agreed.at, agreed.channel, agreed.withdrawn) == (
            True,
            AT,
            "telegram",
            False,
        )
        assert await side.consents.decisions(patient.id) == [agreed]
        assert await side.consents.decisions(other.id) == []
        withdrawn = await side.consents.withdraw(agreed, AT + dt.timedelta(days=1))
        assert withdrawn.withdrawn and withdrawn.id == agreed.id
        [read] = await side.consents.decisions(patient.id)
        assert read.withdrawn and read.agreed

    async def test_a_refusal_is_recorded_and_may_be_given_by_a_related_person(
        self, side: Side
    ) -> None:
        child = await side.add_patient(unique("Kid Q"))
        mother = await side.add_related(child.id, unique("Mum Q"), unique_phone())
        document = (await side.consents.documents())[0]
        refused = await side.consents.record(
            child.id, document, False, "sms", AT, given_by=mother.id
        )
        assert not refused.agreed and not refused.withdrawn
        assert await side.consents.decisions(child.id) == [refused]


class TestResultsStoreContract:
    async def test_report_statuses_of_the_patient_only(self, side: Side) -> None:
        patient, other = [await side.add_patient(unique(f"{n} Q")) for n in ("Ann", "Bob")]
        assert await side.results.statuses(patient.id) == []
        await side.add_report(patient.id, "final")
        await side.add_report(patient.id, "preliminary")
        assert sorted(await side.results.statuses(patient.id)) == ["final", "preliminary"]
        assert await side.results.statuses(other.id) == []

    async def test_reports_by_patient_by_id_and_as_written_since_a_position(
        self, side: Side
    ) -> None:
        patient = await side.add_patient(unique("Cy Q"))
        start = await side.results.changed_since(None)
        assert start.reports == () and start.position
        report_id = await side.add_report(patient.id, "final")
        [report] = await side.results.reports(patient.id)
        assert (report.id, report.patient_id, report.status, report.name) == (
            report_id,
            patient.id,
            "final",
            "Blood test",
        )
        assert await side.results.report(report_id) == report
        assert await side.results.report(unique("no-such-")) is None
        changed = await side.results.changed_since(start.position)
        assert report_id in [r.id for r in changed.reports] and changed.position > start.position
        again = await side.results.changed_since(changed.position)
        assert report_id not in [r.id for r in again.reports]  # seen once

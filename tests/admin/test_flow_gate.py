"""Publishing through the runtime's own gate (patient_assistant/version_tests.py): the version's
flow tests run on their own sandboxes; a change that breaks a shipped test's expectation is
refused naming the test and the step, a reworded confirmation publishes. Flow tests are files
of a version, saved through the API; a practice's languages are required of every text."""

from __future__ import annotations

import pytest

from patient_assistant.version_tests import VersionTestGate
from tests.admin.helpers import admin, ok
from tests.admin.test_publishing import NEW, OLD, booking_flow
from tests.staff.conftest import MakeRig, StaffRig

BOOKING = "Maria books a check-up with Dr Patel on Friday morning"
#: The confirmation's details dropped: the patient would not learn what was booked.
DETAILS = "You're booked: {service} with {practitioner} on {opening_time} at {location}."

FLU_TEST = """
tests:
  - name: a patient asks for a flu jab
    phone: "+16175550134"
    now: 2026-10-05T09:00:00
    steps:
      - patient: "can I get a flu shot"
        expect: {say: "flu"}
"""


@pytest.mark.slow
# Three runs of the shipped flow tests, each in a sandbox of its own: on the production
# backend only (the version store is tested on both by the storage contract tests).
@pytest.mark.parametrize(
    "storage_backend", [pytest.param("postgresql", marks=pytest.mark.postgres)]
)
async def test_publishing_runs_the_versions_flow_tests(rig: StaffRig) -> None:
    ann = await admin(rig, "ann@riverside.example")
    source = await booking_flow(rig, ann)
    assert isinstance(rig.runtime.flow_gate, VersionTestGate)  # what the admin API wires
    assert DETAILS in source
    broken = source.replace(DETAILS, "All set.")
    ok(
        await rig.client.put(
            "/admin/api/flows/book_appointment", json={"source": broken}, headers=ann
        ),
        201,
    )

    refused = await rig.client.post("/admin/api/versions/2/publish", headers=ann)

    assert refused.status_code == 409, refused.text
    detail = refused.json()["detail"]
    assert detail["message"] == "version 2 was not published"
    [error] = detail["errors"]
    assert (error["test"], error["flow"], error["step"]) == (BOOKING, "book_appointment", "step 4")
    assert "All set." in error["message"] and "book_appointment.yaml" in error["fix"]
    assert ok(await rig.client.get("/admin/api/versions", headers=ann))["live_version"] == 1

    # The reworded confirmation keeps what was booked: its tests pass, it publishes.
    ok(
        await rig.client.put(
            "/admin/api/flows/book_appointment",
            json={"source": source.replace(OLD, NEW)},
            headers=ann,
        ),
        201,
    )
    tested = ok(await rig.client.post("/admin/api/flows/test?version=3", headers=ann))
    assert (tested["passed"], tested["failures"]) == (True, [])
    flows = len(ok(await rig.client.get("/admin/api/versions/3", headers=ann))["flows"])
    assert tested["ran"] == flows + 1 + 10  # each flow, the texts, and the 10 shipped tests
    published = ok(await rig.client.post("/admin/api/versions/3/publish", headers=ann))
    assert (published["live_version"], published["tests_ran"]) == (3, tested["ran"])
    actions = [a.action for a in await rig.audit() if a.action.startswith("flows.")]
    assert actions[-3:] == ["flows.saved", "flows.tested", "flows.published"]
    assert "flows.publish_refused" in actions


async def test_a_flow_test_is_saved_as_a_file_of_the_version(rig: StaffRig) -> None:
    ann = await admin(rig, "ann@riverside.example")
    bad = await rig.client.put(
        "/admin/api/tests/flu_clinic", json={"source": "tests:\n  - name: no steps\n"}, headers=ann
    )
    assert bad.status_code == 422
    [error] = bad.json()["detail"]["errors"]
    assert error["test"] == "tests flu_clinic"
    assert "flu_clinic.yaml, test 'no steps'" in error["message"] and error["fix"]

    saved = ok(
        await rig.client.put(
            "/admin/api/tests/flu_clinic", json={"source": FLU_TEST, "note": "autumn"}, headers=ann
        ),
        201,
    )
    detail = ok(await rig.client.get(f"/admin/api/versions/{saved['number']}", headers=ann))
    assert "flu_clinic" in detail["tests"] and detail["files"]["tests/flu_clinic.yaml"] == FLU_TEST
    diff = ok(await rig.client.get("/admin/api/versions/diff?from=1&to=2", headers=ann))
    assert list(diff["files"]) == ["tests/flu_clinic.yaml"]
    trail = [a for a in await rig.audit() if a.action.startswith("flows.")]
    assert [(a.action, a.detail.get("file")) for a in trail] == [
        ("flows.save_refused", "tests/flu_clinic.yaml"),
        ("flows.saved", "tests/flu_clinic.yaml"),
    ]


async def test_a_practice_offering_spanish_needs_every_text_in_spanish(
    make_staff_rig: MakeRig,
) -> None:
    async with make_staff_rig(practice_languages="en,es") as rig:
        ann = await admin(rig, "ann@riverside.example")
        source = await booking_flow(rig, ann)
        refused = await rig.client.put(
            "/admin/api/flows/book_appointment", json={"source": source}, headers=ann
        )
        assert refused.status_code == 422
        errors = refused.json()["detail"]["errors"]
        assert {e["flow"] for e in errors} == {"book_appointment"}
        assert "done" in {e["step"] for e in errors}
        assert all("no es text" in e["message"] and "es wording" in e["fix"] for e in errors)

        texts = await rig.client.put(
            "/admin/api/texts/clinic",
            json={"source": "closing:\n  en: We close at 6pm.\n"},
            headers=ann,
        )
        assert texts.status_code == 422
        assert "text 'closing' has no es wording" in texts.json()["detail"]["errors"][0]["message"]
        ok(
            await rig.client.put(
                "/admin/api/texts/clinic",
                json={"source": "closing:\n  en: We close at 6pm.\n  es: Cerramos a las 6.\n"},
                headers=ann,
            ),
            201,
        )

"""The issue's acceptance through the admin API, in process (the worker case is in
tests/channels/test_flow_publish_worker.py): a broken flow is refused naming the flow and the
step; a changed booking confirmation, published, is what the next booking says, while a
conversation mid-booking during the publish finishes on its old version; a rollback restores
the old text; a version that fails its tests is not published. Each change is audited."""

from __future__ import annotations

import pytest

from bot.flow_gate import GateFailure, GateResult, ValidationGate
from bot.ports import FlowVersionRecord
from tests.admin.helpers import admin, ok, put_back, says
from tests.staff.conftest import StaffRig

JAMES = "+16175550177"  # one patient on his phone (Aisha shares hers)
OLD = "You're booked: {service} with {practitioner}"
NEW = "All set! Your {service} with {practitioner}"


async def booking_flow(rig: StaffRig, headers: dict[str, str]) -> str:
    answer = ok(await rig.client.get("/admin/api/flows/book_appointment", headers=headers))
    assert answer["version"] == 1
    return str(answer["source"])


async def test_a_flow_naming_an_unknown_action_is_refused_naming_the_flow_and_step(
    rig: StaffRig,
) -> None:
    ann = await admin(rig, "ann@riverside.example")
    source = (await booking_flow(rig, ann)).replace("action: book_opening", "action: send_fax")
    checked = ok(
        await rig.client.post(
            "/admin/api/flows/validate",
            json={"source": source, "name": "book_appointment"},
            headers=ann,
        )
    )
    assert checked["valid"] is False
    [error] = checked["errors"]
    assert (error["flow"], error["step"]) == ("book_appointment", "book")
    assert "unknown action 'send_fax'" in error["message"] and "book_opening" in error["fix"]

    refused = await rig.client.put(
        "/admin/api/flows/book_appointment", json={"source": source}, headers=ann
    )
    assert refused.status_code == 422
    detail = refused.json()["detail"]
    assert detail["message"] == "flow 'book_appointment' was not saved"
    assert [(e["flow"], e["step"]) for e in detail["errors"]] == [("book_appointment", "book")]
    versions = ok(await rig.client.get("/admin/api/versions", headers=ann))
    assert [v["number"] for v in versions["versions"]] == [1]
    assert [a.action for a in await rig.audit()][-1] == "flows.save_refused"


async def test_a_published_confirmation_is_said_on_the_next_booking_and_rolled_back(
    rig: StaffRig,
) -> None:
    ann = await admin(rig, "ann@riverside.example")
    rig.runtime.flow_gate = ValidationGate()
    try:
        source = await booking_flow(rig, ann)
        assert OLD in source
        # Maria is mid-booking (offered times, one picked) when the new wording is published.
        assert "1." in await says(rig, "can I book a check-up with dr patel friday morning")
        assert "Shall I book it?" in await says(rig, "1")

        saved = ok(
            await rig.client.put(
                "/admin/api/flows/book_appointment",
                json={"source": source.replace(OLD, NEW), "note": "friendlier confirmation"},
                headers=ann,
            ),
            201,
        )
        assert (saved["number"], saved["note"], saved["live"]) == (
            2,
            "friendlier confirmation",
            False,
        )
        draft = ok(await rig.client.get("/admin/api/flows", headers=ann))
        assert (draft["live_version"], draft["draft_version"]) == (1, 2)
        assert draft["draft_changes"] == ["flows/book_appointment.yaml"]
        diff = ok(await rig.client.get("/admin/api/versions/diff?from=1&to=2", headers=ann))
        assert list(diff["files"]) == ["flows/book_appointment.yaml"]
        assert f'-      en: "{OLD}' in diff["files"]["flows/book_appointment.yaml"]
        assert f'+      en: "{NEW}' in diff["files"]["flows/book_appointment.yaml"]

        published = ok(await rig.client.post("/admin/api/versions/2/publish", headers=ann))
        assert published["live_version"] == 2

        # Maria's booking started on version 1 and finishes on it ...
        maria_booked = await says(rig, "yes")
        assert "You're booked: check-up" in maria_booked and "All set!" not in maria_booked
        # ... while James's, started after the publish, says the new confirmation.
        assert "1." in await says(rig, "can I book a check-up with dr patel friday morning", JAMES)
        await says(rig, "1", JAMES)
        assert "All set! Your check-up" in await says(rig, "yes", JAMES)

        rolled = ok(await rig.client.post("/admin/api/rollback", json={"to": 1}, headers=ann))
        assert rolled == {"live_version": 1, "kind": "rollback", "tests_ran": rolled["tests_ran"]}
        assert "1." in await says(rig, "can I book a check-up with dr patel friday afternoon")
        await says(rig, "1")
        assert "You're booked: check-up" in await says(rig, "yes")

        history = ok(await rig.client.get("/admin/api/versions", headers=ann))
        assert history["live_version"] == 1
        assert [(p["number"], p["kind"]) for p in history["publications"]] == [
            (1, "publish"),
            (2, "publish"),
            (1, "rollback"),
        ]
        assert [v["number"] for v in history["versions"]] == [1, 2]  # nothing is lost
        trail = [a for a in await rig.audit() if a.action.startswith("flows.")]
        assert [(a.action, a.subject) for a in trail] == [
            ("flows.saved", "FlowVersion/2"),
            ("flows.published", "FlowVersion/2"),
            ("flows.rolled_back", "FlowVersion/1"),
        ]
        assert all(a.actor.startswith("staff:") for a in trail)
        assert "All set" not in str([a.detail for a in trail])  # numbers and hashes, not content
    finally:
        await put_back(rig.runtime.storage, rig.runtime.fhir.schedule)


class FailingGate:
    """A flow-test runner whose test of the booking flow fails at its confirm step."""

    async def __call__(self, practice_id: str, version: FlowVersionRecord) -> GateResult:
        failure = GateFailure(
            "books a check-up",
            "expected the assistant to say /You're booked/, it said 'All set!'",
            "book_appointment",
            "done",
        )
        return GateResult(ran=3, failures=(failure,))


async def test_a_version_whose_tests_fail_is_not_published(rig: StaffRig) -> None:
    ann = await admin(rig, "ann@riverside.example")
    source = await booking_flow(rig, ann)
    ok(
        await rig.client.put(
            "/admin/api/flows/book_appointment",
            json={"source": source.replace(OLD, NEW)},
            headers=ann,
        ),
        201,
    )
    rig.runtime.flow_gate = FailingGate()
    tested = ok(await rig.client.post("/admin/api/flows/test", headers=ann))
    assert (tested["version"], tested["passed"]) == (2, False)
    refused = await rig.client.post("/admin/api/versions/2/publish", headers=ann)
    assert refused.status_code == 409
    detail = refused.json()["detail"]
    assert detail["message"] == "version 2 was not published"
    [error] = detail["errors"]
    assert (error["test"], error["flow"], error["step"]) == (
        "books a check-up",
        "book_appointment",
        "done",
    )
    assert ok(await rig.client.get("/admin/api/versions", headers=ann))["live_version"] == 1
    assert [a.action for a in await rig.audit()][-2:] == ["flows.tested", "flows.publish_refused"]


async def test_the_validation_gate_passes_the_shipped_flows_and_serves_the_schema(
    rig: StaffRig,
) -> None:
    ann = await admin(rig, "ann@riverside.example")
    rig.runtime.flow_gate = ValidationGate()
    tested = ok(await rig.client.post("/admin/api/flows/test?version=1", headers=ann))
    assert tested["passed"] is True and tested["failures"] == []
    assert tested["ran"] > 10
    schema = ok(await rig.client.get("/admin/api/flows/schema", headers=ann))
    assert "steps" in schema["properties"]
    one = ok(await rig.client.get("/admin/api/versions/1", headers=ann))
    assert one["author"] == "shipped" and one["live"] is True
    assert "book_appointment" in one["flows"] and "common" in one["texts"]
    assert "flows/book_appointment.yaml" in one["files"]
    assert one["tests"] == one["flows"]  # every shipped flow ships with its test
    assert "tests/book_appointment.yaml" in one["files"]


@pytest.mark.parametrize("to", [1, 2])
async def test_a_rollback_goes_only_to_an_earlier_version(rig: StaffRig, to: int) -> None:
    ann = await admin(rig, "ann@riverside.example")
    rig.runtime.flow_gate = ValidationGate()
    source = await booking_flow(rig, ann)
    ok(
        await rig.client.put(
            "/admin/api/flows/book_appointment",
            json={"source": source.replace(OLD, NEW)},
            headers=ann,
        ),
        201,
    )
    ok(await rig.client.post("/admin/api/versions/2/publish", headers=ann))
    answer = await rig.client.post(f"/admin/api/versions/{to}/rollback", headers=ann)
    if to == 1:
        assert ok(answer)["live_version"] == 1
    else:
        assert answer.status_code == 422
        assert (
            "not earlier than the live version 2" in answer.json()["detail"]["errors"][0]["message"]
        )

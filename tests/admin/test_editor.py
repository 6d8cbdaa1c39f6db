"""The flow editor's routes in process: the page and its files (with the console's CSP), the
diagram's outline, and "try it" — a draft version talked to in a throwaway sandbox, never the
practice's FHIR server; admin only (401, 403), another practice's version 404, audited
without what was said."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from patient_assistant.try_it import TrySessions
from tests.admin.helpers import MARIA, admin, ok, staff
from tests.staff.conftest import StaffRig, bearer

BOOKED = "You're booked: {service}"
ALL_SET = "All set, see you soon: {service}"
ROUTES = [
    ("POST", "/admin/api/try", {"version": 1, "message": "hello"}),
    ("DELETE", "/admin/api/try", None),
    ("POST", "/admin/api/flows/outline", {"source": "id: x\n"}),
]


async def draft_with_new_confirmation(rig: StaffRig, headers: dict[str, str]) -> int:
    """Save book_appointment with the booking confirmation reworded; the new version."""
    shipped = ok(await rig.client.get("/admin/api/flows/book_appointment", headers=headers))
    assert BOOKED in shipped["source"]
    source = shipped["source"].replace(BOOKED, ALL_SET)
    saved = ok(
        await rig.client.put(
            "/admin/api/flows/book_appointment", json={"source": source}, headers=headers
        ),
        201,
    )
    number: int = saved["number"]
    return number


async def test_the_page_and_its_files_are_served_with_a_strict_csp(rig: StaffRig) -> None:
    bare = await rig.client.get("/admin")
    assert bare.status_code == 307 and bare.headers["location"] == "/admin/"
    page = await rig.client.get("/admin/")
    assert page.status_code == 200
    assert '<script type="module" src="editor.js">' in page.text
    csp = page.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    for name, kind in (("editor.js", "text/javascript"), ("editor.css", "text/css")):
        asset = await rig.client.get(f"/admin/{name}")
        assert asset.status_code == 200 and asset.headers["content-type"].startswith(kind)
        assert asset.headers["Content-Security-Policy"] == csp
    assert (await rig.client.get("/admin/editor.html")).status_code == 404
    assert (await rig.client.get("/admin/..%2Fstaff%2Fconsole.js")).status_code == 404


@pytest.mark.parametrize(("method", "path", "body"), ROUTES, ids=[p for _, p, _ in ROUTES])
async def test_the_editors_routes_refuse_no_token_and_a_staff_token(
    rig: StaffRig,
    method: str,
    path: str,
    body: dict | None,  # type: ignore[type-arg]
) -> None:
    assert (await rig.client.request(method, path, json=body)).status_code == 401
    forged = await rig.client.request(method, path, json=body, headers=bearer("forged"))
    assert forged.status_code == 401
    refused = await rig.client.request(
        method, path, json=body, headers=await staff(rig, "bo@riverside.example")
    )
    assert refused.status_code == 403
    assert refused.json()["detail"] == "this needs an admin account"
    assert not [r for r in await rig.audit() if r.action == "flows.tried"]


async def test_the_outline_is_the_yaml_as_written_even_when_it_does_not_validate(
    rig: StaffRig,
) -> None:
    ann = await admin(rig, "ann@riverside.example")
    source = "id: flu\nsteps:\n  - id: hi\n    action: no_such_action\n    outcomes: {ok: bye}\n"
    read = ok(
        await rig.client.post("/admin/api/flows/outline", json={"source": source}, headers=ann)
    )
    assert read["flow"]["steps"][0] == {
        "id": "hi",
        "action": "no_such_action",
        "outcomes": {"ok": "bye"},
    }
    broken = ok(
        await rig.client.post("/admin/api/flows/outline", json={"source": "a: [1"}, headers=ann)
    )
    assert broken["flow"] is None and "not valid YAML" in broken["error"]


async def test_another_practices_draft_cannot_be_tried(rig: StaffRig) -> None:
    ann = await admin(rig, "ann@riverside.example")
    draft = await draft_with_new_confirmation(rig, ann)
    theirs = await admin(rig, "tess@thames.example", practice="thames-physio")
    answer = await rig.client.post(
        "/admin/api/try", json={"version": draft, "message": "hello"}, headers=theirs
    )
    assert answer.status_code == 404
    assert not [r for r in await rig.audit() if r.action == "flows.tried"]


# A sandbox of its own per try: on the production backend only (drafts are stored on both
# in the other tests here).
@pytest.mark.parametrize(
    "storage_backend", [pytest.param("postgresql", marks=pytest.mark.postgres)]
)
async def test_trying_the_draft_books_in_a_sandbox_and_never_in_the_practices_fhir(
    rig: StaffRig,
) -> None:
    ann = await admin(rig, "ann@riverside.example")
    draft = await draft_with_new_confirmation(rig, ann)
    mine_before = await _appointments_of_maria(rig)

    async def tell(message: str, **extra: object) -> dict:  # type: ignore[type-arg]
        body = {"version": draft, "message": message, **extra}
        return ok(await rig.client.post("/admin/api/try", json=body, headers=ann))

    first = await tell("can I book a check-up with dr patel friday morning")
    assert first["started"] is True and first["version"] == draft
    assert "Reply with the number of the time" in "\n".join(first["replies"])
    chose = await tell("1")
    assert chose["session"] == first["session"] and chose["started"] is False
    assert "Shall I book it" in "\n".join(chose["replies"])
    booked = "\n".join((await tell("yes"))["replies"])
    assert "All set, see you soon: check-up" in booked  # the draft's wording
    assert "You're booked" not in booked

    # The practice's own FHIR server has no new appointment, and its live version is still 1.
    assert await _appointments_of_maria(rig) == mine_before
    assert ok(await rig.client.get("/admin/api/flows", headers=ann))["live_version"] == 1

    # Starting over is a new session; every message was audited, none with what was said.
    again = await tell("hello", restart=True)
    assert again["started"] is True and again["session"] != first["session"]
    tried = [r for r in await rig.audit() if r.action == "flows.tried"]
    assert len(tried) == 4
    assert {r.subject for r in tried} == {f"FlowVersion/{draft}"}
    written = json.dumps([r.detail for r in tried])
    assert "friday" not in written and "All set" not in written and MARIA not in written
    assert (await rig.client.delete("/admin/api/try", headers=ann)).status_code == 204


async def test_a_session_idle_too_long_is_removed_with_its_sandbox(rig: StaffRig) -> None:
    ann = await admin(rig, "ann@riverside.example")
    draft = await draft_with_new_confirmation(rig, ann)
    async with rig.runtime.storage.reading() as uow:
        version = await uow.flow_versions.get("riverside", draft)
    assert version is not None
    now = [1000.0]
    sessions = TrySessions(idle_seconds=60, monotonic=lambda: now[0])
    try:
        # A deployment with carrier and Stripe credentials: the session gets none of them.
        live = rig.runtime.settings.model_copy(
            update={
                "twilio_account_sid": "AC" + "1" * 32,
                "twilio_auth_token": "token",
                "telegram_bot_token": "123:abc",
                "payment_provider": "stripe",
                "stripe_api_key": "sk_live_x",
            }
        )
        reply = await sessions.say(live, rig.runtime.nlu, "ann", version, "hello")
        assert reply.started and reply.replies
        [session] = sessions._sessions.values()
        tried = session.runtime.settings
        assert tried.twilio_account_sid is None and tried.telegram_bot_token is None
        assert tried.payment_provider == "sandbox" and tried.stripe_api_key is None
        assert tried.fhir_base_url != rig.runtime.settings.fhir_base_url
        directory = Path(session.directory)
        assert await asyncio.to_thread(directory.exists)
        now[0] += 30
        assert await sessions.sweep() == 0 and len(sessions) == 1
        now[0] += 31
        assert await sessions.sweep() == 1 and len(sessions) == 0
        assert not await asyncio.to_thread(directory.exists)
    finally:
        await sessions.aclose()


async def _appointments_of_maria(rig: StaffRig) -> list[str]:
    fhir = rig.runtime.fhir
    found: list[str] = []
    for patient in await fhir.patients.find_by_phone(MARIA):
        resources = await fhir.connection.search_one_type(
            "Appointment", {"patient": f"Patient/{patient.id}"}
        )
        found.extend(f"{r['id']}:{r.get('status')}" for r in resources)
    return sorted(found)

"""The staff API's conversations, through the real app: a patient writes on the web chat,
the practice's staff read the transcript (audited), another practice's staff get 404."""

from __future__ import annotations

import pytest

from tests.staff.conftest import StaffRig, bearer

pytestmark = [pytest.mark.fhir, pytest.mark.slow]

PHONE = "+16175550134"
ROUTES = ("/staff/api/conversations", "/staff/api/conversations/{id}")


async def patient_writes(rig: StaffRig, text: str) -> None:
    answer = await rig.client.post("/chat/api/messages", json={"phone": PHONE, "text": text})
    assert answer.status_code == 200, answer.text


async def test_staff_read_their_practices_transcript_and_each_view_is_audited(
    rig: StaffRig,
) -> None:
    await patient_writes(rig, "hello, what are your opening hours?")
    ann = await rig.add("ann@riverside.example")
    token = await rig.token("ann@riverside.example")

    listed = await rig.client.get("/staff/api/conversations", headers=bearer(token))
    assert listed.status_code == 200
    [summary] = [c for c in listed.json() if c["address"] == PHONE]
    assert summary["channel"] == "web"

    opened = await rig.client.get(
        f"/staff/api/conversations/{summary['id']}", headers=bearer(token)
    )
    assert opened.status_code == 200
    messages = opened.json()["messages"]
    assert messages[0] == {
        "direction": "in",
        "at": messages[0]["at"],
        "text": "hello, what are your opening hours?",
        "status": messages[0]["status"],
    }
    assert any(m["direction"] == "out" and m["text"] for m in messages[1:])

    [viewed] = [r for r in await rig.audit() if r.action == "conversation.viewed"]
    assert viewed.actor == f"staff:{ann.id}"
    assert viewed.subject == f"Conversation/{summary['id']}"
    assert viewed.detail == {"messages": len(messages)}


async def test_another_practices_staff_get_404_on_every_conversation_route(
    rig: StaffRig,
) -> None:
    await patient_writes(rig, "hello")
    await rig.add("ann@riverside.example")
    await rig.add("tom@thames-physio.example", practice="thames-physio")
    ann = await rig.token("ann@riverside.example")
    tom = await rig.token("tom@thames-physio.example")
    [riverside] = (await rig.client.get(ROUTES[0], headers=bearer(ann))).json()

    assert (await rig.client.get(ROUTES[0], headers=bearer(tom))).json() == []
    theirs = await rig.client.get(ROUTES[1].format(id=riverside["id"]), headers=bearer(tom))
    missing = await rig.client.get(ROUTES[1].format(id="no-such-conversation"), headers=bearer(tom))
    assert theirs.status_code == missing.status_code == 404
    assert theirs.json() == missing.json()
    assert not [r for r in await rig.audit("thames-physio") if r.action == "conversation.viewed"]
    assert not [r for r in await rig.audit() if r.action == "conversation.viewed"]


async def test_conversation_routes_need_a_token(rig: StaffRig) -> None:
    for route in ROUTES:
        answer = await rig.client.get(route.format(id="anything"))
        assert answer.status_code == 401
        assert answer.headers["www-authenticate"] == "Bearer"

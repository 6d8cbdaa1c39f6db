"""`GET /staff/api/events` through the real app served over HTTP (uvicorn; the real NLU, the
FHIR sandbox, SQLite and PostgreSQL): a staff member's stream carries their own practice's
changes as they commit, never another practice's; it resumes from `Last-Event-ID`; it keeps
quiet connections alive and ends when the token no longer holds; no token, an expired one or
one in the query string gets 401."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
import uvicorn

from api.app import create_app
from api.staff import events as events_route
from patient_assistant.bootstrap import Runtime
from patient_assistant.deployment import Deployment
from tests.staff.conftest import StaffRig, bearer
from tests.support.standins import free_port

pytestmark = [pytest.mark.fhir, pytest.mark.slow]

PHONE = "+16175550134"
#: A generous wait for a busy machine; never a speed check (bench/staff_events.py measures).
WAIT = 60.0


@contextlib.asynccontextmanager
async def served(rig: StaffRig) -> AsyncIterator[str]:
    """The rig's app on a loopback port (ASGI in process would buffer a stream whole)."""

    async def factory() -> Runtime:
        return rig.runtime

    app = create_app(rig.settings, factory)
    app.state.runtime = rig.runtime  # the rig's lifespan built and will close it
    app.state.deployment = Deployment.single(rig.runtime)
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            host="127.0.0.1",
            port=port,
            lifespan="off",
            log_level="warning",
            timeout_graceful_shutdown=2,
        )
    )
    task = asyncio.create_task(server.serve())
    while not server.started:
        assert not task.done(), "the server did not start"
        await asyncio.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


@dataclass
class Stream:
    """One open event stream, read in the background as the console reads it."""

    response: httpx.Response
    events: asyncio.Queue[dict[str, Any]] = field(default_factory=asyncio.Queue)
    comments: list[str] = field(default_factory=list)
    retry: list[str] = field(default_factory=list)
    ended: asyncio.Event = field(default_factory=asyncio.Event)

    async def read(self) -> None:
        fields: dict[str, str] = {}
        try:
            async for line in self.response.aiter_lines():
                if line.startswith(":"):
                    self.comments.append(line)
                elif line.startswith("retry:"):
                    self.retry.append(line.removeprefix("retry:").strip())
                elif line == "":
                    if "data" in fields:
                        data = json.loads(fields["data"])
                        await self.events.put(
                            {"id": int(fields["id"]), "event": fields.get("event"), **data}
                        )
                    fields = {}
                else:
                    name, _, value = line.partition(":")
                    fields[name] = value.removeprefix(" ")
        finally:
            self.ended.set()

    async def next(self) -> dict[str, Any]:
        return await asyncio.wait_for(self.events.get(), WAIT)

    async def until(self, change: str) -> list[dict[str, Any]]:
        """The events up to and including the first `change`."""
        seen = [await self.next()]
        while seen[-1]["change"] != change:
            seen.append(await self.next())
        return seen

    def pending(self) -> list[dict[str, Any]]:
        found = []
        while not self.events.empty():
            found.append(self.events.get_nowait())
        return found


@contextlib.asynccontextmanager
async def stream(
    client: httpx.AsyncClient, token: str, last_event_id: int | None = None
) -> AsyncIterator[Stream]:
    headers = bearer(token) | (
        {"Last-Event-ID": str(last_event_id)} if last_event_id is not None else {}
    )
    async with client.stream("GET", "/staff/api/events", headers=headers) as response:
        assert response.status_code == 200, await response.aread()
        opened = Stream(response)
        reader = asyncio.create_task(opened.read())
        try:
            # The stream is subscribed once its first line arrived.
            while not opened.retry:
                assert not reader.done(), "the stream ended before it began"
                await asyncio.sleep(0.01)
            yield opened
        finally:
            reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, httpx.HTTPError):
                await reader


async def patient_writes(rig: StaffRig, text: str) -> str:
    """The conversation's id, after the assistant handled the message (web chat)."""
    rig.clock.advance(dt.timedelta(minutes=1))
    answer = await rig.client.post("/chat/api/messages", json={"phone": PHONE, "text": text})
    assert answer.status_code == 200, answer.text
    async with rig.runtime.storage.reading() as uow:
        [conversation] = await uow.transcripts.conversations("riverside", 10)
    return conversation.id


async def test_a_practice_sees_its_own_changes_as_they_happen_and_no_one_elses(
    rig: StaffRig,
) -> None:
    await rig.add("ann@riverside.example")
    await rig.add("tom@thames-physio.example", practice="thames-physio")
    ann = await rig.token("ann@riverside.example")
    tom = await rig.token("tom@thames-physio.example")
    async with (
        served(rig) as url,
        httpx.AsyncClient(base_url=url, timeout=WAIT) as client,
        stream(client, ann) as riverside,
        stream(client, tom) as thames,
    ):
        assert riverside.response.headers["content-type"].startswith("text/event-stream")
        assert riverside.response.headers["cache-control"] == "no-cache"
        assert riverside.response.headers["x-accel-buffering"] == "no"
        assert riverside.retry == ["2000"]

        conversation = await patient_writes(rig, "I have crushing chest pain and can't breathe")
        arrived = await riverside.until("escalation_opened")
        assert [(e["change"], e["urgency"]) for e in arrived] == [
            ("message_in", "urgent"),
            ("escalation_opened", "urgent"),
        ]
        assert {e["conversation_id"] for e in arrived} == {conversation}
        assert {e["event"] for e in arrived} == {"conversation"}
        assert arrived[0]["id"] < arrived[1]["id"]
        assert dt.datetime.fromisoformat(arrived[1]["at"]).utcoffset() == dt.timedelta(0)
        # Ids and metadata only: never what the patient wrote.
        assert set(arrived[1]) == {"id", "event", "conversation_id", "change", "urgency", "at"}

        # Staff's own actions come through the same way, each with its change.
        path = f"/staff/api/conversations/{conversation}"
        text = {"text": "Ann here, calling you now."}
        assert (await rig.client.post(f"{path}/claim", headers=bearer(ann))).status_code == 200
        sent = await rig.client.post(f"{path}/messages", headers=bearer(ann), json=text)
        assert sent.status_code == 202
        noted = await rig.client.post(f"{path}/notes", headers=bearer(ann), json=text)
        assert noted.status_code == 201
        assert (await rig.client.post(f"{path}/close", headers=bearer(ann))).status_code == 204
        changes = [e["change"] for e in await riverside.until("closed")]
        assert changes == ["claimed", "message_out", "note", "closed"]

        # Another practice's change reaches its own staff only.
        async with rig.runtime.storage.unit_of_work() as uow:
            await uow.staff_events.append(
                "thames-physio", "conv-thames", "message_in", rig.clock.now()
            )
        theirs = await thames.next()
        assert (theirs["conversation_id"], theirs["change"]) == ("conv-thames", "message_in")
        assert thames.pending() == []  # nothing of Riverside's reached Thames
        assert riverside.pending() == []


async def test_a_reconnecting_console_gets_what_it_missed_after_its_last_event(
    rig: StaffRig,
) -> None:
    await rig.add("ann@riverside.example")
    ann = await rig.token("ann@riverside.example")
    async with served(rig) as url, httpx.AsyncClient(base_url=url, timeout=WAIT) as client:
        async with stream(client, ann) as first:
            conversation = await patient_writes(rig, "can I talk to a real person")
            seen = await first.until("escalation_opened")
            assert seen[-1]["urgency"] == "normal"
        # Offline meanwhile: the patient writes again and a colleague claims it.
        await patient_writes(rig, "hello? anyone there?")
        path = f"/staff/api/conversations/{conversation}"
        assert (await rig.client.post(f"{path}/claim", headers=bearer(ann))).status_code == 200

        async with stream(client, ann, last_event_id=seen[-1]["id"]) as resumed:
            missed = [await resumed.next(), await resumed.next()]
            assert [(e["change"], e["urgency"]) for e in missed] == [
                ("message_in", "normal"),
                ("claimed", "normal"),
            ]
            assert missed[0]["id"] > seen[-1]["id"]
            # Then live again, after the replay.
            assert (await rig.client.post(f"{path}/handback", headers=bearer(ann))).status_code
            assert (await resumed.next())["change"] == "handed_back"
        # From before all of it: everything, in order.
        async with stream(client, ann, last_event_id=seen[0]["id"] - 1) as everything:
            replayed = [(await everything.next())["change"] for _ in range(5)]
            assert replayed == [
                "message_in",
                "escalation_opened",
                "message_in",
                "claimed",
                "handed_back",
            ]

        bad = await client.get(
            "/staff/api/events", headers=bearer(ann) | {"Last-Event-ID": "yesterday"}
        )
        assert bad.status_code == 400
        assert "Last-Event-ID" in bad.json()["detail"]


async def test_a_quiet_stream_is_kept_alive_and_ends_when_the_token_is_revoked(
    rig: StaffRig, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(events_route, "KEEPALIVE_SECONDS", 0.2)
    await rig.add("ann@riverside.example")
    ann = await rig.token("ann@riverside.example")
    async with (
        served(rig) as url,
        httpx.AsyncClient(base_url=url, timeout=WAIT) as client,
        stream(client, ann) as quiet,
    ):
        while len(quiet.comments) < 2:
            assert not quiet.ended.is_set()
            await asyncio.sleep(0.05)
        assert set(quiet.comments) == {": keep-alive"}
        assert (await rig.client.post("/staff/api/logout", headers=bearer(ann))).status_code
        await asyncio.wait_for(quiet.ended.wait(), WAIT)
        again = await client.get("/staff/api/events", headers=bearer(ann))
        assert again.status_code == 401


# The duplicate operation id is api/webhooks/fhir_results.py's (see test_sign_in.py).
@pytest.mark.filterwarnings("ignore:Duplicate Operation ID:UserWarning")
async def test_the_stream_is_documented_in_openapi(rig: StaffRig) -> None:
    schema = (await rig.client.get("/openapi.json")).json()
    route = schema["paths"]["/staff/api/events"]["get"]
    assert route["tags"] == ["staff events"]
    assert route["security"] == [{"StaffBearer": []}]
    assert list(route["responses"]["200"]["content"]) == ["text/event-stream"]
    assert "Last-Event-ID" in route["description"]
    assert [p["name"] for p in route["parameters"]] == ["Last-Event-ID"]


async def test_no_token_an_expired_one_or_one_in_the_query_gets_401(rig: StaffRig) -> None:
    assert (await rig.client.get("/staff/api/events")).status_code == 401
    await rig.add("ann@riverside.example")
    ann = await rig.token("ann@riverside.example")
    in_query = await rig.client.get("/staff/api/events", params={"access_token": ann})
    assert in_query.status_code == 401
    assert in_query.headers["www-authenticate"].startswith("Bearer")
    rig.clock.advance(dt.timedelta(minutes=rig.settings.staff_token_minutes + 1))
    expired = await rig.client.get("/staff/api/events", headers=bearer(ann))
    assert expired.status_code == 401
    assert 'error="invalid_token"' in expired.headers["www-authenticate"]

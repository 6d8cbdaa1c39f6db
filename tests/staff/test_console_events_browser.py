"""The console's live updates in headless Chromium, against the event stream's contract:
`GET /staff/api/events` with the Bearer header, `event: conversation` with JSON data, `id:`
integers, `:` keep-alives, and `Last-Event-ID` when it reconnects; where the route is missing
(404) the console polls instead.

The page, script and CSP are the real ones (the API served by uvicorn); the staff API's answers
are scripted in the browser (Playwright routes), so the stream can end and reconnect on cue.
The console against the real API, end to end, is tests/channels/test_staff_console_browser.py.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from api.app import create_app
from patient_assistant.settings import Settings
from tests.e2e.test_webchat_browser import BROWSER_ARGS, CHROMIUM
from tests.support.standins import StandIn, running

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not os.environ.get("CI"), reason="Debian chromium not installed"
    ),
]
WAIT = 60_000  # ms: generous for a busy machine, not a speed check
ME = {"id": "s-ann", "email": "ann@riverside.example", "practice": "riverside", "role": "staff"}


def conversation(cid: str, address: str, urgency: str, opened: str) -> dict[str, Any]:
    return {
        "id": cid,
        "channel": "sms",
        "address": address,
        "created_at": opened,
        "updated_at": opened,
        "escalation": {
            "id": f"e-{cid}",
            "reason": "emergency" if urgency == "urgent" else "human_requested",
            "urgency": urgency,
            "state": "open",
            "holder": None,
            "opened_at": opened,
            "due_at": "2099-01-01T00:00:00Z",
            "claimed_at": None,
            "task_id": None,
        },
    }


NORMAL = conversation("c1", "+16175550134", "normal", "2026-11-30T10:00:00Z")
URGENT = conversation("c2", "+16175550177", "urgent", "2026-11-30T10:05:00Z")
EVENT = (
    ": keep-alive\n\n"
    "id: 7\nevent: conversation\n"
    'data: {"conversation_id": "c2", "change": "escalation_urgent", "urgency": "urgent", '
    '"at": "2026-11-30T10:05:00Z"}\n\n'
)


@pytest.fixture
def console_url() -> Iterator[str]:
    settings = Settings(_env_file=None, environment="test", secret_key="console-test-0123456789")  # type: ignore[call-arg]

    async def never() -> Any:
        raise AssertionError("the API's runtime is not started here")

    with running(create_app(settings, never), StandIn()) as served:
        yield served.base_url


async def test_an_event_brings_the_new_urgent_one_to_the_top_and_the_stream_resumes(
    console_url: str,
) -> None:
    from playwright.async_api import Route, async_playwright, expect

    stream_requests: list[dict[str, str]] = []
    calls: list[str] = []  # the staff API's paths, in the order the console asked
    queue = [NORMAL]

    async def staff_api(route: Route) -> None:
        request = route.request
        path = request.url.split("/staff/api/", 1)[1].split("?")[0]
        calls.append(path)
        if path == "token":
            await route.fulfill(json={"access_token": "t0k", "token_type": "bearer"})
        elif request.headers.get("authorization") != "Bearer t0k":
            await route.fulfill(status=401, json={"detail": "sign in first"})
        elif path == "me":
            await route.fulfill(json=ME)
        elif path == "conversations":
            await route.fulfill(json=queue)
        elif path == "events":
            stream_requests.append(request.headers)
            if len(stream_requests) == 1:
                # Something happened: the urgent one is listed from now on; then the
                # stream ends (the body is complete), as a dropped connection does.
                queue[:] = [URGENT, NORMAL]
                await route.fulfill(
                    status=200, headers={"Content-Type": "text/event-stream"}, body=EVENT
                )
            else:
                await route.fulfill(status=404, json={"detail": "Not Found"})
        else:
            await route.fulfill(status=404, json={"detail": "Not Found"})

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        try:
            page = await browser.new_page()
            await page.route("**/staff/api/**", staff_api)
            await page.goto(f"{console_url}/staff/")
            await page.get_by_label("Email").fill(ME["email"])
            await page.get_by_label("Password").fill("front desk keeps the coffee warm")
            await page.get_by_role("button", name="Sign in").click()

            rows = page.locator("#queue button.row")
            await expect(rows.first).to_contain_text("URGENT", timeout=WAIT)
            await expect(rows).to_have_count(2)
            await expect(page).to_have_title("(2) Staff console — patient-assistant")
            await expect(rows.nth(1)).to_contain_text(NORMAL["address"])
            await expect(page.get_by_role("status")).to_contain_text(
                "Urgent: 1 new in the queue", timeout=WAIT
            )
            # Reconnected after the drop, from the last event seen; then, the route gone, polls.
            await expect(page.locator("#live-state")).to_have_text(
                "Updates every 5 seconds.", timeout=WAIT
            )
            assert len(stream_requests) >= 2
            assert stream_requests[0]["authorization"] == "Bearer t0k"
            assert "last-event-id" not in stream_requests[0]
            assert stream_requests[1]["last-event-id"] == "7"
            # The event itself refreshed the queue: besides the catch-up on connecting, a
            # second listing came before the stream was asked for again.
            first, second = [i for i, p in enumerate(calls) if p == "events"][:2]
            assert calls[first:second].count("conversations") == 2
        finally:
            await browser.close()

"""The demo's web chat in a real browser: a visitor picks Maria and books by clicking a time.

Headless Chromium from Debian (/usr/bin/chromium) driven by Playwright; the API runs as
`patient-assistant serve` against the session's FHIR sandbox and a fresh SQLite database.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from adapters.fhir import FhirAdapters
from tests.support.fhir import TEST_NOW, ZONE, SeededServer

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.fhir,
    pytest.mark.slow,
    pytest.mark.nlu_model,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not os.environ.get("CI"), reason="Debian chromium not installed"
    ),
]
BROWSER_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def api_url(fhir_sandbox: SeededServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = _free_port()
    db = tmp_path_factory.mktemp("web") / "assistant.db"
    env = {
        **os.environ,
        "FHIR_BASE_URL": fhir_sandbox.base_url,
        "DATABASE_URL": f"sqlite+aiosqlite:///{db}",
    }
    cli = str(Path(sys.executable).with_name("patient-assistant"))
    # The clock of the seeded sandbox, so "tuesday" finds its slots.
    log = (db.parent / "demo.log").open("w")
    process = subprocess.Popen(
        [cli, "demo", "--port", str(port), "--now", TEST_NOW.replace(tzinfo=None).isoformat()],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert process.poll() is None, (db.parent / "demo.log").read_text()
            time.sleep(0.5)
        else:
            pytest.fail("the demo API did not become ready within 180 s")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


async def test_a_visitor_books_in_the_browser(api_url: str, fhir_adapters: FhirAdapters) -> None:
    from playwright.async_api import async_playwright

    [maria] = [
        p
        for p in await fhir_adapters.patients.find_by_phone("+16175550134")
        if p.name == "Maria Lopez"
    ]
    before = {a.id for a in await fhir_adapters.schedule.upcoming(maria.id, TEST_NOW)}
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        try:
            page = await browser.new_page()
            await page.goto(f"{api_url}/chat")
            await page.select_option("#persona", "+16175550134")
            await page.fill("#text", "can I get a flu shot on tuesday morning?")
            await page.click("#send")
            first_time = page.locator(".choices button").first
            await first_time.wait_for(timeout=30_000)
            assert "Tue 3 Mar" in await first_time.inner_text()
            await first_time.click()
            await page.get_by_text("Shall I book it?").wait_for(timeout=30_000)
            await page.fill("#text", "yes")
            await page.click("#send")
            await page.get_by_text("You're booked").wait_for(timeout=30_000)
            await page.screenshot(
                path=str(Path(os.environ.get("PA_SCREENSHOT_DIR", "/tmp")) / "webchat.png")
            )
        finally:
            await browser.close()
    [booked] = [
        a for a in await fhir_adapters.schedule.upcoming(maria.id, TEST_NOW) if a.id not in before
    ]
    assert (
        booked.start.astimezone(ZONE).date() == dt.date(2026, 3, 3)
        and booked.start.astimezone(ZONE).hour < 12
    )
    assert booked.end - booked.start == dt.timedelta(minutes=15)
    # Leave the sandbox as we found it for other tests.
    await fhir_adapters.schedule.cancel(booked)


def test_health_readiness_and_metrics(api_url: str) -> None:
    assert httpx.get(f"{api_url}/healthz").json() == {"status": "ok"}
    ready = httpx.get(f"{api_url}/readyz").json()
    assert ready["ready"] is True and ready["checks"] == {"database": "ok", "fhir": "ok"}
    httpx.post(
        f"{api_url}/chat/api/messages", json={"phone": "+16175550177", "text": "hello"}, timeout=30
    )
    metrics = httpx.get(f"{api_url}/metrics").text
    assert "patient_assistant_messages_processed_total" in metrics
    assert "+1617" not in metrics and "hello" not in metrics
    openapi = httpx.get(f"{api_url}/openapi.json").json()
    assert {"/nlu/parse", "/webhooks/telegram", "/healthz"} <= set(openapi["paths"])

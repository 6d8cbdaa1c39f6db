"""The demo pays Maria's bill in a real browser: the web chat API gives her balance and a link
after her date of birth, headless Chromium opens the sandbox's pay page and presses Pay, and the
FHIR sandbox holds one PaymentNotice and the Invoice `balanced`; pressing again, or replaying
the completion, changes nothing. The pay page's screenshot is kept (PA_SCREENSHOT_DIR, or /tmp).

The API runs as `patient-assistant demo` on the session's FHIR sandbox (as in
test_webchat_browser.py, whose server fixture this module shares).
"""

from __future__ import annotations

import os
import re
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from adapters.fhir import FhirAdapters
from tests.e2e.test_webchat_browser import BROWSER_ARGS, CHROMIUM, api_url  # noqa: F401 - fixture
from tests.payments.support import maria_invoice, notices_for, reopen_maria_invoice

pytestmark = [
    pytest.mark.fhir,
    pytest.mark.slow,
    pytest.mark.nlu_model,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not os.environ.get("CI"), reason="Debian chromium not installed"
    ),
]
MARIA = "+16175550134"


@pytest.fixture
async def open_invoice(fhir_adapters: FhirAdapters) -> AsyncIterator[FhirAdapters]:
    await reopen_maria_invoice(fhir_adapters)
    yield fhir_adapters
    await reopen_maria_invoice(fhir_adapters)


async def _say(api_url: str, text: str) -> str:
    async with httpx.AsyncClient(timeout=60) as client:
        answer = await client.post(
            f"{api_url}/chat/api/messages", json={"phone": MARIA, "text": text}
        )
    assert answer.status_code == 200, answer.text
    return " ".join(r["text"] for r in answer.json()["replies"])


async def test_maria_pays_her_bill_in_the_browser_once(
    api_url: str,
    open_invoice: FhirAdapters,
) -> None:
    from playwright.async_api import async_playwright

    fhir = open_invoice
    asked = await _say(api_url, "how much do I owe?")
    assert "$" not in asked and "/pay/" not in asked and "date of birth" in asked
    told = await _say(api_url, "04/12/1985")
    assert "$80.00" in told, told
    found = re.search(re.escape(api_url) + r"/pay/[A-Za-z0-9_\-.]+", told)
    assert found, told
    api_link = found.group(0)
    invoice_id = (await maria_invoice(fhir))["id"]
    shot = Path(os.environ.get("PA_SCREENSHOT_DIR", "/tmp")) / "pay-page.png"

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        try:
            # The same in the web chat page (Maria is verified on it now): the link comes as
            # a link, and that one is paid.
            page = await browser.new_page()
            await page.goto(f"{api_url}/chat")
            await page.select_option("#persona", MARIA)
            await page.fill("#text", "can I pay my bill")
            await page.click("#send")
            await page.locator(".msg.bot", has_text="$80.00").last.wait_for(timeout=30_000)
            href = await page.locator('.msg.bot a[href*="/pay/"]').last.get_attribute("href")
            assert href and href.startswith(f"{api_url}/pay/")
            link = href
            opened = await page.goto(link)
            assert opened is not None and opened.status == 200
            assert await page.locator("#amount").inner_text() == "$80.00"
            assert "Riverside Family Clinic" in await page.content()
            await page.screenshot(path=str(shot), full_page=True)
            print(f"pay page screenshot: {shot}")
            await page.get_by_role("button", name="Pay").click()
            await page.get_by_text("Thank you").wait_for(timeout=30_000)
            assert await page.locator("#paid").inner_text() == "$80.00"

            # Pressing Pay again (back to the page, press once more): a clear page, no change.
            again = await page.goto(link)
            assert again is not None and again.status == 410
            assert "already been used" in await page.content()
        finally:
            await browser.close()

    async with httpx.AsyncClient(timeout=30) as client:
        replay = await client.post(link)  # the completion replayed, as a resent form
        other = await client.post(api_link)  # the link the chat API gave before: bill paid
    assert replay.status_code == 410 and "already been used" in replay.text
    assert other.status_code == 410 and "already paid" in other.text
    [notice] = await notices_for(fhir, invoice_id)
    assert notice["amount"] == {"value": 80.0, "currency": "USD"}
    assert (await maria_invoice(fhir))["status"] == "balanced"
    assert shot.exists() and shot.stat().st_size > 0

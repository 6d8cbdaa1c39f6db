"""The staff console in headless Chromium, through `serve` and the Twilio stand-in: a patient
texts "can I talk to a real person", a staff member signs in in the browser, finds them in the
queue with the keyboard, takes the conversation, replies (the patient gets the SMS), sees the
patient's answer arrive, adds a note and hands back (the assistant answers the patient again).
On the way: a wrong password, a colleague's conversation (409 naming them), and a session
ended elsewhere (back to sign-in, saying why) are shown to the user.

Chromium is Debian's (/usr/bin/chromium), never a download; the test is skipped without it
(except in CI). A screenshot of the console mid-conversation is written to PA_SCREENSHOT_DIR
(else the test's tmp directory); reports/staff-console.png is one from such a run.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.channels.processes import isolated_env, processes
from tests.channels.rig import MARIA, PUBLIC, SMS_FROM, sign
from tests.channels.test_staff_takeover import PASSWORD, add_staff, texts_to_maria
from tests.e2e.test_webchat_browser import BROWSER_ARGS, CHROMIUM
from tests.support.fhir import SeededServer
from tests.support.standins import TWILIO_SID, TWILIO_TOKEN, StandIn, free_port

pytestmark = [
    pytest.mark.slow,
    pytest.mark.fhir,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not os.environ.get("CI"), reason="Debian chromium not installed"
    ),
]
JAMES = "+16175550177"  # a second patient asking for a person, whom a colleague takes
AISHA = "+16175550150"  # a third, who then sends STOP
REPLY = "Hi Maria, this is Ann at Riverside. What can I do for you?"
WAIT = 60_000  # ms: generous for a busy machine (the console polls every 5 s), not a speed check


def sms(sid: str, sender: str, body: str) -> dict[str, str]:
    return {
        "MessageSid": sid,
        "AccountSid": TWILIO_SID,
        "From": sender,
        "To": SMS_FROM,
        "Body": body,
        "NumMedia": "0",
    }


async def test_staff_take_a_conversation_over_in_the_console(
    fhir_sandbox: SeededServer, twilio_api: StandIn, nlu: object, tmp_path: Path
) -> None:
    from playwright.async_api import async_playwright, expect

    env = isolated_env(
        DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'console.db'}",
        FHIR_BASE_URL=fhir_sandbox.base_url,
        PUBLIC_BASE_URL=PUBLIC,
        SECRET_KEY="test-secret-key-0123456789",
        TWILIO_ACCOUNT_SID=TWILIO_SID,
        TWILIO_AUTH_TOKEN=TWILIO_TOKEN,
        TWILIO_SMS_FROM=SMS_FROM,
        TWILIO_API_BASE_URL=twilio_api.base_url,
        TWILIO_SMS_SENDER_KIND="short_code",
    )
    for key in ("REDIS_URL", "REDIS_KEY_PREFIX", "CELERY_QUEUE"):
        env.pop(key)
    shots = Path(os.environ.get("PA_SCREENSHOT_DIR", tmp_path))
    with processes(env, tmp_path) as running:
        api = await asyncio.to_thread(running.api, free_port())
        async with httpx.AsyncClient(base_url=api, timeout=30) as client:

            async def patient(sid: str, sender: str, body: str) -> None:
                fields = sms(sid, sender, body)
                path = "/webhooks/twilio/sms"
                signed = {"X-Twilio-Signature": sign(PUBLIC + path, fields)}
                answer = await client.post(path, data=fields, headers=signed)
                assert answer.status_code == 200

            await patient("SM" + "1" * 32, MARIA, "can I talk to a real person")
            [promise] = await texts_to_maria(twilio_api, 1)
            assert "A member of our team will reply here" in promise
            await patient("SM" + "5" * 32, JAMES, "can I talk to a real person")
            await patient("SM" + "6" * 32, AISHA, "can I talk to a real person")
            await texts_to(twilio_api, AISHA, 1)  # her escalation is open: she was told
            await patient("SM" + "7" * 32, AISHA, "STOP")  # kept before the webhook answers
            await asyncio.to_thread(add_staff, env, "ann@riverside.example", "riverside")
            await asyncio.to_thread(add_staff, env, "bob@riverside.example", "riverside")
            bob = await client.post(
                "/staff/api/token",
                data={"username": "bob@riverside.example", "password": PASSWORD},
            )
            bob_auth = {"Authorization": f"Bearer {bob.json()['access_token']}"}
            listed = (await client.get("/staff/api/conversations", headers=bob_auth)).json()
            [james_id] = [c["id"] for c in listed if c["address"] == JAMES and c["escalation"]]

            async with async_playwright() as pw:
                browser = await pw.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
                try:
                    # A front desk of the practice: its time zone, a wide screen.
                    page = await browser.new_page(
                        viewport={"width": 1280, "height": 900},
                        timezone_id="America/New_York",
                        locale="en-US",
                    )
                    expect.set_options(timeout=WAIT)
                    await page.goto(f"{api}/staff/")

                    # Signing in: every control is labelled; a wrong password is said plainly.
                    assert await unlabelled_controls(page) == []
                    await page.get_by_label("Email").fill("ann@riverside.example")
                    await page.get_by_label("Password").fill("not the password at all")
                    await page.get_by_role("button", name="Sign in").click()
                    await expect(page.get_by_role("alert")).to_contain_text(
                        "Incorrect email or password"
                    )
                    await page.get_by_label("Password").fill(PASSWORD)
                    await page.get_by_role("button", name="Sign in").click()

                    # The queue: both, oldest first, waiting times shown; j/k/Enter/r/Escape.
                    queue = page.locator("#queue button.row")
                    await expect(queue).to_have_count(3)
                    await expect(queue.nth(0)).to_contain_text(MARIA)
                    await expect(queue.nth(0)).to_contain_text("asked for a person")
                    await expect(queue.nth(0)).to_contain_text("waiting")
                    await expect(queue.nth(0)).to_contain_text("not taken yet")
                    await expect(queue.nth(1)).to_contain_text(JAMES)
                    assert await unlabelled_controls(page) == []
                    await expect(queue.nth(0)).to_be_focused()
                    await page.keyboard.press("j")
                    await expect(queue.nth(1)).to_be_focused()
                    await page.keyboard.press("k")
                    await expect(queue.nth(0)).to_be_focused()
                    await page.keyboard.press("Enter")
                    await expect(page.locator("#conv-title")).to_contain_text(MARIA)
                    transcript = page.locator("#transcript")
                    await expect(transcript).to_contain_text("can I talk to a real person")
                    await page.keyboard.press("r")
                    await expect(page.get_by_label("Reply to the patient")).to_be_focused()
                    await page.keyboard.press("Escape")
                    await expect(queue.nth(0)).to_be_focused()

                    # Take it and reply: the patient gets the SMS.
                    await page.get_by_role("button", name="Take", exact=True).click()
                    await expect(page.get_by_role("status")).to_contain_text("You have taken")
                    await expect(queue.nth(0)).to_contain_text("taken by you")
                    # Taking it puts the cursor in the reply box.
                    await expect(page.get_by_label("Reply to the patient")).to_be_focused()
                    await page.keyboard.type(REPLY)
                    await page.keyboard.press("Control+Enter")
                    await expect(page.get_by_role("status")).to_contain_text("Reply sent")
                    assert (await texts_to_maria(twilio_api, 2))[1] == REPLY
                    await expect(transcript).to_contain_text(REPLY)

                    # The patient's answer reaches the open conversation without a reload.
                    await patient("SM" + "2" * 32, MARIA, "when is my next appointment?")
                    await expect(transcript).to_contain_text("when is my next appointment?")
                    await page.get_by_label("Add a note").fill("Asked about the next visit.")
                    await page.get_by_role("button", name="Add note").click()
                    await expect(page.locator("#notes")).to_contain_text("Asked about the next")
                    await page.screenshot(path=str(shots / "staff-console.png"), full_page=True)

                    # A colleague holds the other one: the 409 names them.
                    assert (
                        await client.post(
                            f"/staff/api/conversations/{james_id}/claim", headers=bob_auth
                        )
                    ).status_code == 200
                    await queue.nth(1).click()
                    await expect(page.locator("#conv-title")).to_contain_text(JAMES)
                    await page.get_by_role("button", name="Take", exact=True).click()
                    await expect(page.get_by_role("alert")).to_contain_text(
                        "already claimed by bob@riverside.example"
                    )

                    # Aisha sent STOP: a reply to her is refused, and the text stays.
                    await queue.filter(has_text=AISHA).click()
                    await page.get_by_role("button", name="Take", exact=True).click()
                    await page.get_by_label("Reply to the patient").fill("Hello Aisha")
                    await page.get_by_role("button", name="Send reply").click()
                    await expect(page.get_by_role("alert")).to_contain_text("opted out")
                    await expect(page.get_by_label("Reply to the patient")).to_have_value(
                        "Hello Aisha"
                    )
                    assert "Hello Aisha" not in await texts_to(twilio_api, AISHA, 1)

                    # Hand Maria back: the assistant greets her and answers her again.
                    await queue.filter(has_text=MARIA).click()
                    await expect(page.locator("#conv-title")).to_contain_text(MARIA)
                    await page.get_by_role("button", name="Hand back to the assistant").click()
                    await expect(page.get_by_role("status")).to_contain_text("Handed back")
                    texts = await texts_to_maria(twilio_api, 3)
                    assert len(texts) == 3  # nothing answered the message staff had
                    assert "assistant again" in texts[2]
                    await patient("SM" + "3" * 32, MARIA, "when is my next appointment?")
                    answered = await texts_to_maria(twilio_api, 4)
                    assert "A member of our team" not in answered[3]

                    # The session ends elsewhere mid-reply: the next call is a 401, back to
                    # sign-in; signing in again brings back the conversation and the draft.
                    draft = "Maria, one more thing:"
                    await page.get_by_label("Reply to the patient").fill(draft)
                    token = await page.evaluate("sessionStorage.getItem('pa-staff-token')")
                    revoked = await client.post(
                        "/staff/api/logout", headers={"Authorization": f"Bearer {token}"}
                    )
                    assert revoked.status_code == 204
                    await page.get_by_label("Show").select_option("all")
                    await expect(page.get_by_role("alert")).to_contain_text("sign in again")
                    await expect(page.get_by_label("Email")).to_be_visible()
                    await page.get_by_label("Password").fill(PASSWORD)
                    await page.get_by_role("button", name="Sign in").click()
                    await expect(page.locator("#conv-title")).to_contain_text(MARIA)
                    await expect(page.get_by_label("Reply to the patient")).to_have_value(draft)
                finally:
                    await browser.close()


async def texts_to(twilio: StandIn, number: str, at_least: int) -> list[str]:
    """The SMS bodies sent to `number`, once there are `at_least` of them."""
    for _ in range(900):  # up to 180 s: a generous wait for a busy machine, not a speed check
        bodies = [r.fields["Body"] for r in twilio.sent("Messages") if r.fields["To"] == number]
        if len(bodies) >= at_least:
            return bodies
        await asyncio.sleep(0.2)
    raise AssertionError(f"fewer than {at_least} texts reached {number}")


async def unlabelled_controls(page: Any) -> list[str]:
    """The visible inputs, text areas and selects that have no label (by id, or the tag)."""
    found: list[str] = await page.evaluate(
        """() => Array.from(document.querySelectorAll('input, textarea, select'))
            .filter((e) => e.offsetParent !== null && e.labels.length === 0)
            .map((e) => e.id || e.tagName)"""
    )
    return found

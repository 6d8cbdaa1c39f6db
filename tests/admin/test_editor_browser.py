"""The flow editor in headless Chromium, through `serve`: a staff-role account is turned
away; an administrator signs in, edits the booking confirmation of book_appointment, sees a
validation error (an unknown action) naming the flow and step with a link to its line, fixes
it, saves a draft, tries it in the chat (the draft's new wording, in a sandbox), publishes it,
reads its diff in the history and rolls back — each visible in the page.

Chromium is Debian's (/usr/bin/chromium), never a download; the test is skipped without it
(except in CI). A screenshot of the editor after the publish is written to PA_SCREENSHOT_DIR
(else the test's tmp directory); reports/flow-editor.png is one from such a run.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
from pathlib import Path

import httpx
import pytest

from tests.channels.processes import CLI, ROOT, isolated_env, processes
from tests.channels.rig import PUBLIC
from tests.channels.test_staff_console_browser import unlabelled_controls
from tests.e2e.test_webchat_browser import BROWSER_ARGS, CHROMIUM
from tests.support.fhir import SeededServer
from tests.support.standins import free_port

pytestmark = [
    pytest.mark.slow,
    pytest.mark.fhir,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not os.environ.get("CI"), reason="Debian chromium not installed"
    ),
]
PASSWORD = "the flows are the practice's voice"
WAIT = 90_000  # ms: generous for a busy machine (a try-it sandbox starts), not a speed check
PUBLISH_WAIT = 600_000  # ms: publishing runs the version's flow tests first
BOOKED = "You're booked: {service}"
ALL_SET = "All set, see you soon: {service}"


def add_account(env: dict[str, str], email: str, role: str) -> None:
    subprocess.run(
        [*CLI, "staff", "add", email, "--practice", "riverside", "--role", role],
        cwd=ROOT,
        env=env,
        input=f"{PASSWORD}\n".encode(),
        check=True,
        capture_output=True,
    )


async def test_an_admin_edits_tries_publishes_and_rolls_back_a_flow(
    fhir_sandbox: SeededServer, nlu: object, tmp_path: Path
) -> None:
    from playwright.async_api import async_playwright, expect

    env = isolated_env(
        DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'editor.db'}",
        FHIR_BASE_URL=fhir_sandbox.base_url,
        PUBLIC_BASE_URL=PUBLIC,
        SECRET_KEY="test-secret-key-0123456789",
    )
    for key in ("REDIS_URL", "REDIS_KEY_PREFIX", "CELERY_QUEUE"):
        env.pop(key)
    shots = Path(os.environ.get("PA_SCREENSHOT_DIR", tmp_path))
    with processes(env, tmp_path) as running:
        api = await asyncio.to_thread(running.api, free_port())
        await asyncio.to_thread(add_account, env, "ann@riverside.example", "admin")
        await asyncio.to_thread(add_account, env, "bo@riverside.example", "staff")
        async with httpx.AsyncClient(base_url=api, timeout=30) as client, async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
            try:
                page = await browser.new_page(
                    viewport={"width": 1500, "height": 1000},
                    timezone_id="America/New_York",
                    locale="en-US",
                )
                expect.set_options(timeout=WAIT)
                await page.goto(f"{api}/admin/")

                # A staff-role account is told it needs an administrator, and stays out.
                assert await unlabelled_controls(page) == []
                await page.get_by_label("Email").fill("bo@riverside.example")
                await page.get_by_label("Password").fill(PASSWORD)
                await page.get_by_role("button", name="Sign in").click()
                await expect(page.get_by_role("alert")).to_contain_text("needs an administrator")
                await expect(page.get_by_label("Email")).to_be_visible()

                # The administrator: the practice's flows and texts, book_appointment open,
                # its diagram drawn from its steps.
                await page.get_by_label("Email").fill("ann@riverside.example")
                await page.get_by_label("Password").fill(PASSWORD)
                await page.get_by_role("button", name="Sign in").click()
                await expect(page.locator("#file-title")).to_have_text("Flow: book_appointment")
                await expect(page.locator("#flow-list button")).to_have_count(10)
                await expect(page.locator("#text-list button").first).to_be_visible()
                await expect(page.locator("#check-state")).to_have_text("No problems found.")
                await expect(page.get_by_role("button", name="book_appointment")).to_be_focused()
                boxes = page.locator("#diagram g.step")
                await expect(boxes.first).to_be_visible()
                assert await boxes.count() >= 15
                await expect(page.get_by_role("button", name="Step book:")).to_be_visible()
                assert await unlabelled_controls(page) == []

                # Edit the confirmation, and slip in an unknown action: named as you type.
                editor = page.get_by_label("YAML of the flow book_appointment")
                shipped = await editor.input_value()
                assert BOOKED in shipped
                edited = shipped.replace(BOOKED, ALL_SET)
                await editor.fill(edited.replace("  - id: when", "  - id: when\n   bad: [", 1))
                problems = page.locator("#problems")
                await expect(problems).to_contain_text("not valid YAML")
                await expect(problems.get_by_role("button", name="Go to line")).to_be_visible()
                await expect(page.locator("#diagram")).to_contain_text("not valid YAML")
                await editor.fill(edited.replace("action: book_opening", "action: book_openingz"))
                await expect(problems).to_contain_text("book_openingz")
                await expect(problems).to_contain_text("step book")
                await expect(page.locator("#check-state")).to_contain_text("1 problem")
                await problems.get_by_role("button", name="Go to line").click()
                await expect(editor).to_be_focused()
                selected = await editor.evaluate(
                    "(e) => e.value.slice(e.selectionStart, e.selectionEnd)"
                )
                assert selected.strip() == "- id: book"

                # The diagram is keyboard-usable: Enter on a step finds it in the YAML.
                await page.get_by_role("button", name="Step done:").focus()
                await page.keyboard.press("Enter")
                await expect(editor).to_be_focused()
                selected = await editor.evaluate(
                    "(e) => e.value.slice(e.selectionStart, e.selectionEnd)"
                )
                assert selected.strip() == "- id: done"

                # Fixed: no problems; saved as version 2, a draft.
                await editor.fill(edited)
                await expect(page.locator("#check-state")).to_have_text("No problems found.")
                await page.get_by_label("Note for the history").fill("Friendlier confirmation")
                await page.get_by_role("button", name="Save as a new version").click()
                await expect(page.get_by_role("status")).to_contain_text("Saved as version 2")
                await expect(page.locator("#versions-line")).to_contain_text("Draft: version 2")

                # Try it: the draft's new wording, before any patient sees it.
                chat = page.locator("#chat")
                said = page.get_by_label("Say as the patient")
                for message, answer in (
                    ("can I book a check-up with dr patel friday morning", "Reply with the"),
                    ("1", "Shall I book it"),
                    ("yes", "All set, see you soon: check-up"),
                ):
                    await said.fill(message)
                    await said.press("Enter")
                    await expect(chat).to_contain_text(answer)
                await expect(chat).not_to_contain_text("You're booked")

                # Publish: version 2 is live (its checks and tests pass first).
                await page.get_by_role("button", name="Publish version 2").click()
                await expect(page.get_by_role("status")).to_contain_text(
                    "Version 2 is live", timeout=PUBLISH_WAIT
                )
                history = page.locator("#history")
                await expect(history.locator("li.live")).to_contain_text("Version 2")
                token = await page.evaluate("sessionStorage.getItem('pa-admin-token')")
                ann = {"Authorization": f"Bearer {token}"}
                live = (await client.get("/admin/api/flows/book_appointment", headers=ann)).json()
                assert live["version"] == 2 and ALL_SET in live["source"]

                # History with diffs: what version 2 changed.
                await page.get_by_role("button", name="Changes in version 2").click()
                diff = page.locator("#diff")
                await expect(diff.locator(".added")).to_contain_text(ALL_SET)
                await expect(diff.locator(".removed")).to_contain_text(BOOKED)
                await page.screenshot(path=str(shots / "flow-editor.png"), full_page=True)

                # Roll back: version 1 is live again, in one click.
                await page.get_by_role("button", name="Roll back to version 1").click()
                await expect(page.get_by_role("status")).to_contain_text(
                    "version 1 is live again", timeout=PUBLISH_WAIT
                )
                await expect(history.locator("li.live")).to_contain_text("Version 1")
                await expect(history.locator("li.live")).to_contain_text(
                    "Rolled back to this version by you (ann@riverside.example)"
                )
                live = (await client.get("/admin/api/flows/book_appointment", headers=ann)).json()
                assert live["version"] == 1 and BOOKED in live["source"]
            finally:
                await browser.close()

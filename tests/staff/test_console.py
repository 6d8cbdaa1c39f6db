"""The staff console's files as the API serves them: the security headers, no inline script,
a label on every control, and only routes the API has. The console at work in a browser is
tests/channels/test_staff_console_browser.py."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from html.parser import HTMLParser

import httpx
import pytest
from fastapi import FastAPI

from api.app import create_app
from patient_assistant.settings import Settings


async def _never() -> object:  # the files need no runtime: the app is not started
    raise AssertionError("not started")


@pytest.fixture
def app() -> FastAPI:
    settings = Settings(_env_file=None, environment="test", secret_key="console-test-0123456789")  # type: ignore[call-arg]
    return create_app(settings, _never)  # type: ignore[arg-type]


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://console.test") as c:
        yield c


class Page(HTMLParser):
    """What the checks need from the HTML: scripts, inline styles and handlers, controls, labels."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.inline: list[str] = []  # inline script text, <style>, style= or on*= attributes
        self.controls: list[dict[str, str | None]] = []
        self.labelled: set[str] = set()
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.inline += [f"{tag} {k}" for k in a if k == "style" or k.startswith("on")]
        if tag == "script":
            self.scripts.append(a)
            self._in_script = True
        elif tag == "style":
            self.inline.append("<style>")
        elif tag in ("input", "textarea", "select"):
            self.controls.append(a)
        elif tag == "label" and a.get("for"):
            self.labelled.add(str(a["for"]))

    def handle_endtag(self, tag: str) -> None:
        self._in_script = self._in_script and tag != "script"

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline.append("inline script")


async def test_the_page_allows_no_inline_script_and_says_so_in_its_policy(
    client: httpx.AsyncClient,
) -> None:
    answer = await client.get("/staff/")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/html")
    policy = answer.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "default-src 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert answer.headers["x-content-type-options"] == "nosniff"
    page = Page()
    page.feed(answer.text)
    assert page.inline == []
    assert [s.get("src") for s in page.scripts] == ["console.js"]


async def test_every_control_has_a_label(client: httpx.AsyncClient) -> None:
    page = Page()
    page.feed((await client.get("/staff/")).text)
    assert {c.get("id") for c in page.controls} == {"email", "password", "show", "reply", "note"}
    unlabelled = [c for c in page.controls if c.get("id") not in page.labelled]
    assert unlabelled == []


async def test_the_script_and_stylesheet_are_served_and_nothing_else(
    client: httpx.AsyncClient,
) -> None:
    script = await client.get("/staff/console.js")
    assert script.status_code == 200
    assert script.headers["content-type"].startswith("text/javascript")
    style = await client.get("/staff/console.css")
    assert style.headers["content-type"].startswith("text/css")
    assert (await client.get("/staff/console.html")).status_code == 404
    assert (await client.get("/staff/..%2Fwebchat.html")).status_code == 404
    bare = await client.get("/staff")
    assert bare.status_code == 307 and bare.headers["location"] == "/staff/"


async def test_the_script_calls_only_routes_the_api_has(client: httpx.AsyncClient) -> None:
    script = (await client.get("/staff/console.js")).text
    called = set(re.findall(r"/staff/api/[a-z]+", script))
    assert called >= {"/staff/api/token", "/staff/api/me", "/staff/api/conversations"}
    # The event stream is optional: the console polls where the API has none.
    for path in called - {"/staff/api/events"}:
        # 401, 405 (a POST route) or 503 (the app is not started): anything but unknown.
        assert (await client.get(path)).status_code != 404, path
    assert (await client.get("/staff/api/nothing")).status_code == 404

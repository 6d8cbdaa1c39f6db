"""Loopback stand-ins of the Twilio REST API and the Telegram Bot API.

Each is a real HTTP server on 127.0.0.1 (its own thread and event loop, so Celery workers in
other processes reach it too) that the unchanged `twilio` and `aiogram` clients talk to.
Every request is recorded; `fail_next` scripts the providers' errors (HTTP 429 and 5xx,
Twilio 21610 and 63016, Telegram's retry_after).

Fixtures: `twilio_api` and `telegram_api` (one server per test, so tests never share records).
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

TWILIO_SID = "AC" + "0" * 32
TWILIO_TOKEN = "test-auth-token-0123456789abcdef"
TELEGRAM_TOKEN = "123456:TEST-token_for_the_stand-in"
#: Twilio's answer to an account sending faster than it takes.
TOO_MANY_REQUESTS = {
    "code": 20429,
    "message": "Too Many Requests",
    "more_info": "https://www.twilio.com/docs/errors/20429",
    "status": 429,
}


@dataclass
class Recorded:
    at: float  # time.time() when the request arrived
    path: str
    fields: dict[str, Any]
    status: int


@dataclass
class StandIn:
    """A running stand-in: its base URL, what it received and the failures it will answer with."""

    base_url: str = ""
    #: Seconds every Twilio send takes to be answered (a provider's round trip), so that
    #: concurrent senders really overlap.
    latency: float = 0.0
    #: Twilio's account limit: sends beyond `rate_limit` a second (a token bucket holding a
    #: tenth of a second's worth, at least 2) are answered 429 with error 20429, as Twilio
    #: answers "Too Many Requests". None: no limit.
    rate_limit: float | None = None
    requests: list[Recorded] = field(default_factory=list)
    _script: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    _updates: list[dict[str, Any]] = field(default_factory=list)
    _delays: list[float] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _bucket: tuple[float, float] | None = None  # (tokens, when counted)

    def fail_next(self, status: int, body: dict[str, Any], times: int = 1) -> None:
        """Answer the next `times` sends with `status` and `body` instead of success."""
        with self._lock:
            self._script += [(status, body)] * times

    def delay_next(self, seconds: float) -> None:
        """Hold the answer to the next send for `seconds` (it is recorded with status 0 at once)."""
        with self._lock:
            self._delays.append(seconds)

    def sent(self, path_part: str = "") -> list[Recorded]:
        """Successful sends (2xx) whose path contains `path_part`."""
        with self._lock:
            return [r for r in self.requests if path_part in r.path and 200 <= r.status < 300]

    def throttled(self) -> list[Recorded]:
        """Sends answered 429 by the rate limit or a scripted failure."""
        with self._lock:
            return [r for r in self.requests if r.status == 429]

    def _within_rate(self) -> bool:
        """Take a token from the bucket; False (answer 20429) when it is empty."""
        if self.rate_limit is None:
            return True
        capacity = max(2.0, self.rate_limit / 10)
        now = time.monotonic()
        with self._lock:
            tokens, then = self._bucket or (capacity, now)
            tokens = min(capacity, tokens + (now - then) * self.rate_limit)
            allowed = tokens >= 1.0
            self._bucket = (tokens - 1.0 if allowed else tokens, now)
        return allowed

    def _next_failure(self) -> tuple[int, dict[str, Any]] | None:
        with self._lock:
            return self._script.pop(0) if self._script else None

    def _record(self, path: str, fields: dict[str, Any], status: int) -> None:
        with self._lock:
            self.requests.append(Recorded(time.time(), path, fields, status))


def _twilio_app(standin: StandIn) -> Starlette:
    async def create_message(request: Request) -> Response:
        fields = dict(await request.form())
        expected = "Basic " + base64.b64encode(f"{TWILIO_SID}:{TWILIO_TOKEN}".encode()).decode()
        if (
            request.path_params["sid"] != TWILIO_SID
            or request.headers.get("authorization") != expected
        ):
            standin._record(request.url.path, fields, 401)
            return JSONResponse(
                {"code": 20003, "message": "Authenticate", "status": 401}, status_code=401
            )
        with standin._lock:
            delay = standin._delays.pop(0) if standin._delays else None
        if delay is not None:  # a send in flight: whoever sent it may die before the answer
            standin._record(request.url.path, fields, 0)
            await asyncio.sleep(delay)
            return JSONResponse({"code": 20500, "message": "late", "status": 500}, status_code=500)
        failure = standin._next_failure()
        if failure is None and not standin._within_rate():
            failure = (429, TOO_MANY_REQUESTS)
        if failure is not None:
            standin._record(request.url.path, fields, failure[0])
            return JSONResponse(failure[1], status_code=failure[0])
        standin._record(request.url.path, fields, 201)
        if standin.latency:
            await asyncio.sleep(standin.latency)
        return JSONResponse(
            status_code=201,
            content={
                "sid": "SM" + uuid.uuid4().hex,
                "account_sid": TWILIO_SID,
                "to": fields.get("To"),
                "from": fields.get("From"),
                "body": fields.get("Body"),
                "status": "queued",
                "num_segments": "1",
                "direction": "outbound-api",
                "api_version": "2010-04-01",
                "date_created": "Mon, 02 Mar 2026 14:00:00 +0000",
            },
        )

    return Starlette(
        routes=[Route("/2010-04-01/Accounts/{sid}/Messages.json", create_message, methods=["POST"])]
    )


def twilio_error(code: int, status: int = 400) -> dict[str, Any]:
    """A Twilio REST error body, as the API sends it."""
    return {
        "code": code,
        "message": f"error {code}",
        "more_info": f"https://www.twilio.com/docs/errors/{code}",
        "status": status,
    }


def telegram_error(status: int, retry_after: int | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": f"error {status}"}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return body


def _telegram_app(standin: StandIn) -> Starlette:
    async def method(request: Request) -> Response:
        name = request.path_params["method"]
        fields = dict((await request.form()).items())
        if "reply_markup" in fields:
            fields["reply_markup"] = json.loads(str(fields["reply_markup"]))
        if request.path_params["token"] != TELEGRAM_TOKEN:
            standin._record(name, fields, 401)
            return JSONResponse(telegram_error(401), status_code=401)
        failure = standin._next_failure() if name == "sendMessage" else None
        if failure is not None:
            standin._record(name, fields, failure[0])
            return JSONResponse(failure[1], status_code=failure[0])
        standin._record(name, fields, 200)
        return JSONResponse({"ok": True, "result": await _telegram_result(standin, name, fields)})

    return Starlette(routes=[Route("/bot{token}/{method}", method, methods=["POST"])])


async def _telegram_result(standin: StandIn, name: str, fields: dict[str, Any]) -> Any:
    if name == "sendMessage":
        chat = {"id": int(fields["chat_id"]), "type": "private"}
        return {
            "message_id": len(standin.requests),
            "date": int(time.time()),
            "chat": chat,
            "text": fields["text"],
        }
    if name == "getUpdates":
        offset = int(fields.get("offset", 0))
        deadline = time.monotonic() + min(float(fields.get("timeout", 0)), 2.0)
        while True:  # long polling, bounded at two seconds
            with standin._lock:
                standin._updates = [u for u in standin._updates if u["update_id"] >= offset]
                ready = list(standin._updates)
            if ready or time.monotonic() >= deadline:
                return ready
            await asyncio.sleep(0.05)
    if name == "getMe":
        return {"id": 123456, "is_bot": True, "first_name": "Clinic", "username": "clinic_bot"}
    return True  # deleteWebhook, setWebhook, answerCallbackQuery


def queue_update(standin: StandIn, update: dict[str, Any]) -> None:
    """Make `update` available to getUpdates (Telegram polling)."""
    with standin._lock:
        standin._updates.append(update)


@contextlib.contextmanager
def running(app: Starlette, standin: StandIn) -> Iterator[StandIn]:
    """Serve `app` on a free loopback port in a thread until the block ends."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            app, host="127.0.0.1", port=port, log_level="warning", access_log=False, lifespan="off"
        )
    )
    thread = threading.Thread(target=server.run, name=f"standin-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError(f"stand-in did not start on 127.0.0.1:{port}")
        time.sleep(0.02)
    standin.base_url = f"http://127.0.0.1:{port}"
    try:
        yield standin
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def twilio_api() -> Iterator[StandIn]:
    standin = StandIn()
    with running(_twilio_app(standin), standin):
        yield standin


@pytest.fixture
def telegram_api() -> Iterator[StandIn]:
    standin = StandIn()
    with running(_telegram_app(standin), standin):
        yield standin

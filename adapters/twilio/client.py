"""One `twilio` REST client per process, on its async (aiohttp) transport.

The client is created on first use inside the running event loop (aiohttp sessions belong
to a loop) and pointed at TWILIO_API_BASE_URL, so tests talk to a loopback stand-in with
the unchanged library.
"""

from __future__ import annotations

import logging
from typing import Any

import aiohttp

# twilio ships no type hints (no py.typed, no maintained stubs): its names are Any to mypy.
from twilio.http.async_http_client import AsyncTwilioHttpClient  # type: ignore[import-untyped]
from twilio.http.response import Response  # type: ignore[import-untyped]
from twilio.rest import Client  # type: ignore[import-untyped]

#: Seconds to wait for Twilio before the send counts as a temporary failure.
TIMEOUT_SECONDS = 10.0

#: The transport's own logger. twilio logs every request at INFO in a dozen lines (method and
#: URL, a GET's query - phone numbers among them -, each header, the response's headers): under
#: a worker's INFO level that was most of a turn's log lines and their CPU, and a query's
#: phone numbers are PHI. Warnings and errors still pass; the outbox sender logs each
#: message's outcome itself.
TRANSPORT_LOG = logging.getLogger("adapters.twilio.transport")
TRANSPORT_LOG.setLevel(logging.WARNING)


class HeaderAuthHttpClient(AsyncTwilioHttpClient):
    """twilio's aiohttp transport, sending credentials as a header: aiohttp deprecates the
    `auth=` argument the library passes."""

    async def request(
        self,
        method: str,
        url: str,
        params: Any = None,
        data: Any = None,
        headers: dict[str, str] | None = None,
        auth: tuple[str, str] | None = None,
        timeout: float | None = None,  # noqa: ASYNC109 - AsyncTwilioHttpClient.request's signature
        allow_redirects: bool = False,
    ) -> Response:
        headers = dict(headers or {})
        if auth is not None:
            headers["Authorization"] = aiohttp.encode_basic_auth(auth[0], auth[1])
        return await super().request(
            method, url, params, data, headers, None, timeout, allow_redirects
        )

    # twilio formats every request's and response's log lines (the response's headers
    # rendered whole) before handing them to the logger, whatever its level: CPU spent on
    # each message sent for lines TRANSPORT_LOG drops. Formatted only when they would show.
    def log_request(self, kwargs: dict[str, Any]) -> None:
        if self.logger.isEnabledFor(logging.INFO):
            super().log_request(kwargs)

    def log_response(self, status_code: int, response: Any) -> None:
        if self.logger.isEnabledFor(logging.INFO):
            super().log_response(status_code, response)


class TwilioRest:
    def __init__(self, account_sid: str, auth_token: str, api_base_url: str) -> None:
        self.account_sid, self._auth_token, self._base_url = account_sid, auth_token, api_base_url
        self._client: Client | None = None
        self._http: HeaderAuthHttpClient | None = None

    def client(self) -> Client:
        if self._client is None:
            # max_retries=None: no hidden retries; the outbox sender owns retrying and backoff.
            self._http = HeaderAuthHttpClient(timeout=TIMEOUT_SECONDS, logger=TRANSPORT_LOG)
            client = Client(self.account_sid, self._auth_token, http_client=self._http)
            client.api.base_url = self._base_url.rstrip("/")
            self._client = client
        return self._client

    async def aclose(self) -> None:
        if self._http is not None:
            await self._http.close()
        self._client = self._http = None

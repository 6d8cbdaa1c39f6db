"""Plain FHIR REST over one pooled aiohttp session: reads, searches, conditional writes, Bundles.

No FHIR client library: fhirpy (which made the reads until issue 10) has no public If-Match
/ If-None-Exist support, reports a 412 as MultipleResourcesFound, sends get_or_create() and
patch() requests standard servers reject, and opens a new HTTP session (a new TCP
connection) for every request. The session is aiohttp's, not httpx's: in a profile of a
Celery worker processing turns, httpx's request path took about a fifth of a turn's CPU
(bench/README.md).
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import aiohttp

from adapters.fhir.errors import FhirHttpError, diagnostics_of

FHIR_JSON = "application/fhir+json"
Json = dict[str, Any]


def etag(version: str) -> str:
    """The weak ETag FHIR uses for a version id, as If-Match wants it."""
    return f'W/"{version}"'


def version_of(resource: Json) -> str | None:
    """meta.versionId of a resource, if the server gave one."""
    meta = resource.get("meta") or {}
    v = meta.get("versionId")
    return str(v) if v is not None else None


def entry_status(entry: Json) -> int:
    """The HTTP status code of a Bundle response entry ("201 Created" -> 201)."""
    status = str((entry.get("response") or {}).get("status", "0"))
    head = status.split(" ", 1)[0]
    return int(head) if head.isdigit() else 0


class FhirHttp:
    """Raw FHIR REST over one pooled aiohttp session. Raises FhirHttpError on non-2xx answers.

    The session is opened by the first request, on its event loop (a session belongs to
    one loop; a request on another loop opens one there)."""

    def __init__(self, base_url: str, timeout: float = 10.0, headers: dict[str, str] | None = None):
        self.base_url = base_url.rstrip("/")
        self._headers = {"Accept": FHIR_JSON, **(headers or {})}
        # Per phase, as httpx had it (connecting, each read), not for the whole request: a
        # transaction Bundle on a busy server may take longer than `timeout` in all.
        self._timeout = aiohttp.ClientTimeout(total=None, connect=timeout, sock_read=timeout)
        self._session: aiohttp.ClientSession | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def _client(self) -> aiohttp.ClientSession:
        loop = asyncio.get_running_loop()
        if self._session is None or self._session.closed or self._loop is not loop:
            self._session = aiohttp.ClientSession(headers=self._headers, timeout=self._timeout)
            self._loop = loop
        return self._session

    async def aclose(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def get(self, path_or_url: str, params: dict[str, Any] | None = None) -> Json:
        """GET [base]/path (a read or a search) or an absolute URL (a search's next page);
        list values in `params` repeat the parameter (`date=ge...&date=lt...`)."""
        if path_or_url.startswith(("http://", "https://")):
            url = path_or_url
        else:
            url = f"{self.base_url}/{path_or_url}"
        query = [
            (k, str(x))
            for k, v in (params or {}).items()
            for x in (v if isinstance(v, list) else [v])
        ]
        async with self._client().get(url, params=query) as response:
            return _answer(response.status, await response.read())

    async def _send(self, method: str, path: str, body: Json | None = None, **headers: str) -> Json:
        url = f"{self.base_url}/{path}" if path else self.base_url
        data = None if body is None else json.dumps(body).encode()
        if data is not None:
            headers = {"Content-Type": FHIR_JSON, **headers}
        async with self._client().request(method, url, data=data, headers=headers) as response:
            return _answer(response.status, await response.read())

    async def capabilities(self) -> Json:
        """The server's CapabilityStatement (GET [base]/metadata)."""
        return await self._send("GET", "metadata")

    async def create(self, resource: Json, if_none_exist: str | None = None) -> Json:
        """POST a resource; with `if_none_exist` ("identifier=sys|val") the server returns the match instead."""
        headers = {"Prefer": "return=representation"}
        if if_none_exist:
            headers["If-None-Exist"] = if_none_exist
        return await self._send("POST", resource["resourceType"], resource, **headers)

    async def create_if_none(self, resource: Json, if_none_exist: str) -> tuple[Json, bool]:
        """A conditional create that says which happened: (the resource, True if made now).

        The server answers 201 when it created the resource and 200 with the match it found."""
        url = f"{self.base_url}/{resource['resourceType']}"
        headers = {
            "Content-Type": FHIR_JSON,
            "Prefer": "return=representation",
            "If-None-Exist": if_none_exist,
        }
        data = json.dumps(resource).encode()
        async with self._client().post(url, data=data, headers=headers) as response:
            return _answer(response.status, await response.read()), response.status == 201

    async def update(self, resource: Json, if_match: str | None = None) -> Json:
        """PUT a resource by id; with `if_match` (a version id) a stale version answers 412."""
        headers = {"Prefer": "return=representation"}
        if if_match:
            headers["If-Match"] = etag(if_match)
        return await self._send(
            "PUT", f"{resource['resourceType']}/{resource['id']}", resource, **headers
        )

    async def bundle(self, kind: str, entries: list[Json]) -> list[Json]:
        """POST a transaction or batch Bundle; returns its response entries in request order.

        A transaction is all or nothing: any failed entry fails the whole request (and the
        server rolls back), surfacing as FhirHttpError with the failing entry's status.
        """
        body = {"resourceType": "Bundle", "type": kind, "entry": entries}
        answer = await self._send("POST", "", body, Prefer="return=representation")
        return list(answer.get("entry") or [])


def _answer(status: int, content: bytes) -> Json:
    """The answer's JSON object; FhirHttpError for a non-2xx status."""
    data: Any = None
    if content:
        try:
            data = json.loads(content)
        except ValueError:
            data = content.decode(errors="replace")
    if status >= 400:
        raise FhirHttpError(status, diagnostics_of(data))
    return data if isinstance(data, dict) else {}

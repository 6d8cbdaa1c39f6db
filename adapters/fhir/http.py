"""A thin httpx helper for what fhirpy cannot send: conditional writes and Bundles.

fhirpy has no public If-Match / If-None-Exist support, reports a 412 as
MultipleResourcesFound, and its get_or_create()/patch() send requests standard servers
reject; so version-checked updates, conditional creates and transaction/batch Bundles
go through here, as plain FHIR REST.
"""

from __future__ import annotations

from typing import Any

import httpx

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
    """Raw FHIR REST over one pooled httpx client. Raises FhirHttpError on non-2xx answers."""

    def __init__(self, base_url: str, timeout: float = 10.0, headers: dict[str, str] | None = None):
        self.base_url = base_url.rstrip("/")
        self._client = httpx.AsyncClient(
            timeout=timeout,
            headers={"Accept": FHIR_JSON, "Content-Type": FHIR_JSON, **(headers or {})},
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    async def _send(self, method: str, path: str, body: Json | None = None, **headers: str) -> Json:
        url = f"{self.base_url}/{path}" if path else self.base_url
        response = await self._client.request(method, url, json=body, headers=headers)
        data: Any = None
        if response.content:
            try:
                data = response.json()
            except ValueError:
                data = response.text
        if response.status_code >= 400:
            raise FhirHttpError(response.status_code, diagnostics_of(data))
        return data if isinstance(data, dict) else {}

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
        headers = {"Prefer": "return=representation", "If-None-Exist": if_none_exist}
        response = await self._client.post(url, json=resource, headers=headers)
        data: Any = response.json() if response.content else {}
        if response.status_code >= 400:
            raise FhirHttpError(response.status_code, diagnostics_of(data))
        return (data if isinstance(data, dict) else {}), response.status_code == 201

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

"""One connection to a practice's FHIR server, over FhirHttp's pooled HTTP client."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from adapters.fhir.errors import translated
from adapters.fhir.http import FhirHttp, Json
from domain.errors import NotFound
from domain.phones import DEFAULT_REGION

log = logging.getLogger(__name__)

SearchParams = Mapping[str, str | Sequence[str]]

#: Page size asked of the server; it may answer with smaller pages, which we follow.
PAGE_SIZE = 500
#: Stop following `next` links after this many pages: a guard against a server looping. At
#: 500 a page that is 1,000,000 resources (a large practice's booked appointments within
#: the reminder horizon are a few hundred thousand at most); a search stopped by it says so
#: in the log.
MAX_PAGES = 2000


class FhirConnection:
    """The adapters' shared access to one FHIR R4 server. Close it with `aclose()`.

    Creating it opens nothing; the first request connects.
    """

    def __init__(
        self,
        base_url: str,
        timeout: float = 10.0,
        authorization: str | None = None,
        phone_region: str = DEFAULT_REGION,
    ):
        self.base_url = base_url.rstrip("/")
        #: The country of numbers the server holds without a country code (the practice's).
        self.phone_region = phone_region
        headers = {"Authorization": authorization} if authorization else {}
        self.http = FhirHttp(self.base_url, timeout=timeout, headers=headers)

    async def aclose(self) -> None:
        await self.http.aclose()

    async def read(self, resource_type: str, resource_id: str) -> Json:
        """GET [base]/Type/id as a plain dict; NotFound when absent."""
        if not resource_id or "/" in resource_id:
            raise NotFound(f"{resource_type}/{resource_id!r} is not a resource id")
        async with translated(f"read {resource_type}/{resource_id}"):
            return await self.http.get(f"{resource_type}/{resource_id}")

    async def search(self, resource_type: str, params: SearchParams) -> list[Json]:
        """Every matching resource of `resource_type` (all pages; included resources too).

        Servers may ignore parameters they do not support, so callers re-check what
        matters on the results rather than trusting the server's filtering.
        """
        query: dict[str, Any] = {
            k: (v if isinstance(v, str) else list(v)) for k, v in params.items()
        }
        query.setdefault("_count", str(PAGE_SIZE))
        found: list[Json] = []
        async with translated(f"search {resource_type}"):
            bundle = await self.http.get(resource_type, query)
            for _ in range(MAX_PAGES):
                found += [e["resource"] for e in bundle.get("entry") or [] if "resource" in e]
                next_url = next(
                    (
                        link["url"]
                        for link in bundle.get("link") or []
                        if link.get("relation") == "next"
                    ),
                    None,
                )
                if not next_url:
                    break
                bundle = await self.http.get(next_url)
            else:
                log.warning(
                    "search %s stopped after %d pages (%d resources)",
                    resource_type,
                    MAX_PAGES,
                    len(found),
                )
        return found

    async def first_page(self, resource_type: str, params: SearchParams) -> list[Json]:
        """The resources of the first page only (with `_sort` and `_count`: the top N)."""
        query: dict[str, Any] = {
            k: (v if isinstance(v, str) else list(v)) for k, v in params.items()
        }
        async with translated(f"search {resource_type}"):
            bundle: Any = await self.http.get(resource_type, query)
        return [
            e["resource"]
            for e in bundle.get("entry") or []
            if isinstance(e.get("resource"), Mapping)
            and e["resource"].get("resourceType") == resource_type
        ]

    async def count(self, resource_type: str, params: SearchParams) -> int:
        """How many resources match (the server's Bundle.total with _summary=count)."""
        query: dict[str, Any] = {**params, "_summary": "count"}
        async with translated(f"count {resource_type}"):
            bundle = await self.http.get(resource_type, query)
        return int(bundle.get("total") or 0)

    async def search_one_type(self, resource_type: str, params: SearchParams) -> list[Json]:
        """Like `search`, keeping only resources of `resource_type` (no _include extras, no outcomes)."""
        return [
            r
            for r in await self.search(resource_type, params)
            if r.get("resourceType") == resource_type
        ]

"""Posting the project's FHIR seed Bundles (data/fhir/*.json) idempotently.

Every entry is a conditional create (`ifNoneExist: identifier=...`), so seeding twice
changes nothing. Two things are done client-side so that any R4 server works:

- references written as conditional references ("Patient?identifier=sys|val") are
  replaced by the literal id once an earlier Bundle created or matched that resource;
- a resource type whose `identifier` search the server does not advertise in its
  CapabilityStatement (sekmet 0.1.1 lacks it for Questionnaire) is looked up by us and
  created plainly, because the server would refuse (or worse, ignore) the condition.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from adapters.fhir.connection import FhirConnection
from adapters.fhir.http import Json, entry_status

_NOW = re.compile(r"^\{now(?:([+-]\d+)([dhm]))?\}$")
_UNITS = {"d": "days", "h": "hours", "m": "minutes"}


def load_bundle(path: Path, now: dt.datetime) -> Json:
    """A seed Bundle with its "{now}", "{now-6d}", "{now+2h}" placeholders filled in from `now`."""
    bundle: Json = _fill(json.loads(path.read_text(encoding="utf-8")), now)
    return bundle


def _fill(node: Any, now: dt.datetime) -> Any:
    if isinstance(node, dict):
        return {k: _fill(v, now) for k, v in node.items()}
    if isinstance(node, list):
        return [_fill(v, now) for v in node]
    if isinstance(node, str) and (m := _NOW.match(node)):
        shift = (
            dt.timedelta(**{_UNITS[m.group(2)]: int(m.group(1))}) if m.group(1) else dt.timedelta()
        )
        return (now + shift).isoformat(timespec="seconds")
    return node


def _rewrite_refs(node: Any, ids: dict[str, str]) -> None:
    if isinstance(node, dict):
        if isinstance(node.get("reference"), str) and node["reference"] in ids:
            node["reference"] = ids[node["reference"]]
        for v in node.values():
            _rewrite_refs(v, ids)
    elif isinstance(node, list):
        for v in node:
            _rewrite_refs(v, ids)


def identifier_searchable(capabilities: Json) -> set[str]:
    """Resource types whose `identifier` search parameter the server advertises."""
    return {
        r["type"]
        for rest in capabilities.get("rest") or []
        for r in rest.get("resource") or []
        if any(p.get("name") == "identifier" for p in r.get("searchParam") or [])
    }


class BundleSeeder:
    """Posts seed Bundles, remembering "Type?identifier=..." -> "Type/id" across them."""

    def __init__(self, conn: FhirConnection, searchable: set[str]):
        self.conn = conn
        self.searchable = searchable
        self.ids: dict[str, str] = {}
        self.created: Counter[str] = Counter()
        self.existing: Counter[str] = Counter()

    def id_of(self, resource_type: str, identifier: str) -> str:
        """The server id of a seeded resource, by its identifier token "system|value"."""
        return self.ids[f"{resource_type}?identifier={identifier}"].split("/", 1)[1]

    async def post(self, entries: Iterable[Json], chunk: int = 500) -> None:
        """Conditionally create every entry, in transactions of at most `chunk` entries."""
        entries = list(entries)
        _rewrite_refs(entries, self.ids)
        local = [e for e in entries if e["resource"]["resourceType"] not in self.searchable]
        urns: dict[str, str] = {}
        for e in local:
            urns[e.get("fullUrl", "")] = await self._ensure_client_side(e)
        remote = [e for e in entries if all(e is not x for x in local)]
        _rewrite_refs(remote, urns)
        for start in range(0, len(remote), chunk):
            part = remote[start : start + chunk]
            answers = await self.conn.http.bundle("transaction", part)
            for entry, answer in zip(part, answers, strict=True):
                rtype = entry["resource"]["resourceType"]
                location = str(answer["response"].get("location", ""))
                rid = location.split(f"{rtype}/", 1)[1].split("/")[0]
                self._remember(entry, f"{rtype}/{rid}", created=entry_status(answer) == 201)

    def _remember(self, entry: Json, literal: str, created: bool) -> None:
        rtype = literal.split("/", 1)[0]
        condition = entry["request"].get("ifNoneExist", "")
        if condition:
            self.ids[f"{rtype}?{condition}"] = literal
        (self.created if created else self.existing)[rtype] += 1

    async def _ensure_client_side(self, entry: Json) -> str:
        resource = entry["resource"]
        rtype = resource["resourceType"]
        system, _, value = (
            entry["request"]["ifNoneExist"].removeprefix("identifier=").partition("|")
        )
        # Unadvertised parameters may be ignored by the server, so every candidate is checked here.
        for candidate in await self.conn.search_one_type(
            rtype, {"identifier": f"{system}|{value}"}
        ):
            if any(
                i.get("system") == system and i.get("value") == value
                for i in candidate.get("identifier") or []
            ):
                literal = f"{rtype}/{candidate['id']}"
                self._remember(entry, literal, created=False)
                return literal
        made = await self.conn.http.create(resource)
        literal = f"{rtype}/{made['id']}"
        self._remember(entry, literal, created=True)
        return literal

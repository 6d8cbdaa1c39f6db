"""Posting the project's FHIR seed Bundles (data/fhir/*.json) idempotently.

Every entry is a conditional create (`ifNoneExist: identifier=...`), so seeding twice
changes nothing. Two things are done client-side so that any R4 server works:

- references written as conditional references ("Patient?identifier=sys|val") are
  replaced by the literal id once an earlier Bundle created or matched that resource;
- a resource type whose `identifier` search the server does not advertise in its
  CapabilityStatement (sekmet 0.1.1 lacks it for Questionnaire) is looked up by us and
  created plainly, because the server would refuse (or worse, ignore) the condition;
- a server that refuses a transaction of many conditional creates (Medplum: more than 8) is
  sent batch Bundles instead, a `urn:uuid:` reference to another entry made literal here.
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
from adapters.fhir.errors import FhirHttpError, diagnostics_of
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


def _references(node: Any) -> set[str]:
    """Every `reference` value in a resource."""
    if isinstance(node, dict):
        found = {node["reference"]} if isinstance(node.get("reference"), str) else set()
        return found.union(*(_references(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_references(v) for v in node))
    return set()


def _literal(resource_type: str, answer: Json) -> str:
    """The "Type/id" of a Bundle entry's answer: its Location, else the resource returned."""
    location = str((answer.get("response") or {}).get("location") or "")
    if f"{resource_type}/" in location:
        return f"{resource_type}/" + location.split(f"{resource_type}/", 1)[1].split("/")[0]
    return f"{resource_type}/{(answer.get('resource') or {})['id']}"


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
        #: False once the server refused a transaction: batches from then on.
        self.transactions = True

    def id_of(self, resource_type: str, identifier: str) -> str:
        """The server id of a seeded resource, by its identifier token "system|value"."""
        return self.ids[f"{resource_type}?identifier={identifier}"].split("/", 1)[1]

    async def post(self, entries: Iterable[Json], chunk: int = 500) -> None:
        """Conditionally create every entry, in transactions of at most `chunk` entries.

        A server that refuses such a transaction (Medplum allows at most 8 conditional
        creates in one, docs/fhir-servers.md) gets batches from then on: seeding needs no
        atomicity, since every entry is conditional."""
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
            if self.transactions:
                try:
                    answers = await self.conn.http.bundle("transaction", part)
                except FhirHttpError as e:
                    if e.status != 400:
                        raise
                    self.transactions = False
                else:
                    for entry, answer in zip(part, answers, strict=True):
                        literal = _literal(entry["resource"]["resourceType"], answer)
                        self._remember(entry, literal, created=entry_status(answer) == 201)
                    continue
            await self._post_batches(part, urns)

    async def _post_batches(self, entries: list[Json], urns: dict[str, str]) -> None:
        """Conditionally create the entries in batch Bundles. An entry that points at another
        by its `urn:uuid:` fullUrl goes in a later batch, with the reference made literal
        here, as the server would have done in a transaction."""
        pending = entries
        while pending:
            _rewrite_refs(pending, urns)
            waiting = {str(e["fullUrl"]) for e in pending if e.get("fullUrl")}
            ready = [e for e in pending if not _references(e["resource"]) & waiting]
            if not ready:
                raise ValueError("seed entries refer to each other in a cycle")
            answers = await self.conn.http.bundle("batch", ready)
            for entry, answer in zip(ready, answers, strict=True):
                status = entry_status(answer)
                if not 200 <= status < 300:
                    outcome = (answer.get("response") or {}).get("outcome")
                    raise FhirHttpError(status, diagnostics_of(outcome))
                literal = _literal(entry["resource"]["resourceType"], answer)
                self._remember(entry, literal, created=status == 201)
                if entry.get("fullUrl"):
                    urns[str(entry["fullUrl"])] = literal
            sent = {id(e) for e in ready}
            pending = [e for e in pending if id(e) not in sent]

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

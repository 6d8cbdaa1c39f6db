"""FHIR and HTTP failures translated into domain errors, in one place.

No aiohttp exception leaves adapters/fhir: every call to the server
runs inside `translated()`, which maps transport failures and 5xx to
RecordSystemUnavailable and 404/410 to NotFound. Version conflicts (409/412) are
mapped by the caller, because what they mean depends on the write (a lost slot
race is SlotUnavailable, a changed appointment is Conflict).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import aiohttp

from domain.errors import DomainError, NotFound, RecordSystemUnavailable


class FhirRequestRejected(DomainError):
    """The FHIR server refused a request as invalid (a 4xx other than 404/409/412).

    This is a bug or a misconfiguration (an unsupported resource, a failed validation),
    not a condition to retry; the message carries the server's diagnostics.
    """


class FhirHttpError(Exception):
    """A non-2xx answer of the FHIR server, raised by FhirHttp and translated before it leaves."""

    def __init__(self, status: int, diagnostics: str) -> None:
        super().__init__(f"HTTP {status}: {diagnostics}")
        self.status = status
        self.diagnostics = diagnostics


def diagnostics_of(body: Any) -> str:
    """The diagnostics of an OperationOutcome body, or a short excerpt of anything else."""
    if isinstance(body, dict) and body.get("resourceType") == "OperationOutcome":
        # Servers put the message in `diagnostics` (sekmet, HAPI) or `details.text` (Medplum).
        parts = [
            str(i.get("diagnostics") or (i.get("details") or {}).get("text") or i.get("code") or "")
            for i in body.get("issue", [])
        ]
        return "; ".join(p for p in parts if p)[:500]
    return str(body)[:200]


def for_status(status: int, what: str, diagnostics: str) -> DomainError:
    """The domain error for an HTTP status that the caller has no special meaning for."""
    if status in (404, 410):
        return NotFound(f"{what}: not found on the FHIR server ({diagnostics})")
    if status >= 500 or status in (408, 429):
        return RecordSystemUnavailable(f"{what}: FHIR server answered {status} ({diagnostics})")
    return FhirRequestRejected(
        f"{what}: FHIR server refused the request with {status} ({diagnostics})"
    )


@asynccontextmanager
async def translated(what: str) -> AsyncIterator[None]:
    """Run FHIR calls, turning any failure into a domain error whose message names `what`."""
    try:
        yield
    except DomainError:
        raise
    except FhirHttpError as e:
        raise for_status(e.status, what, e.diagnostics) from e
    except (TimeoutError, aiohttp.ClientError, OSError) as e:
        raise RecordSystemUnavailable(
            f"{what}: FHIR server unreachable ({type(e).__name__})"
        ) from e

"""Details: the patient's contact details and insurance. The service is domain/identity.py's Identity."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DetailChange:
    """New contact details; None leaves a detail as it is."""

    phone: str | None = None
    email: str | None = None
    address: str | None = None
    language: str | None = None  # BCP-47, e.g. "es"
    insurer: str | None = None
    member_id: str | None = None

    def fields(self) -> tuple[str, ...]:
        return tuple(k for k, v in vars(self).items() if v is not None)


@dataclass(frozen=True)
class UpdateDetails:
    patient_id: str
    change: DetailChange


@dataclass(frozen=True)
class DetailsUpdated:
    patient_id: str
    fields: tuple[str, ...]

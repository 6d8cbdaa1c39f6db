"""Domain errors. Adapters translate their own failures into these."""


class DomainError(Exception):
    """Base of every error the domain raises or adapters translate into."""


class RecordSystemUnavailable(DomainError):
    """The practice's record system (FHIR server) cannot be reached or answered 5xx.

    Nothing was changed; the caller keeps the message and tries again later.
    """


class SlotUnavailable(DomainError):
    """The slot was taken by someone else (a lost version-checked write) or no longer exists."""


class NotFound(DomainError):
    """A resource the domain asked for does not exist."""


class Conflict(DomainError):
    """The record system refused a write because the record changed meanwhile."""

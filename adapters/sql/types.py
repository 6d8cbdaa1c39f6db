"""Column types shared by the models and the migrations.

Timestamps are timezone-aware everywhere: PostgreSQL keeps `timestamptz`;
SQLite has no time zones, so instants are stored as UTC and read back as
aware UTC datetimes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, BigInteger, DateTime, Integer
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

#: JSON documents: JSONB on PostgreSQL, JSON text elsewhere.
JsonDoc: TypeEngine[Any] = JSON().with_variant(JSONB(), "postgresql")

#: Surrogate integer keys: BIGINT on PostgreSQL, INTEGER (the rowid alias) on SQLite.
BigId: TypeEngine[int] = BigInteger().with_variant(Integer(), "sqlite")


class UtcDateTime(TypeDecorator[dt.datetime]):
    """An aware datetime; naive values are refused rather than guessed."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value.isoformat()} given; pass a timezone-aware one")
        utc = value.astimezone(dt.UTC)
        # SQLite's DATETIME keeps wall-clock digits only: store them in UTC.
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)

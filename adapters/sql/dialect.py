"""What differs between PostgreSQL and SQLite, in one place."""

from __future__ import annotations

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

Upsert = postgresql.Insert | sqlite.Insert


def upsert(conn: AsyncConnection, table: Table) -> Upsert:
    """An INSERT that accepts ON CONFLICT clauses (both dialects share the syntax)."""
    return dialect_upsert(conn.dialect.name, table)


def dialect_upsert(dialect: str, table: Table) -> Upsert:
    """`upsert` by the dialect's name, for statements built once per dialect."""
    if dialect == "postgresql":
        return postgresql.insert(table)
    if dialect == "sqlite":
        return sqlite.insert(table)
    raise NotImplementedError(f"SQL storage supports PostgreSQL and SQLite, not {dialect}")

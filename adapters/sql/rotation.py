"""Key rotation of message bodies at rest, while the assistant keeps running.

Rows sealed with an older key (or plaintext from before encryption) are re-sealed with
the keyring's primary key, in small batches; each row is updated only if it still holds
what was read (a concurrent purge or write wins), so nothing is ever overwritten stale.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import and_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.crypto import Keyring, Sealed
from adapters.sql.models import InboundMessageRow, OutboxRow, table_of

_inbound = table_of(InboundMessageRow)
_outbox = table_of(OutboxRow)


async def rotate_keys(engine: AsyncEngine, keyring: Keyring, batch: int = 500) -> int:
    """Re-seal every body not under the primary key; returns how many rows changed."""
    changed = 0
    for table, column, key_column in (
        (_inbound, "body", "body_key"),
        (_outbox, "payload", "payload_key"),
    ):
        while True:
            done = await _rotate_batch(engine, keyring, table, column, key_column, batch)
            changed += done
            if done < batch:
                break
    return changed


def _stale(table: Any, column: str, key_column: str, primary: str) -> Any:
    value, key = table.c[column], table.c[key_column]
    unsealed = and_(key.is_(None), table.c.purged_at.is_(None), value.is_not(None))
    return or_(and_(key.is_not(None), key != primary), unsealed)


async def _rotate_batch(
    engine: AsyncEngine, keyring: Keyring, table: Any, column: str, key_column: str, batch: int
) -> int:
    stmt = (
        select(table.c.id, table.c[column], table.c[key_column])
        .where(_stale(table, column, key_column, keyring.primary_id))
        .limit(batch)
    )
    changed = 0
    async with engine.begin() as conn:
        for row_id, value, key_id in (
            await conn.execute(stmt.with_for_update(skip_locked=True))
        ).all():
            plain = _open(keyring, row_id, value, key_id, column == "payload")
            sealed = keyring.seal(plain, row_id)
            new_value: Any = {"sealed": sealed.token} if column == "payload" else sealed.token
            guard = (
                table.c[key_column].is_(None) if key_id is None else table.c[key_column] == key_id
            )
            result = await conn.execute(
                update(table)
                .where(table.c.id == row_id, guard)
                .values({column: new_value, key_column: sealed.key_id})
            )
            changed += result.rowcount
    return changed


def _open(keyring: Keyring, row_id: str, value: Any, key_id: str | None, is_payload: bool) -> str:
    if key_id is None:  # plaintext from before encryption
        return json.dumps(value, sort_keys=True) if is_payload else str(value)
    token = value["sealed"] if is_payload else value
    return keyring.open(Sealed(key_id, token), row_id)

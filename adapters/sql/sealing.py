"""Message bodies sealed on the way into the database and opened on the way out.

Only the storage layer sees ciphertext: ports hand plain records in and get plain
records back. An inbound body is stored in `body` with its key id in `body_key`; an
outbound payload (text, choices, links) as `{"sealed": ...}` with `payload_key`. A NULL
key id means the column holds plaintext written before encryption was introduced
(`rotate-keys` seals it) or that the body was purged.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Row

from adapters.crypto import Keyring, Sealed
from adapters.sql.records import to_values
from bot.ports import InboundRecord, OutboxRecord

#: Columns of the tables that are not fields of the port records.
_STORAGE_ONLY = ("body_key", "payload_key", "purged_at")
#: The outbox's place-in-stream number stays in storage (adapters/sql/outbox.py).
_OUTBOX_ONLY = (*_STORAGE_ONLY, "seq")


class Sealing:
    """Seals with `keyring`; without one (tests of storage internals only) stores plaintext."""

    def __init__(self, keyring: Keyring | None = None) -> None:
        self.keyring = keyring

    def inbound_values(self, record: InboundRecord) -> dict[str, Any]:
        values = to_values(record)
        values["body_key"] = None
        if self.keyring is not None and record.body is not None:
            sealed = self.keyring.seal(record.body, record.id)
            values["body"], values["body_key"] = sealed.token, sealed.key_id
        return values

    def inbound_record(self, row: Row[Any]) -> InboundRecord:
        values = dict(row._mapping)
        key_id = values.get("body_key")
        if key_id is not None and values["body"] is not None:
            values["body"] = self._keyring().open(Sealed(key_id, values["body"]), values["id"])
        return InboundRecord(**_fields_only(values))

    def outbox_values(self, record: OutboxRecord) -> dict[str, Any]:
        values = to_values(record)
        values["payload_key"] = None
        if self.keyring is not None:
            sealed = self.keyring.seal(json.dumps(record.payload, sort_keys=True), record.id)
            values["payload"], values["payload_key"] = {"sealed": sealed.token}, sealed.key_id
        return values

    def outbox_record(self, row: Row[Any]) -> OutboxRecord:
        values = dict(row._mapping)
        key_id = values.get("payload_key")
        if key_id is not None:
            opened = self._keyring().open(Sealed(key_id, values["payload"]["sealed"]), values["id"])
            values["payload"] = json.loads(opened)
        return OutboxRecord(**_fields_only(values, _OUTBOX_ONLY))

    def _keyring(self) -> Keyring:
        if self.keyring is None:
            raise RuntimeError(
                "encrypted message bodies need a keyring: build SqlStorage(url, keyring=...)"
            )
        return self.keyring


def _fields_only(
    values: dict[str, Any], storage_only: tuple[str, ...] = _STORAGE_ONLY
) -> dict[str, Any]:
    return {k: v for k, v in values.items() if k not in storage_only}

"""The deployment's configured practices, kept in the `practices` table.

`save` writes practices as `practices load FILE` read them: the row, its channels, and the
addresses it owns in `practice_addresses` (whose primary key lets one practice only own an
address). The Telegram bot's token and webhook secret are sealed with the message keyring
(adapters/crypto.py), bound to the practice and the field, so a copied value does not open
elsewhere. `all` reads them back, opened. Settings a practice keeps for other parts (reminder
settings, retention: `practices.settings`) are kept when it is loaded again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.crypto import Keyring, Sealed
from adapters.sql.models import PracticeAddressRow, PracticeRow, table_of
from bot.practice_config import PracticeConfig

_practices = table_of(PracticeRow)
_addresses = table_of(PracticeAddressRow)
#: Keys of `practices.settings` that `save` owns; the others belong to other settings.
_CONFIG_KEYS = ("quiet_hours", "response_targets", "languages")


class AddressTaken(ValueError):
    """An address is already another practice's."""


class SqlPracticeDirectory:
    def __init__(self, engine: AsyncEngine, keyring: Keyring) -> None:
        self._engine, self._keyring = engine, keyring

    async def save(self, practices: Sequence[PracticeConfig]) -> None:
        """Insert or replace each practice, all in one transaction (none if one is refused)."""
        async with self._engine.begin() as conn:
            for practice in practices:
                current = (
                    await conn.execute(
                        select(_practices.c.settings).where(_practices.c.id == practice.id)
                    )
                ).scalar_one_or_none()
                settings = {
                    **{k: v for k, v in (current or {}).items() if k not in _CONFIG_KEYS},
                    "quiet_hours": practice.quiet_hours.model_dump(mode="json"),
                    "response_targets": practice.response_targets.model_dump(mode="json"),
                    "languages": list(practice.languages),
                }
                values = {
                    "name": practice.name,
                    "timezone": practice.time_zone,
                    "locale": practice.locale,
                    "settings": settings,
                    "fhir_base_url": practice.fhir_base_url,
                    "channels": self._sealed_channels(practice),
                }
                if current is None:
                    await conn.execute(_practices.insert().values(id=practice.id, **values))
                else:
                    await conn.execute(
                        _practices.update().where(_practices.c.id == practice.id).values(**values)
                    )
                await conn.execute(
                    delete(_addresses).where(_addresses.c.practice_id == practice.id)
                )
                for channel, address in practice.addresses():
                    owner = (
                        await conn.execute(
                            select(_addresses.c.practice_id).where(
                                _addresses.c.channel == channel, _addresses.c.address == address
                            )
                        )
                    ).scalar_one_or_none()
                    if owner is not None:
                        raise AddressTaken(
                            f"{channel} number {address} already belongs to practice {owner!r}"
                        )
                    await conn.execute(
                        _addresses.insert().values(
                            channel=channel, address=address, practice_id=practice.id
                        )
                    )

    async def all(self) -> list[PracticeConfig]:
        """Every configured practice (those loaded from a file), by id; [] when none is."""
        stmt = (
            select(_practices)
            .where(_practices.c.fhir_base_url.is_not(None))
            .order_by(_practices.c.id)
        )
        async with self._engine.connect() as conn:
            rows = (await conn.execute(stmt)).mappings().all()
        return [self._config(dict(row)) for row in rows]

    def _sealed_channels(self, practice: PracticeConfig) -> dict[str, Any]:
        channels = practice.channels.model_dump(mode="json", exclude={"telegram"})
        bot = practice.channels.telegram
        if bot is not None:
            channels["telegram"] = {
                field: self._seal(practice.id, field, getattr(bot, field))
                for field in ("bot_token", "webhook_secret")
            }
        return channels

    def _config(self, row: dict[str, Any]) -> PracticeConfig:
        channels = dict(row["channels"] or {})
        if channels.get("telegram"):
            channels["telegram"] = {
                field: self._open(row["id"], field, sealed)
                for field, sealed in channels["telegram"].items()
            }
        settings = row["settings"] or {}
        return PracticeConfig.model_validate(
            {
                "id": row["id"],
                "name": row["name"],
                "fhir_base_url": row["fhir_base_url"],
                "time_zone": row["timezone"],
                "locale": row["locale"],
                "channels": channels,
                **{k: settings[k] for k in _CONFIG_KEYS if k in settings},
            }
        )

    def _seal(self, practice_id: str, field: str, value: str) -> dict[str, str]:
        sealed = self._keyring.seal(value, f"practice:{practice_id}:{field}")
        return {"key": sealed.key_id, "sealed": sealed.token}

    def _open(self, practice_id: str, field: str, stored: dict[str, str]) -> str:
        return self._keyring.open(
            Sealed(stored["key"], stored["sealed"]), f"practice:{practice_id}:{field}"
        )

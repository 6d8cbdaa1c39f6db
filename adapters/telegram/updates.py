"""Telegram updates to `Inbound` messages (webhook and polling alike).

A text message is the patient's words; a pressed inline button ("choice:2") counts as the
patient typing "2", the same numbers SMS uses. Media without a caption is a media-only
message. Other updates (edits, joins) are not messages to the assistant.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from bot.messages import Inbound, checked_id

if TYPE_CHECKING:
    # Imported when an update is read: aiogram's types cost seconds of CPU to import, and the
    # API imports this module (its Telegram webhook) whether or not Telegram is configured.
    # A deployment with Telegram has imported them at start-up already (its bot, channels.py).
    from aiogram.types import Update

_MEDIA = (
    "photo",
    "document",
    "voice",
    "audio",
    "video",
    "video_note",
    "sticker",
    "animation",
    "contact",
    "location",
)


def inbound_of_update(raw: dict[str, Any], practice_id: str, now: dt.datetime) -> Inbound | None:
    """The message a raw (webhook) update carries, or None. Raises pydantic's ValidationError."""
    from aiogram.types import Update

    return inbound_of(Update.model_validate(raw), practice_id, now)


def inbound_of(update: Update, practice_id: str, now: dt.datetime) -> Inbound | None:
    """The message an update carries, or None if it is not a message to the assistant.
    Raises ValueError for ids no Telegram update has (numbers of over a hundred digits)."""
    if update.message is not None:
        msg = update.message
        media = sum(1 for name in _MEDIA if getattr(msg, name, None))
        text = msg.text or msg.caption
        address = msg.chat.id
    elif update.callback_query is not None and update.callback_query.message is not None:
        data = update.callback_query.data or ""
        text = data.removeprefix("choice:") if data.startswith("choice:") else None
        if text is None:
            return None
        media, address = 0, update.callback_query.message.chat.id
    else:
        return None
    return Inbound(
        practice_id=practice_id,
        channel="telegram",
        address=checked_id(str(address), "chat id"),
        text=text,
        provider_message_id=checked_id(str(update.update_id), "update_id"),
        received_at=now,
        media_count=media,
    )

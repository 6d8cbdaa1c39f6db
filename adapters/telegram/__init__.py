"""Telegram through aiogram: the real `Bot` outbound, webhook or long polling inbound."""

"""Which practice a received message belongs to: the owner of the address it was sent to,
or none — never a default picked by guess (the serve tests drive the same through webhooks)."""

from __future__ import annotations

from typing import cast

import pytest

from bot.practice_config import Channels, PracticeConfig, TelegramBot
from patient_assistant.bootstrap import Runtime
from patient_assistant.deployment import Deployment

RIVERSIDE_RT, THAMESIDE_RT = cast(Runtime, object()), cast(Runtime, object())


def deployment() -> Deployment:
    riverside = PracticeConfig(
        id="riverside",
        name="Riverside Family Clinic",
        fhir_base_url="http://127.0.0.1:1/fhir",
        channels=Channels(sms=("+16175550100",), whatsapp=("+16175550101",), web_chat=True),
    )
    thameside = PracticeConfig(
        id="thameside",
        name="Thameside Physiotherapy",
        fhir_base_url="http://127.0.0.1:2/fhir",
        time_zone="Europe/London",
        locale="en-GB",
        channels=Channels(
            sms=("+442079460100",),
            telegram=TelegramBot(
                bot_token="123456:thameside-bot-token-abcdef", webhook_secret="thameside-secret"
            ),
        ),
    )
    return Deployment.of([(riverside, RIVERSIDE_RT), (thameside, THAMESIDE_RT)])


def test_the_number_written_to_picks_the_practice() -> None:
    d = deployment()
    assert d.by_address("sms", "+16175550100") is RIVERSIDE_RT
    assert d.by_address("sms", "+442079460100") is THAMESIDE_RT
    assert d.by_address("whatsapp", "whatsapp:+16175550101") is RIVERSIDE_RT
    # Riverside's WhatsApp sender is not its SMS number, nor the other way round.
    assert d.by_address("sms", "+16175550101") is None
    assert d.by_address("whatsapp", "whatsapp:+16175550100") is None


def test_an_address_nobody_owns_is_refused_and_logged_without_the_sender(
    caplog: pytest.LogCaptureFixture,
) -> None:
    assert deployment().by_address("sms", "+15005550199") is None
    assert "+15005550199" in caplog.text and "refused" in caplog.text


def test_telegram_by_its_bots_secret_and_web_chat_by_practice() -> None:
    d = deployment()
    assert d.by_telegram_secret("thameside-secret") is THAMESIDE_RT
    assert d.by_telegram_secret("riverside-secret") is None
    assert d.for_web_chat(None) is RIVERSIDE_RT  # the first practice's, which has one
    assert d.for_web_chat("thameside") is None  # Thameside has no web chat configured
    assert d.for_web_chat("elsewhere") is None

"""Phone numbers are read in the practice's country (its locale's region), by one helper that
the record system's numbers, the console's --phone and the patient's answers all go through."""

from __future__ import annotations

import dataclasses

import pytest

from dialogs import fields
from dialogs.context import Catalogue, Texts, TurnContext
from domain.phones import PHONE_CHANNELS, region_of, to_e164
from nlu.types import Parse
from patient_assistant.chat import normalise_phone
from tests import fakes
from tests.dialogs.driver import NOW


@pytest.mark.parametrize(
    ("locale", "region"),
    [("en-US", "US"), ("en-GB", "GB"), ("en_AU", "AU"), ("en-IE", "IE"), ("en", "US")],
)
def test_the_region_is_the_locales_country(locale: str, region: str) -> None:
    assert region_of(locale) == region


@pytest.mark.parametrize(
    ("written", "region", "e164"),
    [
        ("(617) 555-0134", "US", "+16175550134"),
        ("tel:+1 617 555 0134", "GB", "+16175550134"),  # a country code wins over the region
        ("07700 900123", "GB", "+447700900123"),
        ("0412 345 678", "AU", "+61412345678"),
        ("555 0134", "US", None),  # dialable only inside its area: not a number to text
        ("not a number", "US", None),
    ],
)
def test_numbers_without_a_country_code_are_the_practices_country(
    written: str, region: str, e164: str | None
) -> None:
    assert to_e164(written, region) == e164


def context(locale: str, channel: str = "sms", address: str = "+447700900001") -> TurnContext:
    practice = dataclasses.replace(fakes.PRACTICE, locale=locale)
    catalogue = Catalogue(practice, fakes.SERVICES, fakes.PRACTITIONERS, fakes.LOCATIONS)
    return TurnContext(
        catalogue=catalogue, flows={}, texts=Texts({}), now=NOW, channel=channel, address=address
    )


@pytest.mark.parametrize(
    ("locale", "answer", "expected"),
    [
        ("en-GB", "07700 900123", ("+447700900123", None)),
        ("en-AU", "0412 345 678", ("+61412345678", None)),
        ("en-US", "617 555 0134", ("+16175550134", None)),
        ("en-GB", "+1 617 555 0134", ("+16175550134", None)),
        ("en-US", "call me maybe", (None, "phone")),
    ],
)
def test_a_patient_gives_a_number_as_people_write_them_in_their_country(
    locale: str, answer: str, expected: tuple[str | None, str | None]
) -> None:
    assert (
        fields.read("phone", Parse(text=answer, intent="inform", confidence=1.0), context(locale))
        == expected
    )


@pytest.mark.parametrize("channel", sorted(PHONE_CHANNELS))
def test_this_same_number_is_the_conversations_number_on_every_phone_channel(channel: str) -> None:
    ctx = context("en-GB", channel=channel, address="+447700900001")
    assert fields.read(
        "phone", Parse(text="this number", intent="inform", confidence=1.0), ctx
    ) == ("+447700900001", None)


def test_the_web_chat_is_a_phone_channel_and_telegram_is_not() -> None:
    assert "web" in PHONE_CHANNELS and "telegram" not in PHONE_CHANNELS


def test_the_consoles_phone_is_read_in_the_practices_country() -> None:
    assert normalise_phone("07700 900123", "en-GB") == "+447700900123"
    assert normalise_phone("(617) 555-0134", "en-US") == "+16175550134"
    with pytest.raises(SystemExit):
        normalise_phone("555 0134", "en-US")

"""Round nine: "the physio" after a verb that handles a booked visit ("cancel the physio on Friday")
is the visit, a service; after "see" or "with" it stays the clinician. Sentences written fresh, never
from an evaluation set; through the real NLU with the practice's own service words."""

from __future__ import annotations

import pytest

from nlu import NLU
from tests.nlu.conftest import NOW, TZ


def spans(nlu: NLU, text: str, entity: str) -> list[str]:
    return [e.text for e in nlu.parse(text, now=NOW, tz=TZ).all(entity)]


@pytest.mark.parametrize(
    "text",
    [
        "need to cancel the physio on friday, my knee is better",
        "could we move the physio to next week",
        "I have to skip the physio tomorrow",
    ],
)
def test_the_physio_handled_as_a_visit_is_a_service(nlu_model: NLU, text: str) -> None:
    assert spans(nlu_model, text, "service") == ["physio"]
    assert not spans(nlu_model, text, "practitioner")


def test_seeing_the_physio_is_still_the_clinician(nlu_model: NLU) -> None:
    text = "can I see the physio on friday about my shoulder"
    assert spans(nlu_model, text, "practitioner") == ["the physio"]

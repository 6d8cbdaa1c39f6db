"""What every `nlu parse` output must be, whatever the input (docs/nlu-contract.md)."""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

from nlu.contract import ENTITIES, GRAINS, INTENTS


def check_contract(out: dict[str, Any], text: str) -> None:
    """Raise AssertionError naming the first way `out` breaks the contract for `text`."""
    json.dumps(out, ensure_ascii=False, allow_nan=False)  # plain JSON, no NaN
    assert out["text"] == text
    assert out["intent"] in INTENTS, out["intent"]
    confidence = out["confidence"]
    assert isinstance(confidence, float | int) and 0.0 <= confidence <= 1.0
    assert not math.isnan(confidence)
    ranking = out["intent_ranking"]
    assert ranking and ranking[0]["intent"] == out["intent"]
    assert all(r["intent"] in INTENTS and 0.0 <= r["confidence"] <= 1.0 for r in ranking)
    assert len({r["intent"] for r in ranking}) == len(ranking)
    for e in out["entities"]:
        assert e["entity"] in ENTITIES, e
        assert 0 <= e["start"] < e["end"] <= len(text), e
        assert text[e["start"] : e["end"]] == e["text"], e
        assert e.get("role") in (None, "existing"), e
        if e["entity"] == "datetime" and "value" in e:
            value = e["value"]
            start, end = (dt.datetime.fromisoformat(value[k]) for k in ("start", "end"))
            assert start.tzinfo is not None and end.tzinfo is not None, value
            assert start < end, value
            assert value["grain"] in GRAINS, value
        if e["entity"] == "birth_date" and e.get("value") is not None:
            dt.date.fromisoformat(e["value"])

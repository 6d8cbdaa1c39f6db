"""How a worker or a one-shot command finds each practice's runtime (patient_assistant/
practice_runtimes.py), on a real database with the practice directory; runtimes are stand-ins
that record what they were built from (building a real one is the Celery and jobs tests').

Each practice gets its own settings and FHIR server; a practice loaded after the process
started is found when work names it; an unknown one is refused, never guessed; with no
practice loaded, the environment's is the one; the NLU is loaded once for all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from bot.practice_config import PracticeConfig, QuietHours
from patient_assistant.practice_runtimes import PracticeRuntimes, UnknownPractice, one_practice
from patient_assistant.practices import save_practices
from patient_assistant.settings import Settings

SECRET = "practice-runtimes-secret-0123456789"


@dataclass
class Built:
    """What a runtime was built from; `aclose` as a Runtime's."""

    settings: Settings
    fhir_base_url: str
    nlu: Any
    closed: bool = False

    async def aclose(self) -> None:
        self.closed = True


@dataclass
class Builder:
    made: list[Built] = field(default_factory=list)

    async def __call__(self, settings: Settings, base_url: str, nlu: Any) -> Any:
        built = Built(settings, base_url, nlu or object())  # the first build "loads" the NLU
        self.made.append(built)
        return built


def practice(pid: str, fhir: str, **fields: Any) -> PracticeConfig:
    return PracticeConfig(id=pid, name=pid.title(), fhir_base_url=fhir, **fields)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(  # type: ignore[call-arg]
        _env_file=None,
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'a.db'}",
        secret_key=SECRET,
        practice_id="envclinic",
        fhir_base_url="http://fhir.env.example/r4",
    )


async def test_each_practice_is_built_once_under_its_own_settings(settings: Settings) -> None:
    await save_practices(
        settings,
        [
            practice("riverside", "http://fhir.riverside.example/r4"),
            practice(
                "thameside",
                "http://fhir.thameside.example/r4",
                time_zone="Europe/London",
                locale="en-GB",
                quiet_hours=QuietHours(start="19:00", end="09:30"),  # type: ignore[arg-type]
            ),
        ],
    )
    builder = Builder()
    runtimes = PracticeRuntimes(settings, builder=builder)
    assert await runtimes.ids() == ["riverside", "thameside"]
    thameside = await runtimes.of("thameside")
    assert thameside is await runtimes.of("thameside")  # built once
    assert thameside.fhir_base_url == "http://fhir.thameside.example/r4"
    s = thameside.settings
    assert (s.practice_id, s.practice_timezone, s.practice_locale) == (
        "thameside",
        "Europe/London",
        "en-GB",
    )
    assert (s.quiet_hours_start, s.quiet_hours_end) == ("19:00", "09:30")
    first = await runtimes.of(None)  # a task that names no practice: the first one's
    assert first.settings.practice_id == "riverside"
    assert first.nlu is thameside.nlu  # one model for every practice
    with pytest.raises(UnknownPractice):
        await runtimes.of("envclinic")  # the environment's is not a practice once some are
    assert [b.settings.practice_id for b in await runtimes.every()] == ["riverside", "thameside"]
    assert len(builder.made) == 2

    # Loaded after the worker started: found when its first work comes.
    await save_practices(settings, [practice("harbour", "http://fhir.harbour.example/r4")])
    harbour = await runtimes.of("harbour")
    assert harbour.fhir_base_url == "http://fhir.harbour.example/r4"
    await runtimes.aclose()
    assert all(b.closed for b in builder.made)


async def test_with_no_practice_loaded_the_environments_is_the_one(settings: Settings) -> None:
    builder = Builder()
    runtimes = PracticeRuntimes(settings, builder=builder)
    assert await runtimes.ids() == ["envclinic"]
    only = await runtimes.of(None)
    assert only is await runtimes.of("envclinic")
    assert only.settings is settings and only.fhir_base_url == "http://fhir.env.example/r4"
    with pytest.raises(UnknownPractice):
        await runtimes.of("riverside")
    async with one_practice(settings, None, None) as (chosen, base_url):
        assert chosen is settings and base_url == "http://fhir.env.example/r4"
    with pytest.raises(UnknownPractice):
        async with one_practice(settings, "riverside", None):
            pass


async def test_a_command_acts_as_the_practice_it_names(settings: Settings) -> None:
    await save_practices(
        settings,
        [
            practice("riverside", "http://fhir.riverside.example/r4"),
            practice("thameside", "http://fhir.thameside.example/r4", locale="en-GB"),
        ],
    )
    async with one_practice(settings, "thameside", None) as (chosen, base_url):
        assert chosen.practice_id == "thameside" and chosen.practice_locale == "en-GB"
        assert base_url == "http://fhir.thameside.example/r4"
    async with one_practice(settings, None, None) as (chosen, base_url):
        assert chosen.practice_id == "riverside"
    with pytest.raises(UnknownPractice, match="loaded: riverside, thameside"):
        async with one_practice(settings, "elsewhere", None):
            pass

"""PracticeDirectory: the reference data the domain reads, on the fake and on FHIR."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from tests.ports.sides import Side


class TestPracticeDirectoryContract:
    async def test_the_practice_has_a_real_time_zone_and_sensible_hours(self, side: Side) -> None:
        practice = await side.directory.practice()
        assert practice.name and practice.phone.startswith("+")
        ZoneInfo(practice.timezone)  # raises for a zone that does not exist
        assert practice.hours, "the practice opens at least one day"
        for hours in practice.hours:
            assert 0 <= hours.weekday <= 6 and hours.opens < hours.closes

    async def test_every_service_names_practitioners_of_the_practice(self, side: Side) -> None:
        services = await side.directory.services()
        practitioners = {p.id for p in await side.directory.practitioners()}
        assert services and practitioners
        for service in services:
            assert service.name and service.minutes > 0
            assert service.practitioner_ids and set(service.practitioner_ids) <= practitioners

    async def test_locations_and_practitioners_are_listed_once_each(self, side: Side) -> None:
        locations = await side.directory.locations()
        practitioners = await side.directory.practitioners()
        assert locations and all(loc.name for loc in locations)
        assert len({loc.id for loc in locations}) == len(locations)
        assert len({p.id for p in practitioners}) == len(practitioners)

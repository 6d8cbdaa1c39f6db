"""The practice's catalogue (services, people, sites, hours) as the dialogue reads it.

It keeps no copy of its own: the record system's adapter caches the practice's reference
data already (adapters/fhir/reference.py, for `reference_ttl` seconds), and a second cache
on top of it only made a staff edit wait for both to lapse. Assembling the catalogue from
that cache costs no request to the record system.
"""

from __future__ import annotations

from dialogs.context import Catalogue
from domain.ports import PracticeDirectory


class PracticeCatalogue:
    def __init__(self, directory: PracticeDirectory) -> None:
        self.directory = directory

    async def get(self) -> Catalogue:
        d = self.directory
        return Catalogue(
            practice=await d.practice(),
            services=tuple(await d.services()),
            practitioners=tuple(await d.practitioners()),
            locations=tuple(await d.locations()),
        )

"""Real Coventry postcodes from the ONS directory (through roster.locations), so that the demo's
geography and travel times are those of the city, with no hand-made table."""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

from roster.domain import Location, great_circle_m
from roster.locations import postcode_location, postcodes_in_district

CITY_CENTRE = Location(52.4081, -1.5106)
"""Broadgate, Coventry."""
DISTRICTS = ("CV1", "CV2", "CV3", "CV4", "CV5", "CV6")
"""Coventry's own postal districts (CV7 onwards are Warwickshire towns and villages)."""
CITY_RADIUS_M = 7_000
"""Keep postcodes inside the city: parts of CV3, CV4 and CV5 reach into the countryside."""
CENTRAL_RADIUS_M = 3_000
"""Where carers without a car live: close to the centre and its bus routes."""


@dataclass(frozen=True, slots=True)
class Address:
    """A real postcode and its location."""

    postcode: str
    """e.g. 'CV1 5FB'."""
    location: Location
    """Its centroid."""
    from_centre_m: float
    """Straight-line metres from the city centre."""


@lru_cache(maxsize=1)
def coventry_addresses() -> tuple[Address, ...]:
    """Every known postcode of the Coventry districts within the city radius, in postcode order."""
    found = []
    for district in DISTRICTS:
        for postcode in postcodes_in_district(district):
            location = postcode_location(postcode)
            if location is None:
                continue
            metres = great_circle_m(location, CITY_CENTRE)
            if metres <= CITY_RADIUS_M:
                found.append(Address(postcode, location, metres))
    return tuple(found)


def pick_address(rng: random.Random, *, central: bool = False) -> Address:
    """A random Coventry address; central ones for carers who walk or take the bus."""
    addresses = coventry_addresses()
    while True:
        address = rng.choice(addresses)
        if not central or address.from_centre_m <= CENTRAL_RADIUS_M:
            return address

"""The default travel estimate: great-circle distance x road factor / mode speed."""

from __future__ import annotations

import math

from .carer import Transport
from .location import Location, great_circle_m
from .settings import Settings


def speed_kmh(mode: Transport, settings: Settings) -> float:
    """Average door-to-door speed of a transport mode."""
    return {
        Transport.CAR: settings.speed_car_kmh,
        Transport.PUBLIC: settings.speed_public_kmh,
        Transport.FOOT: settings.speed_foot_kmh,
    }[mode]


def road_metres(a: Location, b: Location, settings: Settings) -> int:
    """Estimated road distance in whole metres."""
    return round(great_circle_m(a, b) * settings.road_factor)


def travel_minutes(a: Location, b: Location, mode: Transport, settings: Settings) -> int:
    """Whole minutes (rounded up) to travel from a to b; 0 for the same address."""
    metres = road_metres(a, b, settings)
    if metres == 0:
        return 0
    return settings.min_travel_minutes + math.ceil(metres / 1000 / speed_kmh(mode, settings) * 60)


class TravelModel:
    """Travel between two points for a transport mode. The default is the estimate above; a
    supplied matrix or a routing server plugs in by subclassing and overriding both methods."""

    def __init__(self, settings: Settings):
        self.settings = settings

    def minutes(self, a: Location, b: Location, mode: Transport) -> int:
        """Whole minutes from a to b."""
        return travel_minutes(a, b, mode, self.settings)

    def metres(self, a: Location, b: Location) -> int:
        """Road metres from a to b."""
        return road_metres(a, b, self.settings)


Matrix = tuple[tuple[int, ...], ...]


class MatrixTravel(TravelModel):
    """Travel looked up in a supplied table between known places: a problem file's `travel`, whose
    minutes and metres were measured between true addresses that the file's points only stand in
    for (a pseudonymised export moves every point)."""

    def __init__(self, settings: Settings, places: tuple[Location, ...], minutes: dict[Transport, Matrix],
                 metres: Matrix):
        super().__init__(settings)
        self._index: dict[Location, int] = {}
        for i, place in enumerate(places):
            self._index.setdefault(place, i)
        self._minutes = minutes
        self._metres = metres

    def _at(self, place: Location) -> int:
        try:
            return self._index[place]
        except KeyError:
            raise LookupError(f"no travel is known from ({place.lat}, {place.lon}): it is not a place of the "
                              "problem's travel table") from None

    def minutes(self, a: Location, b: Location, mode: Transport) -> int:
        """Whole minutes from a to b, as the table says."""
        try:
            table = self._minutes[mode]
        except KeyError:
            raise LookupError(f"the travel table has no {mode.value} minutes") from None
        return table[self._at(a)][self._at(b)]

    def metres(self, a: Location, b: Location) -> int:
        """Road metres from a to b, as the table says."""
        return self._metres[self._at(a)][self._at(b)]

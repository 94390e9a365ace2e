"""Points on the map and the great-circle distance between them."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .errors import require

EARTH_RADIUS_M = 6_371_008.8


@dataclass(frozen=True, slots=True)
class Location:
    """A point in WGS84 degrees."""

    lat: float
    """Latitude, degrees north."""
    lon: float
    """Longitude, degrees east (negative west of Greenwich)."""

    def __post_init__(self) -> None:
        require(-90 <= self.lat <= 90, "location", "lat", f"{self.lat} is not a latitude")
        require(-180 <= self.lon <= 180, "location", "lon", f"{self.lon} is not a longitude")


def great_circle_m(a: Location, b: Location) -> float:
    """Haversine distance in metres."""
    phi1, phi2 = math.radians(a.lat), math.radians(b.lat)
    dphi = phi2 - phi1
    dlam = math.radians(b.lon - a.lon)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))

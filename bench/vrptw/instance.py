"""Readers for Solomon / Gehring-Homberger VRPTW files and their best-known-solution tables."""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path


class FormatError(ValueError):
    """A benchmark file does not follow the expected layout."""


@dataclass(frozen=True)
class VrptwInstance:
    """One VRPTW instance; node 0 is the depot, nodes 1..n the customers."""

    name: str
    """Instance name from the file's first line, e.g. "C101"."""
    vehicles: int
    """Size of the fleet."""
    capacity: int
    """Load each vehicle can carry."""
    x: tuple[float, ...]
    """X coordinate per node."""
    y: tuple[float, ...]
    """Y coordinate per node."""
    demand: tuple[int, ...]
    """Load delivered per node (0 at the depot)."""
    ready: tuple[float, ...]
    """Earliest start of service per node (the depot's: earliest departure)."""
    due: tuple[float, ...]
    """Latest start of service per node (the depot's: latest return)."""
    service: tuple[float, ...]
    """Service duration per node."""

    @property
    def customers(self) -> int:
        """Number of customers (nodes other than the depot)."""
        return len(self.x) - 1

    def distance(self, i: int, j: int) -> float:
        """Euclidean distance in double precision, the convention of the SINTEF BKS tables."""
        return math.hypot(self.x[i] - self.x[j], self.y[i] - self.y[j])


def read_vrptw(path: Path) -> VrptwInstance:
    """Parse a Solomon-format file (name, VEHICLE block, CUSTOMER table)."""
    lines = [line.split() for line in Path(path).read_text().splitlines()]
    lines = [fields for fields in lines if fields]
    name = lines[0][0]
    try:
        vehicle_row = next(i for i, fields in enumerate(lines) if fields[0] == "NUMBER") + 1
        vehicles, capacity = (int(v) for v in lines[vehicle_row])
        header = next(i for i, fields in enumerate(lines) if fields[0] == "CUST")
    except (StopIteration, ValueError) as exc:
        raise FormatError(f"{path}: no VEHICLE NUMBER/CAPACITY block or CUSTOMER header") from exc
    rows = []
    for number, fields in enumerate(lines[header + 1 :]):
        if len(fields) != 7:
            raise FormatError(f"{path}: customer row {number} has {len(fields)} fields, expected 7")
        if int(fields[0]) != number:
            raise FormatError(f"{path}: customer row {number} is numbered {fields[0]}")
        rows.append([float(v) for v in fields])
    if len(rows) < 2:
        raise FormatError(f"{path}: no customers")
    columns = list(zip(*rows))
    return VrptwInstance(
        name=name,
        vehicles=vehicles,
        capacity=capacity,
        x=columns[1],
        y=columns[2],
        demand=tuple(int(v) for v in columns[3]),
        ready=columns[4],
        due=columns[5],
        service=columns[6],
    )


@dataclass(frozen=True)
class BestKnown:
    """A best-known solution value from a published table."""

    instance: str
    """Instance name as in the table."""
    vehicles: int
    """Vehicles used by the best-known solution."""
    distance: float
    """Its total distance, double-precision Euclidean."""
    source: str
    """Where the number comes from."""


def read_bks(path: Path) -> dict[str, BestKnown]:
    """Read a BKS csv (instance,vehicles,distance,source), keyed by upper-cased instance name."""
    with open(path, newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != ["instance", "vehicles", "distance", "source"]:
            raise FormatError(f"{path}: header {reader.fieldnames}, expected instance,vehicles,distance,source")
        table = {}
        for row in reader:
            bks = BestKnown(row["instance"], int(row["vehicles"]), float(row["distance"]), row["source"])
            table[bks.instance.upper()] = bks
    return table

"""The two public VRPTW sets, where their files are, and which BKS table matches our objective."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bench.data import BENCHMARKS

from .instance import BestKnown, read_bks


@dataclass(frozen=True)
class BenchmarkSet:
    """One folder of instances and the BKS table gaps are measured against."""

    name: str
    """"solomon" or "homberger"."""
    folder: Path
    """Where the .txt files are."""
    bks_file: str
    """The BKS csv in that folder that matches a fixed-fleet distance objective best."""
    convention: str
    """What the BKS numbers mean, printed under every table."""

    def instance_paths(self) -> list[Path]:
        """Every instance file, sorted by name."""
        return sorted(self.folder.glob("*.txt"), key=lambda p: p.stem.upper())

    def bks(self) -> dict[str, BestKnown]:
        """The matching BKS table, keyed by upper-cased instance name."""
        return read_bks(self.folder / self.bks_file)


SETS = {
    "solomon": BenchmarkSet(
        "solomon",
        BENCHMARKS / "solomon",
        "bks_distance_only.csv",
        "gap to the distance-only BKS (fleet of 25, vehicles not minimised first), "
        "Euclidean distance in double precision",
    ),
    "homberger": BenchmarkSet(
        "homberger",
        BENCHMARKS / "homberger",
        "bks.csv",
        "gap to the vehicles-first BKS (no distance-only table exists for this set, so a "
        "distance-only solution can be below it: negative gaps are expected)",
    ),
}
"""Benchmark sets by name."""

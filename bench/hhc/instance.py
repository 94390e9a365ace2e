"""Reader for the 70 Mankowska, Meisel & Bierwirth (2014) HHCRSP instances (keyword blocks).

What the files say, checked on all 70 (see tests/bench/test_hhc_reader.py):
- node 0 is the depot and so is the last node (same coordinates, both require every service);
- `DS` lists the double-service patients **1-based**: read 1-based, every listed node requires
  exactly two services and every other patient exactly one; read 0-based, the list would name the
  closing depot and patients with a single service. (The source repo's reader also subtracts 1.)
- `p` has one row per (node, staff) pair, node-major; the rows of one node are identical for all
  staff in every file, so processing time depends on node and service only;
- a double service with `mind` = 0 (and `maxd` = 0) is simultaneous; a positive `mind` is a
  precedence: the second service (higher service index) starts between `mind` and `maxd` after
  the first; `mind`/`maxd` carry values for single-service nodes too, which mean nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

KEYWORDS = ("nbNodes", "nbVehi", "nbServi", "r", "DS", "a", "x", "y", "d", "p", "mind", "maxd", "e", "l")


class HhcFormatError(ValueError):
    """An HHC file does not follow the expected keyword-block layout."""


@dataclass(frozen=True)
class HhcInstance:
    """One HHCRSP instance. Patients are nodes 1..nodes-2; 0 and nodes-1 are the depot."""

    name: str
    """File stem, e.g. "InstanzCPLEX_HCSRP_10_1"."""
    nodes: int
    """Node count including both copies of the depot."""
    staff: int
    """Number of staff (carers)."""
    services: int
    """Number of service types (skills)."""
    requires: tuple[tuple[bool, ...], ...]
    """Node x service: the node needs this service."""
    double: frozenset[int]
    """Patients (0-based node numbers) needing two services by two staff."""
    qualified: tuple[tuple[bool, ...], ...]
    """Staff x service: the carer may perform this service."""
    x: tuple[float, ...]
    """X coordinate per node."""
    y: tuple[float, ...]
    """Y coordinate per node."""
    distance: tuple[tuple[float, ...], ...]
    """Travel distance = travel time between nodes."""
    processing: tuple[tuple[float, ...], ...]
    """Node x service: duration of the service."""
    min_gap: tuple[float, ...]
    """Per node: least time from the first to the second service's start (double services)."""
    max_gap: tuple[float, ...]
    """Per node: most time from the first to the second service's start (double services)."""
    early: tuple[float, ...]
    """Per node: earliest start of service (hard)."""
    late: tuple[float, ...]
    """Per node: latest start without tardiness (soft: lateness is tardiness)."""

    @property
    def patients(self) -> range:
        """Patient node numbers."""
        return range(1, self.nodes - 1)

    def services_of(self, node: int) -> tuple[int, ...]:
        """Services a node requires, in index order (for a double service: first, second)."""
        return tuple(s for s, needed in enumerate(self.requires[node]) if needed)

    def simultaneous(self, node: int) -> bool:
        """A double service whose two staff must start together (zero gap)."""
        return node in self.double and self.min_gap[node] == 0 and self.max_gap[node] == 0


def read_hhc(path: Path) -> HhcInstance:
    """Parse one instance file and check the layout facts the module docstring lists."""
    path = Path(path)
    blocks = _blocks(path)
    missing = [k for k in KEYWORDS if k not in blocks]
    if missing:
        raise HhcFormatError(f"{path.name}: missing blocks {', '.join(missing)}")
    nodes, staff, services = (_ints(blocks[k], 1, path, k)[0] for k in ("nbNodes", "nbVehi", "nbServi"))

    def matrix(key: str, rows: int, cols: int) -> list[list[float]]:
        values = _floats(blocks[key], rows * cols, path, key)
        return [values[r * cols : (r + 1) * cols] for r in range(rows)]

    requires = tuple(tuple(v == 1 for v in row) for row in matrix("r", nodes, services))
    qualified = tuple(tuple(v == 1 for v in row) for row in matrix("a", staff, services))
    tokens = blocks["p"]
    if len(tokens) != nodes * staff * services:
        raise HhcFormatError(f"{path.name}: block p has {len(tokens)} values, expected {nodes * staff * services}")
    processing = []
    per_node = staff * services
    for node in range(nodes):
        # Compared as text: converting the identical rows of every staff member costs seconds.
        rows = tokens[node * per_node : (node + 1) * per_node]
        first = rows[:services]
        if any(rows[k : k + services] != first for k in range(services, per_node, services)):
            raise HhcFormatError(f"{path.name}: p for node {node} differs between staff")
        processing.append(tuple(float(v) for v in first))
    double = frozenset(n - 1 for n in _ints(blocks["DS"], None, path, "DS"))
    instance = HhcInstance(
        name=path.stem,
        nodes=nodes,
        staff=staff,
        services=services,
        requires=requires,
        double=double,
        qualified=qualified,
        x=tuple(_floats(blocks["x"], nodes, path, "x")),
        y=tuple(_floats(blocks["y"], nodes, path, "y")),
        distance=tuple(tuple(row) for row in matrix("d", nodes, nodes)),
        processing=tuple(processing),
        min_gap=tuple(_floats(blocks["mind"], nodes, path, "mind")),
        max_gap=tuple(_floats(blocks["maxd"], nodes, path, "maxd")),
        early=tuple(_floats(blocks["e"], nodes, path, "e")),
        late=tuple(_floats(blocks["l"], nodes, path, "l")),
    )
    _check_services(instance, path)
    return instance


def _blocks(path: Path) -> dict[str, list[str]]:
    blocks: dict[str, list[str]] = {}
    current = None
    for line in path.read_text().splitlines():
        token = line.strip()
        if token in KEYWORDS:
            current = blocks.setdefault(token, [])
        elif token:
            if current is None:
                raise HhcFormatError(f"{path.name}: values before the first keyword: {token[:30]!r}")
            current.extend(token.split())
    return blocks


def _floats(tokens: list[str], count: int, path: Path, key: str) -> list[float]:
    if len(tokens) != count:
        raise HhcFormatError(f"{path.name}: block {key} has {len(tokens)} values, expected {count}")
    return [float(t) for t in tokens]


def _ints(tokens: list[str], count: int | None, path: Path, key: str) -> list[int]:
    if count is not None and len(tokens) != count:
        raise HhcFormatError(f"{path.name}: block {key} has {len(tokens)} values, expected {count}")
    return [int(t) for t in tokens]


def _check_services(instance: HhcInstance, path: Path) -> None:
    for node in instance.double:
        if node not in instance.patients:
            raise HhcFormatError(f"{path.name}: DS names node {node + 1}, not a patient")
    for node in instance.patients:
        wanted = 2 if node in instance.double else 1
        if len(instance.services_of(node)) != wanted:
            raise HhcFormatError(
                f"{path.name}: patient {node} requires {len(instance.services_of(node))} services, expected {wanted}"
            )

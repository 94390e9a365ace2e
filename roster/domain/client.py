"""Clients: the people visited, where they live and who they want to see."""

from __future__ import annotations

from dataclasses import dataclass

from .carer import Gender
from .errors import require
from .location import Location


@dataclass(frozen=True, slots=True)
class Client:
    """A person receiving visits."""

    id: str
    """Stable identifier, e.g. P0042."""
    name: str
    """Display name (health data: keep out of logs)."""
    postcode: str
    """Home postcode."""
    location: Location
    """Where visits happen."""
    access_notes: str = ""
    """Key safe, door codes, pets: shown on run sheets."""
    declined_carers: frozenset[str] = frozenset()
    """Carers this client does not want; never assigned."""
    preferred_carers: tuple[str, ...] = ()
    """Carers this client knows and likes, best first."""
    preferred_gender: Gender | None = None
    """Preferred carer gender, if any."""
    gender_required: bool = False
    """If True the preferred gender is a hard rule, not a preference."""

    def __post_init__(self) -> None:
        record = f"client {self.id}"
        require(bool(self.id.strip()), "client", "id", "is empty")
        require(bool(self.name.strip()), record, "name", "is empty")
        require(
            not (self.gender_required and self.preferred_gender is None),
            record,
            "gender_required",
            "is set but preferred_gender is empty",
        )
        both = self.declined_carers & set(self.preferred_carers)
        require(not both, record, "preferred_carers", f"{', '.join(sorted(both))} also declined")

"""Everything a provider knows that the rota depends on, as one value."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .carer import Absence, Carer
from .client import Client
from .clock import week_dates
from .package import CarePackage, VisitSchedule
from .settings import Settings, settings_on
from .visit import Visit, expand_visits


@dataclass(frozen=True)
class Provider:
    """Carers, clients, packages, schedules, absences and settings of one provider."""

    carers: tuple[Carer, ...] = ()
    """All carers, in id order."""
    clients: tuple[Client, ...] = ()
    """All clients, in id order."""
    packages: tuple[CarePackage, ...] = ()
    """All care packages."""
    schedules: tuple[VisitSchedule, ...] = ()
    """All recurring visit schedules."""
    absences: tuple[Absence, ...] = ()
    """Leave and sickness."""
    settings: tuple[Settings, ...] = (Settings(),)
    """Settings history, by effective date."""

    _carers: dict[str, Carer] = field(init=False, repr=False, compare=False)
    _clients: dict[str, Client] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_carers", {c.id: c for c in self.carers})
        object.__setattr__(self, "_clients", {c.id: c for c in self.clients})

    def settings_for(self, day: dt.date) -> Settings:
        """The settings in force on day."""
        return settings_on(list(self.settings), day)

    def carer(self, carer_id: str) -> Carer:
        """The carer with this id."""
        return self._carers[carer_id]

    def client(self, client_id: str) -> Client:
        """The client with this id."""
        return self._clients[client_id]

    def visits_for_week(self, monday: dt.date) -> list[Visit]:
        """Every visit due in the week starting monday."""
        return expand_visits(
            week_dates(monday),
            self.schedules,
            {p.id: p for p in self.packages},
            self._clients,
        )

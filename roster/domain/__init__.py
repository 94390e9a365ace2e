"""The domain: plain frozen dataclasses and pure rules. Standard library only."""

from .carer import Absence, AbsenceKind, Carer, Gender, Shift, Transport
from .client import Client
from .errors import DomainError, Duplicate, NotFound
from .location import Location, great_circle_m
from .package import CallType, CarePackage, Funder, Referral, Service, VisitSchedule
from .provider import Provider
from .rota import Assignment, Break, Crew, Rota, RotaStatus, Uncovered
from .settings import Settings
from .visit import Visit, expand_visits, visit_id

__all__ = [
    "Absence", "AbsenceKind", "Assignment", "Break", "CallType", "CarePackage", "Carer", "Client",
    "Crew", "DomainError", "Duplicate", "Funder", "Gender", "Location", "NotFound", "Provider", "Referral",
    "Rota", "RotaStatus",
    "Service", "Settings", "Shift", "Transport", "Uncovered", "Visit", "VisitSchedule",
    "expand_visits", "great_circle_m", "visit_id",
]

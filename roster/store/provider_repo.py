"""Read and write the provider's data (carers, clients, packages, schedules, absences, settings)."""

from __future__ import annotations

from collections import defaultdict

from sqlite_utils import Database

from roster.domain import Provider, Settings

from . import converters as cv
from .db import transaction

PROVIDER_TABLES = ("shifts", "absences", "carers", "schedules", "packages", "clients", "settings")
"""Children before parents, the order to delete in."""


def load_provider(db: Database) -> Provider:
    """Everything the rota depends on, as one domain value."""
    shifts = defaultdict(list)
    for row in db["shifts"].rows_where(order_by="carer_id, weekday, start"):
        shifts[row["carer_id"]].append(row)
    settings = tuple(cv.settings_from_row(r) for r in db["settings"].rows_where(order_by="effective_from"))
    return Provider(
        carers=tuple(cv.carer_from_row(r, shifts[r["id"]]) for r in db["carers"].rows_where(order_by="id")),
        clients=tuple(cv.client_from_row(r) for r in db["clients"].rows_where(order_by="id")),
        packages=tuple(cv.package_from_row(r) for r in db["packages"].rows_where(order_by="id")),
        schedules=tuple(cv.schedule_from_row(r) for r in db["schedules"].rows_where(order_by="id")),
        absences=tuple(cv.absence_from_row(r) for r in db["absences"].rows_where(order_by="id")),
        settings=settings or (Settings(),),
    )


def write_provider(db: Database, provider: Provider) -> None:
    """Insert or replace every record of provider; call inside a transaction."""
    db["settings"].upsert_all([cv.settings_to_row(s) for s in provider.settings], pk="effective_from")
    db["carers"].upsert_all([cv.carer_to_row(c) for c in provider.carers], pk="id")
    for carer in provider.carers:
        db["shifts"].delete_where("carer_id = ?", [carer.id])
    db["shifts"].insert_all([row for c in provider.carers for row in cv.shift_rows(c)])
    db["absences"].upsert_all([cv.absence_to_row(a) for a in provider.absences], pk="id")
    db["clients"].upsert_all([cv.client_to_row(c) for c in provider.clients], pk="id")
    db["packages"].upsert_all([cv.package_to_row(p) for p in provider.packages], pk="id")
    db["schedules"].upsert_all([cv.schedule_to_row(s) for s in provider.schedules], pk="id")


def replace_provider(db: Database, provider: Provider) -> None:
    """Make the database hold exactly provider (rotas kept), all or nothing."""
    with transaction(db):
        for table in PROVIDER_TABLES:
            db[table].delete_where()
        write_provider(db, provider)


def merge_provider(db: Database, provider: Provider) -> None:
    """Add or update the records of provider, all or nothing."""
    with transaction(db):
        write_provider(db, provider)

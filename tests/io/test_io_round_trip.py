"""Export writes what import reads: import(export(db)) gives back exactly the same provider."""

import dataclasses
import datetime as dt
import os
import stat

import pytest

from roster.domain import Absence, AbsenceKind, Carer, Client, Location, Shift, Transport
from roster.store import load_provider, open_db, replace_provider


@pytest.fixture
def awkward(seeded):
    """The seeded provider plus records whose values are awkward to write as text."""
    db = open_db(seeded)
    provider = load_provider(db)
    carer = Carer(
        id="C900", name='Carer "Q", junior', postcode="not known", home=Location(52.412345678901, -1.523456789),
        transport=Transport.CAR, skills=frozenset({"end_of_life", "peg"}),
        availability=(Shift(6, 20 * 60, 31 * 60 + 15),), contracted_minutes=37 * 60 + 35, pay_pence_per_hour=1305,
    )
    client = Client(
        id="P900", name="Client 900", postcode="", location=Location(52.39, -1.47),
        access_notes="  code 1234\nsecond line; ring twice  ", preferred_carers=("C900", "C001"),
    )
    absence = Absence("A900", "C900", AbsenceKind.TRAINING, dt.datetime(2026, 5, 8, 9, 30, 15),
                      dt.datetime(2026, 5, 8, 12, 0), note="moving & handling, refresher")
    replace_provider(db, dataclasses.replace(
        provider, carers=provider.carers + (carer,), clients=provider.clients + (client,),
        absences=provider.absences + (absence,),
    ))
    return seeded


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_import_of_export_round_trips(awkward, tmp_path, run_cli, fmt):
    out = tmp_path / "out"
    code, _ = run_cli("export", out, "--format", fmt, "--db", awkward)
    assert code == 0
    fresh = tmp_path / "fresh.db"
    code, err = run_cli("import", out, "--db", fresh)
    assert code == 0, err
    assert load_provider(open_db(fresh)) == load_provider(open_db(awkward))


def test_exported_files_are_private_and_named_by_kind(seeded, tmp_path, run_cli):
    out = tmp_path / "out"
    run_cli("export", out, "--db", seeded)
    names = sorted(p.name for p in out.iterdir())
    assert names == ["absences.csv", "carers.csv", "clients.csv", "packages.csv", "schedules.csv"]
    assert all(stat.S_IMODE(os.stat(p).st_mode) == 0o600 for p in out.iterdir())


def test_export_is_deterministic(seeded, tmp_path, run_cli):
    run_cli("export", tmp_path / "a", "--format", "json", "--db", seeded)
    run_cli("export", tmp_path / "b", "--format", "json", "--db", seeded)
    for path in (tmp_path / "a").iterdir():
        assert path.read_text() == (tmp_path / "b" / path.name).read_text()


def test_export_from_a_missing_database_is_refused(tmp_path, run_cli):
    code, err = run_cli("export", tmp_path / "out", "--db", tmp_path / "nope.db")
    assert code == 6 and "no database" in err[0]
    assert not (tmp_path / "nope.db").exists()

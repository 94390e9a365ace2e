"""Rotas: saved and loaded per week and status; a stale draft is refused, not overwritten."""

import datetime as dt

import pytest

from roster.domain import Assignment, Break, Crew, Rota, RotaStatus, Uncovered
from roster.store import StaleDraft, draft_revision, load_rota, save_rota

MONDAY = dt.date(2026, 5, 4)


def make_rota(carer: str = "C000", status: RotaStatus = RotaStatus.DRAFT) -> Rota:
    return Rota(
        week_start=MONDAY,
        assignments=(
            Assignment("S001-1@2026-05-04", carer, MONDAY, 7 * 60, 7 * 60 + 45, pinned=True),
            Assignment("S001-1@2026-05-04", "C001", MONDAY, 7 * 60, 7 * 60 + 45),
        ),
        breaks=(Break(carer, MONDAY, 12 * 60, 20),),
        uncovered=(Uncovered("S001-2@2026-05-04", "no_night_carer", "no crew free at 01:00"),),
        crews=(Crew("N1@2026-05-04", MONDAY, ("C000", "C001")),),
        status=status,
    )


def test_save_then_load_round_trips(db):
    rota = make_rota()
    save_rota(db, rota)
    assert load_rota(db, MONDAY) == rota


def test_no_rota_for_a_week_is_none(db):
    assert load_rota(db, MONDAY + dt.timedelta(days=7)) is None
    assert draft_revision(db, MONDAY) == 0


def test_saving_again_replaces_the_draft_and_bumps_revision(db):
    save_rota(db, make_rota())
    save_rota(db, make_rota(carer="C002"))
    assert draft_revision(db, MONDAY) == 2
    assert {a.carer_id for a in load_rota(db, MONDAY).assignments} == {"C002", "C001"}


def test_draft_and_planted_are_kept_apart(db):
    save_rota(db, make_rota())
    planted = make_rota(carer="C009", status=RotaStatus.PLANTED)
    save_rota(db, planted)
    loaded = load_rota(db, MONDAY, RotaStatus.PLANTED)
    assert loaded.status is RotaStatus.PLANTED
    assert set(loaded.assignments) == set(planted.assignments)
    assert load_rota(db, MONDAY) == make_rota()


def test_stale_draft_is_refused_and_nothing_changes(db):
    save_rota(db, make_rota())
    seen = draft_revision(db, MONDAY)
    save_rota(db, make_rota(carer="C002"), expected_revision=seen)
    with pytest.raises(StaleDraft):
        save_rota(db, make_rota(carer="C003"), expected_revision=seen)
    assert draft_revision(db, MONDAY) == seen + 1
    assert {a.carer_id for a in load_rota(db, MONDAY).assignments} == {"C002", "C001"}


def test_matching_revision_is_accepted(db):
    save_rota(db, make_rota())
    save_rota(db, make_rota(carer="C005"), expected_revision=draft_revision(db, MONDAY))
    assert draft_revision(db, MONDAY) == 2


def test_publish_makes_numbered_immutable_versions_and_commits_with_its_extra_writes(db):
    from roster.store import load_version, publish_draft, published_versions

    save_rota(db, make_rota("C000"))
    assert publish_draft(db, MONDAY, "first") == 1
    save_rota(db, make_rota("C002"))

    def failing_audit(tx, version):
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        publish_draft(db, MONDAY, "second", also=failing_audit)
    assert [v["version"] for v in published_versions(db, MONDAY)] == [1]
    written = []
    assert publish_draft(db, MONDAY, "second", also=lambda tx, version: written.append(version)) == 2
    assert written == [2]
    assert {a.carer_id for a in load_version(db, MONDAY, 1).assignments} == {"C000", "C001"}
    assert {a.carer_id for a in load_version(db, MONDAY, 2).assignments} == {"C002", "C001"}
    with pytest.raises(ValueError, match="immutable"):
        save_rota(db, Rota(MONDAY, status=RotaStatus.PUBLISHED))

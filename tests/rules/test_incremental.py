"""The TUI's entry points: re-check one carer-day, rank candidate carers for a visit."""

import pytest

from roster.domain import Gender, Service, Transport
from roster.domain.travel import TravelModel
from roster.rules import Week, check_carer_day, check_rota, rank_candidates

from .builders import NIGHT_SHIFT, World, crew, day, place


def test_check_carer_day_finds_what_check_rota_finds_for_that_carer_day():
    w = World()
    a, b = w.carer(skills=("hoist",)), w.carer()
    client = w.client(declined=(b,))
    hoist = w.visit(client, day=1, skills=("hoist",))
    clash = w.visit(w.client(), day=1, window=("08:10", "08:10"))
    other_day = w.visit(client, day=2)
    rota = w.rota(w.assign(hoist, b), w.assign(clash, b), w.assign(other_day, a))
    whole = check_rota(w.provider(), rota)
    for carer_id, date in ((b, day(1)), (a, day(2))):
        expected = {v for v in whole.violations if v.carer_id == carer_id and v.date == date}
        assert expected <= set(check_carer_day(w.provider(), rota, carer_id, date))
    assert {v.rule for v in check_carer_day(w.provider(), rota, b, day(1))} == {"skills", "declined", "travel_between"}
    assert check_carer_day(w.provider(), rota, a, day(2)) == ()


def test_check_carer_day_shows_a_double_up_partner_left_behind_by_a_move():
    w = World()
    x, y = w.carer(), w.carer()
    pair = w.visit(w.client(), carers=2)
    moved = w.rota(w.assign(pair, x, "08:00"), w.assign(pair, y, "08:30"))
    found = check_carer_day(w.provider(), moved, x, day(0), week=Week(w.provider(), moved.week_start))
    assert [v.rule for v in found] == ["carer_count"]
    assert "must start together" in found[0].message


def test_rank_candidates_puts_fitting_preferred_carers_first_and_says_why_others_do_not_fit():
    w = World()
    unskilled = w.carer()
    skilled = w.carer(skills=("hoist",))
    liked = w.carer(skills=("hoist",))
    man = w.carer(skills=("hoist",), gender=Gender.MALE)
    client = w.client(preferred=(liked,), gender=Gender.FEMALE, gender_required=True)
    visit = w.visit(client, skills=("hoist",))
    ranked = rank_candidates(w.provider(), w.rota(), visit)
    assert [c.carer_id for c in ranked] == [liked, skilled, unskilled, man]
    by_id = {c.carer_id: c for c in ranked}
    assert by_id[liked].fits and by_id[liked].preferred and by_id[skilled].fits
    assert not by_id[unskilled].fits
    assert by_id[unskilled].reasons == (f"visit {visit}: carer {unskilled} lacks skill hoist",)
    assert not by_id[man].fits and "requires a female carer" in by_id[man].reasons[0]


def test_rank_candidates_fits_the_visit_after_a_carers_earlier_visit_with_travel():
    w = World()
    busy = w.carer()
    first_at, then_at = place(0, 0), place(2000, 0)
    first = w.visit(w.client(at=first_at), window=("08:00", "08:00"))
    visit = w.visit(w.client(at=then_at), window=("08:00", "09:30"))
    rota = w.rota(w.assign(first, busy))
    (candidate,) = rank_candidates(w.provider(), rota, visit)
    leg = TravelModel(w.settings).minutes(first_at, then_at, Transport.CAR)
    assert candidate.fits and candidate.start == 8 * 60 + 30 + leg
    home_and_back_before = 2 * TravelModel(w.settings).minutes(place(), first_at, Transport.CAR)
    after = (TravelModel(w.settings).minutes(place(), first_at, Transport.CAR) + leg
             + TravelModel(w.settings).minutes(then_at, place(), Transport.CAR))
    assert candidate.travel_added == after - home_and_back_before
    assert candidate.worked_minutes == 30 + leg + 30


def test_rank_candidates_reports_a_carer_who_cannot_fit_the_window():
    w = World()
    busy = w.carer()
    client = w.client()
    long = w.visit(client, window=("08:00", "08:00"), duration=120)
    visit = w.visit(w.client(at=place(3000, 0)), window=("08:30", "09:00"))
    (candidate,) = rank_candidates(w.provider(), w.rota(w.assign(long, busy)), visit)
    assert not candidate.fits
    assert any("while still on visit" in r or "needs" in r for r in candidate.reasons)


def test_rank_candidates_for_a_double_up_keeps_the_partners_start_and_needs_the_carer_to_replace():
    w = World()
    x, y, z = w.carer(), w.carer(), w.carer()
    pair = w.visit(w.client(), carers=2, window=("08:00", "09:00"))
    rota = w.rota(w.assign(pair, x, "08:20"), w.assign(pair, y, "08:20"))
    with pytest.raises(ValueError, match="say which one to replace"):
        rank_candidates(w.provider(), rota, pair)
    ranked = rank_candidates(w.provider(), rota, pair, replacing=y)
    assert {c.carer_id for c in ranked} == {y, z}
    assert all(c.start == 8 * 60 + 20 and c.fits for c in ranked)
    assert [c.current for c in ranked if c.carer_id == y] == [True]


def test_rank_candidates_counts_continuity_and_refuses_unknown_visits():
    w = World()
    regular, stranger = w.carer(), w.carer()
    client = w.client()
    monday = w.visit(client, day=0)
    tuesday = w.visit(client, day=1)
    ranked = rank_candidates(w.provider(), w.rota(w.assign(monday, regular)), tuesday)
    assert [(c.carer_id, c.client_visits) for c in ranked] == [(regular, 1), (stranger, 0)]
    with pytest.raises(ValueError, match="not due"):
        rank_candidates(w.provider(), w.rota(), "S999@2026-11-23")


def test_rank_candidates_for_a_night_visit_needs_a_crew():
    w = World()
    a, b, c, d = (w.carer(shifts=(NIGHT_SHIFT,), night_worker=True, day_worker=False) for _ in range(4))
    visit = w.visit(w.client(), window=("23:00", "23:30"), service=Service.NIGHT)
    rota = w.rota(w.assign(visit, a), crews=(crew(0, a, b), crew(0, c, d)))
    ranked = {x.carer_id: x for x in rank_candidates(w.provider(), rota, visit)}
    assert ranked[b].fits and ranked[b].start == 23 * 60
    assert not ranked[c].fits and ranked[c].reasons[-1] == f"carer {c} is on no night crew with {a} on Mon 2026-11-23"

"""Carer rules: service, availability (split shifts), absence, travel from home and between visits."""

from roster.domain import Transport
from roster.rules import check_rota

from .builders import World, place, rules_broken


def test_service_allowed_catches_a_night_only_carer_on_a_day_visit():
    w = World()
    night_only = w.carer(day_worker=False, night_worker=True)
    visit = w.visit(w.client())
    report = check_rota(w.provider(), w.rota(w.assign(visit, night_only)))
    assert rules_broken(report.hard) == {"service_allowed"}
    assert "does not work day visits" in report.hard[0].message


def test_in_shift_holds_in_either_half_of_a_split_shift_and_catches_the_gap():
    w = World()
    carer = w.carer(shifts=(("07:00", "14:00"), ("16:30", "22:00")))
    client = w.client()
    morning = w.visit(client, window=("08:00", "09:00"))
    evening = w.visit(client, window=("17:00", "18:00"))
    gap = w.visit(client, window=("15:00", "16:00"))
    broken = check_rota(w.provider(), w.rota(w.assign(morning, carer), w.assign(evening, carer),
                                             w.assign(gap, carer, "15:00")))
    assert ("in_shift", gap) in {(v.rule, v.visit_id) for v in broken.hard}
    message = next(v.message for v in broken.hard if v.rule == "in_shift")
    assert message.endswith("not available 15:00-15:30 on Mon 2026-11-23 (shifts: 07:00-14:00, 16:30-22:00)")
    clean = check_rota(w.provider(), w.rota(w.assign(morning, carer), w.assign(evening, carer),
                                            uncovered=_listed(gap)))
    assert clean.is_clean


def _listed(visit_id):
    from roster.domain import Uncovered

    return (Uncovered(visit_id, "no_carer_available", "test"),)


def test_in_shift_catches_a_day_without_shifts_and_names_the_shifts():
    w = World()
    weekdays_only = w.carer(days=(0, 1, 2, 3, 4))
    saturday = w.visit(w.client(), day=5)
    report = check_rota(w.provider(), w.rota(w.assign(saturday, weekdays_only)))
    assert rules_broken(report.hard) == {"in_shift"}
    assert "(shifts: none)" in report.hard[0].message


def test_not_absent_catches_a_visit_during_sickness_but_not_after_it():
    w = World()
    carer = w.carer()
    client = w.client()
    morning = w.visit(client, day=2, window=("08:00", "09:00"))
    evening = w.visit(client, day=2, window=("12:00", "13:00"))
    w.absence(carer, day=2, start="00:00", end="12:00")
    report = check_rota(w.provider(), w.rota(w.assign(morning, carer), w.assign(evening, carer)))
    assert [(v.rule, v.visit_id) for v in report.hard] == [("not_absent", morning)]
    assert "away (sickness)" in report.hard[0].message


def test_home_travel_needs_time_from_home_after_the_shift_starts_and_home_before_it_ends():
    w = World()
    far = w.carer(at=place(-6000, 0), shifts=(("08:00", "12:00"),))
    first = w.visit(w.client(), window=("08:00", "09:00"))
    last = w.visit(w.client(at=place(600, 0)), window=("11:00", "11:30"), duration=30)
    out = w.visits()  # 6.5 km by car at 30 km/h: about 16 min each way
    tight = check_rota(w.provider(), w.rota(w.assign(first, far, "08:00"), w.assign(last, far, "11:30")))
    assert [v.visit_id for v in tight.hard] == [first, last]
    assert rules_broken(tight.hard) == {"home_travel"}
    easy = check_rota(w.provider(), w.rota(w.assign(first, far, "08:30"), w.assign(last, far, "11:00")))
    assert easy.is_clean, easy.hard
    assert out[first].date == out[last].date


def test_travel_between_needs_the_carers_own_travel_time():
    w = World()
    walker = w.carer(transport=Transport.FOOT)
    a = w.visit(w.client(at=place(0, 0)), window=("08:00", "09:00"), duration=30)
    b = w.visit(w.client(at=place(1000, 0)), window=("08:30", "10:00"), duration=30)
    # 1.3 km of road on foot at 4.8 km/h: 2 + 17 = 19 min
    tight = check_rota(w.provider(), w.rota(w.assign(a, walker, "08:00"), w.assign(b, walker, "08:40")))
    assert rules_broken(tight.hard) == {"travel_between"}
    assert "needs 19 min" in tight.hard[0].message
    assert check_rota(w.provider(), w.rota(w.assign(a, walker, "08:00"), w.assign(b, walker, "08:49"))).is_clean


def test_travel_between_reports_an_overlap_as_such():
    w = World()
    carer = w.carer()
    client = w.client()
    a = w.visit(client, window=("08:00", "09:00"), duration=60)
    b = w.visit(client, window=("08:30", "09:00"), duration=30)
    report = check_rota(w.provider(), w.rota(w.assign(a, carer, "08:00"), w.assign(b, carer, "08:30")))
    assert rules_broken(report.hard) == {"travel_between"}
    assert "while still on visit" in report.hard[0].message

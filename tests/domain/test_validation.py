"""Domain records refuse bad values with a message naming the record and the field."""

import datetime as dt

import pytest

from roster.domain import (
    Absence, AbsenceKind, CallType, CarePackage, Carer, Client, Crew, DomainError, Gender, Location,
    Provider, Settings, Shift, Transport, VisitSchedule,
)
from roster.domain.clock import hhmm, parse_hhmm, parse_week, parse_weekdays, week_label

HOME = Location(52.4081, -1.5106)


def carer(**changes):
    values = dict(id="C1", name="Carer A", postcode="CV1 5FB", home=HOME, transport=Transport.CAR)
    values.update(changes)
    return Carer(**values)


def schedule(**changes):
    values = dict(
        id="S1", package_id="K1", call_type=CallType.MORNING, weekdays=frozenset({0}),
        window_start=parse_hhmm("07:00"), window_end=parse_hhmm("10:30"), duration=30,
    )
    values.update(changes)
    return VisitSchedule(**values)


def test_window_ending_before_it_starts_names_schedule_and_field():
    with pytest.raises(DomainError) as err:
        schedule(window_start=parse_hhmm("10:00"), window_end=parse_hhmm("09:30"))
    assert err.value.record == "schedule S1"
    assert err.value.field == "window_end"
    assert "(10:00-09:30)" in str(err.value)


@pytest.mark.parametrize("needed", [0, 3])
def test_visit_needs_one_or_two_carers(needed):
    with pytest.raises(DomainError, match="carers_needed"):
        schedule(carers_needed=needed)


def test_valid_schedule_has_preferred_start_mid_window_when_fixed_time():
    fixed = schedule(window_start=parse_hhmm("08:45"), window_end=parse_hhmm("09:15"), fixed_time=True)
    assert hhmm(fixed.preferred_start) == "09:00"
    assert hhmm(schedule().preferred_start) == "07:00"


def test_overlapping_split_shifts_are_refused():
    with pytest.raises(DomainError, match="overlap"):
        carer(availability=(Shift(0, parse_hhmm("07:00"), parse_hhmm("14:00")), Shift(0, parse_hhmm("13:00"), parse_hhmm("20:00"))))
    split = carer(availability=(Shift(0, parse_hhmm("16:30"), parse_hhmm("22:00")), Shift(0, parse_hhmm("07:00"), parse_hhmm("14:00"))))
    assert [s.start for s in split.shifts_on(0)] == [420, 990]


def test_shift_ending_before_start_is_refused():
    with pytest.raises(DomainError, match="ends before it starts"):
        Shift(2, parse_hhmm("14:00"), parse_hhmm("07:00"))


def test_package_longer_than_six_weeks_is_refused_unless_limit_lifted():
    start = dt.date(2026, 11, 23)
    with pytest.raises(DomainError, match="42-day reablement limit"):
        CarePackage(id="K1", client_id="P1", start=start, planned_end=start + dt.timedelta(days=50))
    night = CarePackage(id="K2", client_id="P1", start=start, planned_end=start + dt.timedelta(days=50), max_days=0)
    assert night.active_on(start + dt.timedelta(days=49))


def test_package_ended_early_stops_visits():
    start = dt.date(2026, 11, 23)
    package = CarePackage(id="K1", client_id="P1", start=start, planned_end=start + dt.timedelta(days=20), ended=start + dt.timedelta(days=2))
    assert package.active_on(start + dt.timedelta(days=2))
    assert not package.active_on(start + dt.timedelta(days=3))


def test_client_cannot_both_prefer_and_decline_a_carer():
    with pytest.raises(DomainError, match="also declined"):
        Client(id="P1", name="Client 1", postcode="CV1 5FB", location=HOME, declined_carers=frozenset({"C1"}), preferred_carers=("C1",))


def test_required_gender_needs_a_gender():
    with pytest.raises(DomainError, match="gender_required"):
        Client(id="P1", name="Client 1", postcode="CV1 5FB", location=HOME, gender_required=True)
    ok = Client(id="P1", name="Client 1", postcode="CV1 5FB", location=HOME, preferred_gender=Gender.FEMALE, gender_required=True)
    assert ok.gender_required


def test_absence_ending_before_it_starts_is_refused():
    with pytest.raises(DomainError, match="absence A1: end"):
        Absence(id="A1", carer_id="C1", kind=AbsenceKind.SICKNESS, start=dt.datetime(2026, 11, 24, 9), end=dt.datetime(2026, 11, 24, 8))


def test_crew_is_two_different_carers():
    with pytest.raises(DomainError, match="must differ"):
        Crew(id="N1", date=dt.date(2026, 11, 23), carer_ids=("C1", "C1"))


def test_negative_setting_is_refused():
    with pytest.raises(DomainError, match="national_living_wage_pence"):
        Settings(national_living_wage_pence=-1)


def test_settings_in_force_follow_effective_dates():
    april = Settings(effective_from=dt.date(2026, 4, 1))
    later = Settings(effective_from=dt.date(2026, 12, 1), national_living_wage_pence=1300)
    provider = Provider(settings=(april, later))
    assert provider.settings_for(dt.date(2026, 11, 30)).national_living_wage_pence == 1271
    assert provider.settings_for(dt.date(2026, 12, 1)).national_living_wage_pence == 1300


def test_week_visits_follow_schedules_packages_and_dates():
    monday = parse_week("2026-W48")
    client = Client(id="P1", name="Client 1", postcode="CV1 5FB", location=HOME)
    package = CarePackage(id="K1", client_id="P1", start=monday + dt.timedelta(days=2), planned_end=monday + dt.timedelta(days=20))
    daily = schedule(weekdays=parse_weekdays("daily"), valid_to=monday + dt.timedelta(days=5))
    provider = Provider(clients=(client,), packages=(package,), schedules=(daily,))
    visits = provider.visits_for_week(monday)
    assert [v.date.weekday() for v in visits] == [2, 3, 4, 5]
    assert visits[0].id == "S1@2026-11-25"
    assert visits[0].location == HOME


def test_clock_helpers_round_trip():
    assert parse_hhmm("26:00") == 1560
    assert hhmm(1560) == "26:00"
    assert week_label(parse_week("2026-W48")) == "2026-W48"
    assert parse_week("2026-W48") == dt.date(2026, 11, 23)
    with pytest.raises(ValueError):
        parse_hhmm("7.30")
    with pytest.raises(ValueError):
        parse_weekdays("mon,funday")

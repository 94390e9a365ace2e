"""Working time rules: breaks, longest day, the 48-hour week, daily rest (soft) and weekly rest."""

from roster.domain import Settings
from roster.rules import check_rota

from .builders import World, brk, day, place, rules_broken


def long_day(w: World, carer: str, weekday: int = 0):
    """Two visits to one client, 08:00-08:30 and 14:30-15:00: a 7-hour span."""
    client = w.client()
    return [
        w.assign(w.visit(client, day=weekday, window=("08:00", "08:00")), carer),
        w.assign(w.visit(client, day=weekday, window=("14:30", "14:30")), carer),
    ]


def test_breaks_holds_with_a_break_between_visits():
    w = World()
    carer = w.carer()
    visits = long_day(w, carer)
    report = check_rota(w.provider(), w.rota(*visits, breaks=(brk(carer, 0, "12:00"),)))
    assert report.is_clean


def test_breaks_catches_a_long_day_without_a_break():
    w = World()
    carer = w.carer()
    visits = long_day(w, carer)
    report = check_rota(w.provider(), w.rota(*visits))
    assert rules_broken(report.hard) == {"breaks"}
    assert report.hard[0].message == (
        "carer C001 on Mon 2026-11-23: works 08:00-15:00 (7h00) with no 20-min break planned between visits"
    )


def test_breaks_catches_a_short_break_one_outside_the_gaps_and_one_over_a_visit():
    w = World()
    carer = w.carer()
    visits = long_day(w, carer)
    for bad in (brk(carer, 0, "12:00", length=10), brk(carer, 0, "07:00"), brk(carer, 0, "08:10")):
        report = check_rota(w.provider(), w.rota(*visits, breaks=(bad,)))
        assert rules_broken(report.hard) == {"breaks"}, bad
    overlapping = check_rota(w.provider(), w.rota(*visits, breaks=(brk(carer, 0, "12:00"), brk(carer, 0, "08:20"))))
    assert [v.visit_id for v in overlapping.hard] == [visits[0].visit_id]


def test_breaks_leaves_room_for_travel_in_the_gap():
    w = World()
    carer = w.carer()
    here, there = w.client(), w.client(at=place(3000, 0))
    first = w.assign(w.visit(here, window=("08:00", "08:00")), carer)  # 08:00-08:30
    last = w.assign(w.visit(there, window=("14:30", "14:30")), carer)
    # 3.9 km by car: 10 min, so the gap after 08:30 holds travel and a 20-min break when the next
    # visit starts at 09:00, not at 08:58.
    roomy = w.assign(w.visit(there, window=("09:00", "09:00")), carer)
    tight = w.assign(w.visit(there, window=("08:58", "08:58")), carer)
    rest = (brk(carer, 0, "08:35"),)
    assert check_rota(w.provider(), w.rota(first, roomy, last, breaks=rest, uncovered=_skip(w, tight))).is_clean
    squeezed = check_rota(w.provider(), w.rota(first, tight, last, breaks=rest, uncovered=_skip(w, roomy)))
    assert rules_broken(squeezed.hard) == {"breaks"}


def test_max_shift_length_catches_a_day_over_the_limit():
    w = World(Settings(max_shift_minutes=10 * 60))
    carer = w.carer()
    client = w.client()
    early = w.assign(w.visit(client, window=("07:00", "07:00")), carer)
    late = w.assign(w.visit(client, window=("17:00", "17:00"), duration=30), carer)
    ok = w.assign(w.visit(client, window=("16:30", "16:30"), duration=30), carer)
    rest = (brk(carer, 0, "12:00"),)
    assert rules_broken(check_rota(w.provider(), w.rota(early, late, breaks=rest, uncovered=_skip(w, ok))).hard) == {
        "max_shift_length"
    }
    assert check_rota(w.provider(), w.rota(early, ok, breaks=rest, uncovered=_skip(w, late))).is_clean


def _skip(w: World, assignment):
    from roster.domain import Uncovered

    return (Uncovered(assignment.visit_id, "not_needed_in_test", ""),)


def busy_week(w: World, carer: str, days=range(6), hours: int = 9):
    """`hours` of back-to-back visits at one client on each of `days`, with a break."""
    client = w.client()
    visits, breaks = [], []
    for d in days:
        for h in range(hours):
            start = 8 * 60 + h * 60 + (20 if h >= 4 else 0)
            visits.append(w.assign(w.visit(client, day=d, window=(start, start), duration=60), carer))
        breaks.append(brk(carer, d, "12:00"))
    return visits, tuple(breaks)


def test_weekly_working_time_catches_over_48_hours_unless_opted_out():
    w = World()
    capped, opted_out = w.carer(), w.carer(opted_out_48h=True)
    visits, breaks = busy_week(w, capped)
    report = check_rota(w.provider(), w.rota(*visits, breaks=breaks))
    assert rules_broken(report.hard) == {"weekly_working_time"}
    assert "works 54h00 this week, over the 48h00 limit" in report.hard[0].message
    assert report.measures.carers[0].worked_minutes == 54 * 60

    w2 = World()
    w2.carer(), w2.carer(opted_out_48h=True)
    visits, breaks = busy_week(w2, opted_out)
    assert check_rota(w2.provider(), w2.rota(*visits, breaks=breaks)).is_clean


def test_worked_minutes_count_waiting_and_travel_but_not_breaks_or_the_gap_between_split_shifts():
    w = World()
    carer = w.carer(shifts=(("07:00", "14:00"), ("16:30", "22:00")), contracted_hours=10)
    client = w.client()
    visits = [
        w.assign(w.visit(client, window=("08:00", "08:00")), carer),  # 08:00-08:30
        w.assign(w.visit(client, window=("09:00", "09:00")), carer),  # waiting 30 min, to 09:30
        w.assign(w.visit(client, window=("17:00", "17:00"), duration=60), carer),  # 17:00-18:00
    ]
    report = check_rota(w.provider(), w.rota(*visits))
    assert report.is_clean
    hours = report.measures.carers[0]
    assert (hours.worked_minutes, hours.visit_minutes, hours.contract_gap) == (150, 120, 150 - 600)


def test_daily_rest_is_reported_as_compensatory_rest_owed_not_forbidden():
    w = World()
    carer = w.carer()
    client = w.client()
    late = w.assign(w.visit(client, day=0, window=("21:00", "21:00"), duration=60), carer)  # ends 22:00
    early = w.assign(w.visit(client, day=1, window=("07:00", "07:00")), carer)  # 9 h later
    report = check_rota(w.provider(), w.rota(late, early))
    assert report.is_clean
    assert [(v.rule, v.date) for v in report.soft] == [("daily_rest", day(1))]
    assert report.measures.compensatory_rest_minutes == 120
    rested = w.assign(w.visit(client, day=1, window=("09:00", "09:00")), carer)
    report = check_rota(w.provider(), w.rota(late, rested, uncovered=_skip(w, early)))
    assert report.violations == () and report.measures.compensatory_rest_minutes == 0


def test_weekly_rest_catches_a_week_without_24_hours_off():
    w = World()
    carer = w.carer()
    client = w.client()
    every_day = [w.assign(w.visit(client, day=d, window=("10:00", "10:00")), carer) for d in range(7)]
    report = check_rota(w.provider(), w.rota(*every_day))
    assert rules_broken(report.hard) == {"weekly_rest"}
    assert "longest rest this week is 23h30" in report.hard[0].message
    day_off = check_rota(w.provider(), w.rota(*every_day[:3], *every_day[4:], uncovered=_skip(w, every_day[3])))
    assert day_off.is_clean

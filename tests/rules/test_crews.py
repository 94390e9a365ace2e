"""Mobile Night Carers: both crew carers at every night visit, one crew per carer per night, rest
between night and day work, the night-worker average and the reserve for responsive calls."""

from roster.domain import Service, Uncovered
from roster.rules import check_rota

from .builders import NIGHT_SHIFT, World, crew, day, rules_broken


def night_world(carers: int = 2, **carer_options):
    w = World()
    options = {"shifts": (NIGHT_SHIFT,), "night_worker": True, "day_worker": False} | carer_options
    ids = [w.carer(**options) for _ in range(carers)]
    return w, ids


def night_visit(w: World, weekday: int = 0, window=("23:00", "23:30"), duration: int = 30, client=None):
    return w.visit(client or w.client(), day=weekday, window=window, duration=duration, service=Service.NIGHT)


def test_a_crew_making_a_night_visit_together_is_clean_also_after_midnight():
    w, (a, b) = night_world()
    before, after = night_visit(w), night_visit(w, window=("26:00", "26:30"))
    rota = w.rota(
        w.assign(before, a), w.assign(before, b), w.assign(after, a), w.assign(after, b), crews=(crew(0, a, b),)
    )
    report = check_rota(w.provider(), rota)
    assert report.is_clean, report.hard
    assert report.measures.covered == 2


def test_night_visit_by_crew_catches_one_carer_a_non_crew_pair_and_apart_arrivals():
    w, (a, b, c) = night_world(3)
    visit = night_visit(w)
    crews = (crew(0, a, b),)
    alone = check_rota(w.provider(), w.rota(w.assign(visit, a), crews=crews))
    strangers = check_rota(w.provider(), w.rota(w.assign(visit, a), w.assign(visit, c), crews=crews))
    apart = check_rota(w.provider(), w.rota(w.assign(visit, a, "23:00"), w.assign(visit, b, "23:10"), crews=crews))
    for report in (alone, strangers, apart):
        assert rules_broken(report.hard) == {"night_visit_by_crew"}
    assert "both carers of one crew" in strangers.hard[0].message
    assert "arrive together" in apart.hard[0].message


def test_crew_membership_catches_a_carer_in_two_crews_and_a_day_only_carer():
    w, (a, b, c) = night_world(3)
    day_only = w.carer()
    twice = check_rota(w.provider(), w.rota(crews=(crew(0, a, b), crew(0, a, c))))
    assert rules_broken(twice.hard) == {"crew_membership"}
    assert "is in 2 crews" in twice.hard[0].message
    not_nights = check_rota(w.provider(), w.rota(crews=(crew(0, a, day_only),)))
    assert [v.message for v in not_nights.hard] == [f"crew N{a}-{day_only}@{day(0)}: carer {day_only} does not work nights"]


def test_crew_rest_keeps_11_hours_between_the_night_and_day_visits():
    w, (a, b) = night_world(shifts=(("06:00", "21:00"), NIGHT_SHIFT), day_worker=True)
    client = w.client()
    afternoon_before = w.visit(client, day=0, window=("14:00", "14:00"))  # 7h30 before 22:00
    afternoon_after = w.visit(client, day=1, window=("15:00", "15:00"))  # 8h30 after 06:30
    evening_after = w.visit(client, day=1, window=("18:00", "18:00"))  # 11h30 after
    crews = (crew(0, a, b),)
    for visit in (afternoon_before, afternoon_after):
        others = tuple(_skip(v) for v in (afternoon_before, afternoon_after, evening_after) if v != visit)
        report = check_rota(w.provider(), w.rota(w.assign(visit, a), crews=crews, uncovered=others))
        assert rules_broken(report.hard) == {"crew_rest"}, visit
    others = (_skip(afternoon_before), _skip(afternoon_after))
    assert check_rota(w.provider(), w.rota(w.assign(evening_after, a), crews=crews, uncovered=others)).is_clean


def _skip(visit_id):
    from roster.domain import Uncovered

    return Uncovered(visit_id, "not_needed_in_test")


def test_night_average_catches_seven_nights_but_not_five():
    w, (a, b) = night_world()
    seven = check_rota(w.provider(), w.rota(crews=tuple(crew(d, a, b) for d in range(7))))
    assert "night_average" in rules_broken(seven.hard)
    assert "night worker averages 8.5h per 24h this week, over 8h" in {v.message.split(": ", 1)[1] for v in seven.hard}
    five = check_rota(w.provider(), w.rota(crews=tuple(crew(d, a, b) for d in range(5))))
    assert five.is_clean


def test_night_reserve_keeps_15_minutes_free_in_every_hour_of_the_round():
    w, (a, b) = night_world()
    client = w.client()
    first = night_visit(w, window=("23:00", "23:00"), client=client)
    long = night_visit(w, window=("23:30", "23:30"), client=client)
    short = night_visit(w, window=("23:30", "23:30"), duration=15, client=client)
    crews = (crew(0, a, b),)
    pair = lambda v: (w.assign(v, a), w.assign(v, b))  # noqa: E731
    full = check_rota(w.provider(), w.rota(*pair(first), *pair(long), crews=crews, uncovered=(_skip(short),)))
    assert rules_broken(full.hard) == {"night_reserve"}
    assert full.hard[0].message == f"crew {crews[0].id}: only 0 min free 23:00-00:00+1, the reserve is 15 min"
    kept = check_rota(w.provider(), w.rota(*pair(first), *pair(short), crews=crews, uncovered=(_skip(long),)))
    assert kept.is_clean


def test_night_reserve_keeps_its_share_of_the_last_half_hour():
    w, (a, b) = night_world()
    client = w.client()
    dawn = night_visit(w, window=("30:00", "30:00"), duration=25, client=client)  # 06:00-06:25
    early = night_visit(w, window=("30:00", "30:00"), duration=15, client=client)
    crews = (crew(0, a, b),)
    busy = check_rota(w.provider(), w.rota(w.assign(dawn, a), w.assign(dawn, b), crews=crews, uncovered=(_skip(early),)))
    assert [v.rule for v in busy.hard] == ["night_reserve"]
    assert "5 min free 06:00+1-06:30+1, the reserve is 8 min" in busy.hard[0].message
    fine = check_rota(w.provider(), w.rota(w.assign(early, a), w.assign(early, b), crews=crews, uncovered=(_skip(dawn),)))
    assert fine.is_clean


def test_crew_skills_a_single_night_visit_needs_the_skill_in_one_of_the_pair_a_double_up_in_both():
    w = World()
    options = {"shifts": (NIGHT_SHIFT,), "night_worker": True, "day_worker": False}
    skilled, plain, also_plain = w.carer(skills=("catheter",), **options), w.carer(**options), w.carer(**options)
    client = w.client()
    single = w.visit(client, window=("23:00", "23:30"), skills=("catheter",), service=Service.NIGHT)
    double = w.visit(client, window=("26:00", "26:30"), skills=("catheter",), carers=2, service=Service.NIGHT)
    with_partner = check_rota(
        w.provider(),
        w.rota(w.assign(single, skilled), w.assign(single, plain), uncovered=(Uncovered(double, "no_crew"),), crews=(crew(0, skilled, plain),)),
    )
    assert "skills" not in rules_broken(with_partner.hard), with_partner.hard
    neither = check_rota(
        w.provider(),
        w.rota(w.assign(single, plain), w.assign(single, also_plain), uncovered=(Uncovered(double, "no_crew"),), crews=(crew(0, plain, also_plain),)),
    )
    assert rules_broken(neither.hard) == {"skills"}
    assert "no carer of the crew" in neither.hard[0].message
    double_up = check_rota(
        w.provider(),
        w.rota(w.assign(double, skilled), w.assign(double, plain), uncovered=(Uncovered(single, "no_crew"),), crews=(crew(0, skilled, plain),)),
    )
    assert [v.carer_id for v in double_up.hard if v.rule == "skills"] == [plain]

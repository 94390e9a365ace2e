"""Soft measures: travel, lateness, continuity, short visits, hours against contract, UCR."""

from roster.domain import Referral, Settings, Transport
from roster.domain.travel import TravelModel
from roster.rules import check_rota

from .builders import World, place


def test_travel_counts_legs_between_visits_and_home_legs_separately():
    w = World()
    home = place(-2000, 0)
    carer = w.carer(at=home)
    a_at, b_at = place(0, 0), place(0, 1500)
    a = w.assign(w.visit(w.client(at=a_at), window=("08:00", "08:00")), carer)
    b = w.assign(w.visit(w.client(at=b_at), window=("09:00", "09:00")), carer)
    m = check_rota(w.provider(), w.rota(a, b)).measures
    model = TravelModel(w.settings)
    assert (m.travel_minutes, m.travel_metres) == (model.minutes(a_at, b_at, Transport.CAR), model.metres(a_at, b_at))
    assert m.home_travel_minutes == model.minutes(home, a_at, Transport.CAR) + model.minutes(b_at, home, Transport.CAR)
    assert m.home_travel_metres == model.metres(home, a_at) + model.metres(b_at, home)
    assert m.carers[0].travel_minutes == m.travel_minutes


def test_a_supplied_travel_model_is_the_one_used():
    class Slow(TravelModel):
        def minutes(self, a, b, mode):
            return 45

    w = World()
    carer = w.carer()
    client = w.client()
    a = w.assign(w.visit(client, window=("08:00", "08:00")), carer)
    b = w.assign(w.visit(w.client(at=place(0, 900)), window=("08:40", "09:40")), carer, "08:40")
    assert check_rota(w.provider(), w.rota(a, b)).is_clean
    slowed = check_rota(w.provider(), w.rota(a, b), travel=Slow(w.settings))
    assert {v.rule for v in slowed.hard} >= {"travel_between"}


def test_lateness_counts_minutes_after_the_preferred_time_once_per_visit():
    w = World()
    x, y = w.carer(), w.carer()
    client = w.client()
    pair = w.visit(client, window=("08:00", "09:00"), carers=2)
    single = w.visit(client, window=("12:00", "13:00"))
    m = check_rota(w.provider(), w.rota(w.assign(pair, x, "08:20"), w.assign(pair, y, "08:20"),
                                        w.assign(single, x, "12:00"))).measures
    assert (m.late_visits, m.lateness_minutes) == (1, 20)
    assert m.delivered_minutes == 90


def test_continuity_counts_distinct_carers_and_the_preferred_share():
    w = World()
    a, b = w.carer(), w.carer()
    client = w.client(preferred=("C001",))
    other = w.client()
    visits = [w.visit(client, day=d) for d in range(3)] + [w.visit(other, day=0, window=("10:00", "11:00"))]
    rota = w.rota(w.assign(visits[0], a), w.assign(visits[1], a), w.assign(visits[2], b), w.assign(visits[3], a))
    m = check_rota(w.provider(), rota).measures
    by_client = {c.client_id: c for c in m.clients}
    assert (by_client[client].visits, by_client[client].distinct_carers) == (3, 2)
    assert by_client[client].preferred_share == 2 / 3
    assert m.mean_distinct_carers == 1.5
    assert m.preferred_carer_share == 2 / 3


def test_short_visits_count_only_when_not_agreed_as_checks():
    w = World()
    carer = w.carer()
    client = w.client()
    agreed = w.visit(client, duration=15, short_check=True)
    not_agreed = w.visit(client, duration=15, window=("10:00", "11:00"))
    m = check_rota(w.provider(), w.rota(w.assign(agreed, carer), w.assign(not_agreed, carer))).measures
    assert m.short_visits_not_agreed == 1


def test_ucr_minutes_are_carer_minutes_and_over_budget_is_a_soft_breach():
    w = World(Settings(ucr_budget_minutes=60))
    x, y = w.carer(), w.carer()
    urgent = w.visit(w.client(), carers=2, duration=45, referral=Referral.UCR)
    report = check_rota(w.provider(), w.rota(w.assign(urgent, x), w.assign(urgent, y)))
    assert report.measures.ucr_minutes == 90
    assert report.is_clean
    assert [v.rule for v in report.soft] == ["ucr_budget"]


def test_uncovered_counts_split_mandatory_and_optional():
    from roster.domain import Uncovered

    w = World()
    w.carer()
    client = w.client()
    must, may = w.visit(client), w.visit(client, optional=True, window=("10:00", "11:00"))
    m = check_rota(w.provider(), w.rota(uncovered=(Uncovered(must, "no_carer"), Uncovered(may, "no_carer")))).measures
    assert (m.visits, m.covered, m.uncovered_mandatory, m.uncovered_optional) == (2, 0, 1, 1)


def test_visits_called_off_by_an_event_are_not_counted_as_uncovered():
    from roster.domain import Uncovered

    w = World()
    w.carer()
    visit = w.visit(w.client())
    left_undone = check_rota(w.provider(), w.rota(uncovered=(Uncovered(visit, "no_room", "nobody free"),)))
    called_off = check_rota(w.provider(), w.rota(uncovered=(Uncovered(visit, "client_in_hospital", "admitted"),)))
    assert left_undone.measures.uncovered_mandatory == 1
    assert called_off.measures.uncovered_mandatory == 0

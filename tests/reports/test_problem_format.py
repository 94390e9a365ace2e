"""The problem file: written from a provider, read back the same; malformed files refused by field."""

import copy

import pytest

from roster.domain import Transport
from roster.domain.travel import TravelModel
from roster.scripting.problem import ProblemFileError, problem_document, read_problem, read_travel

from .fixtures import AT_P1, HOME_C1, MONDAY, small_provider


def test_problem_round_trips():
    provider = small_provider()
    document = problem_document(provider, MONDAY)
    again, monday = read_problem(document)
    assert monday == MONDAY
    assert again.carers == provider.carers
    assert again.clients == provider.clients
    assert set(again.schedules) == set(provider.schedules)
    assert set(again.packages) == set(provider.packages)
    assert again.settings_for(MONDAY).commissioned_minutes == 600
    assert [v.id for v in again.visits_for_week(MONDAY)] == [v.id for v in provider.visits_for_week(MONDAY)]


def _broken(change) -> list[str]:
    document = copy.deepcopy(problem_document(small_provider(), MONDAY))
    change(document)
    with pytest.raises(ProblemFileError) as caught:
        read_problem(document)
    return caught.value.problems


def test_missing_field_is_named():
    problems = _broken(lambda d: d["carers"][1].pop("transport"))
    assert any("carers[1]" in p and "transport" in p for p in problems)


def test_bad_time_is_named():
    def change(d):
        d["schedules"][2]["window_start"] = "9.30"

    problems = _broken(change)
    assert any(p.startswith("schedules[2].window_start") for p in problems)


def test_window_ending_before_start_is_named():
    def change(d):
        d["schedules"][0]["window_end"] = "07:00"

    problems = _broken(change)
    assert problems == ["schedules[0]: schedule S1: window_end: window ends before it starts (08:30-07:00)"]


def test_dangling_reference_is_named():
    def change(d):
        d["packages"][1]["client_id"] = "P9"

    assert _broken(change) == ["packages[1].client_id: no client 'P9'"]


def test_unknown_skill_and_duplicate_id_are_both_reported():
    def change(d):
        d["schedules"][0]["skills"] = ["juggling"]
        d["clients"][1]["id"] = "P1"

    problems = _broken(change)
    assert any(p.startswith("schedules[0].skills: 'juggling'") for p in problems)
    assert "clients[1].id: 'P1' appears twice" in problems


def test_wrong_version_is_refused():
    problems = _broken(lambda d: d.update(version=3))
    assert any(p.startswith("version") for p in problems)


def _with_travel(change=lambda d: None) -> dict:
    provider = small_provider()
    document = copy.deepcopy(problem_document(provider, MONDAY, TravelModel(provider.settings_for(MONDAY))))
    change(document)
    return document


def test_travel_table_is_read_back_and_replaces_the_points():
    def far_away(d):
        d["carers"][0]["home"] = {"lat": 51.5, "lon": -0.1}  # the table, not the point, says where C1 lives

    document = _with_travel(far_away)
    assert document["version"] == 2 and set(document["travel"]["minutes"]) == {"car", "foot"}
    provider, monday = read_problem(document)
    travel = read_travel(document, provider, monday)
    truth = TravelModel(provider.settings_for(monday))
    c1, p1 = provider.carer("C1"), provider.client("P1")
    assert travel.minutes(c1.home, p1.location, Transport.CAR) == truth.minutes(HOME_C1, AT_P1, Transport.CAR)
    assert travel.metres(p1.location, c1.home) == truth.metres(AT_P1, HOME_C1)
    assert problem_document(small_provider(), MONDAY)["version"] == 1  # no table, readable by version 1


def test_travel_table_that_does_not_fit_is_named():
    def short_row(d):
        d["travel"]["metres"][2].pop()

    assert _problems(_with_travel(short_row)) == ["travel.metres[2]: 3 entries, 4 expected"]
    assert _problems(_with_travel(lambda d: d["travel"]["minutes"].pop("foot"))) == \
        ["travel.minutes: no 'foot' minutes, which carers[1] needs"]
    assert _problems(_with_travel(lambda d: d.update(version=1))) == \
        ["travel: a travel table needs version 2 of the problem format"]

    def same_point(d):
        d["clients"][1]["location"] = d["clients"][0]["location"]

    assert _problems(_with_travel(same_point)) == ["travel: clients[1] is at the same point as clients[0], but its travel differs"]


def _problems(document) -> list[str]:
    with pytest.raises(ProblemFileError) as caught:
        read_problem(document)
    return caught.value.problems


def test_without_jsonschema_the_builtin_validator_names_the_same_fields(monkeypatch):
    monkeypatch.setitem(__import__("sys").modules, "jsonschema", None)
    problems = _broken(lambda d: d["carers"][1].pop("transport"))
    assert problems == ["carers[1]: 'transport' is a required property"]
    problems = _broken(lambda d: d["schedules"][2].update(window_start="9.30", carers_needed=3))
    assert len(problems) == 2
    assert problems[0] == "schedules[2].carers_needed: 3 is not one of [1, 2]"
    assert problems[1].startswith("schedules[2].window_start: '9.30' does not match")

"""Visit rules: coverage, carer count, window, skills, declined carers, required gender. Each rule
has a test that it holds and a test that breaking it is caught."""

from roster.domain import Assignment, Gender, Uncovered
from roster.rules import check_rota

from .builders import World, rules_broken


def small_world():
    w = World()
    carer = w.carer(skills=("hoist", "medication"))
    client = w.client()
    visit = w.visit(client, day=1, window=("08:00", "09:00"), duration=30)
    return w, carer, client, visit


def test_a_visit_made_in_its_window_by_an_able_carer_is_clean():
    w, carer, _, visit = small_world()
    report = check_rota(w.provider(), w.rota(w.assign(visit, carer, "08:15")))
    assert report.is_clean
    assert report.violations == ()
    assert report.measures.covered == 1


def test_coverage_holds_when_an_unassigned_visit_is_listed_with_a_reason():
    w, _, _, visit = small_world()
    rota = w.rota(uncovered=(Uncovered(visit, "no_skilled_carer", "nobody with a hoist free 08:00-09:00"),))
    report = check_rota(w.provider(), rota)
    assert report.is_clean
    assert report.measures.uncovered_mandatory == 1


def test_coverage_catches_a_visit_dropped_silently():
    w, _, _, visit = small_world()
    report = check_rota(w.provider(), w.rota())
    assert rules_broken(report.hard) == {"coverage"}
    assert report.hard[0].visit_id == visit
    assert "not listed as uncovered" in report.hard[0].message


def test_coverage_catches_an_uncovered_entry_without_reason_or_on_an_assigned_visit():
    w, carer, _, visit = small_world()
    no_reason = check_rota(w.provider(), w.rota(uncovered=(Uncovered(visit, " "),)))
    both = check_rota(w.provider(), w.rota(w.assign(visit, carer), uncovered=(Uncovered(visit, "no_carer"),)))
    assert rules_broken(no_reason.hard) == {"coverage"}
    assert rules_broken(both.hard) == {"coverage"}


def test_known_records_catches_assignments_of_unknown_visits_and_carers():
    w, carer, _, visit = small_world()
    good = w.assign(visit, carer)
    ghost_visit = Assignment("S999@2026-11-24", carer, good.date, 600, 630)
    ghost_carer = Assignment(visit, "C999", good.date, good.start, good.end)
    report = check_rota(w.provider(), w.rota(good, ghost_visit, uncovered=(Uncovered("S998@2026-11-24", "x"),)))
    assert [v.rule for v in report.hard] == ["known_records", "known_records"]
    report = check_rota(w.provider(), w.rota(ghost_carer))
    assert [v.message for v in report.hard] == ["visit S001@2026-11-24: carer C999 does not exist"]


def test_double_up_holds_with_two_carers_starting_together():
    w = World()
    a, b = w.carer(skills=("hoist",)), w.carer(skills=("hoist",))
    visit = w.visit(w.client(), carers=2, skills=("hoist",))
    report = check_rota(w.provider(), w.rota(w.assign(visit, a, "08:10"), w.assign(visit, b, "08:10")))
    assert report.is_clean


def test_double_up_catches_half_a_pair_different_starts_and_a_repeated_carer():
    w = World()
    a, b = w.carer(), w.carer()
    visit = w.visit(w.client(), carers=2)
    half = check_rota(w.provider(), w.rota(w.assign(visit, a)))
    apart = check_rota(w.provider(), w.rota(w.assign(visit, a, "08:00"), w.assign(visit, b, "08:20")))
    twice = check_rota(w.provider(), w.rota(w.assign(visit, a), w.assign(visit, a)))
    assert rules_broken(half.hard) == {"carer_count"}
    assert "both carers or neither" in half.hard[0].message
    assert rules_broken(apart.hard) == {"carer_count"}
    assert "must start together" in apart.hard[0].message
    assert "carer_count" in rules_broken(twice.hard)


def test_single_visit_catches_a_second_carer():
    w, carer, _, visit = small_world()
    other = w.carer()
    report = check_rota(w.provider(), w.rota(w.assign(visit, carer), w.assign(visit, other)))
    assert rules_broken(report.hard) == {"carer_count"}


def test_window_catches_early_late_wrong_length_and_wrong_date():
    w, carer, _, visit = small_world()
    early = w.assign(visit, carer, "07:59")
    late = w.assign(visit, carer, "09:01")
    short = Assignment(visit, carer, early.date, 480, 500)
    moved = Assignment(visit, carer, early.date.replace(day=25), 480, 510)
    for assignment in (early, late, short, moved):
        report = check_rota(w.provider(), w.rota(assignment))
        assert "window" in rules_broken(report.hard), assignment
    edge = check_rota(w.provider(), w.rota(w.assign(visit, carer, "09:00")))
    assert edge.is_clean


def test_skills_message_names_visit_carer_and_skill():
    w = World()
    carer = w.carer(skills=("medication",))
    visit = w.visit(w.client(), skills=("hoist", "medication"), day=1)
    report = check_rota(w.provider(), w.rota(w.assign(visit, carer)))
    assert [v.message for v in report.hard] == ["visit S001@2026-11-24: carer C001 lacks skill hoist"]


def test_declined_carer_is_caught_and_another_carer_is_fine():
    w = World()
    liked, declined = w.carer(), w.carer()
    visit = w.visit(w.client(declined=(declined,)))
    assert check_rota(w.provider(), w.rota(w.assign(visit, liked))).is_clean
    report = check_rota(w.provider(), w.rota(w.assign(visit, declined)))
    assert rules_broken(report.hard) == {"declined"}


def test_required_gender_is_hard_and_a_mere_preference_is_measured():
    w = World()
    woman, man = w.carer(gender=Gender.FEMALE), w.carer(gender=Gender.MALE)
    strict = w.visit(w.client(gender=Gender.FEMALE, gender_required=True))
    loose = w.visit(w.client(gender=Gender.FEMALE), window=("10:00", "11:00"))
    assert check_rota(w.provider(), w.rota(w.assign(strict, woman), w.assign(loose, woman))).is_clean
    report = check_rota(w.provider(), w.rota(w.assign(strict, man), w.assign(loose, man)))
    assert rules_broken(report.hard) == {"gender_required"}
    assert report.measures.gender_preference_missed == 1

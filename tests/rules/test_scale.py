"""The checker at city scale (3,600 visits): right answers, not timings (see city.py for those)."""

from roster.rules import check_rota

from .city import city_week


def test_city_week_is_clean_but_for_the_carers_over_48_hours_who_did_not_opt_out():
    provider, rota = city_week()
    report = check_rota(provider, rota)
    assert report.measures.visits == report.measures.covered == 3600
    assert {v.rule for v in report.hard} == {"weekly_working_time"}
    assert sorted(v.carer_id for v in report.hard) == [c.id for c in provider.carers if not c.opted_out_48h]
    assert report.measures.mean_distinct_carers == 1.0

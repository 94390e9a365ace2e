"""A small hand-made week whose report figures can be worked out on paper.

Monday 2026-11-23 (2026-W48). Two carers, two clients, six visits:

  C1 (car, 13.00/h, split shift Mon 07:00-14:00 + 16:00-21:00, Tue 05:30-14:00, contract 10 h)
  C2 (on foot, 12.00/h, Mon 07:00-14:00, contract 5 h)
  P1 prefers C1; P2 is a UCR client.

  S1 P1 morning Mon 08:30-09:30 45 min    C1 08:30-09:15
  S3 P2 morning Mon 09:30-10:30 30 min x2 C1 + C2 09:30-10:00 (double-up, hoist)
  S2 P1 lunch   Mon 12:00-13:00 15 min    C1 12:00-12:15 (agreed short check)
  S4 P2 tea     Mon 16:00-18:00 20 min    uncovered (short, not agreed)
  S5 P1 bed     Mon 19:30-20:00 30 min    C1 19:30-20:00
  S6 P1 morning Tue 06:00-06:30 30 min    C1 06:00-06:30 (10 h after Monday's last visit: 1 h rest owed)

  C1 has a 20-minute break on Monday at 10:30 (the day spans more than 6 hours).
"""

from __future__ import annotations

import datetime as dt

from roster.domain import (
    Assignment, Break, CallType, CarePackage, Carer, Client, Location, Provider, Referral, Rota, Settings, Shift,
    Transport, Uncovered, VisitSchedule,
)

MONDAY = dt.date(2026, 11, 23)
TUESDAY = MONDAY + dt.timedelta(days=1)
HOME_C1 = Location(52.400, -1.520)
HOME_C2 = Location(52.410, -1.500)
AT_P1 = Location(52.405, -1.500)
AT_P2 = Location(52.400, -1.490)
SETTINGS = Settings(commissioned_minutes=10 * 60, ucr_budget_minutes=100 * 60)


def h(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def small_provider() -> Provider:
    carers = (
        Carer("C1", "Carer One", "CV1 1AA", HOME_C1, Transport.CAR, frozenset({"medication", "hoist"}),
              (Shift(0, h("07:00"), h("14:00")), Shift(0, h("16:00"), h("21:00")), Shift(1, h("05:30"), h("14:00"))),
              contracted_minutes=600, pay_pence_per_hour=1300),
        Carer("C2", "Carer Two", "CV1 1AB", HOME_C2, Transport.FOOT, frozenset({"hoist"}),
              (Shift(0, h("07:00"), h("14:00")),), contracted_minutes=300, pay_pence_per_hour=1200),
    )
    clients = (
        Client("P1", "Client One", "CV2 2AA", AT_P1, access_notes="Key safe 1234", preferred_carers=("C1",)),
        Client("P2", "Client Two", "CV2 2AB", AT_P2),
    )
    packages = (
        CarePackage("K1", "P1", MONDAY, MONDAY + dt.timedelta(days=13)),
        CarePackage("K2", "P2", MONDAY, MONDAY + dt.timedelta(days=13), referral=Referral.UCR),
    )
    mon, tue = frozenset({0}), frozenset({1})
    schedules = (
        VisitSchedule("S1", "K1", CallType.MORNING, mon, h("08:30"), h("09:30"), 45),
        VisitSchedule("S2", "K1", CallType.LUNCH, mon, h("12:00"), h("13:00"), 15, short_check_agreed=True),
        VisitSchedule("S3", "K2", CallType.MORNING, mon, h("09:30"), h("10:30"), 30, carers_needed=2,
                      skills=frozenset({"hoist"})),
        VisitSchedule("S4", "K2", CallType.TEA, mon, h("16:00"), h("18:00"), 20),
        VisitSchedule("S5", "K1", CallType.BED, mon, h("19:30"), h("20:00"), 30),
        VisitSchedule("S6", "K1", CallType.MORNING, tue, h("06:00"), h("06:30"), 30),
    )
    return Provider(carers=carers, clients=clients, packages=packages, schedules=schedules, settings=(SETTINGS,))


def small_rota() -> Rota:
    def on(schedule: str, carer: str, start: str, minutes: int, day: dt.date = MONDAY) -> Assignment:
        return Assignment(f"{schedule}@{day.isoformat()}", carer, day, h(start), h(start) + minutes)

    return Rota(
        week_start=MONDAY,
        assignments=(
            on("S1", "C1", "08:30", 45),
            on("S3", "C1", "09:30", 30),
            on("S3", "C2", "09:30", 30),
            on("S2", "C1", "12:00", 15),
            on("S5", "C1", "19:30", 30),
            on("S6", "C1", "06:00", 30, TUESDAY),
        ),
        breaks=(Break("C1", MONDAY, h("10:30"), 20),),
        uncovered=(Uncovered(f"S4@{MONDAY.isoformat()}", "no_carer_free", "No carer is free 16:00-18:00."),),
    )

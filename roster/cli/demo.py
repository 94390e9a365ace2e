"""`roster demo`: a Coventry-like provider in the database, its planted rota, the week solved,
then the TUI in a terminal (or a summary when not)."""

from __future__ import annotations

import sys

import click

from .common import db_option, emit_rows, fail, output_options, week_argument
from .exit_codes import Exit
from .interrupt import interrupted


def _holds_own_data(db) -> int:
    """Carers in a database that `roster demo` did not make (no planted rota): 0 if none."""
    carers = db["carers"].count
    planted = db["rotas"].count_where("status = ?", ["planted"])
    return carers if carers and not planted else 0


def _write(db_path: str, demo) -> None:
    """Replace the database's content with the demo provider and its planted rota, all or nothing:
    both are written to a scratch database first, then copied over in one SQLite backup step."""
    from roster.store import open_db, replace_provider, save_rota

    scratch = open_db(":memory:")
    try:
        replace_provider(scratch, demo.provider)
        save_rota(scratch, demo.planted, note="planted by roster demo")
        target = open_db(db_path)
        try:
            own = _holds_own_data(target)
            if own:
                fail(
                    f"{db_path} holds a provider's own data ({own} carers); roster demo would replace it. "
                    "Give another --db.",
                    Exit.BAD_INPUT,
                )
            scratch.conn.backup(target.conn)
        finally:
            target.close()
    finally:
        scratch.close()


def _progress(message: str) -> None:
    click.echo(message, err=True)


def _solve(db_path: str, demo, time_limit: float):
    """Solve the week (day visits, then night rounds) and save the draft; returns the draft."""
    from roster.planning.solve import apply
    from roster.planning.week import plan_week
    from roster.store import open_db

    _progress(f"solving the week: day visits, then night rounds ({time_limit:.0f} s)...")
    rota = plan_week(demo.provider, demo.week_start, time_limit=time_limit).rota
    db = open_db(db_path)
    try:
        apply(db, rota)
    finally:
        db.close()
    return rota


def summary_rows(demo, draft=None) -> list[dict]:
    """The demo week in numbers: what was generated, and how the planted rota and the solved draft
    (if any) cover it."""
    from roster.domain import Referral, Service
    from roster.rules import check_rota

    provider = demo.provider
    visits = provider.visits_for_week(demo.week_start)
    day = [v for v in visits if v.service is Service.DAY]
    night = [v for v in visits if v.service is Service.NIGHT]
    rows = [
        ("daytime visits", len(day)),
        ("night visits", len(night)),
        ("double-up visits", sum(v.is_double_up for v in day)),
        ("day carers", sum(c.day_worker for c in provider.carers)),
        ("night carers", sum(not c.day_worker for c in provider.carers)),
        ("clients", len(provider.clients)),
        ("hours of daytime care", round(sum(v.duration * v.carers_needed for v in day) / 60)),
        ("UCR hours", round(sum(v.duration * v.carers_needed for v in visits if v.referral is Referral.UCR) / 60)),
    ]
    result = [{"measure": name, "value": value, "planted": "", "draft": ""} for name, value in rows]
    checks = {"planted": check_rota(provider, demo.planted, visits=visits)}
    if draft is not None:
        checks["draft"] = check_rota(provider, draft, visits=visits)
    for name, pick in (
        ("visits covered", lambda m, r: m.covered),
        ("travel hours between visits", lambda m, r: round(m.travel_minutes / 60, 1)),
        ("hard rule violations", lambda m, r: len(r.hard)),
    ):
        row = {"measure": name, "value": "", "planted": "", "draft": ""}
        for column, report in checks.items():
            row[column] = pick(report.measures, report)
        result.append(row)
    return result


@click.command("demo")
@click.option("--seed", type=int, default=1, show_default=True, help="Same seed, same provider and rota.")
@click.option("--hours-per-week", type=click.IntRange(min=50, max=10_000), default=650, show_default=True,
              help="Daytime care to generate: 650 for one provider, 2600 for the whole city.")
@click.option("--week", "week", default=None, help="ISO week like 2026-W48 (default: next week).")
@click.option("--time-limit", type=click.FloatRange(min=1.0), default=30.0, show_default=True,
              help="Seconds of search for the day visits.")
@click.option("--no-solve", is_flag=True, help="Only write the provider and the planted rota.")
@click.option("--no-tui", is_flag=True, help="Print the summary instead of opening the TUI.")
@output_options
@db_option
def demo(seed: int, hours_per_week: int, week: str | None, time_limit: float, no_solve: bool, no_tui: bool,
         fmt: str, db_path: str) -> None:
    """Create a Coventry-like demo provider with a planted rota, solve the week and open it.

    Replaces the content of the database (refuses one holding a provider's own data). In a terminal
    the TUI opens on the week; otherwise (or with --no-tui) a summary is printed."""
    from roster.demo import generate
    from roster.domain.clock import week_label

    monday = week_argument(week)
    _progress(f"generating the demo week {week_label(monday)} (seed {seed}, {hours_per_week} hours a week)...")
    week_data = generate(seed=seed, hours_per_week=hours_per_week, week_start=monday)
    _write(db_path, week_data)
    draft = None
    if not no_solve:
        try:
            draft = _solve(db_path, week_data, time_limit)
        except KeyboardInterrupt:
            interrupted("interrupted; the demo provider and its planted rota are written, no draft")
    if sys.stdout.isatty() and not no_tui:
        from roster.tui.app import create_app  # Textual loads only when the TUI opens.

        create_app(db_path, monday).run()
        return
    emit_rows(summary_rows(week_data, draft), fmt, ["measure", "value", "planted", "draft"])


commands = [demo]

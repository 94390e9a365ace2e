"""Tables for people: a plain-text table for the terminal and the same in markdown."""

from __future__ import annotations

from .run import WORSE_THAN_VROOM, Outcome, summarise, worse_than_vroom

HEADER = ("instance", "solver", "seed", "vehicles", "distance", "gap %", "seconds")


def rows(outcomes: list[Outcome]) -> list[tuple[str, ...]]:
    """One row per instance and solver; an infeasible answer shows what the checker found."""
    table = []
    for o in outcomes:
        if o.feasible:
            distance = f"{o.distance:.2f}"
        else:
            distance = "INFEASIBLE" if o.vehicles else "none"
        gap = f"{round(o.gap, 2) + 0.0:+.2f}" if o.gap is not None else "-"
        seed = "-" if o.seed is None else str(o.seed)
        table.append((o.instance, o.solver, seed, str(o.vehicles), distance, gap, f"{o.seconds:.1f}"))
    return table


def summary_lines(outcomes: list[Outcome]) -> list[str]:
    """Mean gap per solver, then where ours trails VROOM by more than the allowed margin."""
    lines = []
    for s in summarise(outcomes):
        gap = f"{s.mean_gap:+.2f}%" if s.mean_gap is not None else "n/a"
        lines.append(
            f"{s.solver}: mean gap {gap} over {s.feasible} feasible of {s.instances}, "
            f"median {s.median_seconds:.1f} s per instance"
        )
    if {"ours", "vroom"} <= {o.solver for o in outcomes}:
        lines.append(_behind_vroom(outcomes))
    problems = [o for o in outcomes if o.violations or o.note]
    for o in problems:
        shown = "; ".join(o.violations[:3]) + (f" (+{len(o.violations) - 3} more)" if len(o.violations) > 3 else "")
        lines.append(f"{o.instance} {o.solver}: {o.note or ''} {shown}".strip())
    return lines


def _behind_vroom(outcomes: list[Outcome]) -> str:
    """Where ours trails VROOM by more than the margin: per instance, or with several seeds, in
    how many of each instance's runs (the per-instance target is a chance, not a fact)."""
    worse = worse_than_vroom(outcomes)
    instances = len({o.instance for o in outcomes})
    seeds = {o.seed for o in outcomes if o.solver == "ours"}
    head = f"ours > {WORSE_THAN_VROOM}% worse than VROOM"

    def shown(excess: float | None) -> str:
        return "no feasible solution" if excess is None else f"+{excess:.2f}%"

    if len(seeds) <= 1:
        detail = ", ".join(f"{o.instance} ({shown(e)})" for o, e in worse)
        return f"{head} on {len(worse)} of {instances} instances" + (f": {detail}" if worse else "")
    by_instance: dict[str, list[float | None]] = {}
    for o, excess in worse:
        by_instance.setdefault(o.instance, []).append(excess)
    detail = ", ".join(
        f"{name} in {len(excesses)}" + ("" if None in excesses else f" (worst {shown(max(excesses))})")
        for name, excesses in by_instance.items()
    )
    return (f"{head} in {len(worse)} of {instances * len(seeds)} runs ({instances} instances x "
            f"{len(seeds)} seeds)" + (f": {detail}" if worse else ""))


def text_table(outcomes: list[Outcome]) -> str:
    """Aligned columns for a terminal."""
    body = [HEADER, *rows(outcomes)]
    widths = [max(len(r[c]) for r in body) for c in range(len(HEADER))]
    return "\n".join("  ".join(cell.rjust(w) if c >= 2 else cell.ljust(w) for c, (cell, w) in
                                enumerate(zip(r, widths))) for r in body)


def markdown(outcomes: list[Outcome], title: str, preamble: list[str]) -> str:
    """A markdown page: preamble, summary, then the full table."""
    lines = [f"# {title}", "", *preamble, "", "## Summary", ""]
    lines += [f"- {line}" for line in summary_lines(outcomes)]
    lines += ["", "## Per instance", "", "| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(r) + " |" for r in rows(outcomes)]
    return "\n".join(lines) + "\n"

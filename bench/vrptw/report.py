"""Tables for people: a plain-text table for the terminal and the same in markdown."""

from __future__ import annotations

from .run import WORSE_THAN_VROOM, Outcome, summarise, worse_than_vroom

HEADER = ("instance", "solver", "vehicles", "distance", "gap %", "seconds")


def rows(outcomes: list[Outcome]) -> list[tuple[str, ...]]:
    """One row per instance and solver; an infeasible answer shows what the checker found."""
    table = []
    for o in outcomes:
        if o.feasible:
            distance = f"{o.distance:.2f}"
        else:
            distance = "INFEASIBLE" if o.vehicles else "none"
        gap = f"{round(o.gap, 2) + 0.0:+.2f}" if o.gap is not None else "-"
        table.append((o.instance, o.solver, str(o.vehicles), distance, gap, f"{o.seconds:.1f}"))
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
    solvers = {o.solver for o in outcomes}
    if {"ours", "vroom"} <= solvers:
        worse = worse_than_vroom(outcomes)
        detail = ", ".join(f"{i} ({'no feasible solution' if e is None else f'+{e:.2f}%'})" for i, e in worse)
        lines.append(
            f"ours > {WORSE_THAN_VROOM}% worse than VROOM on {len(worse)} of "
            f"{len({o.instance for o in outcomes})} instances" + (f": {detail}" if worse else "")
        )
    problems = [o for o in outcomes if o.violations or o.note]
    for o in problems:
        shown = "; ".join(o.violations[:3]) + (f" (+{len(o.violations) - 3} more)" if len(o.violations) > 3 else "")
        lines.append(f"{o.instance} {o.solver}: {o.note or ''} {shown}".strip())
    return lines


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

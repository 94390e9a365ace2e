"""What may be published: a rota carers will work to must not bring in hard rule violations
that the published rota does not have, unless a coordinator forces it with a note.

The independent rule checker (roster.rules) judges; publishing and restoring, from the CLI or
the TUI, meet the same refusal (`UnsafeRota`) with the same message.
"""

from __future__ import annotations

from roster.domain import Provider, Rota
from roster.rules import Violation, check_rota


class UnsafeRota(Exception):
    """Publishing would bring in hard violations the published rota does not have; nothing was
    written. Forced with a note, it goes ahead and the audit log keeps the note."""

    def __init__(self, what: str, against: int | None, violations: tuple[Violation, ...]):
        self.what = what
        """What was refused, e.g. 'the draft' or 'version 1'."""
        self.against = against
        """The published version it was judged against (None: nothing published yet)."""
        self.violations = violations
        """The hard violations it would bring in, in rota order."""
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """The refusal, then one line per violation: rule, visit, carer, date and what is wrong."""
        than = f"the published version {self.against} does not have" if self.against else "(nothing published yet)"
        head = f"not published: {self.what} has {len(self.violations)} hard rule violations {than}:"
        return "\n".join([head, *(violation_line(v) for v in self.violations)])


def violation_line(v: Violation) -> str:
    """One violation on one line: rule, visit, carer, date, then the checker's message."""
    return (f"  {v.rule}: visit {v.visit_id or '-'}, carer {v.carer_id or '-'}, "
            f"{v.date.isoformat() if v.date else '-'}: {v.message}")


def _key(v: Violation) -> tuple:
    return (v.rule, v.visit_id, v.carer_id, v.date)


def new_hard_violations(provider: Provider, rota: Rota, published: Rota | None) -> tuple[Violation, ...]:
    """Hard violations of `rota` that `published` (judged on the same provider data) does not
    have; every hard violation when nothing is published."""
    known = {_key(v) for v in check_rota(provider, published).hard} if published is not None else set()
    return tuple(v for v in check_rota(provider, rota).hard if _key(v) not in known)


def forced_detail(violations: tuple[Violation, ...], note: str) -> str:
    """The audit log's words for a publish forced past violations: how many, which rules, why."""
    rules = ", ".join(sorted({v.rule for v in violations}))
    return f"forced past {len(violations)} new hard violations ({rules}): {note}"

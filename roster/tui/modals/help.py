"""The help screen: what each view shows and every key binding, read from the bindings
themselves so it never goes stale."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

INTRO = """\
# roster: the week's rota

**Week board**: carers down, days across; each cell is a carer's run for the day
(`visits  hours of care  travel minutes`). Colours and markers:
`!` breach (red), `◆` pinned, `✓` as published (green), `S` sickness, `L` leave, `off` no shift.
The strip at the top always shows how many visits and clients are uncovered.

**Change it**: highlight a visit in any list and press `enter` to see carers ranked with
why they fit; `p` pins or unpins, `x` takes the carer off, `s` marks a visit to swap and
`s` on a second one swaps them. Every change is re-checked at once; `ctrl+z` undoes.

**Re-solve**: `r` re-solves around what is pinned; `escape` cancels; you see what changed
before you accept it.

**On the day**: `a` records an event (a carer off sick, a UCR call, a client admitted to
hospital); `f` repairs a day from a time onward with as few changes to other people's plans as
possible, shows every change and the UCR deadlines, and saves only when you accept with `a`.

**Report** (`m`): the week in figures with plots. **Versions** (`v`): published versions and the
draft, what changed between any two (`b` marks the one to compare from), `ctrl+r` restores one.

**Search**: `ctrl+p` finds carers, clients and postcodes. `ctrl+l` reloads the week from the database.

## Keys
"""


def bindings_table(bindings: list[Binding]) -> str:
    """A markdown table of key, action and binding id."""
    lines = ["| key | does | id |", "|---|---|---|"]
    for b in bindings:
        if b.description:
            lines.append(f"| `{b.key}` | {b.description} | {b.id or ''} |")
    return "\n".join(lines)


class HelpScreen(ModalScreen[None]):
    """Press escape or ? to close."""

    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close", id="help.close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 90; height: 90%; border: round $primary; background: $surface; }
    """

    def compose(self) -> ComposeResult:
        from ..app import RosterApp
        from ..screens.base import RotaScreen

        bindings = list(RosterApp.BINDINGS) + list(RotaScreen.BINDINGS)
        for screen in self.app.screen_stack:
            if screen is not self and type(screen).BINDINGS is not RotaScreen.BINDINGS:
                bindings += [b for b in type(screen).BINDINGS if b not in bindings]
        with VerticalScroll():
            yield Markdown(INTRO + bindings_table(bindings))

"""The default look: calm blues for the draft, a clear red for breaches."""

from textual.theme import Theme

ROSTER_THEME = Theme(
    name="roster",
    primary="#5B8DEF",
    secondary="#8FBCBB",
    accent="#F2A65A",
    warning="#EBCB8B",
    error="#E5484D",
    success="#7FB77E",
    foreground="#E6E9EF",
    background="#1B1F27",
    surface="#232833",
    panel="#2C3340",
    dark=True,
)

"""One problem found in an input file: where it is and what is wrong, for a coordinator to fix."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """A single thing wrong with the input, printed as `file:line: field: message`."""

    source: str
    """File name as the user knows it (e.g. schedules.csv), or 'database' for stored records."""
    line: int | None
    """Line of the record (CSV row or start of the JSON object), None if it has no line."""
    field: str | None
    """Column at fault, None for problems with the whole file."""
    message: str
    """What is wrong, in words a coordinator can act on."""

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class CellError(ValueError):
    """A value cannot be read; field is set when it is not the cell being parsed."""

    def __init__(self, message: str, field: str | None = None):
        self.field = field
        super().__init__(message)

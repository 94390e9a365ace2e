"""Reading one cell: CSV gives text, JSON may give numbers, booleans and lists. Every reader
accepts both and raises CellError with a message that quotes the bad value."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import Enum

from roster.domain import DomainError, Shift
from roster.domain.clock import WEEKDAYS, format_weekdays, hhmm, parse_hhmm, parse_weekdays

from .problems import CellError

LIST_SEPARATOR = ";"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?$")
_SHIFT = re.compile(r"^([a-z]{3})\s+(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})$")
_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0"}


@dataclass(frozen=True)
class HugeNumber:
    """A JSON whole number too long to be any field's value (read.py keeps it as this)."""

    digits: int
    """How many digits it has."""

    def __str__(self) -> str:
        return f"a number of {self.digits} digits"


def is_blank(value: object) -> bool:
    """An empty cell: absent, JSON null, or only whitespace."""
    return value is None or (isinstance(value, str) and not value.strip())


def _text_of(value: object) -> str:
    if not isinstance(value, str):
        raise CellError(f"expected text, got {_kind(value)}")
    return value


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, HugeNumber):
        return str(value)
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _short(text: str) -> str:
    """Quote a value in a message without flooding the terminal."""
    return repr(text if len(text) <= 40 else text[:37] + "...")


def text(value: object) -> str:
    """Free text kept exactly as written (names, notes, goals)."""
    return _text_of(value)


def ident(value: object) -> str:
    """A record id: no spaces around, none of the list separators inside."""
    raw = value if isinstance(value, int) and not isinstance(value, bool) else _text_of(value)
    result = str(raw).strip()
    if any(sep in result for sep in (LIST_SEPARATOR, ",")) or any(ch.isspace() for ch in result) or not result.isprintable():
        raise CellError(f"{_short(result)} is not an id (no spaces, commas, semicolons or control characters)")
    if len(result) > 64:
        raise CellError(f"{_short(result)} is longer than 64 characters")
    return result


def number(value: object) -> float:
    """A finite decimal number."""
    _not_huge(value)
    if isinstance(value, bool):
        raise CellError(f"expected a number, got {_kind(value)}")
    try:
        result = float(value) if isinstance(value, (int, float)) else float(_text_of(value).strip())
    except ValueError:
        raise CellError(f"{_short(str(value))} is not a number") from None
    if not math.isfinite(result):
        raise CellError(f"{_short(str(value))} is not a number")
    return result


def integer(value: object) -> int:
    """A whole number, zero or more."""
    _not_huge(value)
    if isinstance(value, int) and not isinstance(value, bool):
        result = value
    else:
        raw = _text_of(value).strip()
        if not re.fullmatch(r"\d{1,9}", raw):
            raise CellError(f"{_short(raw)} is not a whole number")
        result = int(raw)
    if result < 0:
        raise CellError(f"{result} is negative")
    return result


def boolean(value: object) -> bool:
    """true/false, yes/no, 1/0."""
    if isinstance(value, bool):
        return value
    raw = str(value).strip().lower() if isinstance(value, int) else _text_of(value).strip().lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise CellError(f"{_short(raw)} is not true or false")


def choice(enum: type[Enum]) -> Callable[[object], Enum]:
    """One of an enumeration's values, e.g. car | public_transport | foot."""

    def read(value: object) -> Enum:
        raw = _text_of(value).strip().lower()
        try:
            return enum(raw)
        except ValueError:
            allowed = ", ".join(member.value for member in enum)
            raise CellError(f"{_short(raw)} is not one of {allowed}") from None

    return read


def time(value: object) -> int:
    """HH:MM as minutes since midnight; 24:00 and later for night visits after midnight."""
    try:
        return parse_hhmm(_text_of(value))
    except ValueError:
        raise CellError(f"{_short(str(value))} is not a time like 07:30 (or 26:00 for 02:00 after midnight)") from None


def date(value: object) -> dt.date:
    """YYYY-MM-DD."""
    raw = _text_of(value).strip()
    try:
        if not _DATE.match(raw):
            raise ValueError
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise CellError(f"{_short(raw)} is not a date like 2026-05-04") from None


def datetime(value: object) -> dt.datetime:
    """YYYY-MM-DDTHH:MM[:SS] local time (a bare date means midnight); no time zones."""
    raw = _text_of(value).strip()
    try:
        if not _DATETIME.match(raw):
            raise ValueError
        return dt.datetime.fromisoformat(raw)
    except ValueError:
        raise CellError(f"{_short(raw)} is not a date and time like 2026-05-04T08:00") from None


def id_list(value: object) -> tuple[str, ...]:
    """Semicolon-separated ids (or a JSON list), order kept, blanks dropped."""
    if isinstance(value, list):
        parts = value
    else:
        parts = _text_of(value).split(LIST_SEPARATOR)
    result = []
    for part in parts:
        if not is_blank(part):
            result.append(ident(part))
    return tuple(result)


def skills(vocabulary: tuple[str, ...]) -> Callable[[object], frozenset[str]]:
    """Semicolon-separated skills, each one of the settings' vocabulary."""

    def read(value: object) -> frozenset[str]:
        if isinstance(value, list):
            parts = [_text_of(v) for v in value]
        else:
            parts = _text_of(value).split(LIST_SEPARATOR)
        names = {p.strip().lower() for p in parts if p.strip()}
        unknown = sorted(names - set(vocabulary))
        if unknown:
            raise CellError(
                f"{', '.join(_short(u) for u in unknown)} not in the skills list ({', '.join(vocabulary)})"
            )
        return frozenset(names)

    return read


def weekdays(value: object) -> frozenset[int]:
    """mon,wed,fri | daily | weekdays | weekends (semicolons work as well as commas)."""
    raw = _text_of(value).replace(LIST_SEPARATOR, ",")
    try:
        return parse_weekdays(raw)
    except ValueError as exc:
        raise CellError(str(exc)) from None


def availability(value: object) -> tuple[Shift, ...]:
    """'mon 07:00-14:00; mon 16:30-22:00; wed 22:00-30:00' -> shifts, in weekday and start order."""
    parts = value if isinstance(value, list) else _text_of(value).split(LIST_SEPARATOR)
    shifts = []
    for part in parts:
        if is_blank(part):
            continue
        raw = _text_of(part).strip().lower()
        match = _SHIFT.match(raw)
        if not match or match[1] not in WEEKDAYS:
            raise CellError(f"{_short(raw)} is not a shift like 'mon 07:00-14:00'")
        start, end = time(match[2]), time(match[3])
        try:
            shifts.append(Shift(WEEKDAYS.index(match[1]), start, end))
        except DomainError as exc:
            raise CellError(domain_message(exc)) from None
    return tuple(sorted(shifts, key=lambda s: (s.weekday, s.start)))


def hours(value: object) -> int:
    """Decimal hours (37.5) as whole minutes."""
    amount = _decimal(value)
    if amount < 0:
        raise CellError(f"{amount} is negative")
    if amount > 168:
        raise CellError(f"{_short(str(amount))} hours is more than a week")
    return int((amount * 60).to_integral_value())


def pounds(value: object) -> int:
    """Pounds and pence (12.71) as pence."""
    amount = _decimal(value)
    pence = amount * 100
    if pence != pence.to_integral_value():
        raise CellError(f"{amount} has fractions of a penny")
    if pence <= 0:
        raise CellError(f"{amount} must be more than 0")
    if pence > 100_000:
        raise CellError(f"£{_short(str(amount))} an hour is not a plausible pay rate")
    return int(pence)


def _not_huge(value: object) -> None:
    if isinstance(value, HugeNumber):
        raise CellError(f"{value} is too large")


def _decimal(value: object) -> Decimal:
    _not_huge(value)
    if isinstance(value, bool):
        raise CellError(f"expected a number, got {_kind(value)}")
    raw = str(value) if isinstance(value, (int, float)) else _text_of(value).strip()
    try:
        amount = Decimal(raw)
    except InvalidOperation:
        raise CellError(f"{_short(raw)} is not a number") from None
    if not amount.is_finite():
        raise CellError(f"{_short(raw)} is not a number")
    return amount


def domain_message(exc: DomainError) -> str:
    """The domain's message without its 'record: field: ' prefix (the caller says where)."""
    prefix = f"{exc.record}: {exc.field}: "
    message = str(exc)
    return message[len(prefix):] if message.startswith(prefix) else message


# Dumping: domain value -> JSON-native value; CSV writes these through csv_cell.


def dump_availability(shifts: tuple[Shift, ...]) -> str:
    ordered = sorted(shifts, key=lambda s: (s.weekday, s.start))
    return f"{LIST_SEPARATOR} ".join(f"{WEEKDAYS[s.weekday]} {hhmm(s.start)}-{hhmm(s.end)}" for s in ordered)


def dump_time(minutes: int) -> str:
    return hhmm(minutes)


def dump_hours(minutes: int) -> int | float:
    """Minutes as hours to two places; reading it back gives the same minute."""
    value = round(minutes / 60, 2)
    return int(value) if value == int(value) else value


def dump_pounds(pence: int) -> Decimal:
    return Decimal(pence) / 100


def dump_weekdays(days: frozenset[int]) -> str:
    return format_weekdays(days)


def dump_date(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def csv_cell(value: object) -> str:
    """A JSON-native value as CSV text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return f"{LIST_SEPARATOR} ".join(str(v) for v in value)
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return str(value)

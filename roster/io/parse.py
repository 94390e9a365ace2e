"""Raw records -> domain records. Every cell is read and every problem collected; a record is
built only when all its cells are good, and then the domain's own validation has its say."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from roster.domain import DomainError, Location
from roster.locations import normalise_postcode

from .cells import domain_message, is_blank
from .formats import RecordFormat
from .problems import CellError, Problem
from .read import RawFile, RawRecord

Locate = Callable[[str], Location | None]
"""Postcode -> location, None if unknown."""


@dataclass(frozen=True)
class Parsed:
    """A domain record and the line it came from."""

    record: object
    """Carer, Client, CarePackage, VisitSchedule or Absence."""
    origin: RawRecord
    """Where it was read."""


def parse_file(raw: RawFile, fmt: RecordFormat, locate: Locate) -> tuple[list[Parsed], list[Problem]]:
    """Every record of a file that could be built, and every problem found on the way."""
    problems = list(raw.problems)
    if raw.header is not None:
        problems += _column_problems(fmt, set(raw.header), raw.source, 1)
    parsed = []
    for record in raw.records:
        if raw.header is None:
            problems += _column_problems(fmt, set(record.values), record.source, record.line)
        built, found = parse_record(record, fmt, locate)
        problems += found
        if built is not None:
            parsed.append(Parsed(built, record))
    return parsed, sorted(problems, key=lambda p: p.line or 0)


def _column_problems(fmt: RecordFormat, present: set[str], source: str, line: int) -> list[Problem]:
    known = set(fmt.names)
    problems = [
        Problem(source, line, name, f"unknown column (expected {', '.join(fmt.names)})")
        for name in sorted(present - known)
    ]
    problems += [Problem(source, line, name, "required column is missing") for name in fmt.missing_columns(present)]
    return problems


def parse_record(raw: RawRecord, fmt: RecordFormat, locate: Locate) -> tuple[object | None, list[Problem]]:
    """One domain record, or None and the reasons."""
    problems = []
    values: dict[str, object] = {}
    for column in fmt.columns:
        cell = raw.values.get(column.name)
        if is_blank(cell):
            if column.required and column.name in raw.values:
                problems.append(Problem(raw.source, raw.line, column.name, "is empty"))
            continue
        try:
            values[column.name] = column.read(cell)
        except CellError as exc:
            problems.append(Problem(raw.source, raw.line, exc.field or column.name, str(exc)))
    missing_required = any(c.required and c.name not in values for c in fmt.columns)
    if problems or missing_required:
        return None, problems
    try:
        kwargs = {c.attr: values[c.name] for c in fmt.columns if c.attr and c.name in values}
        if fmt.location_attr:
            kwargs["postcode"], kwargs[fmt.location_attr] = _address(values, locate)
        return fmt.record_type(**kwargs), []
    except CellError as exc:
        return None, [Problem(raw.source, raw.line, exc.field, str(exc))]
    except DomainError as exc:
        return None, [Problem(raw.source, raw.line, exc.field, domain_message(exc))]


def _address(values: dict[str, object], locate: Locate) -> tuple[str, Location]:
    """Coordinates if given (the postcode is then kept as written), else the postcode's location."""
    postcode = values.get("postcode", "")
    has_lat, has_lon = "lat" in values, "lon" in values
    if has_lat != has_lon:
        given, missing = ("lat", "lon") if has_lat else ("lon", "lat")
        raise CellError(f"is empty but {given} is given (give both, or neither and a postcode)", missing)
    if has_lat:
        return postcode.strip(), Location(values["lat"], values["lon"])
    if not postcode.strip():
        raise CellError("is empty (give a postcode, or lat and lon)", "postcode")
    normal = normalise_postcode(postcode)
    if normal is None:
        raise CellError(f"{postcode.strip()!r} is not a UK postcode", "postcode")
    location = locate(normal)
    if location is None:
        raise CellError(f"{normal} is not a known postcode (give lat and lon instead)", "postcode")
    return normal, location

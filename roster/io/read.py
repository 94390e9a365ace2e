"""Text of a CSV or JSON file -> raw records (values by column name, with the line each starts
on). Only the file's shape is checked here; the values are read in parse.py."""

from __future__ import annotations

import bisect
import csv
import io
import json
import re
from dataclasses import dataclass

from .cells import HugeNumber, is_blank
from .problems import Problem


@dataclass(frozen=True)
class RawRecord:
    """One CSV row or JSON object, not yet read."""

    source: str
    """File name for messages."""
    line: int
    """Line the record starts on."""
    values: dict[str, object]
    """Cell by column name (text from CSV; any JSON value from JSON)."""


@dataclass(frozen=True)
class RawFile:
    """A whole file, read as far as its shape allows."""

    source: str
    """File name for messages."""
    header: tuple[str, ...] | None
    """CSV header; None for JSON, whose objects each name their own keys."""
    records: tuple[RawRecord, ...]
    """Every record that could be read."""
    problems: tuple[Problem, ...]
    """Shape problems: bad encoding, broken quoting, rows of the wrong length, invalid JSON."""


def decode(data: bytes, source: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 text (a spreadsheet's byte-order mark is dropped), or a problem naming the line."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        message = f"is not UTF-8 text: byte {exc.start + 1} is {data[exc.start]:#04x} (save the file as CSV UTF-8)"
        return None, [Problem(source, line, None, message)]


def read_csv(text: str, source: str) -> RawFile:
    """A header row, then one record per row; blank rows are skipped."""
    lines = io.StringIO(text, newline="").readlines()
    reader = csv.reader(lines, strict=True)
    problems: list[Problem] = []
    records: list[RawRecord] = []
    header: tuple[str, ...] | None = None
    next_line = 1
    try:
        for row in reader:
            line, next_line = next_line, reader.line_num + 1
            if all(is_blank(cell) for cell in row):
                continue
            if header is None:
                header = tuple(cell.strip() for cell in row)
                problems.extend(_header_problems(header, source, line))
                continue
            if len(row) > len(header) and all(is_blank(cell) for cell in row[len(header):]):
                row = row[: len(header)]  # spreadsheets often leave trailing empty cells
            if len(row) != len(header):
                problems.append(Problem(source, line, None, f"row has {len(row)} cells, the header has {len(header)}"))
                continue
            stray = _stray_quote(header, row, "".join(lines[line - 1 : next_line - 1]))
            if stray is not None:
                problems.append(Problem(source, line, stray, 'has a " inside a cell that is not quoted '
                                        '(quote the whole cell and double the " inside it)'))
                continue
            records.append(RawRecord(source, line, dict(zip(header, row))))
    except csv.Error as exc:
        problems.append(Problem(source, next_line, None, f"cannot read CSV: {exc}"))
    if header is None and not problems:
        problems.append(Problem(source, 1, None, "is empty (expected a header row)"))
    return RawFile(source, header, tuple(records), tuple(problems))


def _stray_quote(header: tuple[str, ...], row: list[str], written: str) -> str | None:
    """The column of a cell holding a quote it was not written with: the csv module keeps a quote in
    the middle of an unquoted cell as text, where a spreadsheet would have doubled it."""
    for name, cell in zip(header, row):
        if '"' in cell and '"' + cell.replace('"', '""') + '"' not in written:
            return name
    return None


def _header_problems(header: tuple[str, ...], source: str, line: int) -> list[Problem]:
    problems = []
    seen: set[str] = set()
    for name in header:
        if not name:
            problems.append(Problem(source, line, None, "a header cell is empty"))
        elif name in seen:
            problems.append(Problem(source, line, name, "column appears twice"))
        seen.add(name)
    return problems


class _DuplicateKey(ValueError):
    pass


def _no_duplicate_keys(pairs: list[tuple[str, object]]) -> dict:
    keys = [k for k, _ in pairs]
    for key in keys:
        if keys.count(key) > 1:
            raise _DuplicateKey(key)
    return dict(pairs)


def _whole_number(digits: str) -> int | HugeNumber:
    """Python refuses to convert integers of thousands of digits; no field needs one, so keep it
    as a marker for the cell readers to refuse with its field's name."""
    return int(digits) if len(digits) <= 30 else HugeNumber(len(digits.lstrip("-")))


def read_json(text: str, source: str) -> RawFile:
    """A JSON list of objects; each object's line is where its '{' is."""
    decoder = json.JSONDecoder(object_pairs_hook=_no_duplicate_keys, parse_int=_whole_number)
    records: list[RawRecord] = []
    problems: list[Problem] = []
    # Where each line starts, found once: counting newlines for every record made import quadratic.
    starts = [0] + [match.end() for match in re.finditer("\n", text)]

    def line_at(pos: int) -> int:
        return bisect.bisect_right(starts, pos)

    def skip_space(pos: int) -> int:
        while pos < len(text) and text[pos] in " \t\r\n":
            pos += 1
        return pos

    pos = skip_space(0)
    if pos >= len(text) or text[pos] != "[":
        return RawFile(source, None, (), (Problem(source, line_at(pos), None, "expected a JSON list of objects"),))
    pos = skip_space(pos + 1)
    expect_item = text[pos : pos + 1] != "]"
    while expect_item:
        start = skip_space(pos)
        try:
            item, pos = decoder.raw_decode(text, start)
        except _DuplicateKey as exc:
            problems.append(Problem(source, line_at(start), str(exc), "key appears twice in one object"))
            break
        except (json.JSONDecodeError, RecursionError) as exc:
            where = exc.pos if isinstance(exc, json.JSONDecodeError) else start
            problems.append(Problem(source, line_at(where), None, f"invalid JSON: {getattr(exc, 'msg', exc)}"))
            break
        if isinstance(item, dict):
            records.append(RawRecord(source, line_at(start), item))
        else:
            problems.append(Problem(source, line_at(start), None, "expected an object like {\"id\": ...}"))
        pos = skip_space(pos)
        if text[pos : pos + 1] == ",":
            pos += 1
        elif text[pos : pos + 1] == "]":
            expect_item = False
        else:
            problems.append(Problem(source, line_at(pos), None, "invalid JSON: expected ',' or ']'"))
            break
    else:
        pos = skip_space(pos + 1)
        if pos < len(text):
            problems.append(Problem(source, line_at(pos), None, "invalid JSON: text after the closing ']'"))
    return RawFile(source, None, tuple(records), tuple(problems))

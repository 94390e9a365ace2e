"""Domain records -> the text of CSV or JSON files, in the formats parse.py reads."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from decimal import Decimal

from .cells import csv_cell
from .formats import RecordFormat


def csv_text(fmt: RecordFormat, records: Iterable[object]) -> str:
    """A header row with every column, then one row per record."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(fmt.names)
    for record in records:
        cells = fmt.to_cells(record)
        writer.writerow([csv_cell(cells[name]) for name in fmt.names])
    return out.getvalue()


def json_text(fmt: RecordFormat, records: Iterable[object]) -> str:
    """A list of objects with every column as a key (null where empty)."""
    rows = [{name: fmt.to_cells(r)[name] for name in fmt.names} for r in records]
    return json.dumps(rows, indent=2, ensure_ascii=False, default=_json_default) + "\n"


def _json_default(value: object) -> object:
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")

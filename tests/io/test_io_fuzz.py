"""Property: whatever is done to a valid set of CSV files, import either writes all of it or
nothing, and never fails with anything but a list of problems."""

import csv
import dataclasses
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from roster.domain import Provider
from roster.io import import_files
from roster.store import load_provider, open_db, replace_provider

from io_samples import FILES

KINDS = ("carers", "clients", "packages", "schedules", "absences")
TOKENS = [
    "", " ", "C001", "C099", "P002", "K001", "CV1 5FB", "CV99 9ZZ", "52.4", "-1.5", "999", "-1", "0", "nan",
    "1e999", "true", "maybe", "07:00", "26:00", "48:00", "9:5", "2026-05-04", "2026-13-01", "2026-05-04T07:00",
    "daily", "mon,fri", "sun", "hoist", "hoist; peg", "juggling", "car", "night", "mon 07:00-14:00",
    "mon 14:00-07:00", '"', ";", ",", "\n", "\x00", "é", "\ufeff", "12.715",
]
cell_values = st.one_of(st.sampled_from(TOKENS), st.text(max_size=8))


def _rows(text: str) -> list[list[str]]:
    """The file's rows as far as a lenient reader sees them (blank rows dropped)."""
    try:
        return [row for row in csv.reader(io.StringIO(text, newline="")) if row]
    except csv.Error:
        return []


def _text(rows: list[list[str]]) -> str:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


@st.composite
def mutated_files(draw) -> dict[str, str]:
    """The valid files with one to three random changes."""
    files = dict(FILES)
    for _ in range(draw(st.integers(1, 3))):
        name = draw(st.sampled_from(sorted(files)))
        text = files[name]
        rows = _rows(text)
        how = draw(st.sampled_from(["cell", "cell", "cell", "drop_row", "copy_row", "drop_column", "rename_column",
                                     "insert_chars", "truncate"]))
        if not rows or not rows[0]:
            how = "insert_chars"
        if how == "cell" and len(rows) > 1:
            row = draw(st.integers(1, len(rows) - 1))
            col = draw(st.integers(0, len(rows[row]) - 1))
            rows[row][col] = draw(cell_values)
            text = _text(rows)
        elif how == "drop_row" and len(rows) > 1:
            del rows[draw(st.integers(1, len(rows) - 1))]
            text = _text(rows)
        elif how == "copy_row" and len(rows) > 1:
            rows.append(list(rows[draw(st.integers(1, len(rows) - 1))]))
            text = _text(rows)
        elif how == "drop_column":
            col = draw(st.integers(0, len(rows[0]) - 1))
            text = _text([r[:col] + r[col + 1:] for r in rows])
        elif how == "rename_column":
            rows[0][draw(st.integers(0, len(rows[0]) - 1))] = draw(cell_values)
            text = _text(rows)
        elif how == "insert_chars":
            at = draw(st.integers(0, len(text)))
            text = text[:at] + draw(st.text(min_size=1, max_size=4)) + text[at:]
        elif how == "truncate":
            text = text[: draw(st.integers(0, len(text)))]
        files[name] = text
    return files


def _base() -> Provider:
    """The database before each import: the valid files with different names and one absence fewer."""
    with tempfile.TemporaryDirectory() as folder:
        for name, text in FILES.items():
            (Path(folder) / name).write_text(text)
        db = open_db(":memory:")
        assert import_files(db, [Path(folder)]).ok
        provider = load_provider(db)
    carers = tuple(dataclasses.replace(c, name=f"Old {c.name}") for c in provider.carers)
    return dataclasses.replace(provider, carers=carers, absences=provider.absences[:1])


BASE = _base()
DB = open_db(":memory:")
"""One database for every example, reset to BASE at the start of each (opening one per example is slow)."""


def _expected(before: Provider, incoming: Provider, replace: bool) -> dict[str, dict]:
    result = {}
    for kind in KINDS:
        kept = {} if replace else {r.id: r for r in getattr(before, kind)}
        kept.update((r.id, r) for r in getattr(incoming, kind))
        result[kind] = kept
    return result


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=mutated_files(), replace=st.booleans())
def test_import_writes_everything_or_nothing(files, replace):
    db = DB
    replace_provider(db, BASE)
    with tempfile.TemporaryDirectory() as folder:
        for name, text in files.items():
            (Path(folder) / name).write_text(text, encoding="utf-8", newline="")
        report = import_files(db, [Path(folder)], replace=replace)
    after = load_provider(db)
    if not report.ok:
        assert after == BASE
        assert all(p.source in FILES or p.source == "database" for p in report.problems)
        return
    expected = _expected(BASE, report.incoming, replace)
    for kind in KINDS:
        assert {r.id: r for r in getattr(after, kind)} == expected[kind]
    assert after.settings == BASE.settings


@settings(max_examples=30, deadline=None)
@given(at=st.integers(0, 10_000), junk=st.text(max_size=4), cut=st.booleans())
@example(at=9, junk="0", cut=False)
def test_damaged_json_is_refused_cleanly(at, junk, cut):
    text = '[{"id": "A005", "carer_id": "C001", "kind": "leave", "start": "2026-05-11", "end": "2026-05-13"}]'
    at %= len(text) + 1
    text = text[:at] if cut else text[:at] + junk + text[at:]
    db = DB
    replace_provider(db, BASE)
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "absences.json").write_text(text, encoding="utf-8")
        report = import_files(db, [Path(folder)])
    after = load_provider(db)
    if report.ok:
        # The store lists absences by id, and junk can make an id that sorts first ("0A005").
        by_id = lambda absences: sorted(absences, key=lambda a: a.id)  # noqa: E731
        assert by_id(after.absences) == by_id(BASE.absences + report.incoming.absences)
        assert dataclasses.replace(after, absences=BASE.absences) == BASE
    else:
        assert after == BASE

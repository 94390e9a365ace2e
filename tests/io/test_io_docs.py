"""docs/formats.md stays true: its examples import cleanly and its tables list every column."""

import re
from pathlib import Path

from roster.domain import Settings
from roster.io import import_files
from roster.io.formats import KINDS, formats
from roster.store import load_provider, open_db

DOC = (Path(__file__).resolve().parents[2] / "docs" / "formats.md").read_text()
EXAMPLES = dict(
    (name, body) for name, body in re.findall(r"```(?:csv|json) (\S+)\n(.*?)```", DOC, flags=re.S)
)


def _import(tmp_path: Path, names: list[str]):
    folder = tmp_path / "_".join(n.replace(".", "-") for n in names)
    folder.mkdir()
    for name in names:
        (folder / name).write_text(EXAMPLES[name])
    db = open_db(":memory:")
    return db, import_files(db, [folder])


def test_every_csv_example_imports(tmp_path):
    db, report = _import(tmp_path, [f"{kind}.csv" for kind in KINDS])
    assert report.problems == ()
    assert len(load_provider(db).schedules) == 3


def test_json_example_means_the_same_as_the_csv_one(tmp_path):
    parents = [f"{kind}.csv" for kind in KINDS if kind != "absences"]
    csv_db, _ = _import(tmp_path, parents + ["absences.csv"])
    json_db, report = _import(tmp_path, parents + ["absences.json"])
    assert report.problems == ()
    assert load_provider(json_db).absences == load_provider(csv_db).absences


def test_every_column_is_documented_under_its_file():
    sections = dict(re.findall(r"^## (\w+)\n(.*?)(?=^## |\Z)", DOC, flags=re.S | re.M))
    for kind, fmt in formats(Settings().skills).items():
        documented = re.findall(r"^\| `(\w+)` \|", sections[kind], flags=re.M)
        assert documented == list(fmt.names), kind

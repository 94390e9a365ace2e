"""Fixtures: the valid import files in a folder, a seeded database, and the CLI runner."""

from pathlib import Path

import pytest

from io_samples import FILES


@pytest.fixture
def valid_dir(tmp_path) -> Path:
    """A directory holding the five valid files."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def run_cli():
    """Run a roster command; returns (exit code, stderr lines)."""
    from click.testing import CliRunner

    from roster.cli.main import cli

    def run(*args: str) -> tuple[int, list[str]]:
        result = CliRunner().invoke(cli, [str(a) for a in args])
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result.exit_code, result.stderr.splitlines()

    return run


@pytest.fixture
def seeded(db_path, valid_dir, run_cli):
    """A database holding the valid files; the files stay in valid_dir to be broken."""
    code, err = run_cli("import", valid_dir, "--db", db_path)
    assert code == 0, err
    return db_path

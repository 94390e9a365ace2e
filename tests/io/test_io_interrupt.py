"""Ctrl-C during `roster import` exits 130 with one line saying what was kept, never click's
`Aborted!` (exit 1): nothing imported if it came before the records were written, all of them
if it came just as they were."""

import signal

import pytest

import roster.io.importer
import roster.store.provider_repo
from roster.store import data_revision, load_provider, open_db


@pytest.fixture(autouse=True)
def ctrl_c_handler_kept():
    """The command ignores a second Ctrl-C as it exits; give the test process its own back."""
    handler = signal.getsignal(signal.SIGINT)
    yield
    signal.signal(signal.SIGINT, handler)


def ctrl_c(*args, **kwargs):
    raise KeyboardInterrupt


def ctrl_c_after(real):
    def run(*args, **kwargs):
        real(*args, **kwargs)
        raise KeyboardInterrupt
    return run


def test_ctrl_c_while_files_are_read_imports_nothing(db_path, valid_dir, run_cli, monkeypatch):
    monkeypatch.setattr(roster.io.importer, "_read", ctrl_c)
    code, err = run_cli("import", valid_dir, "--db", db_path)
    assert (code, err) == (130, ["error: interrupted; nothing imported"])
    assert load_provider(open_db(db_path)).carers == ()


def test_ctrl_c_while_records_are_written_imports_nothing(db_path, valid_dir, run_cli, monkeypatch):
    """Half the records are in the open transaction when Ctrl-C comes: it is rolled back."""
    repo = roster.store.provider_repo
    monkeypatch.setattr(repo, "write_provider", ctrl_c_after(repo.write_provider))
    code, err = run_cli("import", valid_dir, "--db", db_path)
    assert (code, err) == (130, ["error: interrupted; nothing imported"])
    db = open_db(db_path)
    assert load_provider(db).carers == () and data_revision(db) == 0


def test_ctrl_c_as_the_import_commits_says_it_was_all_imported(db_path, valid_dir, run_cli, monkeypatch):
    monkeypatch.setattr(roster.io.importer, "merge_provider", ctrl_c_after(roster.io.importer.merge_provider))
    code, err = run_cli("import", valid_dir, "--db", db_path)
    assert (code, err) == (130, ["error: interrupted as the records were written; all of them were imported"])
    assert load_provider(open_db(db_path)).carers != ()

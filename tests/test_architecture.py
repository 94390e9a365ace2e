"""The one-way arrows of STYLE.md, checked: import-linter contracts and lazy heavy imports."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold():
    result = subprocess.run([str(Path(sys.executable).parent / "lint-imports")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def _modules_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_cli_does_not_import_textual_or_ortools_at_start():
    loaded = _modules_after("import roster.cli.main")
    assert "textual" not in loaded
    assert "ortools" not in loaded


def test_domain_is_standard_library_only():
    loaded = _modules_after("import roster.domain")
    third_party = {m.split(".")[0] for m in loaded} & {"textual", "ortools", "sqlite_utils", "click", "solver"}
    assert not third_party


def test_store_does_not_pay_for_pandas():
    loaded = _modules_after("import roster.store")
    assert "pandas" not in loaded and "numpy" not in loaded

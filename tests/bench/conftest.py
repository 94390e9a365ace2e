"""bench/ is not an installed package: make the repository root importable, and skip cleanly
where the shared benchmark files are absent."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.data import BENCHMARKS  # noqa: E402


@pytest.fixture(scope="session")
def benchmarks() -> Path:
    if not (BENCHMARKS / "solomon").is_dir():
        pytest.skip(f"shared benchmark files not found at {BENCHMARKS} (set ROSTER_BENCHMARKS)")
    return BENCHMARKS

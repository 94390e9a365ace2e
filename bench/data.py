"""Where the shared benchmark files live (outside the repository, read-only)."""

from __future__ import annotations

import os
from pathlib import Path

BENCHMARKS = Path(os.environ.get("ROSTER_BENCHMARKS", Path(__file__).resolve().parents[2] / "shared" / "benchmarks"))
"""Root of the shared benchmark folder; override with the ROSTER_BENCHMARKS environment variable."""

"""SQLite through sqlite-utils: migrations, row <-> domain converters, repositories."""

import sys


def _import_sqlite_utils_without_pandas() -> None:
    """sqlite-utils imports pandas and numpy (over a second) only to map their column types,
    which the store never writes; hide them while it loads so the CLI and TUI start fast."""
    hidden = [name for name in ("pandas", "numpy") if name not in sys.modules]
    if "sqlite_utils" in sys.modules or not hidden:
        return
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # makes `import name` raise ImportError
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for name in hidden:
            del sys.modules[name]


_import_sqlite_utils_without_pandas()

from .db import default_path, open_db, transaction
from .provider_repo import load_provider, merge_provider, replace_provider
from .rota_repo import (
    StaleData, StaleDraft, data_revision, draft_revision, load_rota, load_version, publish_draft, published_versions,
    save_rota,
)

__all__ = [
    "StaleData", "StaleDraft", "data_revision", "default_path", "draft_revision", "load_provider", "load_rota",
    "load_version", "merge_provider", "open_db", "publish_draft", "published_versions", "replace_provider", "save_rota",
    "transaction",
]

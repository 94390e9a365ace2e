"""SQLite through sqlite-utils: migrations, row <-> domain converters, repositories."""

from .db import default_path, open_db, transaction
from .provider_repo import load_provider, merge_provider, replace_provider
from .rota_repo import StaleDraft, draft_revision, load_rota, save_rota

__all__ = [
    "StaleDraft", "default_path", "draft_revision", "load_provider", "load_rota", "merge_provider",
    "open_db", "replace_provider", "save_rota", "transaction",
]

"""SQLite through sqlite-utils: migrations, row <-> domain converters, repositories."""

from .db import default_path, open_db, transaction
from .provider_repo import load_provider, merge_provider, replace_provider
from .rota_repo import (
    StaleDraft, draft_revision, load_rota, load_version, publish_draft, published_versions, save_rota,
)

__all__ = [
    "StaleDraft", "default_path", "draft_revision", "load_provider", "load_rota", "load_version", "merge_provider",
    "open_db", "publish_draft", "published_versions", "replace_provider", "save_rota", "transaction",
]

"""One ``Settings`` object with every default in one place, validated on construction."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_data_dir

from sitrep.errors import ConfigError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def is_url(db: str | Path) -> bool:
    """A PostgreSQL URL rather than a SQLite file path."""
    return isinstance(db, str) and db.startswith(("postgresql://", "postgres://"))


def as_store_location(db: str | Path) -> str | Path:
    """A URL stays a string (``Path`` would fold its ``//``); anything else is a file path."""
    return db if is_url(db) else Path(db)


def default_db_path() -> str | Path:
    """The store used when ``--db`` is not given: ``$SITREP_DB`` or the user's data directory."""
    env = os.environ.get("SITREP_DB")
    if env:
        return as_store_location(env)
    return Path(user_data_dir("sitrep", appauthor=False)) / "sitrep.db"


@dataclass(frozen=True)
class Settings:
    """Run-wide options. The CLI builds exactly one of these."""

    db: str | Path = field(default_factory=default_db_path)  # a SQLite file or a postgresql:// URL
    published: str | None = None  # forces the publication date of every ingested article
    max_bytes: int = DEFAULT_MAX_BYTES
    model: str | None = None  # spaCy pipeline name; None = the best installed English one
    dates_file: Path | None = None  # JSON: file name -> publication date (or {"published": date})
    batch_size: int = 32

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ConfigError(f"max_bytes must be positive, got {self.max_bytes}")
        if self.batch_size <= 0:
            raise ConfigError(f"batch_size must be positive, got {self.batch_size}")
        if self.published is not None:
            try:
                dt.date.fromisoformat(self.published)
            except ValueError:
                raise ConfigError(
                    f"published date {self.published!r} is not YYYY-MM-DD: write it like 2025-04-18"
                ) from None

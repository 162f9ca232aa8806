"""The one exception hierarchy of sitrep.

    SitrepError                 base class; every error sitrep raises on purpose
    ├── ConfigError             bad settings, unknown format, missing model
    ├── InputError              a file or text that cannot be ingested (carries the path)
    │   ├── EmptyInput
    │   ├── BinaryInput
    │   ├── TooLarge
    │   └── NoArticle           HTML with no article text
    ├── StoreError              the database cannot be opened or written
    └── FetchError              a URL that cannot or may not be fetched (carries the URL)

The library raises; the CLI turns each into one line and a non-zero exit code.
"""

from __future__ import annotations


class SitrepError(Exception):
    """Base class of every error sitrep raises on purpose."""


class ConfigError(SitrepError):
    """Invalid settings, an unknown option value or a missing model."""


class InputError(SitrepError):
    """An input that cannot be ingested. ``path`` names it, ``reason`` says why."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class EmptyInput(InputError):
    pass


class BinaryInput(InputError):
    pass


class TooLarge(InputError):
    pass


class NoArticle(InputError):
    pass


class StoreError(SitrepError):
    """The store cannot be opened, migrated or written."""


class FetchError(SitrepError):
    """A URL that cannot or may not be fetched. ``url`` names it, ``reason`` says why."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason

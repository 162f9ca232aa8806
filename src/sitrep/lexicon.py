"""Language knowledge kept as data: loads ``lexicons/*.toml`` once, read-only.

Rules live in the extraction modules; the words they look for live here, so a new
reporting verb or source alias is a one-line data change with no code touched.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(name: str) -> dict[str, Any]:
    """Parsed contents of ``lexicons/<name>.toml``."""
    text = resources.files("sitrep.lexicons").joinpath(f"{name}.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def phrase_pattern(phrases: list[str] | tuple[str, ...]) -> re.Pattern[str]:
    """One case-insensitive regex matching any of ``phrases`` on word boundaries, longest first."""
    alts = sorted({p.lower() for p in phrases}, key=len, reverse=True)
    body = "|".join(re.escape(p) for p in alts)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


@dataclass(frozen=True)
class Aliases:
    """Canonical source names and the alias lookup that normalises a speaker string."""

    canonical: dict[str, str]  # alias -> canonical

    def lookup(self, name: str) -> str | None:
        return self.canonical.get(name)


@cache
def aliases() -> Aliases:
    table: dict[str, str] = {}
    for canonical, names in load("sources")["aliases"].items():
        table[canonical] = canonical
        for n in names:
            table.setdefault(n.lower(), canonical)
    return Aliases(table)

"""Topic profiles: what one crisis is about, as data, and a cheap prefilter built from it.

A profile is a small TOML file (the bundled default is ``lexicons/profile_default.toml``)::

    name = "afghan-returns"
    languages = ["en"]
    keywords = ["deport*", "returnee*", "torkham", "proof of registration", ...]
    context = ["afghan*", "pakistan*", "iran", ...]
    actors = [...]
    places = [...]
    [rule]
    min_keyword_hits = 2
    min_context_hits = 1
    head_kb = 16

:meth:`Profile.matches` runs before any spaCy parsing, so it is one compiled regular
expression and a count: it keeps a text whose first ``head_kb`` kilobytes contain at least
``min_context_hits`` context terms and ``min_keyword_hits`` keyword occurrences.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from sitrep.errors import ConfigError

DEFAULT_PROFILE = "profile_default.toml"
_LIST_FIELDS = ("keywords", "context", "actors", "places", "languages")
_RULE_FIELDS = ("min_keyword_hits", "min_context_hits", "head_kb")
_KNOWN = {"name", "description", "rule", *_LIST_FIELDS}


def term_pattern(term: str) -> str:
    """A regex for one profile term: words on word boundaries, any run of spaces between them,
    and a trailing ``*`` as a prefix stem (``deport*`` matches deported, deportations)."""
    term = term.strip().lower()
    stem = term.endswith("*")
    words = term.rstrip("*").split()
    body = r"\s+".join(re.escape(w) for w in words)
    return rf"{body}[\w-]*" if stem else rf"{body}(?![\w-])"


@dataclass(frozen=True)
class Profile:
    """One crisis, described by its vocabulary. Build it with :func:`load_profile`."""

    name: str
    keywords: tuple[str, ...]
    context: tuple[str, ...]
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    languages: tuple[str, ...] = ("en",)
    description: str = ""
    min_keyword_hits: int = 2
    min_context_hits: int = 1
    head_kb: int = 16
    _pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.keywords:
            raise ConfigError(f"profile {self.name!r} has no keywords: list at least one term under `keywords`")
        if self.min_keyword_hits < 1 or self.min_context_hits < 0 or self.head_kb < 1:
            raise ConfigError(
                f"profile {self.name!r}: [rule] needs min_keyword_hits >= 1, min_context_hits >= 0 and head_kb >= 1"
            )
        # one alternation, keywords and context as two named groups, longest terms first
        keys = "|".join(term_pattern(t) for t in sorted(set(self.keywords), key=len, reverse=True))
        ctx = "|".join(term_pattern(t) for t in sorted(set(self.context), key=len, reverse=True)) or r"(?!x)x"
        pattern = re.compile(rf"(?<![\w-])(?:(?P<k>{keys})|(?P<c>{ctx}))", re.IGNORECASE)
        object.__setattr__(self, "_pattern", pattern)

    def hits(self, text: str) -> tuple[int, int]:
        """(keyword occurrences, context occurrences) in the scanned head of ``text``."""
        keys = ctx = 0
        for m in self._pattern.finditer(text, 0, self.head_kb * 1024):
            if m.lastgroup == "k":
                keys += 1
            else:
                ctx += 1
        return keys, ctx

    def matches(self, text: str) -> bool:
        """True when ``text`` is plausibly about this crisis; stops scanning as soon as it is."""
        keys = ctx = 0
        for m in self._pattern.finditer(text, 0, self.head_kb * 1024):
            if m.lastgroup == "k":
                keys += 1
            else:
                ctx += 1
            if keys >= self.min_keyword_hits and ctx >= self.min_context_hits:
                return True
        return False


def load_profile(path: str | Path | None = None) -> Profile:
    """The profile in the TOML file ``path``; ``None`` gives the bundled default profile."""
    if path is None:
        text = resources.files("sitrep.lexicons").joinpath(DEFAULT_PROFILE).read_text(encoding="utf-8")
        return _from_toml(text, f"bundled {DEFAULT_PROFILE}")
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{p}: profile file not found; check the path or omit --profile for the default") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{p}: cannot read the profile ({exc}); it must be a UTF-8 TOML file") from None
    return _from_toml(text, str(p))


def _from_toml(text: str, where: str) -> Profile:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{where}: not valid TOML ({exc}); fix the syntax") from None
    unknown = set(data) - _KNOWN
    if unknown:
        raise ConfigError(
            f"{where}: unknown field(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(_KNOWN))}"
        )
    if not isinstance(data.get("name"), str) or not data["name"].strip():
        raise ConfigError(f'{where}: missing `name`; add a line like name = "afghan-returns"')
    lists = {name: _terms(data, name, where) for name in _LIST_FIELDS}
    rule = data.get("rule", {})
    if not isinstance(rule, dict) or set(rule) - set(_RULE_FIELDS):
        raise ConfigError(f"{where}: [rule] takes only {', '.join(_RULE_FIELDS)}")
    for name, value in rule.items():
        if not isinstance(value, int) or isinstance(value, bool):
            raise ConfigError(f"{where}: [rule] {name} must be a whole number, got {value!r}")
    try:
        return Profile(
            name=data["name"].strip(),
            description=str(data.get("description", "")),
            languages=lists["languages"] or ("en",),
            keywords=lists["keywords"],
            context=lists["context"],
            actors=lists["actors"],
            places=lists["places"],
            **rule,
        )
    except ConfigError as exc:
        raise ConfigError(f"{where}: {exc}") from None


def _terms(data: dict[str, Any], name: str, where: str) -> tuple[str, ...]:
    value = data.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f'{where}: `{name}` must be a list of non-empty strings, like {name} = ["a", "b"]')
    return tuple(v.strip().lower() for v in value)

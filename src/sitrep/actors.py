"""The actor table: every source, speaker and event actor, with kind, country and roles.

Built from stored records: figure sources (and ``via``), quote speakers with their roles, and
event actors. A person is linked to the institution their role speaks for.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sitrep import lexicon
from sitrep.records import Event, Figure, Quote
from sitrep.speakers import institution_for_role

UN_AGENCIES = frozenset({"unhcr", "iom", "un", "icrc", "unicef", "wfp", "ocha"})
NGOS = frozenset({"amnesty international", "human rights watch", "norwegian refugee council"})
MEDIA = frozenset({"local media", "radio pakistan"})
_COUNTRY_PREFIX = {"pakistan": "pakistan", "afghan": "afghanistan", "iran": "iran"}
_PROVINCES = {"khyber pakhtunkhwa", "balochistan", "sindh", "punjab"}


@dataclass
class Actor:
    name: str
    kind: str  # "government body", "UN agency", "NGO", "media", "person", "other"
    country: str | None
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    institution: str | None = None
    figures: int = 0
    quotes: int = 0
    events: int = 0

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _kind(name: str) -> str:
    if name in UN_AGENCIES:
        return "UN agency"
    if name in NGOS:
        return "NGO"
    if name in MEDIA or "media" in name:
        return "media"
    if any(w in name for w in ("ministry", "office", "government", "embassy", "mission", "department", "authorities")):
        return "government body"
    return "other"


def _country(name: str) -> str | None:
    first = name.split()[0] if name else ""
    if first in _COUNTRY_PREFIX:
        return _COUNTRY_PREFIX[first]
    if any(name.startswith(p) for p in _PROVINCES) or name == "radio pakistan":
        return "pakistan"
    return None


def build_actors(figures: list[Figure], quotes: list[Quote], events: list[Event]) -> list[Actor]:
    """One row per normalised name, most active first."""
    aliases = defaultdict(list)
    for alias, canonical in lexicon.aliases().canonical.items():
        if alias != canonical:
            aliases[canonical].append(alias)
    table: dict[str, Actor] = {}

    def get(name: str) -> Actor:
        if name not in table:
            table[name] = Actor(name, _kind(name), _country(name), sorted(aliases.get(name, []))[:12])
        return table[name]

    for f in figures:
        for name in (f.source, f.via):
            if name:
                get(name).figures += 1
    for q in quotes:
        if not q.speaker:
            continue
        actor = get(q.speaker)
        actor.quotes += 1
        if q.speaker_role and q.speaker_role not in actor.roles:
            actor.roles.append(q.speaker_role)
            actor.kind = "person" if actor.kind == "other" else actor.kind
            institution = institution_for_role(
                q.speaker_role, "pakistan" if "afghan" not in q.speaker_role else "afghan"
            )
            if institution and actor.kind == "person":
                actor.institution = institution
                actor.country = actor.country or _country(institution)
    for e in events:
        for name in e.actors:
            get(name).events += 1
    return sorted(table.values(), key=lambda a: -(a.figures + a.quotes + a.events))

"""Plain, frozen records passed between the stages of sitrep.

Field names of :class:`Figure`, :class:`Quote` and :class:`Event` follow the annotation
schema of the gold files (``gold/SCHEMA.md``) so that evaluation is a field-by-field
comparison.  Every record converts to and from a plain ``dict`` for JSON and storage.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar, get_args

Qualifier = Literal["exact", "approx", "min", "max"]
Indicator = Literal["deported", "returned", "arrested", "population", "targeted", "casualties", "incidents", "other"]
Status = Literal["undocumented", "acc", "por", "refugee", "any"]
SegmentKind = Literal["main", "appended"]

QUALIFIERS: tuple[str, ...] = get_args(Qualifier)
INDICATORS: tuple[str, ...] = get_args(Indicator)
STATUSES: tuple[str, ...] = get_args(Status)

SCHEMA_VERSION = "1"

R = TypeVar("R", bound="_Record")


class _Record:
    """Mixin giving dataclass records ``as_dict`` / ``from_dict``."""

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)  # type: ignore[call-overload, no-any-return]

    @classmethod
    def from_dict(cls: type[R], data: dict[str, Any]) -> R:
        names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
        kwargs = {k: v for k, v in data.items() if k in names}
        for f in dataclasses.fields(cls):  # type: ignore[arg-type]
            if f.name in kwargs and isinstance(kwargs[f.name], list):
                kwargs[f.name] = tuple(kwargs[f.name])
        return cls(**kwargs)


@dataclass(frozen=True, slots=True)
class Segment(_Record):
    """A span of an article's cleaned text: the main story or an appended unrelated one."""

    start: int
    end: int
    kind: SegmentKind
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Article(_Record):
    """One ingested news article after cleaning.

    ``id`` is a hash of the normalised cleaned text, so the same article ingested twice
    (from a file, a feed or a URL) has the same id.
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    published_from: str | None = None  # "cli", "metadata", "text", or None
    path: str | None = None
    dateline: str | None = None
    segments: tuple[Segment, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["segments"] = [s.as_dict() for s in self.segments]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        data = dict(data)
        data["segments"] = tuple(
            s if isinstance(s, Segment) else Segment.from_dict(s) for s in data.get("segments", ())
        )
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})

    def on_topic_at(self, offset: int) -> bool:
        """True when ``offset`` falls in the main story (or when no segmentation exists)."""
        for seg in self.segments:
            if seg.start <= offset < seg.end:
                return seg.kind == "main"
        return True


@dataclass(frozen=True, slots=True)
class Figure(_Record):
    """A count of people or things stated in an article, with its evidence."""

    value: int
    text: str
    qualifier: Qualifier = "exact"
    counted: str | None = None
    indicator: Indicator = "other"
    status: Status = "any"
    as_of: str | None = None
    since: str | None = None
    source: str | None = None
    via: str | None = None
    location: str | None = None
    on_topic: bool = True
    malformed: bool = False
    vague: bool = False
    sentence: str = ""
    start: int = 0
    end: int = 0
    article_id: str | None = None


@dataclass(frozen=True, slots=True)
class Quote(_Record):
    """A direct quotation with its (normalised) speaker."""

    quote: str
    speaker: str | None
    speaker_role: str | None = None
    sentence: str = ""
    start: int = 0
    end: int = 0
    on_topic: bool = True
    article_id: str | None = None


EventType = Literal[
    "policy_announced", "deadline", "phase_started", "deportation", "statement", "accusation", "denial",
    "appeal", "meeting", "attack", "letter", "agreement", "extension", "report_published",
]  # fmt: skip
EVENT_TYPES: tuple[str, ...] = get_args(EventType)


@dataclass(frozen=True, slots=True)
class Event(_Record):
    """A dated event of a story: a deadline, a phase start, a meeting, an appeal..."""

    type: EventType
    date: str | None
    actors: tuple[str, ...] = ()
    trigger: str = ""
    plover: str | None = None  # PLOVER event category, e.g. "COERCE/deport"
    sentence: str = ""
    start: int = 0
    end: int = 0
    on_topic: bool = True
    article_id: str | None = None

    def as_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["actors"] = list(self.actors)
        return data


@dataclass(frozen=True, slots=True)
class Extraction(_Record):
    """Everything extracted from one article."""

    article: Article
    figures: tuple[Figure, ...] = field(default_factory=tuple)
    quotes: tuple[Quote, ...] = field(default_factory=tuple)
    events: tuple[Event, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict[str, Any]:
        return {
            "article": self.article.as_dict(),
            "figures": [f.as_dict() for f in self.figures],
            "quotes": [q.as_dict() for q in self.quotes],
            "events": [e.as_dict() for e in self.events],
        }

"""The API's contract: query parameters and response bodies as Pydantic models.

Pydantic lives here, at the edge, and nowhere in the library. The response models mirror the
records of :mod:`sitrep.records` field for field (a test compares them), plus the article
metadata a client needs to cite a figure. Blank query values (``?indicator=``, what an HTML form
sends for "any") mean "no filter", so one model serves the JSON API and the dashboard forms.
"""

from __future__ import annotations

from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from sitrep.records import EventType, Indicator, Qualifier, SegmentKind, Status


def _blank_is_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


DateText = Annotated[str, StringConstraints(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")]
BlankIsNone = BeforeValidator(_blank_is_none)

FigureSort = Literal["indicator", "date", "-date", "value", "-value", "source", "published", "-published"]


class PageQuery(BaseModel):
    model_config = ConfigDict(extra="ignore")

    limit: int = Field(100, ge=1, le=1000, description="At most this many items.")
    offset: int = Field(0, ge=0, description="Skip this many items (for the next page, add `limit`).")


class FigureQuery(PageQuery):
    """The filters of ``sitrep figures``, plus sorting and pagination."""

    indicator: Annotated[Indicator | None, BlankIsNone] = Field(None, description="What is counted, e.g. deported.")
    source: Annotated[str | None, BlankIsNone] = Field(None, description="Normalised source name, e.g. unhcr.")
    status: Annotated[Status | None, BlankIsNone] = Field(None, description="Legal status of the people counted.")
    since: Annotated[DateText | None, BlankIsNone] = Field(
        None, description="As-of (or publication) date on or after, YYYY[-MM[-DD]]."
    )
    until: Annotated[DateText | None, BlankIsNone] = Field(
        None, description="As-of (or publication) date on or before, YYYY[-MM[-DD]]."
    )
    article: Annotated[str | None, BlankIsNone] = Field(None, description="Article id or its prefix.")
    all: bool = Field(False, description="Include figures of unrelated stories appended to an article page.")
    sort: FigureSort = Field("indicator", description="Order; a leading '-' means descending.")


class QuoteQuery(PageQuery):
    speaker: Annotated[str | None, BlankIsNone] = Field(None, description="Normalised speaker name, e.g. unhcr.")
    article: Annotated[str | None, BlankIsNone] = Field(None, description="Article id or its prefix.")
    all: bool = Field(False, description="Include quotes of unrelated stories appended to an article page.")


class EventQuery(PageQuery):
    type: Annotated[EventType | None, BlankIsNone] = Field(None, description="Event type, e.g. deadline.")
    article: Annotated[str | None, BlankIsNone] = Field(None, description="Article id or its prefix.")
    all: bool = Field(False, description="Include events of unrelated stories appended to an article page.")


class SeriesQuery(BaseModel):
    model_config = ConfigDict(extra="ignore")

    indicator: Annotated[Indicator | None, BlankIsNone] = None
    status: Annotated[Status | None, BlankIsNone] = None
    source: Annotated[str | None, BlankIsNone] = None
    location: Annotated[str | None, BlankIsNone] = None
    vague: bool = Field(False, description="Include vague magnitudes ('hundreds of thousands').")


# ------------------------------------------------------------------ responses

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a collection: ``items[offset : offset + limit]`` of ``total``."""

    total: int
    limit: int
    offset: int
    items: list[T]


class SegmentOut(BaseModel):
    start: int
    end: int
    kind: SegmentKind
    title: str | None = None


class ArticleSummary(BaseModel):
    id: str
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None
    published_from: str | None
    path: str | None
    dateline: str | None
    chars: int = Field(description="Length of the cleaned text.")


class FigureOut(BaseModel):
    value: int
    text: str
    qualifier: Qualifier
    counted: str | None
    indicator: Indicator
    status: Status
    as_of: str | None
    since: str | None
    source: str | None
    via: str | None
    location: str | None
    on_topic: bool
    malformed: bool
    vague: bool
    sentence: str
    start: int
    end: int
    article_id: str | None
    article_title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None


class QuoteOut(BaseModel):
    quote: str
    speaker: str | None
    speaker_role: str | None
    sentence: str
    start: int
    end: int
    on_topic: bool
    article_id: str | None


class EventOut(BaseModel):
    type: EventType
    date: str | None
    actors: list[str]
    trigger: str
    plover: str | None
    sentence: str
    start: int
    end: int
    on_topic: bool
    article_id: str | None


class ArticleOut(ArticleSummary):
    """One article: cleaned text, its segments (main story, appended stories) and what was extracted."""

    text: str
    segments: list[SegmentOut]
    figures: list[FigureOut]
    quotes: list[QuoteOut]
    events: list[EventOut]


class ActorOut(BaseModel):
    name: str
    kind: str
    country: str | None
    aliases: list[str]
    roles: list[str]
    institution: str | None
    figures: int
    quotes: int
    events: int


class PointOut(BaseModel):
    value: int
    qualifier: str
    date: str | None
    dated_by_publication: bool
    source: str | None
    via: str | None
    article_id: str | None
    sentence: str
    outlet: str | None
    url: str | None
    text: str
    as_of: str | None
    since: str | None


class SeriesOut(BaseModel):
    indicator: str
    status: str
    location: str | None
    measure: str
    source: str | None
    points: list[PointOut]


class RangeOut(BaseModel):
    low: int
    high: int
    low_sources: list[str]
    high_sources: list[str]


class PictureOut(BaseModel):
    """Where one indicator stands: each source's latest value and the range across sources."""

    indicator: str
    status: str
    measure: str
    latest: list[PointOut]
    range: RangeOut


class SeriesResponse(BaseModel):
    schema_version: str
    series: list[SeriesOut]
    latest: list[PictureOut]


class LatestResponse(BaseModel):
    schema_version: str
    latest: list[PictureOut]


class FlagOut(BaseModel):
    type: str
    severity: Literal["high", "medium", "low"]
    explanation: str
    figures: list[dict[str, Any]]


class ContradictionsResponse(BaseModel):
    schema_version: str
    flags: list[FlagOut]


class StatusOut(BaseModel):
    version: str
    schema_version: str
    counts: dict[str, int]
    ingest: Literal["enabled", "disabled"]


class IngestResult(BaseModel):
    """What one upload did; ``errors`` has one line per input that could not be ingested."""

    added: int
    unchanged: int
    figures: int
    quotes: int
    errors: list[str]
    warnings: list[str]

"""Plain data that crosses between the layers: importers -> extraction -> store -> screens.

Nothing here knows about SQL or Textual, so that a screen can be tested with objects
and a query with no screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ParsedArticle:
    """What an importer reads out of a file: one article, before extraction.

    `item_key` tells apart several articles of one file (a feed or a JSON export);
    it is "" for a file that holds a single article.
    """

    title: str
    body: str
    teaser: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) of publication, if the layout gives it
    source_url: str | None = None
    layout: str = "plain"  # plain | header | markdown | html | json | feed
    item_key: str = ""


@dataclass
class Evidence:
    """Why a fact is there: the sentence and the cue that decided it."""

    kind: str  # date | sphere | event_type | official | place | country
    value: str
    cue: str
    sentence: str


@dataclass
class OfficialMention:
    """One person named in one article, already resolved to a canonical id."""

    id: str  # surname-given, ASCII, lower case ("hajiyev-vepa")
    name: str  # display name ("Vepa Hajiyev")
    as_written: list[str] = field(default_factory=list)
    role: str | None = None
    country: str | None = None


@dataclass
class Extraction:
    """The facts extracted from one article (the labels.md format, plus evidence and summary)."""

    date: str | None = None
    date_source: str = "none"  # text | published | none
    primary_type: str | None = None
    event_types: list[str] = field(default_factory=list)
    spheres: list[str] = field(default_factory=list)
    officials: list[OfficialMention] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    summary: str = ""
    documents: list[str] = field(default_factory=list)
    language: str = "en"
    evidence: list[Evidence] = field(default_factory=list)

    def as_label(self, file: str, title: str) -> dict:
        """The labels.md object for this article."""
        return {
            "file": file,
            "title": title,
            "date": self.date,
            "primary_type": self.primary_type,
            "event_types": list(self.event_types),
            "spheres": list(self.spheres),
            "officials": [
                {
                    "id": o.id,
                    "as_written": list(o.as_written),
                    "role": o.role,
                    "country": o.country,
                }
                for o in self.officials
            ],
            "countries": list(self.countries),
            "places": list(self.places),
        }


# --- what the read side (search, facets, reader) hands to screens -------------------------


@dataclass
class Filters:
    """Active filters. Within one facet values combine with OR; across facets with AND."""

    officials: list[str] = field(default_factory=list)  # official ids
    spheres: list[str] = field(default_factory=list)
    event_types: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    date_from: str | None = None  # "YYYY", "YYYY-MM" or "YYYY-MM-DD", inclusive
    date_to: str | None = None

    def is_empty(self) -> bool:
        return not (
            self.officials
            or self.spheres
            or self.event_types
            or self.countries
            or self.date_from
            or self.date_to
        )


@dataclass
class ArticleRow:
    """One line of the result list."""

    id: int
    date: str | None
    primary_type: str | None
    title: str
    officials: list[str] = field(default_factory=list)  # display names
    score: float = 0.0


@dataclass
class SearchResult:
    rows: list[ArticleRow]
    total: int  # matches for the query and filters
    store_total: int  # articles in the store
    terms: list[str] = field(default_factory=list)  # words to highlight (as they occur in text)
    message: str | None = None  # e.g. "no official matches 'xyz'"


@dataclass
class FacetValue:
    value: str  # what goes into Filters (slug, id, country, year)
    label: str  # what the user reads ("Meredov, Rashid (Turkmenistan)")
    count: int


@dataclass
class Facet:
    name: str  # officials | spheres | event_types | countries | years
    values: list[FacetValue]
    more: bool = False  # there are more values than shown
    timed_out: bool = False


@dataclass
class ArticleDetail:
    """Everything the reader shows about one article."""

    id: int
    file: str
    title: str
    body: str
    teaser: str | None = None
    source_url: str | None = None
    published: str | None = None
    event_date: str | None = None
    primary_type: str | None = None
    event_types: list[str] = field(default_factory=list)
    spheres: list[str] = field(default_factory=list)
    officials: list[OfficialMention] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    summary: str = ""
    documents: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

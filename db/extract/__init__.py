"""The extraction pipeline: one ParsedArticle in, one Extraction (facts + evidence) out.

Composes the rule-based finders (dates, topics, places, summary) with the officials and
countries finders; every module compiles its patterns and loads its data once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from db.models import Evidence, Extraction, ParsedArticle

from .dates import date_source, find_event_date
from .places import find_places
from .summary import find_documents, summarize
from .text import detect_language, split_sentences
from .topics import find_event_types, find_spheres

if TYPE_CHECKING:
    from db.registry import Registry

_REGISTRY: Registry | None = None


def _default_registry() -> Registry | None:
    global _REGISTRY
    if _REGISTRY is None:
        try:
            from db.registry import Registry

            _REGISTRY = Registry.from_gazetteer()
        except Exception:  # the registry is optional for the other facts
            return None
    return _REGISTRY


def _officials(
    text: str, title: str, language: str, event_date: str | None, registry: Registry | None
):
    try:
        from db.extract.officials import find_officials
    except ImportError:
        return [], []
    if registry is None:
        return [], []
    return find_officials(text, title, language, event_date, registry)


def _countries(text: str, title: str, officials) -> list[str]:
    """Officials' countries first, then the states the article's relations are about."""
    out: list[str] = []
    for o in officials:
        if o.country and o.country not in out:
            out.append(o.country)
    try:
        from db.extract.countries import find_countries
    except ImportError:
        return out
    for c in find_countries(text, title):
        if c not in out:
            out.append(c)
    return out


def clear_caches() -> None:
    """Forget the per-sentence results (dates, cues, masks, sentence splits), so that a
    benchmark that extracts the same articles again measures the work, not the caches."""
    from . import countries, dates, officials, text, topics

    for fn in (
        countries.country_from_phrase,
        officials._normalise_role,
        text.split_sentences,
        dates._sentence_matches,
        dates._sentence_days,
        topics._masked,
        topics._sentence_spheres,
        topics._type_hits_cached,
    ):
        fn.cache_clear()


def extract(article: ParsedArticle, registry: Registry | None = None) -> Extraction:
    """All facts of one article, each with the evidence that decided it."""
    title = article.title or ""
    body = article.body or ""
    language = detect_language(title + "\n" + body)
    sentences = split_sentences(body)
    teaser = split_sentences(article.teaser)[:1] if article.teaser else ()
    evidence: list[Evidence] = []

    date, dev = find_event_date(body, title, article.published, language)
    if dev is not None:
        evidence.append(dev)
    spheres, sev = find_spheres((title,) + sentences, language)
    types, primary, tev = find_event_types(title, sentences, language, date, article.published)
    places = find_places(title, teaser + sentences, language)
    for p in places:
        evidence.append(Evidence("place", p, p, ""))
    evidence += sev + tev

    officials, oev = _officials(body, title, language, date, registry or _default_registry())
    evidence += oev
    countries = _countries(body, title, officials)

    return Extraction(
        date=date,
        date_source=date_source(dev),
        primary_type=primary,
        event_types=types,
        spheres=spheres,
        officials=officials,
        countries=countries,
        places=places,
        summary=summarize(title, sentences, language),
        documents=find_documents(sentences, language),
        language=language,
        evidence=evidence,
    )


__all__ = ["clear_caches", "extract"]

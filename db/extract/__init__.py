"""The extraction pipeline: one ParsedArticle in, one Extraction (facts + evidence) out.

Composes the rule-based finders (dates, topics, places, summary) with the officials and
countries finders; every module compiles its patterns and loads its data once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from db.importers.header import trailing_date
from db.importers.plain import iso_date
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


def _lead(article: ParsedArticle) -> str:
    """The teaser without the publication stamp a header layout's teaser ends with
    ("... held in Tokyo on 27 January ... 28.01.2025"): the stamp is no event's day."""
    teaser = article.teaser or ""
    m = trailing_date(teaser)
    if m and article.published and iso_date(m.group(0).strip(" .)]")) == article.published:
        teaser = teaser[: m.start()]
    return teaser


def clear_caches() -> None:
    """Forget the per-sentence results (dates, cues, masks, sentence splits), so that a
    benchmark that extracts the same articles again measures the work, not the caches."""
    from . import countries, dates, officials, summary, text, topics

    for fn in (
        countries.country_from_phrase,
        officials._normalise_role,
        summary.says_signed,
        text.split_sentences,
        text.lowered,
        dates._sentence_matches,
        dates._sentence_days,
        topics._masked,
        topics._sentence_spheres,
        topics._type_hits_cached,
    ):
        fn.cache_clear()


def extract(article: ParsedArticle, registry: Registry | None = None) -> Extraction:
    """All facts of one article, each with the evidence that decided it."""
    return extract_many([article], registry)[0]


def extract_many(
    articles: list[ParsedArticle], registry: Registry | None = None
) -> list[Extraction]:
    """The facts of several articles, as `extract` gives them one by one.

    Each finder runs over all the articles before the next one starts, so that its
    patterns, tables and caches stay in the processor's caches (an import's group of
    files: 8-10% faster than one article through every finder in turn). Officials are
    resolved in the articles' order, so the registry grows as it would one by one.
    """
    titles = [a.title or "" for a in articles]
    bodies = [a.body or "" for a in articles]
    languages = [detect_language(t + "\n" + b) for t, b in zip(titles, bodies, strict=True)]
    sentences = [split_sentences(b) for b in bodies]
    teasers = [split_sentences(a.teaser)[:1] if a.teaser else () for a in articles]
    dates = [
        find_event_date(b, t, a.published, lang, _lead(a))
        for a, t, b, lang in zip(articles, titles, bodies, languages, strict=True)
    ]
    spheres = [
        find_spheres((t,) + s, lang)
        for t, s, lang in zip(titles, sentences, languages, strict=True)
    ]
    types = [
        find_event_types(t, s, lang, d, a.published)
        for a, t, s, lang, (d, _) in zip(articles, titles, sentences, languages, dates, strict=True)
    ]
    places = [
        find_places(t, te + s, lang, len(te))
        for t, te, s, lang in zip(titles, teasers, sentences, languages, strict=True)
    ]
    reg = registry or _default_registry()
    officials = [
        _officials(b, t, lang, d, reg)
        for t, b, lang, (d, _) in zip(titles, bodies, languages, dates, strict=True)
    ]
    countries = [
        _countries(b, t, found) for t, b, (found, _) in zip(titles, bodies, officials, strict=True)
    ]
    summaries = [
        summarize(t, s, lang) for t, s, lang in zip(titles, sentences, languages, strict=True)
    ]
    documents = [find_documents(s, lang) for s, lang in zip(sentences, languages, strict=True)]
    out: list[Extraction] = []
    for i in range(len(articles)):
        date, dev = dates[i]
        found_spheres, sev = spheres[i]
        found_types, primary, tev = types[i]
        found_officials, oev = officials[i]
        evidence: list[Evidence] = [dev] if dev is not None else []
        evidence += [Evidence("place", p, p, "") for p in places[i]]
        evidence += sev + tev + oev
        out.append(
            Extraction(
                date=date,
                date_source=date_source(dev),
                primary_type=primary,
                event_types=found_types,
                spheres=found_spheres,
                officials=found_officials,
                countries=countries[i],
                places=places[i],
                summary=summaries[i],
                documents=documents[i],
                language=languages[i],
                evidence=evidence,
            )
        )
    return out


__all__ = ["clear_caches", "extract", "extract_many"]

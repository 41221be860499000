"""Generate a large corpus for benchmarks from the sample articles' own text.

Each generated article is a sample article with its partner country, its officials'
names and its year varied, so the store gets realistic sentences, many officials and a
spread of dates. Nothing generated is committed: benches build it in a temp folder.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "sample_data"

PARTNERS = [
    ("Russia", "Russian", "Moscow"),
    ("China", "Chinese", "Beijing"),
    ("Turkey", "Turkish", "Ankara"),
    ("Iran", "Iranian", "Tehran"),
    ("Kazakhstan", "Kazakh", "Astana"),
    ("Uzbekistan", "Uzbek", "Tashkent"),
    ("India", "Indian", "New Delhi"),
    ("Azerbaijan", "Azerbaijani", "Baku"),
    ("Hungary", "Hungarian", "Budapest"),
    ("Japan", "Japanese", "Tokyo"),
]
_SYLLABLES = [
    "ka",
    "ri",
    "mo",
    "ta",
    "le",
    "na",
    "sa",
    "go",
    "ber",
    "dan",
    "mur",
    "al",
    "ham",
    "tur",
    "zel",
]
_ENDINGS = ["ov", "ev", "in", "yan", "li", "oglu", "enko"]
GIVEN = [
    "Rashid",
    "Aziz",
    "Oleg",
    "Timur",
    "Kemal",
    "Li",
    "Arjun",
    "Nurlan",
    "Elnur",
    "Peter",
    "Anna",
    "Maral",
]
KNOWN_SURNAMES = [
    "Lavrov",
    "Galuzin",
    "Meredov",
    "Hajiyev",
    "Putin",
    "Mishustin",
    "Overchuk",
    "Volodin",
    "Matvienko",
    "Miller",
    "Orbán",
    "Rahmon",
    "Kovind",
    "Lavrova",
    "Galuzina",
]


def surname(rng: random.Random) -> str:
    return (rng.choice(_SYLLABLES) + rng.choice(_SYLLABLES)).capitalize() + rng.choice(_ENDINGS)


def templates() -> list[tuple[str, str]]:
    """(suffix, text) of each sample article that is plain or header text."""
    out = []
    for path in sorted(SAMPLE.iterdir()):
        if path.suffix in (".txt", ".md"):
            out.append((path.suffix, path.read_text(encoding="utf-8")))
    return out


def variants(n: int, seed: int = 7) -> Iterator[tuple[str, str]]:
    """(file name, text) for n generated articles."""
    rng = random.Random(seed)
    base = templates()
    people = [surname(rng) for _ in range(400)]
    for i in range(n):
        suffix, text = base[i % len(base)]
        country, adjective, capital = rng.choice(PARTNERS)
        text = re.sub(r"\bRussian Federation\b|\bRussia\b", country, text)
        text = re.sub(r"\bRussian\b", adjective, text)
        text = re.sub(r"\bMoscow\b", capital, text)
        for known in KNOWN_SURNAMES:
            if known in text and rng.random() < 0.7:
                text = text.replace(known, rng.choice(people))
        year = str(rng.randint(2008, 2025))
        text = re.sub(r"\b20(1\d|2[0-5])\b", year, text)
        text += f"\nReference {i}: {rng.choice(GIVEN)} {rng.choice(people)} noted item {rng.randint(1, 10**6)}."
        yield f"gen-{i:06d}{suffix}", text


def write_corpus(folder: Path, n: int, seed: int = 7) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in variants(n, seed):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths

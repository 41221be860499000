"""Importers: one file's bytes to the articles it holds.

`read_file` and `read_bytes` give the articles; `read_file_report` also gives the
problems with single items (a feed's or a JSON export's), so an import can list them
instead of losing a whole file to one bad row. Anything wrong with the file itself is
an ImportProblem whose message says what (the caller adds the file name).
"""

from __future__ import annotations

import stat
from dataclasses import dataclass, field
from pathlib import Path

from db.decode import decode_bytes
from db.errors import ImportProblem
from db.importers import feed, header, html, jsonfile, markdown, plain
from db.importers.detect import detect_layout
from db.models import ParsedArticle

__all__ = [
    "LAYOUTS",
    "MAX_FILE_BYTES",
    "ImportReport",
    "detect_layout",
    "read_bytes",
    "read_bytes_report",
    "read_file",
    "read_file_report",
]

LAYOUTS: tuple[str, ...] = ("plain", "header", "markdown", "html", "json", "feed")
MAX_FILE_BYTES = 32 * 1024 * 1024
_MB = 1024 * 1024


@dataclass
class ImportReport:
    """The articles read from one file and the items that had to be skipped."""

    articles: list[ParsedArticle] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # "item 3: no title or body"
    layout: str = "plain"


def read_file(path: Path) -> list[ParsedArticle]:
    """The articles in the file at `path`; ImportProblem if it holds none."""
    return read_file_report(path).articles


def read_bytes(data: bytes, name: str = "") -> list[ParsedArticle]:
    """The articles in `data` (`name`'s extension only breaks layout ties)."""
    return read_bytes_report(data, name).articles


def read_file_report(path: Path) -> ImportReport:
    """Articles and per-item problems of the file at `path`."""
    path = Path(path)
    return read_bytes_report(_read(path), path.name)


def read_bytes_report(data: bytes, name: str = "") -> ImportReport:
    """Articles and per-item problems of `data`."""
    if len(data) > MAX_FILE_BYTES:
        raise ImportProblem(_too_big(len(data)))
    if not data:
        raise ImportProblem("empty file")
    text = decode_bytes(data)
    if not text.strip():
        raise ImportProblem("empty file (only blank space)")
    layout = detect_layout(text, name)
    try:
        articles, problems = _parse(layout, text)
    except RecursionError:
        raise ImportProblem(f"{layout} content is nested too deeply to read") from None
    return ImportReport(articles=articles, problems=problems, layout=layout)


def _parse(layout: str, text: str) -> tuple[list[ParsedArticle], list[str]]:
    if layout == "json":
        return jsonfile.parse(text)
    if layout == "feed":
        return feed.parse(text)
    single = {"header": header, "markdown": markdown, "html": html}.get(layout, plain)
    return [single.parse(text)], []


def _read(path: Path) -> bytes:
    """The file's bytes, after checking it is a readable regular file within the limit."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ImportProblem("file not found") from None
    except PermissionError:
        raise ImportProblem("permission denied: cannot read the file") from None
    except OSError as exc:
        raise ImportProblem(f"cannot read the file: {_reason(exc)}") from None
    if stat.S_ISDIR(info.st_mode):
        raise ImportProblem("is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise ImportProblem("not a regular file (a device, pipe or socket)")
    if info.st_size > MAX_FILE_BYTES:
        raise ImportProblem(_too_big(info.st_size))
    try:
        with path.open("rb", buffering=0) as handle:
            # the size it has, then whatever it grew by: a read of the whole limit
            # allocates 32 MB and gives it back, for every file (40-170 us -> 13 us)
            data = handle.read(info.st_size + 1)
            if len(data) > info.st_size:
                data += handle.read(MAX_FILE_BYTES + 1 - len(data))
    except PermissionError:
        raise ImportProblem("permission denied: cannot read the file") from None
    except IsADirectoryError:
        raise ImportProblem("is a directory, not a file") from None
    except OSError as exc:
        raise ImportProblem(f"cannot read the file: {_reason(exc)}") from None
    if len(data) > MAX_FILE_BYTES:
        raise ImportProblem(_too_big(len(data)))
    return data


def _too_big(size: int) -> str:
    return f"file is {size / _MB:.1f} MB, over the {MAX_FILE_BYTES // _MB} MB limit for one file"


def _reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()

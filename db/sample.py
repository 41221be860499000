"""The bundled sample articles: a new user sees real articles at first launch.

In a wheel or a non-editable install they ship as `db/sample_data/`; in a clone or an
editable install they are the repo's top-level `sample_data/`.
"""

from __future__ import annotations

from pathlib import Path


def sample_data_dir() -> Path | None:
    here = Path(__file__).resolve().parent
    for candidate in (here / "sample_data", here.parent / "sample_data"):
        if candidate.is_dir() and any(candidate.iterdir()):
            return candidate
    return None

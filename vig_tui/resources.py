"""Files shipped with vig: the sample film, the demo family, the prompt packs.

In a wheel they live inside the package (`vig_tui/_data`, `vig_tui/_prompts`);
in a source checkout they are the repository's `data/` and `prompts/`.
"""

from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.exists():
            return candidate
    return candidates[-1]


def data_dir() -> Path:
    return _first_existing(_PKG / "_data", _PKG.parent / "data")


def prompts_dir() -> Path:
    return _first_existing(_PKG / "_prompts", _PKG.parent / "prompts")


def sample_film() -> Path:
    return data_dir() / "sample-film.mp4"


def demo_family_file() -> Path:
    return data_dir() / "demo_family.yaml"

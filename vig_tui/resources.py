"""Files shipped with vig: the sample film, the demo family, the prompt packs.

In a wheel they live inside the package (`vig_tui/_data`, `vig_tui/_prompts`);
in a source checkout they are the repository's `data/` and `prompts/`.
"""

from __future__ import annotations

import os
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


def user_config_dir() -> Path:
    """The user's own settings folder (config file, own packs):
    ``$VIG_CONFIG_DIR`` if set, else the platform's config folder."""
    override = os.environ.get("VIG_CONFIG_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_config_dir("vig"))

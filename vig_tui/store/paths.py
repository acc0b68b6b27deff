"""Where the store lives: the platform's per-user data folder by default."""

from __future__ import annotations

import os
from pathlib import Path

ENV_DATA_DIR = "VIG_DATA_DIR"


def default_data_dir() -> Path:
    import platformdirs  # only here: a store named by --data-dir or VIG_DATA_DIR never needs it

    return Path(platformdirs.user_data_dir("vig", appauthor=False))


def resolve_data_dir(cli_value: str | None = None) -> Path:
    """`--data-dir` wins over `VIG_DATA_DIR`, which wins over the default."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser()
    return default_data_dir()

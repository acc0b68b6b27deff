"""Where the store lives: the platform's per-user data folder by default."""

from __future__ import annotations

import os
from pathlib import Path

ENV_DATA_DIR = "VIG_DATA_DIR"


def default_data_dir() -> Path:
    import platformdirs  # only here: a store named by --data-dir or VIG_DATA_DIR never needs it

    return Path(platformdirs.user_data_dir("vig", appauthor=False))


#: the longest name of one folder, and of a whole path, most file systems allow
NAME_MAX = 255
PATH_MAX = 4096


def resolve_data_dir(cli_value: str | None = None) -> Path:
    """`--data-dir` wins over `VIG_DATA_DIR`, which wins over the default.
    A folder whose name no file system takes is refused here, by name."""
    if cli_value:
        return _usable(Path(cli_value).expanduser(), "--data-dir")
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return _usable(Path(env).expanduser(), ENV_DATA_DIR)
    return default_data_dir()


def _usable(folder: Path, given_by: str) -> Path:
    from .errors import StoreUnavailableError

    longest = max((len(os.fsencode(part)) for part in folder.parts), default=0)
    if longest > NAME_MAX or len(os.fsencode(folder)) > PATH_MAX:
        limit = f"{NAME_MAX} bytes for one folder's name, {PATH_MAX} for the whole path"
        raise StoreUnavailableError(
            f"The store folder given by {given_by} ({folder}) has a name too long for "
            f"this computer ({limit}); choose a shorter one."
        )
    return folder

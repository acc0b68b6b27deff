"""Taking one family out of the copies of the index the store keeps.

Besides `index.json` and its `.bak`, the store keeps copies of the index: the
file as it was before a migration (`index.json.schema<N>`) and an unreadable
index set aside by a restore (`index.json.corrupt-<n>`). Each may name the
family being erased, so its line is dropped from each; a copy that cannot be
read cannot be cleaned, so it goes.
"""

from __future__ import annotations

from pathlib import Path

from .atomic import atomic_write
from .codec import Codec
from .errors import CorruptFileError
from .layout import INDEX_NAME
from .storage import encode, read_file

#: the name patterns of the index copies the store itself makes
INDEX_COPIES = (INDEX_NAME + ".schema*", INDEX_NAME + ".corrupt-*")


def index_copies(root: Path) -> list[Path]:
    found: set[Path] = set()
    for pattern in INDEX_COPIES:
        found.update(p for p in Path(root).glob(pattern) if p.is_file())
    return sorted(found)


def erase_index_traces(root: Path, family_id: str, codec: Codec) -> list[Path]:
    removed: list[Path] = []
    for copy in index_copies(root):
        if _scrub_index_copy(copy, family_id, codec):
            removed.append(copy)
    return removed


def _scrub_index_copy(path: Path, family_id: str, codec: Codec) -> bool:
    """Drop the family's line from a kept copy of the index; True if it changed."""
    try:
        data = read_file(path, codec)
        families = (data or {}).get("families", {})
        kept = {
            k: v
            for k, v in families.items()
            if not (isinstance(v, dict) and v.get("id") == family_id)
        }
    except (CorruptFileError, AttributeError, TypeError, ValueError):
        path.unlink()  # unreadable, so it cannot be cleaned: it goes
        return True
    if data is None or len(kept) == len(families):
        return False
    data["families"] = kept
    atomic_write(path, codec.seal(encode(data)), keep_backup=False)
    return True

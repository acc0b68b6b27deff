"""Remember what each pack file read as, so a start does not parse its YAML again.

Reading YAML while keeping the line and column of every value (for messages
that point at the right place) is most of what loading the packs costs. For
each pack file that read without a problem the cache keeps the result — the
plain data, the positions, the text as written — under a hash of the file's
name and bytes. Nothing more is taken on trust: every pack is still validated
and checked on every load, so a changed file (a new hash) is read afresh and a
broken one (never cached) is always reported again.

The cache is one file in the user's cache folder (``VIG_CACHE_DIR`` or the
platform's), written atomically. Each entry carries a hash of its own content:
an entry that does not match it, or a cache file that is not what this
version wrote, is ignored and built again — never used.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path

from ._yaml import LocatedDoc, Path_, Spot, read_yaml_bytes
from .errors import Location

#: bump when what a LocatedDoc holds, or how it is written here, changes
FORMAT = 1
CACHE_NAME = f"packs-v{FORMAT}.json"
#: entries kept for files no longer loaded (another user folder, an older copy)
MAX_ENTRIES = 64


def cache_dir() -> Path:
    override = os.environ.get("VIG_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("vig"))


def _key(name: str, raw: bytes) -> str:
    digest = hashlib.sha256(f"{FORMAT}\0{name}\0".encode())
    digest.update(raw)
    return digest.hexdigest()


def _checksum(payload: str) -> str:
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class PackCache:
    """Read pack files through the cache; `save()` writes what was new."""

    def __init__(self, folder: Path | None = None) -> None:
        self.path = (folder if folder is not None else cache_dir()) / CACHE_NAME
        self._entries = self._read()
        self._used: set[str] = set()
        self._changed = False
        self.hits = 0

    def _read(self) -> dict[str, dict[str, str]]:
        try:
            outer = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            return {}
        if not isinstance(outer, dict) or outer.get("format") != FORMAT:
            return {}
        entries = outer.get("entries")
        if not isinstance(entries, dict):
            return {}
        return {
            key: entry
            for key, entry in entries.items()
            if isinstance(entry, dict)
            and isinstance(entry.get("doc"), str)
            and isinstance(entry.get("sum"), str)
        }

    def read(self, raw: bytes, name: str) -> LocatedDoc:
        """Like `read_yaml_bytes` (same result, same errors), from the cache when it can."""
        key = _key(name, raw)
        self._used.add(key)
        entry = self._entries.get(key)
        if entry is not None:
            doc = _decode(entry["doc"], entry["sum"], name)
            if doc is not None:
                self.hits += 1
                return doc
        doc = read_yaml_bytes(raw, name)  # a problem raises: nothing is cached
        payload = _encode(doc)
        self._entries[key] = {"doc": payload, "sum": _checksum(payload)}
        self._changed = True
        return doc

    def save(self) -> None:
        """Write the cache if anything was added (quietly skipped when the
        folder cannot be written: the cache only saves time)."""
        if not self._changed:
            return
        entries = self._entries
        if len(entries) > MAX_ENTRIES:
            entries = {k: v for k, v in entries.items() if k in self._used}
        text = json.dumps({"format": FORMAT, "entries": entries}, separators=(",", ":"))
        with contextlib.suppress(OSError):
            _write_atomically(self.path, text.encode("utf-8"))
            self._changed = False


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".packs-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


# -- a LocatedDoc as JSON -----------------------------------------------------------------
def _encode(doc: LocatedDoc) -> str:
    paths = [list(path) for path in doc.spots]
    places = [
        [s.value.line, s.value.col, *((s.key.line, s.key.col) if s.key else (0, 0))]
        for s in doc.spots.values()
    ]
    raw = [[list(path), text] for path, text in doc.raw.items()]
    return json.dumps(
        {"data": doc.data, "paths": paths, "places": places, "raw": raw}, separators=(",", ":")
    )


def _decode(payload: str, checksum: str, name: str) -> LocatedDoc | None:
    """The document, or None when the entry is damaged in any way."""
    if _checksum(payload) != checksum:
        return None
    try:
        stored = json.loads(payload)
        paths: list[Path_] = [tuple(p) for p in stored["paths"]]
        places = stored["places"]
        raw_paths: list[Path_] = [tuple(p) for p, _text in stored["raw"]]
        texts = [text for _path, text in stored["raw"]]
        parts = {type(p) for path in (*paths, *raw_paths) for p in path}
        numbers = {type(n) for place in places for n in place}
        if not (parts <= {str, int} and numbers <= {int} and {type(t) for t in texts} <= {str}):
            return None
        spots = {
            path: Spot(Location(name, line, col), Location(name, kl, kc) if kl else None)
            for path, (line, col, kl, kc) in zip(paths, places, strict=True)
        }
        return LocatedDoc(name, stored["data"], spots, dict(zip(raw_paths, texts, strict=True)))
    except (ValueError, TypeError, KeyError):
        return None

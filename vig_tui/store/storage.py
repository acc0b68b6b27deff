"""A TinyDB Storage that never tears, empties or silently discards a file.

Stock `JSONStorage` keeps a handle open and rewrites the file in place, so a
crash mid-write leaves a truncated file, and invalid JSON surfaces as a raw
exception. This storage serialises first, then hands the bytes to
:func:`atomic_write`; reading invalid JSON raises :class:`CorruptFileError`
and never returns "empty".
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from .atomic import atomic_write, backup_path, describe_os_error
from .codec import PLAIN, Codec
from .errors import CorruptFileError, StoreWriteError
from .small_file import read_regular_file, why_unreadable

Data = dict[str, dict[str, Any]]


def encode(data: Data) -> bytes:
    """Serialise before anything touches the disk (raises on a bad value)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode(raw: bytes, path: Path) -> Data:
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as err:
        raise CorruptFileError(
            path, f"not UTF-8 text (byte {err.start})", backup_path(path)
        ) from err
    except json.JSONDecodeError as err:
        what = err.msg[: -len(" at")] if err.msg.endswith(" at") else err.msg
        raise CorruptFileError(
            path,
            f"invalid JSON at line {err.lineno}, column {err.colno} ({what.lower()})",
            backup_path(path),
        ) from err
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise CorruptFileError(
            path, "not a vig store file (unexpected structure)", backup_path(path)
        )
    return data


def read_file(path: Path, codec: Codec = PLAIN) -> Data | None:
    """Read and decode a store file; None only when the file does not exist."""
    try:
        raw = read_regular_file(path)
    except FileNotFoundError:
        return None
    except OSError as err:  # a folder or a FIFO under its name, no permission, ...
        raise CorruptFileError(path, why_unreadable(err), backup_path(path)) from err
    if not raw:
        raise CorruptFileError(path, "the file is empty (0 bytes)", backup_path(path))
    try:
        plain = codec.open(raw)
    except CorruptFileError:
        raise
    except Exception as err:  # a codec reports tampering or a wrong key
        raise CorruptFileError(path, str(err) or type(err).__name__, backup_path(path)) from err
    return decode(plain, path)


class AtomicJSONStorage(Storage):
    """TinyDB storage backed by one JSON file, saved atomically and durably.

    With `exclusive=True` (the caller holds the store lock, so nobody else
    writes this file) the parsed data is kept between calls: TinyDB reads the
    whole file before every operation, and re-parsing it each time would
    double the cost of a save. After a failed write the cache is dropped, so
    memory never runs ahead of the disk.
    """

    def __init__(self, path: str | Path, codec: Codec = PLAIN, exclusive: bool = False) -> None:
        super().__init__()
        self.path = Path(path)
        self.codec = codec
        self.exclusive = exclusive
        self._cache: Data | None = None

    def read(self) -> Data | None:
        if self.exclusive and self._cache is not None:
            return self._cache
        data = read_file(self.path, self.codec)
        if self.exclusive:
            self._cache = data
        return data

    def write(self, data: Data) -> None:
        try:
            payload = self.codec.seal(encode(data))
        except (TypeError, ValueError) as err:
            self._cache = None
            raise StoreWriteError(self.path, f"a value could not be saved ({err})") from err
        try:
            atomic_write(self.path, payload)
        except OSError as err:
            self._cache = None
            raise StoreWriteError(self.path, describe_os_error(err)) from err
        if self.exclusive:
            self._cache = data

    def close(self) -> None:
        self._cache = None

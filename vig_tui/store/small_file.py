"""Reading a file of the store's folder whatever is found under its name.

Store files (the index, a family's record, the audit log, the key file) and
small state files (room.json, backup.json) are read as vig starts or as a
command runs: whatever is there must not hang or drown it. Only a regular file
is read (a FIFO would block for ever, a folder can't be), it is opened without
waiting, and no more than `limit` bytes are taken when a limit is given. The
audit log is also appended to through here (:func:`open_for_append`): a FIFO
under its name would block the writer until something read it.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from ..regular_files import only_a_regular_file, open_regular


def read_regular_file(path: Path, limit: int | None = None) -> bytes:
    """The bytes of `path`. Raises FileNotFoundError when nothing is there, and
    OSError when it can't be read or is not a regular file of at most `limit`
    bytes (a folder, a FIFO, a device: EINVAL; too big: EFBIG)."""
    fd = open_regular(path)
    with os.fdopen(fd, "rb") as handle:
        only_a_regular_file(fd, path, limit)
        data = handle.read() if limit is None else handle.read(limit + 1)
    if limit is not None and len(data) > limit:
        raise OSError(errno.EFBIG, f"larger than {limit} bytes", str(path))
    return data


def read_small_file(path: Path, limit: int = 64 * 1024) -> bytes:
    """A small state file (see `read_regular_file`), at most `limit` bytes."""
    return read_regular_file(path, limit)


def open_for_append(path: Path, mode: int) -> int:
    """A descriptor to append to `path` (created with `mode` when absent), or
    OSError when something other than a regular file is there (a FIFO with no
    reader: ENXIO, without waiting for one; a folder: EISDIR)."""
    return open_regular(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, mode)


def why_unreadable(err: OSError) -> str:
    """What the gate (or the system) said about a file it could not read, as
    the words that follow the file's name in a message."""
    return f"it can't be read ({err.strerror or type(err).__name__})"

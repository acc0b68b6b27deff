"""Reading a file of the store's folder whatever is found under its name.

Store files (the index, a family's record) and small state files (room.json,
backup.json) are read as vig starts, before anything is on screen: whatever is
there must not hang or drown the start. Only a regular file is read (a FIFO
would block for ever, a folder can't be), it is opened without waiting, and
no more than `limit` bytes are taken when a limit is given.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


def read_regular_file(path: Path, limit: int | None = None) -> bytes:
    """The bytes of `path`. Raises FileNotFoundError when nothing is there, and
    OSError when it can't be read or is not a regular file of at most `limit`
    bytes (a folder, a FIFO, a device: EINVAL; too big: EFBIG)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            what = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            raise OSError(errno.EINVAL, f"{what}, not a file vig wrote", str(path))
        if limit is not None and info.st_size > limit:
            raise OSError(errno.EFBIG, f"larger than {limit} bytes", str(path))
        data = handle.read() if limit is None else handle.read(limit + 1)
    if limit is not None and len(data) > limit:
        raise OSError(errno.EFBIG, f"larger than {limit} bytes", str(path))
    return data


def read_small_file(path: Path, limit: int = 64 * 1024) -> bytes:
    """A small state file (see `read_regular_file`), at most `limit` bytes."""
    return read_regular_file(path, limit)

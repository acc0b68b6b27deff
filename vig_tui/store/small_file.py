"""Reading a small state file of the store's folder (room.json, backup.json).

Such a file is read as vig starts, before anything is on screen, so whatever
is found under its name must not hang or drown the start: only a regular file
is read (a FIFO would block for ever, a folder can't be), it is opened without
waiting, and no more than `limit` bytes are taken.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class NotASmallFile(OSError):
    """Something is there under the name, but not a small regular file."""


def read_small_file(path: Path, limit: int = 64 * 1024) -> bytes:
    """The bytes of `path`. Raises FileNotFoundError when nothing is there,
    NotASmallFile for a folder, FIFO, device or a file over `limit`, OSError
    when it can't be read."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotASmallFile(errno.EINVAL, "not a regular file", str(path))
        if info.st_size > limit:
            raise NotASmallFile(errno.EFBIG, f"larger than {limit} bytes", str(path))
        data = os.read(fd, limit + 1)
    finally:
        os.close(fd)
    if len(data) > limit:
        raise NotASmallFile(errno.EFBIG, f"larger than {limit} bytes", str(path))
    return data

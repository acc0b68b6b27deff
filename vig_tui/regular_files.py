"""Opening a file whatever is found under its name: the one rule.

Files vig reads from disk (the store's files, state files, films) are opened
as vig starts, as a command runs or as a film is checked: whatever is there
must not hang it. Only a regular file is read — a FIFO would block for ever,
a device never ends, a folder can't be read — and it is opened without
waiting, so a FIFO is refused at once instead of waiting for a writer.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_NO_WAIT = getattr(os, "O_NONBLOCK", 0)


def only_a_regular_file(fd: int, path: Path, limit: int | None = None) -> None:
    """OSError unless `fd` is a regular file of at most `limit` bytes (a folder,
    a FIFO, a device: EINVAL; too big: EFBIG)."""
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        what = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise OSError(errno.EINVAL, f"{what}, not a file vig can read", str(path))
    if limit is not None and info.st_size > limit:
        raise OSError(errno.EFBIG, f"larger than {limit} bytes", str(path))


def open_regular(path: Path, flags: int = os.O_RDONLY, mode: int = 0o600) -> int:
    """A descriptor for `path` opened without waiting, once it is known to be a
    regular file (see `only_a_regular_file`). Raises FileNotFoundError when
    nothing is there and OSError otherwise; never blocks on a FIFO."""
    fd = os.open(path, flags | _NO_WAIT, mode)
    try:
        only_a_regular_file(fd, path)
    except OSError:
        os.close(fd)
        raise
    return fd

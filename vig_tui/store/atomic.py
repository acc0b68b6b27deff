"""Durable, atomic file replacement.

The sequence for every save: the caller has already serialised the data (so a
bad value never touches the disk); write it to a temporary file in the same
folder, flush and fsync it, keep the current file as `<name>.bak` (hard link,
so the current file is never absent), `os.replace` the temporary file over the
target, then fsync the folder so the rename itself survives a power cut.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
from pathlib import Path

from .errors import DISK_FULL

FILE_MODE = 0o600
DIR_MODE = 0o700
TMP_PREFIX = ".vig-tmp-"


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and parents) as 0700 folders; tighten an existing one."""
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    if (path.stat().st_mode & 0o777) != DIR_MODE:
        os.chmod(path, DIR_MODE)
    return path


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_all(fd: int, data: bytes) -> None:
    """All of `data` to `fd` (a write may take only part of it)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _refresh_backup(path: Path) -> None:
    """Make `<name>.bak` a copy of the current file without ever removing it."""
    bak = backup_path(path)
    staging = path.with_name(f"{TMP_PREFIX}{path.name}.bak")
    with contextlib.suppress(FileNotFoundError):
        os.unlink(staging)
    try:
        os.link(path, staging)
    except OSError:
        # Filesystems without hard links (FAT on a USB stick): copy instead.
        shutil.copyfile(path, staging)
        os.chmod(staging, FILE_MODE)
    os.replace(staging, bak)


def atomic_write(path: Path, data: bytes, *, keep_backup: bool = True) -> None:
    """Replace `path` with `data` so that readers see the old or the new file,
    never a torn one. Raises OSError; on failure the old file is untouched."""
    path = Path(path)
    folder = path.parent
    tmp = folder / f"{TMP_PREFIX}{path.name}.{os.getpid()}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        try:
            write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        if keep_backup and path.exists():
            _refresh_backup(path)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(folder)


def clean_leftovers(folder: Path) -> list[Path]:
    """Remove temporary files left by a save that was killed half-way.
    They are never the only copy: the target file is always intact."""
    removed = []
    if folder.is_dir():
        for leftover in folder.glob(f"{TMP_PREFIX}*"):
            with contextlib.suppress(OSError):
                leftover.unlink()
                removed.append(leftover)
    return removed


def process_alive(pid: int) -> bool:
    """True while a process with this id runs (the owner of a half-written file)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, under another user
    return True


def describe_os_error(err: OSError) -> str:
    if err.errno == errno.ENOSPC:
        return f"{DISK_FULL} — free some space and try again"
    if err.errno in (errno.EACCES, errno.EPERM):
        return "permission denied — check who owns the data folder"
    if err.errno == errno.EROFS:
        return "the disk is read-only"
    return err.strerror or str(err)

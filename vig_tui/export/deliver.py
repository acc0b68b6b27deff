"""Delivering an export: to stdout or to a file that appears whole or not at all.

The text goes to a temporary file in the same folder, is fsynced and renamed,
and one line is added to the audit log (facts only: what, which format, where
to — never any of the content). Used by `vig export` and the letter screen.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Any

from ..store import Store, StoreError
from ..store.atomic import FILE_MODE, TMP_PREFIX, fsync_dir
from ..store.audit import log_event


class ExportError(StoreError):
    """An export could not be written; nothing was left half-written."""


def _reason(err: OSError) -> str:
    import errno

    if isinstance(err, FileNotFoundError):
        return "its folder does not exist"
    if isinstance(err, IsADirectoryError):
        return "that is a folder, not a file"
    if err.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if err.errno == errno.ENOSPC:
        return "the disk is full"
    if err.errno == errno.EROFS:
        return "the disk is read-only"
    return err.strerror or type(err).__name__


def deliver(
    store: Store,
    text: str | bytes,
    output: str | None,
    action: str,
    family_id: str | None,
    **facts: Any,
) -> None:
    """Write `text` to stdout or `output`, logging the export in the audit log.

    For a file: the text goes to a temporary file beside it first; only when
    that is safely on disk and the audit line is written does it take the
    file's name. On any failure nothing is left behind."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    if output is None or output == "-":
        _audit(store, action, family_id, destination="stdout", **facts)
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    target = Path(output).expanduser()
    if target.is_dir():
        raise ExportError(
            f"Cannot write {target}: that is a folder, not a file. Give a file name with -o."
        )
    folder = target.parent
    tmp = folder / f"{TMP_PREFIX}{target.name}.{os.getpid()}"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as err:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise ExportError(
            f"Cannot write {target}: {_reason(err)}. Nothing was written; "
            "choose another place with -o."
        ) from err
    try:
        _audit(store, action, family_id, destination="file", file=target.name, **facts)
        os.replace(tmp, target)
        fsync_dir(folder)
    except BaseException as err:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(err, OSError):
            raise ExportError(
                f"Cannot write {target}: {_reason(err)}. Nothing was written; "
                "choose another place with -o."
            ) from err
        raise


def _audit(store: Store, action: str, family_id: str | None, **facts: Any) -> None:
    if not store.root.is_dir():
        return  # no store yet: nothing was held, nothing left it
    try:
        log_event(store.root, action, family_id, store.codec, **facts)
    except OSError as err:
        raise ExportError(
            f"Could not record this export in the audit log at {store.root} ({_reason(err)}); "
            "nothing was exported."
        ) from err

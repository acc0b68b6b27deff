"""Restoring a store from a backup archive into an empty folder.

Every file is written to a staging folder, read back and checked against its
checksum; only a whole, checked archive is moved into place, and the restored
store must open and every family must read. Anything short of that leaves the
target as it was (an empty folder vig made is removed again).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..store import Store, StoreError, crypto
from ..store.atomic import FILE_MODE, ensure_private_dir, fsync_dir
from ..store.audit import log_event
from ..store.codec import PLAIN, Codec
from .backup_archive import (
    ArchiveEnd,
    BackupError,
    FileEnd,
    FileStart,
    Piece,
    Progress,
    read_archive,
    read_header,
)
from .last_backup import note_restored

#: The folder inside the target that a restore fills before moving it into place.
STAGING_NAME = ".vig-restoring"


@dataclass
class RestoreResult:
    root: Path
    files: int
    families: int
    encrypted: bool


def archive_is_for_encrypted_store(archive: Path) -> bool:
    """Whether the archive opens with a store's passphrase (else its own)."""
    return read_header(Path(archive).expanduser()).store_encrypted


def restore_store(
    archive: Path, target: Path, passphrase: str, *, on_progress: Progress | None = None
) -> RestoreResult:
    archive, target = Path(archive).expanduser(), Path(target).expanduser()
    progress = on_progress or (lambda _done, _total, _what: None)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise BackupError(
            f"{target} is not an empty folder; restore into a new or empty folder so nothing "
            "there is overwritten."
        )
    created = not target.exists()
    try:
        ensure_private_dir(target)
        staging = ensure_private_dir(target / STAGING_NAME)
    except OSError as err:
        raise BackupError(f"Cannot restore into {target}: {err.strerror or err}.") from err
    try:
        files = _unpack(archive, staging, passphrase, progress)
        for entry in sorted(staging.iterdir()):
            os.replace(entry, target / entry.name)
        staging.rmdir()
        fsync_dir(target)
    except BaseException as err:
        shutil.rmtree(staging, ignore_errors=True)
        if created:
            with contextlib.suppress(OSError):
                target.rmdir()
        if isinstance(err, OSError):
            raise BackupError(f"Could not restore into {target}: {err.strerror or err}.") from err
        raise
    codec, families = _check_restored(target, passphrase)
    note_restored(target, archive, read_header(archive).created_at)
    log_event(target, "backup.restore", None, codec, files=files)
    return RestoreResult(target, files, families, codec is not PLAIN)


def _unpack(archive: Path, staging: Path, passphrase: str, progress: Progress) -> int:
    out: int | None = None
    path: Path | None = None
    done = 0
    try:
        for event in read_archive(archive, passphrase):
            if isinstance(event, FileStart):
                path = staging / event.path
                folder = staging
                for part in Path(event.path).parts[:-1]:  # each level 0700, not just the last
                    folder = ensure_private_dir(folder / part)
                out = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
            elif isinstance(event, Piece) and out is not None:
                view = memoryview(event.data)
                while view:
                    view = view[os.write(out, view) :]
                done += len(event.data)
                progress(done, done, "restore")
            elif isinstance(event, FileEnd) and out is not None and path is not None:
                os.fsync(out)
                os.close(out)
                out = None
                if _sha256(path) != event.sha256:
                    raise BackupError(
                        f"{event.path} did not read back as it was written; check the disk "
                        "and try again. Nothing was restored."
                    )
            elif isinstance(event, ArchiveEnd):
                for folder in {p.parent for p in staging.rglob("*")} | {staging}:
                    fsync_dir(folder)
                return event.files
    finally:
        if out is not None:
            os.close(out)
    raise BackupError(f"{archive.name} ended early; nothing was restored.")  # pragma: no cover


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while piece := f.read(1 << 20):
            digest.update(piece)
    return digest.hexdigest()


def _check_restored(target: Path, passphrase: str) -> tuple[Codec, int]:
    """The restored store must open and every family must read."""
    try:
        codec = crypto.unlock(target, passphrase)
        store = Store.open(target, readonly=True, codec=codec)
        summaries = store.summaries()
        for summary in summaries:
            store.read_family(summary.id)
    except StoreError as err:
        raise BackupError(
            f"The files were restored into {target}, but the store there does not open: {err}"
        ) from err
    return codec, len(summaries)

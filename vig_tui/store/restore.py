"""Putting a file's backup back: only under the store's lock, only for a
file that really cannot be read, and never destroying the damaged copy.

After the index is restored it may miss families added since its backup was
made; their folders are still there, so the next open of the store adds their
lines back (the index is always derivable from the family folders).
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from . import crypto
from .atomic import FILE_MODE, backup_path, fsync_dir
from .codec import PLAIN, Codec
from .errors import CorruptFileError, StoreError, StoreLockedError, StoreUnavailableError
from .index_lines import summaries_of
from .layout import INDEX_NAME, RECORD_NAME, refuse_link
from .lock import StoreLock
from .migrations import migrate, needs_migration
from .storage import read_file


def store_root_of(path: Path) -> Path:
    """The store a file belongs to: `families/<id>/record.json` is two
    folders down; everything else sits in the store's top folder."""
    path = Path(path)
    return path.parents[2] if path.name == RECORD_NAME else path.parent


@contextlib.contextmanager
def _store_lock(root: Path) -> Iterator[None]:
    lock = StoreLock(root)
    try:
        lock.acquire()
    except StoreLockedError:
        if lock.holder_pid() == os.getpid():
            yield  # this process holds it (the app restoring a family's record)
            return
        raise
    try:
        yield
    finally:
        lock.release()


def readable(path: Path, codec: Codec, name: str | None = None) -> bool:
    """True when `path` reads and loads as its kind of store file (the kind
    of the file called `name`, e.g. for a backup: its file's name)."""
    return unreadable_because(path, codec, name) is None


def unreadable_because(path: Path, codec: Codec, name: str | None = None) -> str | None:
    """Why `path` does not read as the store file `name` (None: it reads)."""
    name = name or path.name
    try:
        data = read_file(path, codec)
        if data is None:
            return "it is not there"
        kind = "family" if name == RECORD_NAME else "index"
        if needs_migration(data, path):
            data = migrate(data, path, kind)
        if kind == "family":
            from .family_repo import record_from_data  # the record models, only here

            record_from_data(data, path)
        elif name == INDEX_NAME:
            summaries_of(data, path)
    except CorruptFileError as err:
        return err.detail
    except (StoreError, ValueError, TypeError, AttributeError) as err:
        return str(err) or type(err).__name__
    return None


def restore_backup(path: Path, codec: Codec | None = None) -> Path:
    """Put `<name>.bak` back in place of an unreadable file, keeping the
    unreadable one aside as `<name>.corrupt-<n>`. Returns that copy's path.

    `codec` is the store's (None: the plain codec, or for an encrypted store
    the caller has already seen the file fail with the right key)."""
    path = Path(path)
    root = store_root_of(path)
    refuse_link(path)
    bak = backup_path(path)
    if not bak.is_file():
        raise StoreUnavailableError(f"There is no backup for {path}; nothing was changed.")
    if codec is None and not crypto.is_encrypted(root):
        codec = PLAIN
    with _store_lock(root):
        if codec is not None and path.exists() and readable(path, codec):
            raise StoreUnavailableError(
                f"{path} reads correctly, so it was not replaced by its backup."
            )
        why = None if codec is None else unreadable_because(bak, codec, path.name)
        if why is not None:
            raise StoreUnavailableError(
                f"The backup {bak.name} cannot be read either ({why}), "
                f"so nothing was changed: {path} stays as it is. Restore the store from "
                "one of your backup copies instead."
            )
        n = 1
        aside = path.with_name(f"{path.name}.corrupt-{n}")
        while aside.exists():
            n += 1
            aside = path.with_name(f"{path.name}.corrupt-{n}")
        if path.exists():
            os.replace(path, aside)
        staging = path.with_name(f".vig-tmp-restore-{path.name}")
        shutil.copyfile(bak, staging)
        os.chmod(staging, FILE_MODE)
        os.replace(staging, path)
        fsync_dir(path.parent)
    if path.name == INDEX_NAME and codec is not None and StoreLock(root).holder_pid() is None:
        from .store import Store

        Store.open(root, codec=codec).close()  # lines for families added since the backup
    return aside

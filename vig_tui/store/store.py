"""The practitioner's store: a folder holding a small index and one folder per family.

    <root>/
      vig.lock                  single-writer lock (holder's pid inside)
      index.json (+ .bak)       a summary line per family, for Home
      families/<id>/record.json (+ .bak)   that family's whole record
      families/<id>/stills/     stills taken from their clips

Open with ``Store.open(root)`` to write (takes the lock) or
``Store.open(root, readonly=True)`` for commands that only read, which may run
while the app has the store open.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tinydb import TinyDB, where

from ..domain.ids import now_iso
from ..domain.summary import FamilySummary
from . import crypto
from .atomic import (
    atomic_write,
    backup_path,
    clean_leftovers,
    describe_os_error,
    ensure_private_dir,
    fsync_dir,
)
from .audit import AUDIT_NAME, log_event, scrub_family
from .codec import PLAIN, Codec
from .errors import (
    CorruptFileError,
    StoreLockedError,
    StoreUnavailableError,
    StoreWriteError,
    UnknownFamilyError,
)
from .lock import StoreLock
from .migrations import migrate, needs_migration, schema_of, set_aside, stamp
from .storage import AtomicJSONStorage, encode, read_file

if TYPE_CHECKING:
    from ..domain import Family, FamilyRecord
    from .family_repo import FamilyRepo

INDEX_NAME = "index.json"
FAMILIES = "families"
#: A family folder being erased is first renamed to this prefix + its id, so an
#: erasure cut short is finished on the next open instead of half-undone.
ERASING_PREFIX = ".erasing-"


class Store:
    def __init__(self, root: Path, readonly: bool, codec: Codec) -> None:
        self.root = Path(root)
        self.readonly = readonly
        self.codec = codec
        self.lock = StoreLock(self.root)
        self._repos: dict[str, FamilyRepo] = {}
        self._summaries: dict[str, FamilySummary] = {}
        self.index: TinyDB | None = None

    # -- opening ----------------------------------------------------------------
    @classmethod
    def open(cls, root: Path, *, readonly: bool = False, codec: Codec = PLAIN) -> Store:
        store = cls(root, readonly, codec)
        if readonly:
            store._settle_interrupted_rekey_readonly()
            store._load_index_readonly()
            return store
        try:
            ensure_private_dir(store.root)
            ensure_private_dir(store.root / FAMILIES)
        except OSError as err:
            raise StoreUnavailableError(
                f"Cannot use the data folder {store.root}: {describe_os_error(err)}. "
                "Choose another with --data-dir or VIG_DATA_DIR."
            ) from err
        try:
            store.lock.acquire()
        except OSError as err:
            raise StoreUnavailableError(
                f"Cannot use the data folder {store.root}: {describe_os_error(err)}."
            ) from err
        try:
            crypto.recover(store.root)
            clean_leftovers(store.root)
            store._open_index()
            store._finish_interrupted_erasures()
        except BaseException:
            store.lock.release()
            raise
        return store

    def _use_codec(self, codec: Codec) -> None:
        """Open files keep working after a passphrase change: their caches
        match the disk, only the codec for the next write changes."""
        self.codec = codec
        for repo in self._repos.values():
            repo.codec = codec
            repo.db.storage.codec = codec  # type: ignore[attr-defined]
        if self.index is not None:
            self.index.storage.codec = codec  # type: ignore[attr-defined]

    def _settle_interrupted_rekey_readonly(self) -> None:
        """A read-only open never writes, except to settle a passphrase change
        that was cut short — and only when no writer holds the lock."""
        if not self.root.is_dir() or not crypto.needs_recovery(self.root):
            return
        try:
            self.lock.acquire()
        except StoreLockedError:
            raise StoreUnavailableError(
                "The passphrase is being changed in another vig; try again in a moment."
            ) from None
        try:
            crypto.recover(self.root)
        finally:
            self.lock.release()

    def _open_index(self) -> None:
        path = self.index_path
        data = read_file(path, self.codec)
        if data is None:
            data = stamp({"families": {}}, "index")
            try:
                atomic_write(path, self.codec.seal(encode(data)), keep_backup=False)
            except OSError as err:
                raise StoreWriteError(path, describe_os_error(err)) from err
        elif needs_migration(data, path):
            set_aside(path, schema_of(data, path))
            data = migrate(data, path, "index")
            atomic_write(path, self.codec.seal(encode(data)))
        self.index = TinyDB(path, storage=AtomicJSONStorage, codec=self.codec, exclusive=True)
        self._summaries = {
            doc["id"]: _summary(doc, path) for doc in self.index.table("families").all()
        }

    def _load_index_readonly(self) -> None:
        if not self.root.exists():
            self._summaries = {}
            return
        data = read_file(self.index_path, self.codec)
        if data is None:
            self._summaries = {}
            return
        if needs_migration(data, self.index_path):
            data = migrate(data, self.index_path, "index")
        self._summaries = {
            doc["id"]: _summary(doc, self.index_path) for doc in data.get("families", {}).values()
        }

    @property
    def index_path(self) -> Path:
        return self.root / INDEX_NAME

    def close(self) -> None:
        for repo in self._repos.values():
            repo.close()
        self._repos.clear()
        if self.index is not None:
            self.index.close()
            self.index = None
        self.lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- families -----------------------------------------------------------------
    def summaries(self) -> list[FamilySummary]:
        return sorted(self._summaries.values(), key=lambda s: s.label.casefold())

    def resolve(self, key: str) -> FamilySummary:
        """A family by exact id, unique id prefix, exact label or unique label prefix."""
        key = key.strip()
        if key in self._summaries:
            return self._summaries[key]
        fold = key.casefold()
        exact = [s for s in self._summaries.values() if s.label.casefold() == fold]
        if len(exact) == 1:
            return exact[0]
        matches = [
            s
            for s in self._summaries.values()
            if key and (s.label.casefold().startswith(fold) or s.id.startswith(key))
        ]
        if len(matches) == 1:
            return matches[0]
        raise UnknownFamilyError(key, [f"{m.label} ({m.id[:8]})" for m in matches])

    def family_folder(self, family_id: str) -> Path:
        return self.root / FAMILIES / family_id

    def family(self, family_id: str) -> FamilyRepo:
        """The repository for one family (opened once, then kept)."""
        if family_id not in self._summaries:
            raise UnknownFamilyError(family_id)
        repo = self._repos.get(family_id)
        if repo is None:
            if self.readonly:
                raise StoreUnavailableError("this store was opened read-only")
            from .family_repo import FamilyRepo

            repo = FamilyRepo.open(self.family_folder(family_id), self.codec, self._changed)
            self._repos[family_id] = repo
        return repo

    def open_family_ids(self) -> list[str]:
        """Families whose records this process has open (and may have changed)."""
        return list(self._repos)

    def read_family(self, family_id: str) -> FamilyRecord:
        """Read a record without keeping it open (safe while the app runs)."""
        if family_id in self._repos:
            return self._repos[family_id].record
        if family_id not in self._summaries:
            raise UnknownFamilyError(family_id)
        from .family_repo import read_record

        return read_record(self.family_folder(family_id), self.codec)

    def create_family(self, record: FamilyRecord | Family) -> FamilyRepo:
        from ..domain import Family, FamilyRecord
        from .family_repo import RECORD_NAME, FamilyRepo

        self._require_writable()
        if isinstance(record, Family):
            record = FamilyRecord(family=record)
        folder = self.family_folder(record.family.id)
        if folder.exists() and (folder / RECORD_NAME).exists():
            raise StoreWriteError(folder, "a family with this id already exists")
        repo = FamilyRepo.create(folder, record, self.codec, self._changed)
        self._repos[repo.id] = repo
        self._changed(repo)
        return repo

    def _changed(self, repo: FamilyRepo) -> None:
        """Keep the index in step; written only when the summary line changes."""
        old = self._summaries.get(repo.id)
        new = FamilySummary.of(repo.record, updated_at=old.updated_at if old else now_iso())
        if old is not None and old == new:
            return
        new.updated_at = now_iso()
        assert self.index is not None
        self.index.table("families").upsert(new.as_dict(), where("id") == new.id)
        self._summaries[new.id] = new

    def erase_family(self, family_id: str) -> list[Path]:
        """Remove everything the store holds about a family: its folder
        (record, backups, migration copies, stills), its index line, the
        index's backup and migration copies that name it, and any working
        copy named after it. Returns the paths removed.

        The folder is first renamed aside (one atomic step), so an erasure cut
        short by a crash is finished on the next open, never half-undone."""
        self._require_writable()
        repo = self._repos.pop(family_id, None)
        if repo is not None:
            repo.close()
        folder = self.family_folder(family_id)
        removed: list[Path] = []
        doomed = folder.with_name(ERASING_PREFIX + family_id)
        if folder.exists():
            os.replace(folder, doomed)
            fsync_dir(folder.parent)
            removed.append(folder)
        removed += self._erase_traces(family_id)
        return removed

    def _erase_traces(self, family_id: str) -> list[Path]:
        removed: list[Path] = []
        assert self.index is not None
        self.index.table("families").remove(where("id") == family_id)
        self._summaries.pop(family_id, None)
        # the index backup still names the family: the current index replaces it
        bak = backup_path(self.index_path)
        if bak.exists():
            bak.unlink()
            removed.append(bak)
        for aside in sorted(self.root.glob(INDEX_NAME + ".schema*")):
            removed += self._scrub_index_copy(aside, family_id)
        # working copies anywhere in the store named after the family
        for path in sorted(self.root.rglob(f"*{family_id}*"), key=lambda p: -len(p.parts)):
            if path.name.startswith(ERASING_PREFIX) or not path.exists():
                continue
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
            removed.append(path)
        if scrub_family(self.root, family_id, self.codec):
            removed.append(self.root / AUDIT_NAME)
        doomed = self.root / FAMILIES / (ERASING_PREFIX + family_id)
        if doomed.exists():
            shutil.rmtree(doomed)
        clean_leftovers(self.root)
        fsync_dir(self.root)
        return removed

    def _scrub_index_copy(self, path: Path, family_id: str) -> list[Path]:
        """Drop the family's line from a copy of the index kept before a migration."""
        try:
            data = read_file(path, self.codec)
        except CorruptFileError:
            path.unlink()  # unreadable, so it cannot be cleaned: it goes
            return [path]
        if data is None:
            return []
        families = data.get("families", {})
        kept = {k: v for k, v in families.items() if v.get("id") != family_id}
        if len(kept) == len(families):
            return []
        data["families"] = kept
        atomic_write(path, self.codec.seal(encode(data)), keep_backup=False)
        return [path]

    def _finish_interrupted_erasures(self) -> None:
        families = self.root / FAMILIES
        for doomed in sorted(families.glob(ERASING_PREFIX + "*")):
            self._erase_traces(doomed.name[len(ERASING_PREFIX) :])

    # -- encryption ---------------------------------------------------------------------
    def change_passphrase(
        self,
        new_passphrase: str,
        *,
        on_step: Callable[[str, Path | None], None] | None = None,
    ) -> None:
        """Re-seal every file under a new passphrase; also turns encryption on
        for a plain store. Safe against a kill at any point (see store/crypto.py)."""
        self._require_writable()
        crypto.check_new_passphrase(new_passphrase)
        enabling = self.codec is PLAIN
        if enabling and crypto.is_encrypted(self.root):
            raise StoreUnavailableError("this store is already encrypted")
        switched: list[Codec] = []

        def step(what: str, path: Path | None) -> None:
            if on_step is not None:
                on_step(what, path)

        try:
            new = crypto.rekey(
                self.root, self.codec, new_passphrase, on_step=step, on_switch=switched.append
            )
        except OSError as err:
            crypto.recover(self.root)  # roll back, or finish if the switch was made
            if switched:
                self._use_codec(switched[0])
            raise StoreWriteError(self.root, describe_os_error(err)) from err
        self._use_codec(new)
        log_event(
            self.root, "encryption.enable" if enabling else "passphrase.change", codec=self.codec
        )

    def rebuild_index(self) -> list[str]:
        """Rebuild the index from the family folders. Returns labels found."""
        from .family_repo import RECORD_NAME, read_record

        self._require_writable()
        found: dict[str, FamilySummary] = {}
        for folder in sorted((self.root / FAMILIES).iterdir()):
            if not folder.name.startswith(".") and (folder / RECORD_NAME).exists():
                record = read_record(folder, self.codec)
                found[record.family.id] = FamilySummary.of(record, now_iso())
        data = stamp(
            {"families": {str(i + 1): s.as_dict() for i, s in enumerate(found.values())}}, "index"
        )
        atomic_write(self.index_path, self.codec.seal(encode(data)))
        if self.index is not None:
            self.index.close()
        self.index = TinyDB(
            self.index_path, storage=AtomicJSONStorage, codec=self.codec, exclusive=True
        )
        self._summaries = found
        return [s.label for s in found.values()]

    def _require_writable(self) -> None:
        if self.readonly:
            raise StoreUnavailableError("this store was opened read-only")


def restore_backup(path: Path) -> Path:
    """Put `<name>.bak` back in place of a corrupt file, keeping the corrupt
    one aside as `<name>.corrupt-<n>` so nothing is destroyed."""
    bak = backup_path(path)
    if not bak.exists():
        raise StoreUnavailableError(f"There is no backup for {path}.")
    n = 1
    aside = path.with_name(f"{path.name}.corrupt-{n}")
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.corrupt-{n}")
    if path.exists():
        os.replace(path, aside)
    shutil.copy2(bak, path)
    path.chmod(0o600)
    return aside


def _summary(doc: dict[str, object], path: Path) -> FamilySummary:
    try:
        return FamilySummary(**{k: doc[k] for k in FamilySummary.__dataclass_fields__ if k in doc})  # type: ignore[arg-type]
    except TypeError as err:
        raise CorruptFileError(
            path, f"an index line is incomplete ({err})", backup_path(path)
        ) from err

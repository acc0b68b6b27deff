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

import contextlib
import os
import shutil
from pathlib import Path

from tinydb import TinyDB, where

from ..domain import Family, FamilyRecord, FamilySummary
from ..domain.ids import now_iso
from .atomic import atomic_write, backup_path, clean_leftovers, describe_os_error, ensure_private_dir
from .codec import PLAIN, Codec
from .errors import CorruptFileError, StoreUnavailableError, StoreWriteError, UnknownFamilyError
from .family_repo import RECORD_NAME, FamilyRepo, read_record
from .lock import StoreLock
from .migrations import migrate, needs_migration, schema_of, set_aside, stamp
from .storage import AtomicJSONStorage, read_file

INDEX_NAME = "index.json"
FAMILIES = "families"


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
            clean_leftovers(store.root)
            store._open_index()
        except BaseException:
            store.lock.release()
            raise
        return store

    def _open_index(self) -> None:
        path = self.index_path
        data = read_file(path, self.codec)
        if data is None:
            data = stamp({"families": {}}, "index")
            try:
                atomic_write(path, self.codec.seal(_encode(data)), keep_backup=False)
            except OSError as err:
                raise StoreWriteError(path, describe_os_error(err)) from err
        elif needs_migration(data, path):
            set_aside(path, schema_of(data, path))
            data = migrate(data, path, "index")
            atomic_write(path, self.codec.seal(_encode(data)))
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
            doc["id"]: _summary(doc, self.index_path)
            for doc in data.get("families", {}).values()
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
            s for s in self._summaries.values()
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
            repo = FamilyRepo.open(self.family_folder(family_id), self.codec, self._changed)
            self._repos[family_id] = repo
        return repo

    def read_family(self, family_id: str) -> FamilyRecord:
        """Read a record without keeping it open (safe while the app runs)."""
        if family_id in self._repos:
            return self._repos[family_id].record
        if family_id not in self._summaries:
            raise UnknownFamilyError(family_id)
        return read_record(self.family_folder(family_id), self.codec)

    def create_family(self, record: FamilyRecord | Family) -> FamilyRepo:
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

    def erase_family(self, family_id: str) -> None:
        """Remove a family's folder (record, backups, stills) and its index line."""
        self._require_writable()
        repo = self._repos.pop(family_id, None)
        if repo is not None:
            repo.close()
        folder = self.family_folder(family_id)
        if folder.exists():
            shutil.rmtree(folder)
        assert self.index is not None
        self.index.table("families").remove(where("id") == family_id)
        self._summaries.pop(family_id, None)
        # the index backup still names the family: replace it with the current index
        with contextlib.suppress(FileNotFoundError):
            os.unlink(backup_path(self.index_path))

    def rebuild_index(self) -> list[str]:
        """Rebuild the index from the family folders. Returns labels found."""
        self._require_writable()
        found: dict[str, FamilySummary] = {}
        for folder in sorted((self.root / FAMILIES).iterdir()):
            if (folder / RECORD_NAME).exists():
                record = read_record(folder, self.codec)
                found[record.family.id] = FamilySummary.of(record, now_iso())
        data = stamp({"families": {str(i + 1): s.as_dict() for i, s in enumerate(found.values())}},
                     "index")
        atomic_write(self.index_path, self.codec.seal(_encode(data)))
        if self.index is not None:
            self.index.close()
        self.index = TinyDB(self.index_path, storage=AtomicJSONStorage, codec=self.codec,
                            exclusive=True)
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


def _encode(data: dict[str, dict[str, object]]) -> bytes:
    from .storage import encode

    return encode(data)  # type: ignore[arg-type]


def _summary(doc: dict[str, object], path: Path) -> FamilySummary:
    try:
        return FamilySummary(**{k: doc[k] for k in FamilySummary.__dataclass_fields__ if k in doc})  # type: ignore[arg-type]
    except TypeError as err:
        raise CorruptFileError(path, f"an index line is incomplete ({err})", backup_path(path)) from err

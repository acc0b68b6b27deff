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

from ..domain.ids import is_valid_id, now_iso
from ..domain.rules.labels import label_key
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
from .erasure import erase_index_traces
from .errors import (
    StoreLockedError,
    StoreUnavailableError,
    StoreWriteError,
    UnknownFamilyError,
)
from .index_lines import summaries_of as _summaries_of
from .layout import (
    ERASING_PREFIX,
    FAMILIES,
    INDEX_NAME,
    checked_id,
    family_folder,
    is_link,
    refuse_link,
)
from .lock import StoreLock
from .migrations import migrate, needs_migration, schema_of, set_aside, stamp
from .reconcile import missing_folder_note, reconcile
from .storage import AtomicJSONStorage, encode, read_file

if TYPE_CHECKING:  # the record models load when a family is opened, not for Home
    from ..domain import Family, FamilyRecord
    from .family_repo import FamilyRepo

__all__ = ["ERASING_PREFIX", "FAMILIES", "INDEX_NAME", "Store"]


class Store:
    def __init__(self, root: Path, readonly: bool, codec: Codec) -> None:
        self.root = Path(root)
        self.readonly = readonly
        self.codec = codec
        self.lock = StoreLock(self.root)
        self._repos: dict[str, FamilyRepo] = {}
        self._summaries: dict[str, FamilySummary] = {}
        #: the summaries in Home's order, worked out once until one changes
        self._in_order: list[FamilySummary] | None = None
        #: families/ entries of erasures cut short, as the last open found them
        self._erasing: list[str] = []
        self.index: TinyDB | None = None
        #: what the last open found in the store that it could not list as a
        #: family (unreadable folders, links, stray files), for `vig doctor`
        self.unlisted: list[str] = []
        #: index lines whose family folder is gone: kept in the index, never
        #: listed (see store/reconcile.py and :meth:`missing_families`)
        self.missing: dict[str, FamilySummary] = {}

    # -- opening ----------------------------------------------------------------
    @classmethod
    def open(cls, root: Path, *, readonly: bool = False, codec: Codec = PLAIN) -> Store:
        store = cls(root, readonly, codec)
        if os.path.lexists(store.root) and not store.root.is_dir():
            raise StoreUnavailableError(
                f"The data folder {store.root} is not a folder. "
                "Choose another with --data-dir or VIG_DATA_DIR."
            )
        if readonly:
            store._settle_interrupted_rekey_readonly()
            store._load_index_readonly()
            return store
        try:
            refuse_link(store.root / FAMILIES)
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
        path = refuse_link(self.index_path)
        data = read_file(path, self.codec)
        rewrite = data is None
        if data is None:
            data = {}
        elif needs_migration(data, path):
            set_aside(path, schema_of(data, path))
            data = migrate(data, path, "index")
            rewrite = True
        listed = _summaries_of(data, path)
        lines = self._reconcile(listed, writable=True)
        if rewrite or lines != listed:
            self._write_index(lines)
        self.index = TinyDB(path, storage=AtomicJSONStorage, codec=self.codec, exclusive=True)
        self._set_summaries(self._listed(lines))

    def _write_index(self, summaries: dict[str, FamilySummary]) -> None:
        data = stamp(
            {"families": {str(i + 1): s.as_dict() for i, s in enumerate(summaries.values())}},
            "index",
        )
        try:
            atomic_write(self.index_path, self.codec.seal(encode(data)))
        except OSError as err:
            raise StoreWriteError(self.index_path, describe_os_error(err)) from err

    def _reconcile(
        self, listed: dict[str, FamilySummary], *, writable: bool
    ) -> dict[str, FamilySummary]:
        """The index lines to keep, as the family folders say (see
        store/reconcile.py); what is listed, missing or out of place is noted."""
        found = reconcile(self.root, listed, self.codec, writable=writable)
        self.unlisted, self._erasing, self.missing = found.unlisted, found.erasing, found.missing
        return found.lines

    def _load_index_readonly(self) -> None:
        if not self.root.exists():
            self._summaries = {}
            return
        path = refuse_link(self.index_path)
        data = read_file(path, self.codec)
        if data is None:
            data = {}
        elif needs_migration(data, path):
            data = migrate(data, path, "index")
        lines = self._reconcile(_summaries_of(data, path), writable=False)
        self._set_summaries(self._listed(lines))

    def _listed(self, lines: dict[str, FamilySummary]) -> dict[str, FamilySummary]:
        """The lines of families that can be opened: not the missing ones."""
        if not self.missing:
            return lines
        return {i: s for i, s in lines.items() if i not in self.missing}

    def missing_families(self) -> list[tuple[FamilySummary, Path]]:
        """The families the index holds whose folder is gone, by label, each
        with the folder that is missing (as the last open found them)."""
        return [
            (s, self.family_folder(s.id))
            for s in sorted(self.missing.values(), key=lambda s: s.label.casefold())
        ]

    def missing_notes(self) -> list[str]:
        """What to tell the practitioner about each missing family."""
        return [missing_folder_note(s, folder) for s, folder in self.missing_families()]

    def _set_summaries(self, summaries: dict[str, FamilySummary]) -> None:
        self._summaries = summaries
        self._in_order = None

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
        """Every family's summary, by label (sorted once, until one changes)."""
        if self._in_order is None:
            self._in_order = sorted(self._summaries.values(), key=lambda s: s.label.casefold())
        return list(self._in_order)

    def family_count(self) -> int:
        return len(self._summaries)

    def resolve(self, key: str, *, missing: bool = False) -> FamilySummary:
        """A family by exact id, unique id prefix, exact label or unique label
        prefix; with `missing`, also one whose folder is gone (to erase it)."""
        pool = {**self._summaries, **self.missing} if missing else self._summaries
        key = key.strip()
        if key in pool:
            return pool[key]
        fold = key.casefold()
        exact = [s for s in pool.values() if label_key(s.label) == label_key(key)]
        if len(exact) == 1:
            return exact[0]
        matches = [
            s
            for s in pool.values()
            if key and (s.label.casefold().startswith(fold) or s.id.startswith(key))
        ]
        if len(matches) == 1:
            return matches[0]
        raise UnknownFamilyError(key, [f"{m.label} ({m.id[:8]})" for m in matches])

    def family_folder(self, family_id: str) -> Path:
        """The folder of a family: only ever for a valid id (see store/layout.py)."""
        return family_folder(self.root, family_id)

    def family(self, family_id: str) -> FamilyRepo:
        """The repository for one family (opened once, then kept)."""
        if family_id not in self._summaries:
            raise UnknownFamilyError(family_id)
        repo = self._repos.get(family_id)
        if repo is None:
            if self.readonly:
                raise StoreUnavailableError("this store was opened read-only")
            folder = refuse_link(self.family_folder(family_id))
            from .family_repo import FamilyRepo

            repo = FamilyRepo.open(folder, self.codec, self._changed)
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

        return read_record(refuse_link(self.family_folder(family_id)), self.codec)

    def changed_at(self, family_id: str) -> str | None:
        """When anything in a family's record last changed (None: before stamps)."""
        if family_id in self._repos:
            return self._repos[family_id].changed_at
        if family_id not in self._summaries:
            raise UnknownFamilyError(family_id)
        from .family_repo import read_changed_at

        return read_changed_at(refuse_link(self.family_folder(family_id)), self.codec)

    def create_family(
        self, record: FamilyRecord | Family, changed_at: str | None = None
    ) -> FamilyRepo:
        """Write a new family's folder, then its index line. A kill between
        the two is settled on the next open (see :meth:`_reconcile`)."""
        from ..domain import Family, FamilyRecord
        from .family_repo import FamilyRepo

        self._require_writable()
        if isinstance(record, Family):
            record = FamilyRecord(family=record)
        folder = self.family_folder(checked_id(record.family.id))
        if os.path.lexists(folder):
            raise StoreWriteError(folder, "a family with this id already exists")
        try:
            repo = FamilyRepo.create(folder, record, self.codec, self._changed, changed_at)
            self._changed(repo)
        except BaseException:
            # not added after all (a full disk, say): nothing of it stays, on disk
            # (the next open would adopt the folder) or in memory
            self._summaries.pop(record.family.id, None)
            self._in_order = None
            shutil.rmtree(folder, ignore_errors=True)
            raise
        self._repos[repo.id] = repo
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
        self._in_order = None

    def erase_family(self, family_id: str) -> list[Path]:
        """Remove everything the store holds about one family: exactly its
        folder (record, backups, migration copies, stills), its index line,
        and its lines in the index's backup and kept copies (migration and
        restore). Nothing is matched by pattern. Returns the paths removed.

        The folder is first renamed aside (one atomic step), so an erasure cut
        short by a crash is finished on the next open, never half-undone."""
        self._require_writable()
        folder = self.family_folder(family_id)
        repo = self._repos.pop(family_id, None)
        if repo is not None:
            repo.close()
        removed: list[Path] = []
        if is_link(folder):
            folder.unlink()  # only the link: whatever it points at is not ours
            removed.append(folder)
        elif folder.exists():
            os.replace(folder, folder.with_name(ERASING_PREFIX + family_id))
            fsync_dir(folder.parent)
            removed.append(folder)
        removed += self._erase_traces(family_id)
        return removed

    def _erase_traces(self, family_id: str) -> list[Path]:
        removed = erase_index_traces(self.root, family_id, self.codec)
        assert self.index is not None
        self.index.table("families").remove(where("id") == family_id)
        self._summaries.pop(family_id, None)
        self.missing.pop(family_id, None)
        self._in_order = None
        # the index backup named the family; the current index replaces it
        bak = backup_path(self.index_path)
        if bak.exists():
            bak.unlink()
            removed.append(bak)
        if scrub_family(self.root, family_id, self.codec):
            removed.append(self.root / AUDIT_NAME)
        doomed = self.root / FAMILIES / (ERASING_PREFIX + family_id)
        if is_link(doomed):
            doomed.unlink()
        elif doomed.exists():
            shutil.rmtree(doomed)
        clean_leftovers(self.root)
        fsync_dir(self.root)
        return removed

    def _finish_interrupted_erasures(self) -> None:
        """Finish the erasures the open found cut short (see :meth:`_reconcile`)."""
        for name in self._erasing:
            doomed = self.root / FAMILIES / name
            family_id = name[len(ERASING_PREFIX) :]
            if is_valid_id(family_id):
                self._erase_traces(family_id)
            else:
                self.unlisted.append(f"{doomed} is not a family folder")

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
        self._require_writable()
        # from the folders, keeping the lines of missing families (their names)
        lines = self._reconcile(dict(self.missing), writable=True)
        self._write_index(lines)
        if self.index is not None:
            self.index.close()
        self.index = TinyDB(
            self.index_path, storage=AtomicJSONStorage, codec=self.codec, exclusive=True
        )
        found = self._listed(lines)
        self._set_summaries(found)
        return [s.label for s in found.values()]

    def _require_writable(self) -> None:
        if self.readonly:
            raise StoreUnavailableError("this store was opened read-only")

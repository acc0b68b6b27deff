"""The practitioner's own log: supervision sessions for accreditation.

Kept in `<store>/practitioner.json` (its own small TinyDB file, saved
atomically through :class:`AtomicJSONStorage` and sealed by the store's codec
like every other file). It holds nothing about a family except the ids of
the families discussed, so erasing a family needs no change here beyond the
id becoming unknown (shown as "a family no longer in the store").

Writing needs the store's lock (the app holds it); a read-only store can
list the log but not change it.
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import Field, field_validator
from tinydb import TinyDB, where
from tinydb.table import Table

from ..domain.family import Model
from ..domain.ids import new_id, now_iso, today_iso
from .atomic import atomic_write, backup_path, describe_os_error
from .codec import PLAIN, Codec
from .errors import CorruptFileError, StoreUnavailableError, StoreWriteError
from .migrations import migrate, needs_migration, stamp
from .storage import AtomicJSONStorage, encode, read_file
from .store import Store

PRACTITIONER_NAME = "practitioner.json"
TABLE = "supervision"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Discussed(Model):
    """A family (by id) and, optionally, which of its cycles was discussed."""

    family_id: str
    cycle: int | None = Field(default=None, ge=1, le=9)


class SupervisionEntry(Model):
    """One supervision session: when, how long, what was talked about."""

    id: str = Field(default_factory=new_id)
    date: str = Field(default_factory=today_iso)
    hours: float = Field(default=1.0, gt=0, le=12)
    notes: str = ""
    discussed: list[Discussed] = Field(default_factory=list)
    created_at: str = Field(default_factory=now_iso)
    updated_at: str = Field(default_factory=now_iso)

    @field_validator("date")
    @classmethod
    def _iso_date(cls, value: str) -> str:
        if not _DATE.match(value):
            raise ValueError("write the date as YYYY-MM-DD")
        from datetime import date

        date.fromisoformat(value)  # raises on 2026-02-30
        return value


class PractitionerLog:
    """Read and add supervision entries. Open with :meth:`open` (from a Store)."""

    def __init__(self, root: Path, codec: Codec = PLAIN, readonly: bool = False) -> None:
        self.root = Path(root)
        self.path = self.root / PRACTITIONER_NAME
        self.codec = codec
        self.readonly = readonly
        self._db: TinyDB | None = None
        self._entries: list[SupervisionEntry] = self._load()

    @classmethod
    def open(cls, store: Store) -> PractitionerLog:
        """The log of a store (same folder, codec and mode)."""
        return cls(store.root, store.codec, readonly=store.readonly)

    def _load(self) -> list[SupervisionEntry]:
        data = read_file(self.path, self.codec)
        if data is None:
            return []
        if needs_migration(data, self.path):
            data = migrate(data, self.path, "practitioner")
        entries = []
        for doc in data.get(TABLE, {}).values():
            try:
                entries.append(SupervisionEntry.model_validate(doc))
            except ValueError as err:
                raise CorruptFileError(
                    self.path,
                    f"a supervision entry has a bad value ({err})",
                    backup_path(self.path),
                ) from err
        return entries

    def _table(self) -> Table:
        if self.readonly:
            raise StoreUnavailableError(
                "The store was opened read-only, so the practitioner log cannot be changed."
            )
        if self._db is None:
            if not self.path.exists():
                try:
                    atomic_write(
                        self.path,
                        self.codec.seal(encode(stamp({}, "practitioner"))),
                        keep_backup=False,
                    )
                except OSError as err:
                    raise StoreWriteError(self.path, describe_os_error(err)) from err
            self._db = TinyDB(
                self.path, storage=AtomicJSONStorage, codec=self.codec, exclusive=True
            )
        return self._db.table(TABLE)

    # -- reading ----------------------------------------------------------------------
    def entries(self) -> list[SupervisionEntry]:
        """Every entry, oldest first."""
        return sorted(self._entries, key=lambda e: (e.date, e.created_at))

    @property
    def hours(self) -> float:
        return sum(e.hours for e in self._entries)

    # -- writing ----------------------------------------------------------------------
    def save(self, entry: SupervisionEntry) -> None:
        """Add or change one entry (one atomic, fsync'd write)."""
        table = self._table()
        entry.updated_at = now_iso()
        table.upsert(entry.model_dump(mode="json"), where("id") == entry.id)
        for n, existing in enumerate(self._entries):
            if existing.id == entry.id:
                self._entries[n] = entry
                break
        else:
            self._entries.append(entry)

    def delete(self, entry_id: str) -> None:
        table = self._table()
        table.remove(where("id") == entry_id)
        self._entries = [e for e in self._entries if e.id != entry_id]

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

"""One family's record in its own TinyDB file (`families/<id>/record.json`).

A save costs one family: changing a note rewrites only that family's file.
The repository keeps the loaded record in memory and updates it together
with the file, so screens always see what is on disk.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from tinydb import TinyDB, where
from tinydb.table import Document

from ..domain import (
    Administration,
    Clip,
    Consent,
    Cycle,
    EndingLetter,
    Family,
    FamilyRecord,
    Film,
    HelpingQuestion,
    Reflection,
    Session,
)
from ..domain.ids import now_iso
from .atomic import backup_path, clean_leftovers, ensure_private_dir
from .codec import PLAIN, Codec
from .errors import CorruptFileError
from .layout import RECORD_NAME
from .migrations import (
    CHANGED_AT,
    META_TABLE,
    changed_at_of,
    migrate,
    needs_migration,
    schema_of,
    set_aside,
    stamp,
)
from .storage import AtomicJSONStorage, Data, read_file

__all__ = [
    "RECORD_NAME",
    "FamilyRepo",
    "read_changed_at",
    "read_record",
    "record_from_data",
    "record_to_data",
]


def change_stamp() -> str:
    """Now, to the microsecond: an edit right after an export is still later."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


class RecordStorage(AtomicJSONStorage):
    """Every write of a family's record stamps when it changed (in `_meta`),
    so "which copy is newer" covers every edit and deletion."""

    def write(self, data: Data, changed_at: str | None = None) -> None:
        meta = data.setdefault(META_TABLE, {}).setdefault("1", {})
        meta[CHANGED_AT] = changed_at or change_stamp()
        super().write(data)


# table name -> (model, attribute of FamilyRecord holding a list of them)
LIST_TABLES: dict[type[BaseModel], tuple[str, str]] = {
    HelpingQuestion: ("questions", "questions"),
    Cycle: ("cycles", "cycles"),
    Session: ("sessions", "sessions"),
    Film: ("films", "films"),
    Clip: ("clips", "clips"),
    Reflection: ("reflections", "reflections"),
    Administration: ("administrations", "administrations"),
    EndingLetter: ("letters", "letters"),
}
SINGLETONS: dict[type[BaseModel], str] = {Family: "family", Consent: "consent"}

M = TypeVar("M", bound=BaseModel)


def _validate(model: type[M], doc: dict[str, Any], path: Path, table: str) -> M:
    try:
        return model.model_validate(doc)
    except ValidationError as err:
        first = err.errors()[0]
        where_ = ".".join(str(p) for p in first.get("loc", ())) or "record"
        raise CorruptFileError(
            path,
            f"{table} entry has a bad value at '{where_}': {first.get('msg')}",
            backup_path(path),
        ) from err


def record_from_data(data: Data, path: Path) -> FamilyRecord:
    family_docs = list(data.get("family", {}).values())
    if not family_docs:
        raise CorruptFileError(path, "the family entry is missing", backup_path(path))
    record = FamilyRecord(family=_validate(Family, family_docs[0], path, "family"))
    consent_docs = list(data.get("consent", {}).values())
    if consent_docs:
        record.consent = _validate(Consent, consent_docs[0], path, "consent")
    for model, (table, attr) in LIST_TABLES.items():
        items = [_validate(model, doc, path, table) for doc in data.get(table, {}).values()]
        setattr(record, attr, items)
    return record


def record_to_data(record: FamilyRecord) -> Data:
    data: Data = {
        "family": {"1": record.family.model_dump(mode="json")},
        "consent": {"1": record.consent.model_dump(mode="json")},
    }
    for _model, (table, attr) in LIST_TABLES.items():
        items = getattr(record, attr)
        data[table] = {str(i + 1): item.model_dump(mode="json") for i, item in enumerate(items)}
    return stamp(data, "family")


def read_record(folder: Path, codec: Codec = PLAIN) -> FamilyRecord:
    """Read a family without locking or changing anything (for read-only commands)."""
    path = folder / RECORD_NAME
    data = read_file(path, codec)
    if data is None:
        raise CorruptFileError(path, "the record file is missing")
    if needs_migration(data, path):
        data = migrate(data, path, "family")
    return record_from_data(data, path)


def read_changed_at(folder: Path, codec: Codec = PLAIN) -> str | None:
    """When the record in `folder` last changed, read without locking."""
    return changed_at_of(read_file(folder / RECORD_NAME, codec) or {})


class FamilyRepo:
    """Read and save one family. Create with :meth:`open` or :meth:`create`."""

    def __init__(self, folder: Path, codec: Codec, on_change: Callable[[FamilyRepo], None]) -> None:
        self.folder = folder
        self.path = folder / RECORD_NAME
        self.codec = codec
        self._on_change = on_change
        self.db = TinyDB(self.path, storage=RecordStorage, codec=codec, exclusive=True)
        self.record: FamilyRecord

    @classmethod
    def open(
        cls, folder: Path, codec: Codec, on_change: Callable[[FamilyRepo], None]
    ) -> FamilyRepo:
        path = folder / RECORD_NAME
        clean_leftovers(folder)  # the caller holds the store lock
        data = read_file(path, codec)
        if data is None:
            raise CorruptFileError(path, "the record file is missing", backup_path(path))
        if needs_migration(data, path):
            set_aside(path, schema_of(data, path))
            data = migrate(data, path, "family")
            repo = cls(folder, codec, on_change)
            repo.storage.write(data, changed_at_of(data))
        else:
            repo = cls(folder, codec, on_change)
        repo.record = record_from_data(data, path)
        return repo

    @classmethod
    def create(
        cls,
        folder: Path,
        record: FamilyRecord,
        codec: Codec,
        on_change: Callable[[FamilyRepo], None],
        changed_at: str | None = None,
    ) -> FamilyRepo:
        ensure_private_dir(folder)
        repo = cls(folder, codec, on_change)
        repo.storage.write(record_to_data(record), changed_at)
        repo.record = record
        return repo

    @property
    def storage(self) -> RecordStorage:
        storage = self.db.storage
        assert isinstance(storage, RecordStorage)
        return storage

    @property
    def changed_at(self) -> str | None:
        """When anything in this record last changed (None: before stamps)."""
        return changed_at_of(self.storage.read() or {})

    @property
    def id(self) -> str:
        return self.record.family.id

    @property
    def stills_dir(self) -> Path:
        return ensure_private_dir(self.folder / "stills")

    # -- saving ----------------------------------------------------------------
    def save(self, item: BaseModel) -> None:
        """Save one item (new or changed) to memory and disk, durably."""
        kind = type(item)
        doc = item.model_dump(mode="json")
        if kind in SINGLETONS:
            one = self.db.table(SINGLETONS[kind])
            if one.contains(doc_id=1):
                one.update(doc, doc_ids=[1])
            else:
                one.insert(Document(doc, doc_id=1))
            if kind is Family:
                self.record.family = item  # type: ignore[assignment]
            else:
                self.record.consent = item  # type: ignore[assignment]
        elif kind in LIST_TABLES:
            table, attr = LIST_TABLES[kind]
            if hasattr(item, "updated_at"):
                item.updated_at = now_iso()
                doc["updated_at"] = item.updated_at
            # one durable write: TinyDB's upsert writes the whole file once
            # while looking for the item and again to add it when it is new
            rows, same = self.db.table(table), where("id") == doc["id"]
            if rows.contains(same):
                rows.update(doc, same)
            else:
                rows.insert(doc)
            items: list[BaseModel] = getattr(self.record, attr)
            for i, existing in enumerate(items):
                if existing.id == doc["id"]:  # type: ignore[attr-defined]
                    items[i] = item
                    break
            else:
                items.append(item)
        else:
            raise TypeError(f"the store does not keep {kind.__name__}")
        self._on_change(self)

    def delete(self, item: BaseModel) -> None:
        kind = type(item)
        table, attr = LIST_TABLES[kind]
        item_id = item.id  # type: ignore[attr-defined]
        self.db.table(table).remove(where("id") == item_id)
        setattr(self.record, attr, [x for x in getattr(self.record, attr) if x.id != item_id])
        self._on_change(self)

    def replace_all(self, record: FamilyRecord, changed_at: str | None = None) -> None:
        """Write a whole record in one atomic save (import, demo, bulk edits);
        an import passes the change stamp of the record it brings."""
        self.storage.write(record_to_data(record), changed_at)
        self.db.clear_cache()
        self.record = record
        self._on_change(self)

    def close(self) -> None:
        self.db.close()


def meta_table_name() -> str:
    return META_TABLE

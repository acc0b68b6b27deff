"""Outcome numbers kept after a family is erased, without identity.

    <store>/kept-outcomes.json   {"erased_families": {<random key>: numbers}}

Sealed by the store's codec like every store file and saved atomically.
Each entry is :meth:`FamilyNumbers.deidentified`: a random key, the status,
the finished cycles, ratings and questionnaire totals, each dated only by its
month; never an id, label, name or any text. Demo families are not kept.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ..domain import FamilyRecord
from ..store import Store, StoreError
from ..store.atomic import atomic_write, describe_os_error
from ..store.codec import Codec
from ..store.errors import CorruptFileError, StoreWriteError
from ..store.storage import encode, read_file
from .numbers import FamilyNumbers, family_numbers

KEPT_NAME = "kept-outcomes.json"
#: what the erase screen and `vig erase` tell the practitioner stays
KEPT_AFTER_ERASE = (
    "Kept without identity: their outcome numbers (ratings and questionnaire totals, dated "
    "only by month) for the service figures, and your own counts of cycles and families."
)
TABLE = "erased_families"
T = TypeVar("T")


def read_kept(root: Path, codec: Codec) -> list[FamilyNumbers]:
    """Every erased family's kept numbers (an unreadable file is reported)."""
    path = Path(root) / KEPT_NAME
    data = read_file(path, codec)
    if data is None:
        return []
    try:
        return [FamilyNumbers.from_dict(doc) for doc in data.get(TABLE, {}).values()]
    except (KeyError, TypeError, ValueError) as err:
        raise CorruptFileError(path, f"an entry is incomplete ({err})", None) from err


def _write(root: Path, codec: Codec, kept: list[FamilyNumbers]) -> None:
    path = Path(root) / KEPT_NAME
    data = {TABLE: {n.key: n.as_dict() for n in kept}}
    try:
        atomic_write(path, codec.seal(encode(data)))
    except OSError as err:
        raise StoreWriteError(path, describe_os_error(err)) from err


def erase_keeping_numbers(
    store: Store, record: FamilyRecord | None, packs: object | None, erase: Callable[[], T]
) -> T:
    """Keep the record's de-identified numbers, then run `erase`. If the
    erasure fails the numbers are taken out again, so a retry counts once."""
    if record is None or record.family.demo:
        return erase()
    if packs is None:
        from ..packs import load_packs

        packs = load_packs()  # totals are recomputed from the answers, as everywhere
    before = read_kept(store.root, store.codec)
    numbers = family_numbers(record, packs).deidentified()
    _write(store.root, store.codec, [*before, numbers])
    try:
        return erase()
    except (StoreError, OSError):
        _write(store.root, store.codec, before)
        raise


def all_numbers(
    records: list[FamilyRecord], kept: list[FamilyNumbers], packs: object | None
) -> list[FamilyNumbers]:
    """The numbers of the families in the store, then those kept after erasure."""
    return [family_numbers(r, packs) for r in records] + list(kept)

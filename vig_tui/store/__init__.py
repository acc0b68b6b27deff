"""Persistence. The only package that imports TinyDB.

Names are imported on first use: Home needs the store and its index, not the
record models or the cipher.
"""

from typing import TYPE_CHECKING

from .. import lazy_exports

if TYPE_CHECKING:
    from .atomic import atomic_write, backup_path
    from .codec import PLAIN, Codec
    from .errors import (
        CorruptFileError,
        InvalidIdError,
        LinkInStoreError,
        SchemaTooNewError,
        StoreError,
        StoreLockedError,
        StoreUnavailableError,
        StoreWriteError,
        UnknownFamilyError,
    )
    from .family_repo import FamilyRepo, read_record
    from .migrations import CURRENT_SCHEMA
    from .paths import default_data_dir, resolve_data_dir
    from .restore import restore_backup
    from .store import Store

_EXPORTS = {
    "atomic_write": ".atomic",
    "backup_path": ".atomic",
    "PLAIN": ".codec",
    "Codec": ".codec",
    "CorruptFileError": ".errors",
    "InvalidIdError": ".errors",
    "LinkInStoreError": ".errors",
    "SchemaTooNewError": ".errors",
    "StoreError": ".errors",
    "StoreLockedError": ".errors",
    "StoreUnavailableError": ".errors",
    "StoreWriteError": ".errors",
    "UnknownFamilyError": ".errors",
    "FamilyRepo": ".family_repo",
    "read_record": ".family_repo",
    "CURRENT_SCHEMA": ".migrations",
    "default_data_dir": ".paths",
    "resolve_data_dir": ".paths",
    "restore_backup": ".restore",
    "Store": ".store",
}
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)

__all__ = [
    "CURRENT_SCHEMA",
    "PLAIN",
    "Codec",
    "CorruptFileError",
    "FamilyRepo",
    "InvalidIdError",
    "LinkInStoreError",
    "SchemaTooNewError",
    "Store",
    "StoreError",
    "StoreLockedError",
    "StoreUnavailableError",
    "StoreWriteError",
    "UnknownFamilyError",
    "atomic_write",
    "backup_path",
    "default_data_dir",
    "read_record",
    "resolve_data_dir",
    "restore_backup",
]

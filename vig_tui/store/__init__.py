"""Persistence. The only package that imports TinyDB."""

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

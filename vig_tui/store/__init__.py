"""Persistence. The only package that imports TinyDB."""

from .atomic import atomic_write, backup_path
from .codec import PLAIN, Codec
from .errors import (
    CorruptFileError,
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
from .store import Store, restore_backup

__all__ = [
    "CURRENT_SCHEMA",
    "PLAIN",
    "Codec",
    "CorruptFileError",
    "FamilyRepo",
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

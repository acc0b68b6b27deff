"""The practitioner's profile, kept in `<store>/profile.json`.

Saved atomically (serialised first, temp file, fsync, rename) and sealed by
the store's codec like every file in the store's top folder. A missing file
is an empty profile; a file that does not read is reported, never taken as empty.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from ..domain.ids import now_iso
from ..domain.profile import PractitionerProfile
from .atomic import atomic_write, backup_path, describe_os_error
from .errors import CorruptFileError, StoreUnavailableError, StoreWriteError
from .migrations import migrate, needs_migration, stamp
from .storage import encode, read_file
from .store import Store

PROFILE_NAME = "profile.json"
TABLE = "profile"


def profile_path(store: Store) -> Path:
    return store.root / PROFILE_NAME


def load_profile(store: Store) -> PractitionerProfile:
    path = profile_path(store)
    data = read_file(path, store.codec)
    if data is None:
        return PractitionerProfile()
    if needs_migration(data, path):
        data = migrate(data, path, "profile")
    doc = data.get(TABLE, {}).get("1")
    if doc is None:
        return PractitionerProfile()
    try:
        return PractitionerProfile.model_validate(doc)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "profile"
        raise CorruptFileError(
            path, f"the profile has a bad value at '{where}': {first.get('msg')}", backup_path(path)
        ) from err


def save_profile(store: Store, profile: PractitionerProfile) -> PractitionerProfile:
    """Validate and write the profile; returns what was saved."""
    if store.readonly:
        raise StoreUnavailableError(
            "The store was opened read-only, so the profile cannot be changed."
        )
    checked = PractitionerProfile.model_validate({**profile.model_dump(), "updated_at": now_iso()})
    path = profile_path(store)
    raw = store.codec.seal(
        encode(stamp({TABLE: {"1": checked.model_dump(mode="json")}}, "profile"))
    )
    try:
        atomic_write(path, raw)
    except OSError as err:
        raise StoreWriteError(path, describe_os_error(err)) from err
    return checked

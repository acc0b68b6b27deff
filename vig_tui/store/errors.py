"""Typed errors raised by the store. Each carries a message a person can act on."""

from __future__ import annotations

from pathlib import Path

from ..errors import VigError

#: How a full disk is described, wherever a save fails for lack of space.
DISK_FULL = "the disk is full"


class StoreError(VigError):
    """Base class: `str(err)` is a one-line message fit to show a practitioner."""

    #: True when the save failed only because the disk is full
    disk_full = False


class CorruptFileError(StoreError):
    """A store file could not be read. It is left exactly as it was."""

    def __init__(self, path: Path, detail: str, backup: Path | None = None) -> None:
        self.path = Path(path)
        self.detail = detail
        self.backup = backup if backup is not None and Path(backup).exists() else None
        hint = (
            f" A backup from the previous save exists ({self.backup.name}); "
            f"open vig to restore it, or run `vig restore-backup {self.path}`."
            if self.backup
            else " No backup exists; do not delete the file — it may still be repairable."
        )
        super().__init__(f"Cannot read {self.path}: {detail}. The file was left untouched.{hint}")


class StoreWriteError(StoreError):
    """A save failed (disk full, permission, ...); the previous file is intact."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        #: the one failure a family can be told about in plain words
        self.disk_full = reason.startswith(DISK_FULL)
        super().__init__(
            f"Could not save {self.path}: {reason}. Nothing was overwritten; "
            "the last saved version is still there."
        )


class StoreLockedError(StoreError):
    exit_code = 3  # `vig` exits 3: the store is busy, try again later

    def __init__(self, root: Path, holder: str) -> None:
        self.root = Path(root)
        self.holder = holder
        super().__init__(
            f"The store at {self.root} is already open in another vig ({holder}). "
            "Close that one first, or use --data-dir to open a different store."
        )


class SchemaTooNewError(StoreError):
    def __init__(self, path: Path, found: int, supported: int) -> None:
        super().__init__(
            f"{path} was written by a newer vig (format {found}; this one knows up to "
            f"{supported}). Upgrade vig to open it; the file was left untouched."
        )


class StoreUnavailableError(StoreError):
    """The data folder cannot be created or written."""


class UnknownFamilyError(StoreError):
    def __init__(self, key: str, candidates: list[str] | None = None) -> None:
        self.key = key
        self.candidates = candidates or []
        if self.candidates:
            names = ", ".join(self.candidates[:5])
            msg = (
                f"'{key}' matches more than one family ({names}); "
                "type more of the label or use the id."
            )
        else:
            msg = f"No family matches '{key}'. Run `vig families` to see ids and labels."
        super().__init__(msg)


class InvalidIdError(StoreError):
    """An id from outside (a bundle, a command line, a file) is not one of ours."""

    def __init__(self, value: object, where: str = "") -> None:
        self.value = value
        shown = repr(value)[:60]
        source = f" in {where}" if where else ""
        super().__init__(
            f"{shown}{source} is not a vig family id (ids are 32 lowercase hex characters), "
            "so it was refused and nothing was written."
        )


class LinkInStoreError(StoreError):
    """vig never follows a symbolic link inside its store."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        super().__init__(
            f"{self.path} is a symbolic link; vig does not follow links inside its store. "
            "Put the real folder or file there (or remove the link) and try again."
        )

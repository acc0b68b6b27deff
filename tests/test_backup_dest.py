"""The backup folder: checked before anything is made, and left as it was.

An existing folder keeps its permissions (only folders vig makes are 0700);
a path through a link into the store is refused before any folder appears
there; a link to nothing is named as such."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.test_backup import FAST_N, PASS, _plain_store
from vig_tui.services.backup import archives, backup_store
from vig_tui.services.backup_archive import BackupError


def test_an_existing_folder_keeps_its_permissions(tmp_path: Path) -> None:
    root, shared = tmp_path / "store", tmp_path / "shared"
    _plain_store(root, families=1)
    shared.mkdir()
    os.chmod(shared, 0o1777)
    result = backup_store(root, shared, PASS, n=FAST_N)
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    assert result.archive.parent == shared and archives(shared) == [result.archive]


def test_only_the_folders_vig_makes_are_private(tmp_path: Path) -> None:
    root, usb = tmp_path / "store", tmp_path / "usb"
    _plain_store(root, families=1)
    usb.mkdir()
    os.chmod(usb, 0o755)
    backup_store(root, usb / "vig" / "backups", PASS, n=FAST_N)
    assert stat.S_IMODE(usb.stat().st_mode) == 0o755
    assert stat.S_IMODE((usb / "vig").stat().st_mode) == 0o700
    assert stat.S_IMODE((usb / "vig" / "backups").stat().st_mode) == 0o700


def test_a_link_into_the_store_is_refused_before_anything_is_made(tmp_path: Path) -> None:
    root = tmp_path / "store"
    _plain_store(root, families=1)
    before = sorted(p.name for p in root.iterdir())
    link = tmp_path / "link"
    link.symlink_to(root)
    with pytest.raises(BackupError, match="inside the store"):
        backup_store(root, link / "x", PASS, n=FAST_N)
    assert not (root / "x").exists()
    assert sorted(p.name for p in root.iterdir()) == before


def test_a_link_to_nothing_is_named(tmp_path: Path) -> None:
    root = tmp_path / "store"
    _plain_store(root, families=1)
    link = tmp_path / "usb"
    link.symlink_to(tmp_path / "media" / "unplugged")
    for dest in (link, link / "backups"):
        with pytest.raises(BackupError) as caught:
            backup_store(root, dest, PASS, n=FAST_N)
        message = str(caught.value)
        assert "is a link to" in message and "not there" in message, message
        assert "is a file" not in message, message
    assert not (tmp_path / "media").exists()


def test_a_folder_someone_else_owns_is_used_when_files_can_be_made_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a shared folder (like /tmp) owned by another user: vig may write files
    # there but may not change the folder's permissions
    root, shared = tmp_path / "store", tmp_path / "shared"
    _plain_store(root, families=1)
    shared.mkdir()
    os.chmod(shared, 0o1777)
    real_chmod = os.chmod

    def not_the_owner(path: object, mode: int, *args: object, **kwargs: object) -> None:
        if Path(str(path)).resolve() == shared.resolve():
            raise PermissionError(1, "Operation not permitted", str(path))
        real_chmod(path, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "chmod", not_the_owner)
    result = backup_store(root, shared, PASS, n=FAST_N)
    assert archives(shared) == [result.archive]

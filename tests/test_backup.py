"""What survives a lost laptop: `vig backup` and `vig restore`.

A backup read back, a restore that equals the original (record exports before
and after are identical), refusals that change nothing, and a kill storm —
real SIGKILLs of a backup in another process — that never harms the archive
made before it."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.test_privacy_support import (
    LABEL,
    NOTES,
    add_family,
    files_containing,
    make_record,
    one_line_error,
    vig,
)
from vig_tui.export.record import record_json, record_markdown
from vig_tui.packs import load_packs
from vig_tui.services.backup import archives, backup_store
from vig_tui.services.backup_archive import (
    BackupError,
    Event,
    FileEnd,
    read_archive,
    read_header,
)
from vig_tui.services.last_backup import STATE_NAME, backup_reminder
from vig_tui.services.restore import restore_store
from vig_tui.store import Store, StoreError
from vig_tui.store.audit import read_events
from vig_tui.store.crypto import AesGcmCodec, unlock

PASS = "a long backup passphrase"
STORE_PASS = "the store passphrase"
STILL = b"\x89PNG-still-of-the-child-smiling"
FAST_N = 2**12
WHEN = "2026-12-01T09:00:00+00:00"
PACKS = load_packs(include_user=False)  # a cheaper key derivation keeps library-level tests quick


def _plain_store(root: Path, families: int = 2) -> list[str]:

    with Store.open(root) as store:
        ids = [add_family(store, still=STILL)]
        for n in range(1, families):
            ids.append(add_family(store, make_record(f"Second family {n}")))
    return ids


def _exports(root: Path, ids: list[str], passphrase: str = "") -> list[str]:
    """Every family's record export (JSON with its stills and audit events, and
    Markdown), stamped with one fixed time so two stores can be compared."""
    store = Store.open(root, readonly=True, codec=unlock(root, passphrase))
    out = []
    for family_id in ids:
        record = store.read_family(family_id)
        out.append(record_json(record, root, store.codec, exported_at=WHEN))
        out.append(record_markdown(record, PACKS, exported_at=WHEN))
    return out


def _tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name not in ("vig.lock", "audit.log", STATE_NAME)
    }


def test_backup_then_restore_equals_the_original(tmp_path: Path) -> None:
    root, dest, again = tmp_path / "store", tmp_path / "usb", tmp_path / "restored"
    ids = _plain_store(root)
    before = _exports(root, ids)
    env = {"VIG_BACKUP_PASSPHRASE": PASS}
    made = vig("--data-dir", str(root), "backup", str(dest), env=env)
    assert made.returncode == 0, made.stderr
    assert "read back and checked" in made.stdout
    (archive,) = archives(dest)
    # the archive is sealed: nothing a family said is readable in it
    assert files_containing(dest, LABEL, *NOTES, "PNG-still") == []
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    restored = vig("restore", str(archive), str(again), env=env)
    assert restored.returncode == 0, restored.stderr
    assert "every file was checked" in restored.stdout
    assert _exports(again, ids) == before
    assert _tree(again) == _tree(root)
    for path in again.rglob("*"):
        expected = 0o700 if path.is_dir() else 0o600
        assert stat.S_IMODE(path.stat().st_mode) == expected, path
    assert [e.action for e in read_events(root)][-1] == "backup.create"
    assert [e.action for e in read_events(again)][-1] == "backup.restore"


def test_an_encrypted_store_backs_up_under_its_own_passphrase(tmp_path: Path) -> None:
    root, dest, again = tmp_path / "store", tmp_path / "usb", tmp_path / "restored"
    ids = _plain_store(root, families=1)
    with Store.open(root) as store:
        store.change_passphrase(STORE_PASS)
    env = {"VIG_PASSPHRASE": STORE_PASS}
    before = _exports(root, ids, STORE_PASS)
    wrong = vig("--data-dir", str(root), "backup", str(dest), env={"VIG_PASSPHRASE": "not it!!"})
    assert "does not open" in one_line_error(wrong)
    assert not dest.exists() or archives(dest) == []
    made = vig("--data-dir", str(root), "backup", str(dest), env=env)
    assert made.returncode == 0, made.stderr
    (archive,) = archives(dest)
    restored = vig("restore", str(archive), str(again), env=env)
    assert restored.returncode == 0, restored.stderr
    assert _exports(again, ids, STORE_PASS) == before
    unlock(again, STORE_PASS)  # the restored store keeps its encryption and passphrase


def test_restore_refuses_a_non_empty_folder_and_a_wrong_passphrase(tmp_path: Path) -> None:
    root, dest = tmp_path / "store", tmp_path / "usb"
    _plain_store(root, families=1)
    archive = backup_store(root, dest, PASS, n=FAST_N).archive
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "keep-me.txt").write_text("mine")
    with pytest.raises(BackupError, match="not an empty folder"):
        restore_store(archive, busy, PASS)
    assert [p.name for p in busy.iterdir()] == ["keep-me.txt"]
    result = vig("restore", str(archive), str(busy), env={"VIG_BACKUP_PASSPHRASE": PASS})
    assert "not an empty folder" in one_line_error(result)
    target = tmp_path / "new"
    with pytest.raises(BackupError, match="does not open"):
        restore_store(archive, target, "a wrong passphrase")
    assert not target.exists()


@pytest.mark.parametrize("damage", ["flip", "truncate", "drop-tail"])
def test_a_damaged_archive_restores_nothing(tmp_path: Path, damage: str) -> None:
    root, dest = tmp_path / "store", tmp_path / "usb"
    _plain_store(root)
    archive = backup_store(root, dest, PASS, n=FAST_N).archive
    data = bytearray(archive.read_bytes())
    if damage == "flip":
        data[len(data) // 2] ^= 0x40
    elif damage == "truncate":
        data = data[: len(data) // 2]
    else:
        data = data[:-40]  # the end part is missing
    archive.write_bytes(bytes(data))
    target = tmp_path / "new"
    with pytest.raises(BackupError, match=r"damaged|incomplete"):
        restore_store(archive, target, PASS)
    assert not target.exists()


def test_plain_store_needs_a_real_passphrase_and_dest_outside_the_store(tmp_path: Path) -> None:
    root = tmp_path / "store"
    _plain_store(root, families=1)
    with pytest.raises(StoreError, match="too short"):
        backup_store(root, tmp_path / "usb", "short", n=FAST_N)
    with pytest.raises(BackupError, match="inside the store"):
        backup_store(root, root / "backups", PASS, n=FAST_N)
    result = vig("--data-dir", str(root), "backup", str(tmp_path / "usb"))
    assert "VIG_BACKUP_PASSPHRASE" in one_line_error(result)


@pytest.mark.parametrize(
    "keep",
    ["0", "100", "9" * 4400, "٣", "-1", "x"],
    ids=["zero", "hundred", "4400-nines", "arabic-three", "negative", "letter"],
)
def test_a_keep_count_outside_1_to_99_is_refused_by_the_cli_and_the_service(
    tmp_path: Path, keep: str
) -> None:
    root = tmp_path / "store"
    _plain_store(root, families=1)
    env = {"VIG_BACKUP_PASSPHRASE": PASS}
    result = vig("--data-dir", str(root), "backup", str(tmp_path / "usb"), "--keep", keep, env=env)
    assert "type a whole number from 1 to 99" in one_line_error(result), result.stderr
    assert not (tmp_path / "usb").exists()
    for number in (0, 100, -1):
        with pytest.raises(BackupError, match="from 1 to 99"):
            backup_store(root, tmp_path / "usb", PASS, keep=number, n=FAST_N)


def test_keeps_the_last_n_and_reports_progress(tmp_path: Path) -> None:
    root, dest = tmp_path / "store", tmp_path / "usb"
    _plain_store(root)
    seen: list[tuple[int, int, str]] = []
    made = []
    for _ in range(4):
        result = backup_store(
            root, dest, PASS, keep=2, n=FAST_N, on_progress=lambda *a: seen.append(a)
        )
        made.append(result.archive)
    assert archives(dest) == made[-2:]
    assert {what for _d, _t, what in seen} == {"backup", "verify"}
    done, total, _ = [s for s in seen if s[2] == "backup"][-1]
    assert done == total > 0
    for archive in archives(dest):
        assert any(isinstance(e, FileEnd) for e in read_archive(archive, PASS))


@pytest.mark.parametrize("kind", ["fifo", "folder", "deep"])
def test_a_strange_backup_state_file_is_reported_never_waited_on(tmp_path: Path, kind: str) -> None:
    """backup.json is read as Home opens: a FIFO under its name would hang the
    start, nesting past Python's limit was a crash. Each is one sentence."""
    root = tmp_path / "store"
    _plain_store(root, families=1)
    path = root / STATE_NAME
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    else:
        path.write_text("[" * 100_000)
    said = backup_reminder(root) or ""
    assert STATE_NAME in said and "vig backup" in said


def test_reminder_after_the_chosen_number_of_days(tmp_path: Path) -> None:
    root = tmp_path / "store"
    Store.open(root).close()
    assert backup_reminder(root) is None  # nothing to lose yet
    _plain_store(root, families=1)
    assert "never been backed up" in (backup_reminder(root) or "")
    backup_store(root, tmp_path / "usb", PASS, n=FAST_N, remind_days=10)
    now = datetime.now().astimezone()
    assert backup_reminder(root, now + timedelta(days=9)) is None
    assert "11 days old" in (backup_reminder(root, now + timedelta(days=11, hours=1)) or "")
    doctor = vig("--data-dir", str(root), "doctor")
    assert "backed up" not in doctor.stdout
    (root / STATE_NAME).write_text('{"last_backup_at": "2020-01-02T10:00:00+00:00"}')
    doctor = vig("--data-dir", str(root), "doctor")
    assert "The last backup is" in doctor.stdout and "2020-01-02" in doctor.stdout


def test_a_restored_store_says_which_backup_it_came_from(tmp_path: Path) -> None:
    """A store restored from a backup was never "never backed up": the backup
    it came from holds it, and the reminder names when that backup was made."""
    root, again = tmp_path / "store", tmp_path / "restored"
    _plain_store(root, families=1)
    backup_store(root, tmp_path / "usb", PASS, n=FAST_N)
    (archive,) = archives(tmp_path / "usb")
    made = read_header(archive).created_at
    restore_store(archive, again, PASS)
    assert backup_reminder(again) is None  # a backup of a moment ago
    later = datetime.now().astimezone() + timedelta(days=30)
    said = backup_reminder(again, later) or ""
    assert "never" not in said
    assert f"restored from a backup made on {made[:10]}" in said and "30 days ago" in said
    backup_store(again, tmp_path / "usb2", PASS, n=FAST_N)  # its own backup now
    said = backup_reminder(again, later + timedelta(days=1)) or ""
    assert "restored" not in said and "The last backup is" in said


# -- kill storm -------------------------------------------------------------------------------
BACKUP_SCRIPT = """
import sys
from pathlib import Path
from typing import Any
from vig_tui.services.backup import backup_store
backup_store(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], keep=99, n=2**12)
"""


def _verified(archive: Path) -> bool:
    try:
        return sum(isinstance(e, FileEnd) for e in read_archive(archive, PASS)) > 0
    except BackupError:
        return False


@pytest.mark.slow
def test_kill_storm_never_harms_the_previous_archive(tmp_path: Path) -> None:
    root, dest = tmp_path / "store", tmp_path / "usb"
    ids = _plain_store(root, families=1)
    with Store.open(root) as store:  # a big still, so a backup takes a while
        stills = store.family_folder(ids[0]) / "stills"
        (stills / "big.png").write_bytes(random.Random(7).randbytes(12_000_000))
    first = backup_store(root, dest, PASS, keep=99, n=2**12).archive
    first_hash = hashlib.sha256(first.read_bytes()).hexdigest()
    start = time.monotonic()
    subprocess.run([sys.executable, "-c", BACKUP_SCRIPT, str(root), str(dest), PASS], check=True)
    whole = time.monotonic() - start
    rng = random.Random(14)
    for _ in range(12):
        child = subprocess.Popen([sys.executable, "-c", BACKUP_SCRIPT, str(root), str(dest), PASS])
        time.sleep(rng.uniform(0.05, whole))
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        assert hashlib.sha256(first.read_bytes()).hexdigest() == first_hash
        for archive in archives(dest):  # anything under an archive's name is whole
            assert _verified(archive), archive
    final = backup_store(root, dest, PASS, keep=99, n=2**12)
    assert not list(dest.glob(".vig-backup-partial-*"))  # leftovers cleaned
    assert _verified(final.archive) and _verified(first)


# -- network file systems ------------------------------------------------------------------
MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
server:/export /mnt/share nfs4 rw,relatime 0 0
//nas/vig\\040files /mnt/nas\\040files cifs rw 0 0
tmpfs /mnt/share/tmp tmpfs rw 0 0
"""


def test_a_store_on_a_network_file_system_is_named() -> None:
    from vig_tui.services.filesystems import filesystem_type, network_warning

    assert filesystem_type(Path("/mnt/share/vig/store"), MOUNTS) == "nfs4"
    assert filesystem_type(Path("/mnt/share/tmp/vig"), MOUNTS) == "tmpfs"  # nearest mount wins
    assert filesystem_type(Path("/mnt/nas files/vig"), MOUNTS) == "cifs"
    assert filesystem_type(Path("/home/me/vig"), MOUNTS) == "ext4"
    warning = network_warning(Path("/mnt/share/vig"), MOUNTS) or ""
    assert "network file system (nfs4)" in warning and "locks" in warning
    assert network_warning(Path("/mnt/nas files/vig"), MOUNTS)
    assert network_warning(Path("/home/me/vig"), MOUNTS) is None
    assert network_warning(Path("/home/me/vig"), "") is None


# -- stills are private like every store file ------------------------------------------------
def test_a_still_taken_in_a_plain_store_is_0600(store_root: Path) -> None:
    from vig_tui.services.practice import Practice

    with Store.open(store_root) as store:
        repo = store.create_family(make_record("Still family"))
        still = repo.stills_dir / "still-1.png"
        still.parent.mkdir(parents=True, exist_ok=True)
        still.write_bytes(STILL)
        still.chmod(0o644)  # as VLC's snapshot leaves it
        Practice(store).seal_still(still)
        assert stat.S_IMODE(still.stat().st_mode) == 0o600
        assert still.read_bytes() == STILL


def test_the_read_back_catches_a_disk_that_returns_other_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check reuses the writer's key (no second key derivation) but still
    reads every byte from disk: one flipped byte means no new archive."""
    root, dest = tmp_path / "store", tmp_path / "usb"
    _plain_store(root, families=1)
    first = backup_store(root, dest, PASS, n=FAST_N).archive
    before = first.read_bytes()

    def flipped(path: Path, passphrase: str, codec: AesGcmCodec | None = None) -> Iterator[Event]:
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0xFF
        path.write_bytes(bytes(data))
        return read_archive(path, passphrase, codec)

    monkeypatch.setattr("vig_tui.services.backup.read_archive", flipped)
    with pytest.raises(BackupError, match="damaged"):
        backup_store(root, dest, PASS, n=FAST_N)
    assert archives(dest) == [first] and first.read_bytes() == before
    assert [p.name for p in dest.iterdir()] == [first.name], "no partial file left"


def test_a_read_only_drive_is_refused_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a read-only drive even removing the backup that was never made fails
    (the disk refuses any change): that error hid the plain words, and the
    screen showed the raw system error naming vig's temporary file."""
    import errno

    root, dest = tmp_path / "store", tmp_path / "usb"
    _plain_store(root)
    dest.mkdir()
    real_open = os.open

    def read_only(path: Any, flags: int, *args: Any) -> int:
        if Path(path).parent == dest and flags & os.O_CREAT:
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, flags, *args)

    def unlink(self: Path, missing_ok: bool = False) -> None:
        raise OSError(errno.EROFS, "Read-only file system", str(self))

    monkeypatch.setattr(os, "open", read_only)
    monkeypatch.setattr(Path, "unlink", unlink)
    with pytest.raises(BackupError) as refused:
        backup_store(root, dest, PASS)
    assert "vig may not write there" in str(refused.value)


def test_vig_backup_gives_the_archives_own_size_and_says_what_is_in_it(tmp_path: Path) -> None:
    """The size `vig backup` prints is the archive's, as the folder (and the
    backup screen's list) shows it; and it says what the backup holds."""
    from vig_tui.services.backup_contents import size_text

    root, dest = tmp_path / "store", tmp_path / "usb"
    _plain_store(root)
    made = vig("--data-dir", str(root), "backup", str(dest), env={"VIG_BACKUP_PASSPHRASE": PASS})
    assert made.returncode == 0, made.stderr
    (archive,) = archives(dest)
    assert f"({size_text(archive.stat().st_size)})" in made.stdout, made.stdout
    assert "In it: the records of 2 families, 1 still, the list of families" in made.stdout

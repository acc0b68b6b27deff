"""`vig doctor` on encrypted and damaged stores; key and passphrase messages."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.test_privacy_support import add_family, make_record, one_line_error, vig
from vig_tui.doctor import read_every_family
from vig_tui.privacy.passphrase import store_passphrase
from vig_tui.store import Store, StoreError
from vig_tui.store.crypto import unlock

PASS = "correct horse battery"


def _encrypted_store(root: Path) -> None:
    with Store.open(root) as store:
        add_family(store)
        add_family(store, make_record("Other family"))
        store.change_passphrase(PASS)


def test_doctor_unlocks_an_encrypted_store_instead_of_calling_it_corrupt(tmp_path: Path) -> None:
    root = tmp_path / "store"
    _encrypted_store(root)
    result = vig("--data-dir", str(root), "doctor", env={"VIG_PASSPHRASE": PASS})
    line = next(x for x in result.stdout.splitlines() if "Store" in x)
    assert line.startswith("ok") and "2 families, every file readable" in line, result.stdout
    assert "UTF-8" not in result.stdout
    result = vig("--data-dir", str(root), "doctor", env={"VIG_PASSPHRASE": ""})
    line = next(x for x in result.stdout.splitlines() if "Store" in x)
    assert "is encrypted; set VIG_PASSPHRASE" in line and "UTF-8" not in line


def test_doctor_reports_a_family_folder_the_index_does_not_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "store"
    with Store.open(root) as store:
        add_family(store)
    stray = root / "families" / "not-a-family"
    stray.mkdir()
    unreadable = root / "families" / ("a" * 32)
    unreadable.mkdir()
    (unreadable / "record.json").write_text("{torn")
    problems, families = read_every_family(root, store_passphrase)
    assert families == 1
    assert any("not-a-family" in p for p in problems)
    assert any(str(unreadable) in p for p in problems)


def test_doctor_reads_the_practitioner_log(tmp_path: Path) -> None:
    root = tmp_path / "store"
    with Store.open(root) as store:
        add_family(store)
    (root / "practitioner.json").write_text("{not json")
    problems, _ = read_every_family(root, store_passphrase)
    assert any("practitioner.json" in p for p in problems), problems


def test_a_damaged_key_file_is_not_called_a_wrong_passphrase(tmp_path: Path) -> None:
    root = tmp_path / "store"
    _encrypted_store(root)
    doc = json.loads((root / "vig.key").read_text())
    salt = bytearray(doc["salt"].encode())
    salt[3] = ord("A") if salt[3] != ord("A") else ord("B")  # one flipped character
    doc["salt"] = salt.decode()
    (root / "vig.key").write_text(json.dumps(doc))
    with pytest.raises(StoreError, match=r"vig\.key is damaged"):
        unlock(root, PASS)


def test_a_missing_key_file_is_named(tmp_path: Path) -> None:
    root = tmp_path / "store"
    _encrypted_store(root)
    (root / "vig.key").unlink()
    message = one_line_error(vig("--data-dir", str(root), "families"))
    assert "vig.key" in message and "UTF-8" not in message


def test_a_damaged_file_stops_a_passphrase_change_and_is_named(tmp_path: Path) -> None:
    root = tmp_path / "store"
    _encrypted_store(root)
    codec = unlock(root, PASS)
    with Store.open(root, codec=codec) as store:
        victim = store.family_folder(store.summaries()[0].id) / "record.json"
    raw = bytearray(victim.read_bytes())
    raw[-5] ^= 0xFF
    victim.write_bytes(bytes(raw))
    with Store.open(root, codec=codec) as store, pytest.raises(StoreError, match=str(victim)):
        store.change_passphrase("a brand new passphrase")
    assert unlock(root, PASS) is not None  # the old passphrase still opens it
    assert not list(root.rglob("*.rekey")) and not (root / "vig.key.pending").exists()


def test_restore_backup_on_an_encrypted_store_leaves_a_healthy_file(tmp_path: Path) -> None:
    root = tmp_path / "store"
    _encrypted_store(root)
    index = root / "index.json"
    healthy = index.read_bytes()
    shutil.copy(index, tmp_path / "copy")
    result = vig(
        "--data-dir", str(root), "restore-backup", str(index), env={"VIG_PASSPHRASE": PASS}
    )
    assert result.returncode != 0 and "reads correctly" in result.stderr
    assert index.read_bytes() == healthy

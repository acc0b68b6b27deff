"""Doors into the store: ids from outside, erasure, links, a half-made family,
restoring backups. Each test here failed on the code before issue 11."""

from __future__ import annotations

import base64
import json
import os
import secrets
import shutil
import zlib
from pathlib import Path
from typing import Any

import pytest

from tests.test_privacy_support import add_family, make_record, one_line_error, vig
from vig_tui.domain import Family, FamilyRecord, HelpingQuestion
from vig_tui.privacy.bundle import MAGIC, import_bundle
from vig_tui.privacy.erase import erase_family
from vig_tui.privacy.errors import PrivacyError
from vig_tui.store import (
    CorruptFileError,
    Store,
    StoreError,
    restore_backup,
)
from vig_tui.store.crypto import AesGcmCodec, derive_key
from vig_tui.store.family_repo import record_to_data

PW = "hand over safely"


def write_bundle(path: Path, payload: object, passphrase: str = PW, n: int = 16) -> Path:
    """A bundle holding any payload (cheap key settings, so tests stay fast)."""
    salt = secrets.token_bytes(16)
    header = {"kdf": "scrypt", "n": n, "r": 8, "p": 1, "salt": base64.b64encode(salt).decode()}
    codec = AesGcmCodec(derive_key(passphrase, salt, n))
    sealed = codec.seal(zlib.compress(json.dumps(payload).encode()))
    path.write_bytes(MAGIC + json.dumps(header).encode() + b"\n" + sealed)
    return path


def payload_for(record: FamilyRecord, stills: dict[str, str] | None = None) -> dict[str, Any]:
    return {
        "format": 1,
        "family_id": record.family.id,
        "last_changed": None,
        "record": record_to_data(record),
        "stills": stills or {},
    }


def tree(path: Path) -> dict[str, bytes | None]:
    """Every entry under `path` (files with their bytes) and their modes."""
    out: dict[str, bytes | None] = {}
    for p in sorted(path.rglob("*")):
        key = f"{p.relative_to(path)}:{oct(p.lstat().st_mode)}"
        out[key] = p.read_bytes() if p.is_file() and not p.is_symlink() else None
    return out


# -- blocker 1: ids from outside ----------------------------------------------------
@pytest.mark.parametrize(
    "bad_id", ["../../escape-target/pwn", "../../outside", "e", "A" * 32, "0" * 31 + "\n"]
)
def test_a_bundle_with_a_hostile_family_id_writes_nothing(tmp_path: Path, bad_id: str) -> None:
    root = tmp_path / "a" / "b" / "store"
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "keep.txt").write_text("mine")
    (tmp_path / "outside").chmod(0o755)
    record = make_record()
    data = record_to_data(record)
    data["family"]["1"]["id"] = bad_id
    payload = payload_for(record, {"stills/x.png": base64.b64encode(b"png").decode()})
    payload["record"] = data
    bundle = write_bundle(tmp_path / "evil.vigbundle", payload)
    with Store.open(root) as store:
        before = tree(tmp_path)
        with pytest.raises(PrivacyError, match="not a vig family id"):
            import_bundle(store, bundle, PW)
        assert tree(tmp_path) == before
    assert (tmp_path / "outside").stat().st_mode & 0o777 == 0o755


def test_ids_from_disk_and_the_command_line_are_refused_at_the_gate(tmp_path: Path) -> None:
    root = tmp_path / "store"
    with Store.open(root) as store:
        with pytest.raises(StoreError, match="not a vig family id"):
            store.family_folder("../x")
        with pytest.raises(StoreError, match="not a vig family id"):
            store.erase_family("e")
        with pytest.raises(StoreError, match="not a vig family id"):
            store.create_family(FamilyRecord(family=Family.model_construct(id="..", label="x")))
    # an index line naming a path is reported with the file, never used
    index = json.loads((root / "index.json").read_text())
    index["families"] = {
        "1": {
            "id": "../../x",
            "label": "L",
            "status": "active",
            "children": "",
            "next_step": "",
            "updated_at": "",
        }
    }
    (root / "index.json").write_text(json.dumps(index))
    with pytest.raises(CorruptFileError, match=r"index.json.*not a vig id"):
        Store.open(root)
    message = one_line_error(vig("--data-dir", str(root), "families"))
    assert "index.json" in message


# -- blocker 2: erase removes exactly one family --------------------------------------
def test_erase_removes_exactly_the_family_folder_and_its_lines(tmp_path: Path) -> None:
    root = tmp_path / "store"
    with Store.open(root) as store:
        keep = add_family(store, make_record("Keep family"))
        gone = add_family(store, make_record("Gone family"))
        store.change_passphrase("store passphrase 1")
    from vig_tui.store.crypto import unlock

    codec = unlock(root, "store passphrase 1")
    # files that merely have the id in their name are not the family's folder
    decoys = [root / f"note-{gone}.txt", root / "families" / keep / f"x{gone[-4:]}"]
    for decoy in decoys:
        decoy.write_text("not the family's")
    with Store.open(root, codec=codec) as store:
        erase_family(store, gone, "Gone family")
    assert all(d.exists() for d in decoys)
    assert (root / "vig.key").exists() and (root / "index.json").exists()
    assert not (root / "families" / gone).exists()
    with Store.open(root, codec=codec) as store:
        assert [s.id for s in store.summaries()] == [keep]
        assert store.read_family(keep).family.label == "Keep family"


# -- major 3, 5: the index follows the folders; restored copies are scrubbed ----------
def test_restoring_the_index_backup_keeps_families_added_since(tmp_path: Path) -> None:
    root = tmp_path / "store"
    with Store.open(root) as store:
        first = add_family(store, make_record("First family"))
    shutil.copy(root / "index.json", root / "index.json.bak")  # a backup without the next one
    with Store.open(root) as store:
        second = add_family(store, make_record("Second family"))
    shutil.copy(root / "index.json.bak", tmp_path / "old-index")
    (root / "index.json").write_bytes(b"{torn")
    shutil.copy(tmp_path / "old-index", root / "index.json.bak")
    aside = restore_backup(root / "index.json")
    assert aside.name == "index.json.corrupt-1"
    with Store.open(root) as store:
        assert {s.id for s in store.summaries()} == {first, second}
    assert json.loads((root / "index.json").read_text())["families"]


def test_restore_refuses_a_readable_file_and_a_locked_store(tmp_path: Path) -> None:
    root = tmp_path / "store"
    with Store.open(root) as store:
        add_family(store)
        add_family(store, make_record("Other family"))
    healthy = (root / "index.json").read_bytes()
    with pytest.raises(StoreError, match="reads correctly"):
        restore_backup(root / "index.json")
    assert (root / "index.json").read_bytes() == healthy
    (root / "index.json").write_bytes(b"{torn")
    # a second vig holds the lock: no restore behind its back
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child holds the lock until killed
        from vig_tui.store.lock import StoreLock

        StoreLock(root).acquire()
        os.write(1, b"")
        import time

        time.sleep(30)
        os._exit(0)
    try:
        import time

        for _ in range(200):
            from vig_tui.store.lock import StoreLock

            if StoreLock(root).holder_pid() == pid:
                break
            time.sleep(0.02)
        with pytest.raises(StoreError, match="already open"):
            restore_backup(root / "index.json")
    finally:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    assert (root / "index.json").read_bytes() == b"{torn"


def test_a_bad_schema_value_points_at_the_backup(tmp_path: Path) -> None:
    root = tmp_path / "store"
    with Store.open(root) as store:
        add_family(store)
        add_family(store, make_record("Other family"))
    data = json.loads((root / "index.json").read_text())
    data["_meta"]["1"]["schema"] = "two"
    (root / "index.json").write_text(json.dumps(data))
    with pytest.raises(CorruptFileError) as caught:
        Store.open(root)
    assert caught.value.backup is not None and "No backup exists" not in str(caught.value)


def test_an_index_value_of_the_wrong_type_names_the_file(tmp_path: Path) -> None:
    root = tmp_path / "store"
    with Store.open(root) as store:
        add_family(store)
    data = json.loads((root / "index.json").read_text())
    data["families"]["1"]["label"] = None
    (root / "index.json").write_text(json.dumps(data))
    message = one_line_error(vig("--data-dir", str(root), "families"))
    assert "index.json" in message and "label" in message


def test_erase_scrubs_index_copies_kept_by_a_restore(tmp_path: Path) -> None:
    root = tmp_path / "store"
    with Store.open(root) as store:
        add_family(store, make_record("Stays family"))
        gone = add_family(store, make_record("Secret-Name family"))
    (root / "index.json.bak").write_bytes((root / "index.json").read_bytes())
    (root / "index.json").write_bytes(b"{torn")
    restore_backup(root / "index.json")
    assert b"Secret-Name" in (root / "index.json.corrupt-1").read_bytes() or True
    shutil.copy(root / "index.json", root / "index.json.corrupt-2")
    with Store.open(root) as store:
        erase_family(store, gone, "Secret-Name family")
    for path in root.rglob("*"):
        if path.is_file():
            assert b"Secret-Name" not in path.read_bytes(), path


# -- major 6: a kill between the folder and the index line ----------------------------
def test_a_family_written_but_not_indexed_is_finished_on_open(tmp_path: Path) -> None:
    root = tmp_path / "store"
    with Store.open(root) as store:
        add_family(store, make_record("Listed family"))
    index_before = (root / "index.json").read_bytes()
    with Store.open(root) as store:
        half = add_family(store, make_record("Half family"))
    (root / "index.json").write_bytes(index_before)  # as if killed before the index line
    empty = root / "families" / ("f" * 32)
    empty.mkdir()  # killed before the record was written
    with Store.open(root) as store:
        assert "Half family" in [s.label for s in store.summaries()]
        assert store.read_family(half).family.label == "Half family"
    assert not empty.exists()
    # importing the same family again now updates it instead of failing forever
    assert vig("--data-dir", str(root), "demo").returncode == 0
    assert vig("--data-dir", str(root), "demo").returncode == 0
    demo_folders = [
        p
        for p in (root / "families").iterdir()
        if b'"demo":true' in (p / "record.json").read_bytes()
    ]
    assert len(demo_folders) == 1


# -- major 7: links inside the store ---------------------------------------------------
def test_a_family_folder_replaced_by_a_link_is_refused_and_erasable(tmp_path: Path) -> None:
    root = tmp_path / "store"
    outside = tmp_path / "elsewhere"
    with Store.open(root) as store:
        linked = add_family(store, make_record("Linked family"))
        other = add_family(store, make_record("Other family"))
    folder = root / "families" / linked
    shutil.move(str(folder), str(outside))
    folder.symlink_to(outside)
    with Store.open(root) as store:
        with pytest.raises(StoreError, match=f"{folder} is a symbolic link"):
            store.family(linked)
        with pytest.raises(StoreError, match="symbolic link"):
            store.read_family(linked)
        erase_family(store, linked, "Linked family")
    assert not os.path.lexists(folder) and outside.is_dir()  # only the link went
    with Store.open(root) as store:  # the store still opens for every later writer
        assert [s.id for s in store.summaries()] == [other]


def test_a_lock_file_that_is_a_link_is_refused_untouched(tmp_path: Path) -> None:
    root = tmp_path / "store"
    Store.open(root).close()
    precious = tmp_path / "precious.txt"
    precious.write_text("do not truncate me")
    (root / "vig.lock").unlink()
    (root / "vig.lock").symlink_to(precious)
    with pytest.raises(StoreError, match=r"vig\.lock is a symbolic link"):
        Store.open(root)
    assert precious.read_text() == "do not truncate me"


# -- major 8: an older bundle never overwrites newer edits ----------------------------
@pytest.mark.parametrize("edit", ["question text", "adults", "deleted clip"])
def test_an_older_bundle_never_overwrites_any_newer_edit(tmp_path: Path, edit: str) -> None:
    from vig_tui.privacy.bundle import export_bundle

    root = tmp_path / "store"
    with Store.open(root) as store:
        record = make_record()
        record.questions.append(HelpingQuestion(text="How can I help?"))
        family_id = add_family(store, record)
        bundle = export_bundle(store, family_id, tmp_path / "old.vigbundle", PW)
        repo = store.family(family_id)
        if edit == "question text":
            question = repo.record.questions[-1]
            question.text = "How can we have more fun?"
            repo.save(question)
        elif edit == "adults":
            family = repo.record.family
            family.adults = ["Someone new"]
            repo.save(family)
        else:
            repo.delete(repo.record.clips[0])
        after = repr(repo.record)
        with pytest.raises(PrivacyError, match="more recently"):
            import_bundle(store, bundle, PW)
        assert repr(store.family(family_id).record) == after
    with Store.open(root) as store:
        assert repr(store.read_family(family_id)) == after

"""Encryption at rest: sealed files, a wrong passphrase changes nothing, and a
passphrase change killed at any point leaves a store that opens with one of
the two passphrases."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.test_privacy_support import (
    LABEL,
    NOTES,
    add_family,
    files_containing,
    one_line_error,
    vig,
)
from vig_tui.store import CorruptFileError, Store
from vig_tui.store.audit import read_events
from vig_tui.store.crypto import (
    KEY_NAME,
    AesGcmCodec,
    DecryptError,
    WrongPassphraseError,
    is_encrypted,
    sealed_files,
    unlock,
)

OLD, NEW = "old passphrase one", "new passphrase two"
STILL = b"\x89PNG-still-bytes-of-the-child"


def _hashes(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != "vig.lock"
    }


def test_codec_round_trip_and_tamper_detection() -> None:
    codec = AesGcmCodec(os.urandom(32))
    sealed = codec.seal(b"hello")
    assert b"hello" not in sealed and codec.open(sealed) == b"hello"
    assert codec.seal(b"hello") != sealed  # a fresh nonce every time
    tampered = sealed[:-1] + bytes([sealed[-1] ^ 1])
    with pytest.raises(DecryptError):
        codec.open(tampered)
    with pytest.raises(DecryptError):
        AesGcmCodec(os.urandom(32)).open(sealed)


def _encrypted_store(root: Path) -> str:
    with Store.open(root) as store:
        family_id = add_family(store, still=STILL)
        store.change_passphrase(OLD)
        repo = store.family(family_id)
        session = repo.record.sessions[-1]
        session.private_notes = NOTES[0] + " (after encryption)"
        repo.save(session)  # saved through the open repo after the switch
    return family_id


def test_no_plaintext_anywhere_in_an_encrypted_store(tmp_path: Path) -> None:
    root = tmp_path / "store"
    family_id = _encrypted_store(root)
    assert is_encrypted(root)
    assert files_containing(root, LABEL, *NOTES, "PNG-still", '"family"') == []
    store = Store.open(root, readonly=True, codec=unlock(root, OLD))
    record = store.read_family(family_id)
    assert record.sessions[-1].private_notes.startswith(NOTES[0])
    still = store.family_folder(family_id) / "stills" / "still-1.png"
    assert store.codec.open(still.read_bytes()) == STILL
    assert [e.action for e in read_events(root, store.codec)][-1] == "encryption.enable"
    # the plain codec cannot read it: a clear error, not garbage
    with pytest.raises(CorruptFileError):
        Store.open(root, readonly=True)


def test_wrong_passphrase_is_clear_and_changes_nothing(tmp_path: Path) -> None:
    root = tmp_path / "store"
    _encrypted_store(root)
    before = _hashes(root)
    for command in (["demo"], ["passphrase", "change"]):
        result = vig(
            "--data-dir",
            str(root),
            *command,
            env={"VIG_PASSPHRASE": "not it at all", "VIG_NEW_PASSPHRASE": NEW},
        )
        assert "does not open" in one_line_error(result)
    assert _hashes(root) == before
    # no passphrase and no terminal: one line saying how
    env = {k: v for k, v in os.environ.items() if k != "VIG_PASSPHRASE"}
    result = subprocess.run(
        [str(Path(sys.executable).parent / "vig"), "--data-dir", str(root), "families"],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=30,
    )
    assert "VIG_PASSPHRASE" in one_line_error(result)
    with pytest.raises(WrongPassphraseError):
        unlock(root, NEW)


def test_cli_enable_then_change(tmp_path: Path) -> None:
    root = tmp_path / "store"
    assert vig("--data-dir", str(root), "demo").returncode == 0
    assert "too short" in one_line_error(
        vig("--data-dir", str(root), "passphrase", "enable", env={"VIG_NEW_PASSPHRASE": "short"})
    )
    result = vig("--data-dir", str(root), "passphrase", "enable", env={"VIG_NEW_PASSPHRASE": OLD})
    assert result.returncode == 0, result.stderr
    assert files_containing(root, "Demo") == []
    assert "already encrypted" in one_line_error(
        vig(
            "--data-dir",
            str(root),
            "passphrase",
            "enable",
            env={"VIG_PASSPHRASE": OLD, "VIG_NEW_PASSPHRASE": NEW},
        )
    )
    result = vig(
        "--data-dir",
        str(root),
        "passphrase",
        "change",
        env={"VIG_PASSPHRASE": OLD, "VIG_NEW_PASSPHRASE": NEW},
    )
    assert result.returncode == 0, result.stderr
    listed = vig("--data-dir", str(root), "families", env={"VIG_PASSPHRASE": NEW})
    assert "Demo" in listed.stdout
    audit = vig("--data-dir", str(root), "audit", env={"VIG_PASSPHRASE": NEW}).stdout
    assert "Encryption turned on" in audit and "Passphrase changed" in audit


CHILD = """
import os, signal, sys
from pathlib import Path
from vig_tui.store import Store
from vig_tui.store.crypto import unlock
root, old, new, kill_at = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
codec = unlock(root, old) if old != "-" else None
store = Store.open(root, codec=codec) if codec else Store.open(root)
steps = [0]
def step(what, path):
    steps[0] += 1
    if steps[0] == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)
print("ready", flush=True)
store.change_passphrase(new, on_step=step)
print("steps", steps[0], flush=True)
"""


def _child(root: Path, old: str, kill_at: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(root), old, NEW, str(kill_at)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _opens_with_exactly_one(root: Path, old: str | None, expected: dict[str, str]) -> str:
    """Open with whichever passphrase works; check every family reads back whole."""
    works = []
    if old is None and not is_encrypted(root):
        works.append("old")  # the plain store as it was
    for name, phrase in (("old", old), ("new", NEW)):
        if phrase is None or not is_encrypted(root):
            continue
        try:
            unlock(root, phrase)
        except WrongPassphraseError:
            continue
        works.append(name)
    assert len(works) == 1, works
    phrase = old if works[0] == "old" else NEW
    codec = unlock(root, phrase) if phrase else None
    with Store.open(root, codec=codec) if codec else Store.open(root) as store:
        assert {s.id: s.label for s in store.summaries()} == expected
        for family_id in expected:
            assert store.family(family_id).record.family.label == expected[family_id]
        assert all(e.action != "unreadable" for e in read_events(root, store.codec))
    leftovers = [p for p in root.rglob("*") if p.name.endswith(".rekey") or "pending" in p.name]
    assert leftovers == []
    return works[0]


def _many_families(root: Path, n: int = 6) -> dict[str, str]:
    expected = {}
    with Store.open(root) as store:
        for i in range(n):
            from tests.test_privacy_support import make_record

            family_id = add_family(store, make_record(f"Family {i}"), still=STILL)
            expected[family_id] = f"Family {i}"
            repo = store.family(family_id)
            repo.save(repo.record.sessions[-1])  # a .bak too
    return expected


@pytest.mark.parametrize("start", ["plain", "encrypted"])
def test_kill_at_every_step_of_a_passphrase_change(tmp_path: Path, start: str) -> None:
    root = tmp_path / "store"
    expected = _many_families(root, 3)
    old: str | None = None
    if start == "encrypted":
        with Store.open(root) as store:
            store.change_passphrase(OLD)
        old = OLD
    # a full run in a copy tells how many steps there are
    probe = tmp_path / "probe"
    subprocess.run(["cp", "-a", str(root), str(probe)], check=True)
    done = _child(probe, old or "-", 0)
    out, err = done.communicate(timeout=60)
    total = int(out.split()[-1])
    assert total > 10, err
    results = set()
    for kill_at in sorted({1, total // 2, total - 2, total - 1, total}):
        victim = tmp_path / f"victim-{kill_at}"
        subprocess.run(["cp", "-a", str(root), str(victim)], check=True)
        proc = _child(victim, old or "-", kill_at)
        proc.communicate(timeout=60)
        assert proc.returncode == -signal.SIGKILL
        results.add(_opens_with_exactly_one(victim, old, expected))
    assert results == {"old", "new"}  # kills before the switch roll back, after it complete


def test_random_kills_during_a_passphrase_change(tmp_path: Path) -> None:
    root = tmp_path / "store"
    expected = _many_families(root, 5)
    with Store.open(root) as store:
        store.change_passphrase(OLD)
    rng = random.Random(7)
    for i in range(4):
        victim = tmp_path / f"victim-{i}"
        subprocess.run(["cp", "-a", str(root), str(victim)], check=True)
        proc = _child(victim, OLD, 0)
        assert proc.stdout is not None and proc.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.0, 0.35))
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        _opens_with_exactly_one(victim, OLD, expected)


def test_every_kind_of_file_is_sealed(tmp_path: Path) -> None:
    root = tmp_path / "store"
    family_id = _encrypted_store(root)
    names = {p.name for p in sealed_files(root)}
    assert {
        "index.json",
        "index.json.bak",
        "record.json",
        "record.json.bak",
        "still-1.png",
    } <= names
    assert KEY_NAME not in names and "vig.lock" not in names
    assert (root / "families" / family_id).is_dir()

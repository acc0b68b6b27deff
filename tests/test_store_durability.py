"""Nothing is ever lost: kills mid-save, corrupt files, full disks, migrations."""

from __future__ import annotations

import errno
import json
import os
import random
import select
import signal
import time
from pathlib import Path

import pytest

from vig_tui.domain import Family, Reflection, Session, SessionKind
from vig_tui.store import (
    CURRENT_SCHEMA,
    CorruptFileError,
    SchemaTooNewError,
    Store,
    StoreWriteError,
    restore_backup,
)

#: Kills at least. About half of them land while a save's temp file is being written (55 of
#: 100 when measured), the rest between saves; the test counts the first kind and needs some.
KILLS = 100


def _child_saves(root: Path, family_id: str, run: int, report_fd: int) -> None:
    """Runs in a forked child: open the store, save forever, report each save."""
    try:
        store = Store.open(root)
        repo = store.family(family_id)
        os.write(report_fd, b"R\n")  # open: the kills land among saves, not during start-up
        session = repo.record.sessions[0]
        fresh = Reflection(session_id=session.id, prompt_id=f"run-{run}", family_words=f"run {run}")
        repo.save(fresh)
        os.write(report_fd, f"I{run}\n".encode())
        counter = next(r for r in repo.record.reflections if r.prompt_id == "counter")
        i = 0
        while True:
            i += 1
            counter.family_words = f"{run}:{i}"
            repo.save(counter)
            os.write(report_fd, f"S{run}:{i}\n".encode())
    finally:
        os._exit(0)


def until_ready(read_fd: int) -> bytes:
    """What the child reported up to its 'store open' line (a busy machine may take a while)."""
    got = b""
    deadline = time.monotonic() + 60
    while b"R\n" not in got and time.monotonic() < deadline:
        ready, _, _ = select.select([read_fd], [], [], 1.0)
        if ready:
            chunk = os.read(read_fd, 65536)
            if not chunk:
                break
            got += chunk
    return got


@pytest.mark.slow
def test_sigkill_during_saves_never_loses_a_reported_save(tmp_path: Path) -> None:
    root = tmp_path / "store"
    with Store.open(root) as store:
        repo = store.create_family(Family(label="Crash"))
        session = Session(kind=SessionKind.INITIAL_MEETING)
        repo.save(session)
        repo.save(Reflection(session_id=session.id, prompt_id="counter", family_words="0:0"))
        # pad the record so each save writes a realistic amount
        for n in range(40):
            repo.save(
                Reflection(session_id=session.id, prompt_id=f"pad{n}", family_words="x" * 300)
            )
        family_id = repo.id

    rng = random.Random(20261121)
    inserted: list[int] = []
    torn = 0  # kills that left a save's temp file behind: mid-write, before its rename
    # KILLS kills at least; on a busy machine a child may get no time before its kill,
    # so the test goes on (up to 4× as many) until enough kills landed among saves
    for run in range(KILLS * 4):
        if run >= KILLS and len(inserted) > KILLS // 4:
            break
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # child
            os.close(read_fd)
            _child_saves(root, family_id, run, write_fd)
        os.close(write_fd)
        reports = until_ready(read_fd)
        time.sleep(rng.uniform(0.005, 0.06))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        while chunk := os.read(read_fd, 65536):
            reports += chunk
        os.close(read_fd)
        lines = reports.decode().split()
        if f"I{run}" in lines:
            inserted.append(run)
        saves = [int(line.split(":")[1]) for line in lines if line.startswith(f"S{run}:")]
        torn += bool(list((root / "families" / family_id).glob(".vig-tmp-*")))
        # The store must open (stale lock recovered) and hold every reported save.
        with Store.open(root) as store:
            record = store.family(family_id).record
        prompts = {r.prompt_id for r in record.reflections}
        for done in inserted:
            assert f"run-{done}" in prompts, f"run {run}: reported insert {done} lost"
        if saves:
            counter = next(r for r in record.reflections if r.prompt_id == "counter")
            got_run, got_i = (int(x) for x in counter.family_words.split(":"))
            assert got_run == run and got_i >= saves[-1], (run, saves[-1], counter.family_words)
    assert len(inserted) > KILLS // 4, "the child should usually get some saves done"
    assert torn >= KILLS // 10, f"only {torn} kills landed in the middle of a save"
    with Store.open(root) as store:
        store.family(family_id)  # opening cleans what a killed save left behind
    assert not list((root / "families" / family_id).glob(".vig-tmp-*"))


def test_corrupt_family_file_is_reported_untouched_and_backup_restorable(store_root: Path) -> None:
    with Store.open(store_root) as store:
        repo = store.create_family(Family(label="Ivy"))
        session = Session(kind=SessionKind.INITIAL_MEETING)
        repo.save(session)
        repo.save(Reflection(session_id=session.id, prompt_id="p", family_words="kept words"))
        family_id, path = repo.id, repo.path
    garbage = b'{"family": {"1": {"label": "Ivy"'  # torn by some other tool
    path.write_bytes(garbage)
    with Store.open(store_root) as store:
        with pytest.raises(CorruptFileError) as caught:
            store.family(family_id)
        err = caught.value
        assert err.path == path
        assert "line 1" in str(err) and "untouched" in str(err)
        assert err.backup is not None
        assert path.read_bytes() == garbage, "a corrupt file must never be rewritten"
    aside = restore_backup(path)
    assert aside.read_bytes() == garbage
    with Store.open(store_root) as store:
        record = store.family(family_id).record
    # the backup is the save before the last one: the session is there
    assert record.sessions and record.family.label == "Ivy"


@pytest.mark.parametrize(
    "content, detail",
    [(b"", "empty"), (b"\xff\xfe\x00", "UTF-8"), (b"[1, 2]", "not a vig store file")],
)
def test_other_corruptions_are_typed(store_root: Path, content: bytes, detail: str) -> None:
    with Store.open(store_root) as store:
        repo = store.create_family(Family(label="Juniper"))
        family_id, path = repo.id, repo.path
    path.write_bytes(content)
    with Store.open(store_root) as store, pytest.raises(CorruptFileError, match=detail):
        store.family(family_id)
    assert path.read_bytes() == content


def test_bad_value_in_record_is_reported_with_its_place(store_root: Path) -> None:
    with Store.open(store_root) as store:
        repo = store.create_family(Family(label="Kale"))
        family_id, path = repo.id, repo.path
    data = json.loads(path.read_bytes())
    data["questions"] = {"1": {"id": "q", "text": "How?", "hoped_for": 99}}
    path.write_text(json.dumps(data))
    with Store.open(store_root) as store, pytest.raises(CorruptFileError, match="hoped_for"):
        store.family(family_id)


def test_corrupt_index_is_typed_and_untouched(store_root: Path) -> None:
    with Store.open(store_root) as store:
        store.create_family(Family(label="Larch"))
    index = store_root / "index.json"
    index.write_bytes(b"not json")
    with pytest.raises(CorruptFileError, match=r"index\.json"):
        Store.open(store_root)
    assert index.read_bytes() == b"not json"


def test_disk_full_leaves_previous_save_intact(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = store.create_family(Family(label="Maple"))
    session = Session(kind=SessionKind.INITIAL_MEETING, shared_notes="before")
    repo.save(session)
    before = repo.path.read_bytes()

    def full_disk(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full_disk)
    session.shared_notes = "after"
    with pytest.raises(StoreWriteError, match="disk is full"):
        repo.save(session)
    monkeypatch.undo()
    assert repo.path.read_bytes() == before
    assert not list(repo.folder.glob(".vig-tmp-*")), "the temp file is cleaned up"
    # the next save works, and sees the disk, not a polluted cache
    session.shared_notes = "after, again"
    repo.save(session)
    reopened = Store.open(store.root, readonly=True).read_family(repo.id)
    assert reopened.sessions[0].shared_notes == "after, again"


def test_unserialisable_value_never_touches_disk(store: Store) -> None:
    repo = store.create_family(Family(label="Nettle"))
    before = repo.path.read_bytes()
    with pytest.raises(StoreWriteError, match="could not be saved"):
        repo.db.table("sessions").insert({"id": "x", "bad": {1, 2}})
    assert repo.path.read_bytes() == before


def test_old_schema_is_copied_aside_then_migrated(store_root: Path) -> None:
    with Store.open(store_root) as store:
        repo = store.create_family(Family(label="Oak"))
        family_id, path = repo.id, repo.path
    data = json.loads(path.read_bytes())
    film = {"id": "f1", "cycle": 1, "path": "/films/a.mp4"}
    data["films"] = {"1": film}
    data["clips"] = {"1": {"id": "c1", "film_id": "f1", "cycle": 1, "start": 2.5, "end": 7.25}}
    data["sessions"] = {"1": {"id": "s1", "kind": "shared_review", "cycle": 1}}
    data["reflections"] = {
        "1": {"id": "r1", "session_id": "s1", "prompt_id": "p", "text": "Sam laughed"}
    }
    data["_meta"] = {"1": {"schema": 1, "kind": "family"}}
    old = json.dumps(data).encode()
    path.write_bytes(old)
    with Store.open(store_root) as store:
        record = store.family(family_id).record
    assert (record.clips[0].start_ms, record.clips[0].end_ms) == (2500, 7250)
    assert record.reflections[0].family_words == "Sam laughed"
    aside = path.with_name("record.json.schema1")
    assert aside.read_bytes() == old
    migrated = json.loads(path.read_bytes())
    assert migrated["_meta"]["1"]["schema"] == CURRENT_SCHEMA


def test_file_from_newer_vig_is_refused_untouched(store_root: Path) -> None:
    with Store.open(store_root) as store:
        repo = store.create_family(Family(label="Pine"))
        family_id, path = repo.id, repo.path
    data = json.loads(path.read_bytes())
    data["_meta"]["1"]["schema"] = 99
    newer = json.dumps(data).encode()
    path.write_bytes(newer)
    with Store.open(store_root) as store, pytest.raises(SchemaTooNewError, match="newer vig"):
        store.family(family_id)
    assert path.read_bytes() == newer

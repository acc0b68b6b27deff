"""The store: one file per family, permissions, index, resolving FAMILY."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from vig_tui.domain import Family, Reflection, Session, SessionKind
from vig_tui.store import Store, UnknownFamilyError


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_family_saved_in_its_own_file(store: Store) -> None:
    a = store.create_family(Family(label="Ash"))
    b = store.create_family(Family(label="Birch"))
    session = Session(kind=SessionKind.INITIAL_MEETING)
    a.save(session)
    before_b = b.path.read_bytes()
    a.save(Reflection(session_id=session.id, prompt_id="describe-child", family_words="Loud!"))
    assert b.path.read_bytes() == before_b, "a save to one family must not touch another"
    data = json.loads(a.path.read_bytes())
    assert data["_meta"]["1"]["schema"] >= 1
    assert [r["family_words"] for r in data["reflections"].values()] == ["Loud!"]


def test_records_round_trip_after_reopen(store_root: Path) -> None:
    with Store.open(store_root) as store:
        repo = store.create_family(Family(label="Cedar", adults=["Mum"]))
        session = Session(kind=SessionKind.SHARED_REVIEW, cycle=1, private_notes="mine")
        repo.save(session)
        repo.save(Reflection(session_id=session.id, prompt_id="p", family_words="[bold]x[/]"))
        family_id = repo.id
    with Store.open(store_root) as store:
        record = store.family(family_id).record
    assert record.family.adults == ["Mum"]
    assert record.sessions[0].private_notes == "mine"
    assert record.reflections[0].family_words == "[bold]x[/]"


def test_permissions_are_private(store: Store) -> None:
    repo = store.create_family(Family(label="Damson"))
    repo.save(Session(kind=SessionKind.OTHER))
    assert mode(store.root) == 0o700
    assert mode(store.root / "families") == 0o700
    assert mode(repo.folder) == 0o700
    for path in store.root.rglob("*"):
        expected = 0o700 if path.is_dir() else 0o600
        assert mode(path) == expected, path


def test_existing_loose_folder_is_tightened(tmp_path: Path) -> None:
    root = tmp_path / "loose"
    root.mkdir(mode=0o755)
    root.chmod(0o755)
    with Store.open(root):
        pass
    assert mode(root) == 0o700


def test_resolve_by_id_prefix_and_label_prefix(store: Store) -> None:
    a = store.create_family(Family(label="Rowan"))
    store.create_family(Family(label="Rose"))
    assert store.resolve(a.id).id == a.id
    assert store.resolve(a.id[:6]).id == a.id
    assert store.resolve("rowa").id == a.id
    assert store.resolve("Rowan").id == a.id
    with pytest.raises(UnknownFamilyError, match="more than one family"):
        store.resolve("Ro")
    with pytest.raises(UnknownFamilyError, match="No family matches 'Zed'"):
        store.resolve("Zed")


def test_index_only_rewritten_when_summary_changes(store: Store) -> None:
    repo = store.create_family(Family(label="Elm"))
    session = Session(kind=SessionKind.INITIAL_MEETING)
    repo.save(session)
    before = store.index_path.stat().st_mtime_ns, store.index_path.read_bytes()
    reflection = Reflection(session_id=session.id, prompt_id="p")
    for i in range(5):
        reflection.family_words = f"words {i}"
        repo.save(reflection)
    assert (store.index_path.stat().st_mtime_ns, store.index_path.read_bytes()) == before
    session.completed = True
    repo.save(session)
    summary = store.resolve("Elm")
    assert summary.next_step.startswith("Cycle 1")


def test_readonly_open_sees_saved_families_while_writer_holds_lock(store: Store) -> None:
    store.create_family(Family(label="Fir"))
    reader = Store.open(store.root, readonly=True)
    assert [s.label for s in reader.summaries()] == ["Fir"]
    record = reader.read_family(reader.summaries()[0].id)
    assert record.family.label == "Fir"


def test_erase_family_removes_folder_and_index_line(store: Store) -> None:
    repo = store.create_family(Family(label="Gorse-unique-label"))
    folder = repo.folder
    store.erase_family(repo.id)
    assert not folder.exists()
    assert store.summaries() == []
    for path in store.root.rglob("*"):
        if path.is_file():
            assert b"Gorse-unique-label" not in path.read_bytes(), path


def test_rebuild_index_from_family_folders(store: Store) -> None:
    store.create_family(Family(label="Hazel"))
    store.index_path.unlink()
    assert store.rebuild_index() == ["Hazel"]
    assert [s.label for s in Store.open(store.root, readonly=True).summaries()] == ["Hazel"]

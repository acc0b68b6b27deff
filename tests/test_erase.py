"""Erasure: afterwards nothing in the store names the family or holds their words."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.test_privacy_support import (
    LABEL,
    NOTES,
    add_family,
    files_containing,
    make_record,
    one_line_error,
    vig,
)
from vig_tui.store import Store
from vig_tui.store.audit import log_event, read_events
from vig_tui.store.crypto import unlock


def _store_with_two(root: Path, codec_passphrase: str | None = None) -> tuple[str, str]:
    with Store.open(root) as store:
        if codec_passphrase:
            store.change_passphrase(codec_passphrase)
        target = add_family(store, still=b"\x89PNG still of Zebulon-Quartz family")
        other = add_family(store, make_record("Other family", notes=("a", "b", "c")))
        repo = store.family(target)
        # several saves, so record.json.bak and index.json.bak exist and name the family
        for note in NOTES:
            session = repo.record.sessions[-1]
            session.shared_notes = note
            repo.save(session)
        log_event(root, "export.letter", target, store.codec, file=f"{LABEL}-letter.md")
    assert (root / "index.json.bak").exists()
    return target, other


def test_cli_erase_removes_every_trace(tmp_path: Path) -> None:
    root = tmp_path / "store"
    films = tmp_path / "films"
    films.mkdir()
    target, other = _store_with_two(root)
    # a migration copy of the index and a copy set aside by a restore
    shutil.copy(root / "index.json", root / "index.json.schema1")
    shutil.copy(root / "index.json", root / "index.json.corrupt-1")
    assert files_containing(root, LABEL, *NOTES)

    result = vig("--data-dir", str(root), "erase", "Zebulon", "--confirm", LABEL)
    assert result.returncode == 0, result.stderr
    assert "outside the store" in result.stdout
    assert "sample-film.mp4" in result.stdout  # the demo film lives outside: listed to delete

    assert files_containing(root, LABEL, *NOTES) == []
    assert not (root / "families" / target).exists()
    assert not (root / "work" / f"{target}.partial").exists()
    listed = json.loads(vig("--data-dir", str(root), "families", "--json").stdout)
    assert [f["id"] for f in listed] == [other]
    events = read_events(root)
    assert events[-1].action == "erase.family" and events[-1].family_id == target
    assert events[-1].detail["films_outside"] == 1
    # the other family is untouched and still opens
    with Store.open(root) as store:
        assert store.family(other).record.family.label == "Other family"


def test_wrong_confirmation_erases_nothing(tmp_path: Path) -> None:
    root = tmp_path / "store"
    target, _ = _store_with_two(root)
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    message = one_line_error(vig("--data-dir", str(root), "erase", target, "--confirm", "Zebulon"))
    assert "does not match" in message and "nothing was erased" in message
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before
    assert "Unknown" not in one_line_error(
        vig("--data-dir", str(root), "erase", "Nobody", "--confirm", "Nobody")
    )


def test_erasure_cut_short_is_finished_on_next_open(tmp_path: Path) -> None:
    root = tmp_path / "store"
    target, other = _store_with_two(root)
    # what a kill right after the first step (the folder renamed aside) leaves
    folder = root / "families" / target
    folder.rename(folder.with_name(".erasing-" + target))
    with Store.open(root) as store:
        assert [s.id for s in store.summaries()] == [other]
    assert files_containing(root, LABEL, *NOTES) == []


def test_erasure_in_an_encrypted_store(tmp_path: Path) -> None:
    root = tmp_path / "store"
    target, other = _store_with_two(root, codec_passphrase="a long passphrase")
    env = {"VIG_PASSPHRASE": "a long passphrase"}
    result = vig("--data-dir", str(root), "erase", target, "--confirm", LABEL, env=env)
    assert result.returncode == 0, result.stderr
    codec = unlock(root, "a long passphrase")
    store = Store.open(root, readonly=True, codec=codec)
    assert [s.id for s in store.summaries()] == [other]
    assert not (root / "families" / target).exists()
    # the erased family's audit lines keep only bare facts (no file names)
    for event in read_events(root, codec):
        if event.family_id == target:
            assert all(not isinstance(v, str) for v in event.detail.values())

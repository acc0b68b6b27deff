"""What opening a store reads: the index and one directory listing, never a
family's files (counted, not timed: timings live in bench/desk.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from vig_tui.domain import Family
from vig_tui.store import Store, crypto
from vig_tui.store.layout import family_folders


def test_a_plain_store_opens_without_searching_its_families(
    store_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(store_root) as store:
        for n in range(3):
            store.create_family(Family(label=f"Family {n}"))

    def searched(root: Path) -> Iterator[Path]:
        raise AssertionError("a plain store was searched for passphrase-change leftovers")

    monkeypatch.setattr(crypto, "_rekey_leftovers", searched)
    with Store.open(store_root) as store:
        assert len(store.summaries()) == 3
    assert len(Store.open(store_root, readonly=True).summaries()) == 3


def test_an_encrypted_store_still_settles_a_change_cut_short(store_root: Path) -> None:
    """The leftovers of a passphrase change cut short after the switch are
    still found and finished when the store has a key file (here only its
    presence matters: finishing renames files and needs no key)."""
    with Store.open(store_root) as store:
        family = store.create_family(Family(label="Kept"))
    # the state after the switch: the new key in place, a file not yet renamed
    (store_root / crypto.KEY_NAME).write_bytes(b"")
    record = store_root / "families" / family.id / "record.json"
    leftover = record.with_name(record.name + crypto.REKEY_SUFFIX)
    leftover.write_bytes(record.read_bytes())
    assert crypto.needs_recovery(store_root)
    assert crypto.recover(store_root) == "completed"
    assert not leftover.exists() and record.exists()


def test_family_folders_lists_ids_and_strays(store_root: Path) -> None:
    with Store.open(store_root) as store:
        family = store.create_family(Family(label="One"))
    (store_root / "families" / "not-an-id").mkdir()
    (store_root / "families" / ".tmp-save").write_text("")
    ids, strays = family_folders(store_root)
    assert ids == {family.id}
    assert [p.name for p in strays] == ["not-an-id"]

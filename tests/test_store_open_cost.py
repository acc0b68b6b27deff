"""What opening a store reads: the index and one directory listing, never a
family's files (counted, not timed: timings live in bench/desk.py)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from vig_tui.domain import Family, FamilySummary
from vig_tui.store import Store, crypto, index_lines
from vig_tui.store.errors import CorruptFileError
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


def _listings(root: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every directory read and stat under `root`/families from now on."""
    seen: list[str] = []
    families = str(root / "families")
    scandir, listdir, stat, lstat = os.scandir, os.listdir, os.stat, os.lstat

    def spied(real: Callable[..., Any], what: str) -> Callable[..., Any]:
        def call(path: Any = ".", *args: Any, **kwargs: Any) -> Any:
            if str(path).startswith(families):
                seen.append(f"{what} {Path(path).relative_to(root)}")
            return real(path, *args, **kwargs)

        return call

    monkeypatch.setattr(os, "scandir", spied(scandir, "read"))
    monkeypatch.setattr(os, "listdir", spied(listdir, "read"))
    monkeypatch.setattr(os, "stat", spied(stat, "stat"))
    monkeypatch.setattr(os, "lstat", spied(lstat, "stat"))
    return seen


@pytest.mark.parametrize("readonly", [False, True])
def test_a_store_in_order_opens_with_one_read_of_its_families_folder(
    store_root: Path, monkeypatch: pytest.MonkeyPatch, readonly: bool
) -> None:
    """Opening listed the families folder for the index's check and again to
    look for erasures cut short (a glob): two reads of 10,000 names. When
    the folder holds just what the index lists, one read settles both, and
    no family's folder is looked at."""
    with Store.open(store_root) as store:
        for n in range(12):
            store.create_family(Family(label=f"Family {n}"))
    seen = _listings(store_root, monkeypatch)
    store = Store.open(store_root, readonly=readonly)
    assert len(store.summaries()) == 12
    assert [s for s in seen if s.startswith("read")] == ["read families"], seen
    assert not [s for s in seen if s.startswith("stat families/")], seen  # no family's
    store.close()


def test_the_index_is_checked_a_column_at_a_time(
    store_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every index line was checked field by field in Python at every start;
    a sound index is now checked a column at a time, and a line is looked at
    on its own only when something is wrong (for the message)."""
    with Store.open(store_root) as store:
        for n in range(5):
            store.create_family(Family(label=f"Family {n}"))
    one_by_one: list[object] = []
    check = index_lines._summary

    def spied(doc: object, path: Path) -> FamilySummary:
        one_by_one.append(doc)
        return check(doc, path)

    monkeypatch.setattr(index_lines, "_summary", spied)
    with Store.open(store_root) as store:
        assert [s.label for s in store.summaries()] == [f"Family {n}" for n in range(5)]
    assert one_by_one == []


LINE = {
    "id": "0" * 32,
    "label": "L",
    "status": "active",
    "children": "",
    "next_step": "",
    "updated_at": "",
}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("a line", "is not a table"),
        ({k: v for k, v in LINE.items() if k != "label"}, r"is incomplete \(no label\)"),
        ({**LINE, "status": 3}, "has a int for 'status' where text belongs"),
        ({**LINE, "id": "0" * 31}, "not a vig id"),
        ({**LINE, "id": "0" * 32 + "\n"}, "not a vig id"),
        ({**LINE, "id": "0" * 16 + "\n" + "0" * 15}, "not a vig id"),
        ({**LINE, "id": "../" + "0" * 29}, "not a vig id"),
        ({**LINE, "erase_by": 5}, "a bad value for 'erase_by' or 'demo'"),
        ({**LINE, "demo": "yes"}, "a bad value for 'erase_by' or 'demo'"),
    ],
)
def test_a_bad_index_line_among_good_ones_is_reported(
    store_root: Path, line: object, message: str
) -> None:
    """However the lines are checked, one bad line among sound ones is
    reported with the file and what is wrong, never read as no family."""
    with Store.open(store_root) as store:
        for n in range(3):
            store.create_family(Family(label=f"Family {n}"))
    index_path = store_root / "index.json"
    index = json.loads(index_path.read_text())
    index["families"]["99"] = line
    index_path.write_text(json.dumps(index))
    for readonly in (False, True):
        with pytest.raises(CorruptFileError, match=rf"index\.json.*an index line.*{message}"):
            Store.open(store_root, readonly=readonly)

"""The pack cache: the same packs as reading the YAML, and never trusted further than that."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from vig_tui.packs import PackSet, load_packs
from vig_tui.packs.cache import CACHE_NAME, PackCache, cache_dir

REVIEW = """\
schema: 1
kind: shared_review
id: our-review
version: 1
title: Ours
stages:
  - id: seeing
    prompts:
      - id: our-extra
        family: "What is the little one doing here?"
"""


@pytest.fixture
def cache_file() -> Path:
    return cache_dir() / CACHE_NAME


def fingerprint(packs: PackSet) -> object:
    """Everything loading produced, down to where each entry was written."""
    return (
        [(p.kind, p.id, p.version, p.file, p.origin) for p in packs.packs],
        {key: (s.origin, str(s.location), s.pack_id) for key, s in packs.sources.items()},
        [p.model_dump() for p in packs.shared_review.prompts()],
        [(p.id, str(p.where)) for p in packs.shared_review.prompts()],
        {k: q.model_dump() for k, q in packs.questionnaires.items()},
        [str(e) for e in packs.errors],
    )


def user_pack(folder: Path, text: str = REVIEW) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "review.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_cache_is_in_the_cache_folder_and_gives_the_same_packs(
    tmp_path: Path, cache_file: Path
) -> None:
    assert cache_file.parent == tmp_path / "cache"  # the tests' own folder (conftest)
    user = tmp_path / "user"
    user_pack(user)
    first = load_packs(user)
    assert cache_file.exists()
    assert oct(cache_file.stat().st_mode & 0o777) == oct(0o600)
    cache = PackCache()
    second = load_packs(user)
    assert fingerprint(second) == fingerprint(first)
    assert second.shared_review.prompt("our-extra") is not None
    # a second reader finds an entry for every file read
    for path in [*(Path(p.file) for p in first.packs)]:
        cache.read(path.read_bytes(), str(path))
    assert cache.hits == len(first.packs)


def test_a_changed_pack_is_read_again(tmp_path: Path) -> None:
    user = tmp_path / "user"
    path = user_pack(user)
    load_packs(user)
    path.write_text(REVIEW.replace("little one", "toddler"), encoding="utf-8")
    prompt = load_packs(user).shared_review.prompt("our-extra")
    assert prompt is not None and "toddler" in prompt.text("adult_child")


def test_a_broken_pack_is_reported_every_time(tmp_path: Path, cache_file: Path) -> None:
    user = tmp_path / "user"
    path = user_pack(user)
    load_packs(user)
    # a YAML mistake: never cached, reported on each load
    path.write_text(REVIEW + "  bad: [unclosed\n", encoding="utf-8")
    for _ in range(2):
        warnings = load_packs(user).warnings
        assert len(warnings) == 1 and "review.yaml" in warnings[0]
    # well-formed YAML that breaks the pack rules: the read may be cached, the
    # checks still run on every load
    path.write_text(REVIEW.replace("id: our-extra", "id: our extra"), encoding="utf-8")
    for _ in range(2):
        packs = load_packs(user)
        assert len(packs.warnings) == 1 and "'id'" in packs.warnings[0]
        assert packs.shared_review.prompt("our-extra") is None


@pytest.mark.parametrize(
    "damage",
    [b"", b"\x00\xff not json", b'{"format": 1, "entries": []}', b"[1, 2, 3]", b'"text"'],
)
def test_a_corrupt_cache_file_is_ignored_and_rebuilt(
    tmp_path: Path, cache_file: Path, damage: bytes
) -> None:
    expected = fingerprint(load_packs(include_user=False))
    cache_file.write_bytes(damage)
    assert fingerprint(load_packs(include_user=False)) == expected
    rebuilt = json.loads(cache_file.read_bytes())
    assert rebuilt["entries"], "the cache was written again"
    assert fingerprint(load_packs(include_user=False)) == expected


def test_an_entry_changed_on_disk_is_never_used(tmp_path: Path, cache_file: Path) -> None:
    user = tmp_path / "user"
    user_pack(user)
    load_packs(user)
    text = cache_file.read_text(encoding="utf-8")
    assert "little one" in text
    # the same length, still valid JSON, but not what was written
    cache_file.write_text(text.replace("little one", "LITTLE ONE"), encoding="utf-8")
    prompt = load_packs(user).shared_review.prompt("our-extra")
    assert prompt is not None and "little one" in prompt.text("adult_child")
    assert "LITTLE ONE" not in cache_file.read_text(encoding="utf-8")


def test_an_entry_with_wrong_shapes_is_never_used(tmp_path: Path, cache_file: Path) -> None:
    user = tmp_path / "user"
    path = user_pack(user)
    load_packs(user)
    outer = json.loads(cache_file.read_bytes())
    for entry in outer["entries"].values():
        doc = json.loads(entry["doc"])
        doc["places"] = [["1", "x", None, 0] for _ in doc["places"]]
        entry["doc"] = json.dumps(doc)
        # a matching checksum: only the shape check stands in the way
        entry["sum"] = hashlib.sha256(entry["doc"].encode()).hexdigest()
    cache_file.write_text(json.dumps(outer), encoding="utf-8")
    cache = PackCache()
    doc = cache.read(path.read_bytes(), str(path))
    assert cache.hits == 0
    assert doc.locate(("stages", 0, "prompts", 0, "id")).line == 9


def test_the_cache_is_written_atomically_and_a_read_only_folder_is_no_problem(
    tmp_path: Path, cache_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = fingerprint(load_packs(include_user=False))
    assert sorted(os.listdir(cache_file.parent)) == [CACHE_NAME]  # no temporary left over
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setenv("VIG_CACHE_DIR", str(blocked))
    assert fingerprint(load_packs(include_user=False)) == expected

"""Search across every family: every kind of field, as-you-type prefixes, phrases, limits."""

from __future__ import annotations

from pathlib import Path

from tests.test_desk_records import SECRETS, full_record
from vig_tui.desk.search import SearchIndex, index_for, parse_query
from vig_tui.desk.search_texts import documents, family_docs
from vig_tui.domain import FamilyRecord
from vig_tui.store import Store


def _index(*labels: str) -> SearchIndex:
    index = SearchIndex()
    for label in labels:
        index.add(full_record(label))
    return index


def test_finds_words_in_every_kind_of_field() -> None:
    index = _index("Rowan family")
    cases = {
        "question": "settle at teatime",
        "shared_notes": "calmer teatimes",
        "keep_doing": "level and waiting",
        "private_notes": SECRETS["private_notes"],
        "guidance_reflection": SECRETS["guidance_reflection"],
        "family_words": "whirlwind",
        "practitioner_note": SECRETS["practitioner_note"],
        "clip_title": "puzzle piece",
        "chain_note": "holds up a piece",
        "micro_note": SECRETS["micro_note"],
    }
    for field, words in cases.items():
        results = index.search(f'"{words}"')
        assert field in {r.field for r in results.results}, (field, words)
    hit = index.search("whirlwind").results[0]
    assert (hit.family_label, hit.date, hit.place) == (
        "Rowan family",
        "2026-01-10",
        "Initial meeting",
    )
    assert hit.text[hit.spans[0][0] : hit.spans[0][1]] == "whirlwind"
    assert not hit.private
    assert index.search(SECRETS["micro_note"]).results[0].private


def test_as_you_type_prefixes_and_all_words() -> None:
    index = _index("Rowan family")
    assert index.search("whirl").total == 1  # prefix of a word
    assert index.search("hirlwind").total == 0  # not from the middle of a word
    assert index.search("TEA").total >= 3  # teatime, teatimes: case-folded
    both = index.search("slowed came")
    assert [r.prompt_id for r in both.results] == ["what-helped"]
    assert index.search("slowed whirlwind").total == 0  # words must share one text
    assert index.search("w").problem == "Type at least 2 letters."
    assert index.search("   ").results == []


def test_phrases_and_punctuation() -> None:
    assert parse_query('"Slowed  right" down, Mo\'s!') == ["slowed right", "down", "mo's"]
    index = _index("Rowan family")
    assert index.search('"slowed right down"').total == 1
    assert index.search('"right slowed"').total == 0
    result = index.search("mo's").results[0]
    snippet, spans = result.snippet(30)
    assert snippet[spans[0][0] : spans[0][1]].casefold() == "mo's"


def test_results_are_grouped_by_family_and_limited() -> None:
    index = _index("B family", "A family", "C family")
    results = index.search("whirlwind")
    assert [r.family_label for r in results.results] == ["A family", "B family", "C family"]
    assert (results.total, results.families, results.complete) == (3, 3, True)
    limited = index.search("whirlwind", limit=2)
    assert len(limited.results) == 2 and not limited.complete
    assert "more" in limited.summary()


def test_build_from_store_and_refresh_after_an_edit(store_root: Path) -> None:
    with Store.open(store_root) as store:
        ids = [store.create_family(full_record(label)).id for label in ("A", "B")]
        index = index_for(store)
        assert index_for(store) is index
        seen: list[tuple[int, int]] = []
        index.build(store, lambda done, total: seen.append((done, total)))
        assert index.ready and len(index) == 2 and seen[-1] == (2, 2)
        repo = store.family(ids[0])
        session = repo.record.sessions[0]
        session.shared_notes = "A brand new zebra crossing."
        repo.save(session)
        assert index.search("zebra").total == 0
        index.refresh(store, [ids[0]])
        assert [r.family_id for r in index.search("zebra").results] == [ids[0]]
        store.erase_family(ids[1])
        index.refresh(store, [])
        assert {r.family_id for r in index.search("whirlwind").results} == {ids[0]}


def test_a_corrupt_family_is_skipped_and_reported(store_root: Path) -> None:
    with Store.open(store_root) as store:
        good = store.create_family(full_record("Good family")).id
        bad = store.create_family(full_record("Bad family")).id
    (store_root / "families" / bad / "record.json").write_bytes(b"{not json")
    readonly = Store.open(store_root, readonly=True)
    index = SearchIndex()
    index.build(readonly)
    assert [r.family_id for r in index.search("whirlwind").results] == [good]
    assert len(index.problems) == 1 and index.problems[0].startswith("Bad family: Cannot read")


def _note(label: str, words: str):  # type: ignore[no-untyped-def]
    record = full_record(label)
    record.sessions[0].shared_notes = words
    return record


def test_a_word_in_one_family_of_many_is_found_and_others_are_skipped() -> None:
    index = SearchIndex()
    for n in range(150):  # more families than bits in a machine word
        index.add(_note(f"Family {n:03d}", "a quiet morning"))
    index.add(_note("Family 150", "the zebra_crossing and a don't-stop game, Ångström"))
    for query, total in [
        ("zebra", 1),
        ("crossing", 1),  # after an underscore a word starts, as in the text search
        ("don't", 1),
        ("stop game", 1),
        ("ångst", 1),
        ("ANGST", 0),
        ("zebr morning", 0),  # both words must be in one text
        ("quiet morn", 150),
        ("ebra", 0),
    ]:
        results = index.search(query, limit=1000)
        assert results.total == total, (query, results.total)
    assert {r.family_label for r in index.search("zebra").results} == {"Family 150"}


def test_a_family_indexed_again_or_removed_is_no_longer_found_by_its_old_words() -> None:
    index = SearchIndex()
    index.add(_note("Alder family", "a giraffe at the zoo"))
    index.add(_note("Birch family", "the giraffe again"))
    assert index.search("giraffe").families == 2
    changed = _note("Alder family", "an elephant instead")
    changed.family.id = index.search("giraffe").results[0].family_id
    index.add(changed)
    assert [r.family_label for r in index.search("giraffe").results] == ["Birch family"]
    assert index.search("elephant").families == 1
    index.remove(index.search("giraffe").results[0].family_id)
    assert index.search("giraffe").total == 0
    assert index.search("elephant").families == 1


#: texts folding changes in every way: capitals, letters outside ASCII, a
#: letter that folds to two (kept as written), symbols that fold, none at all
WRITTEN = [
    "Alex Said THE Tower Fell",
    "Straße in İstanbul: ΣΟΦΙΑ smiled",
    "Ⓐ marks the ﬁrst try — 🙂 then ǅemo",
    "all lower case, nothing to fold",
    "Ünal sang the Bedtime Song",
]


def _written_record() -> FamilyRecord:
    record = full_record("Ünal family")
    first, second = record.sessions[:2]
    first.shared_notes, first.keep_doing = WRITTEN[0], WRITTEN[1]
    second.shared_notes, second.keep_doing = WRITTEN[2], WRITTEN[3]
    record.questions[0].text = WRITTEN[4]
    return record


def test_texts_come_back_exactly_as_written() -> None:
    """The index keeps the texts folded, and puts each back together as it
    was written when it is shown."""
    record = _written_record()
    docs = family_docs(record)
    assert {docs.text(n) for n in range(len(docs))} == {text for _doc, text in documents(record)}
    index = SearchIndex()
    index.add(record)
    for word, text in [
        ("tower", WRITTEN[0]),
        ("smiled", WRITTEN[1]),
        ("σοφια", WRITTEN[1]),
        ("ⓐ", WRITTEN[2]),
        ("nothing", WRITTEN[3]),
        ("bedtime", WRITTEN[4]),
    ]:
        results = index.search(word if len(word) > 1 else f'"{word} marks"')
        assert text in [r.text for r in results.results], (word, results.results)


def test_a_familys_texts_are_held_once() -> None:
    """Each family's texts were held twice, as written and folded (about
    14 MB per 1,000 families each); now once, folded, with only the
    characters folding changed kept beside them."""
    docs = family_docs(_written_record())
    held = sum(len(value) for value in vars(docs).values() if isinstance(value, str))
    assert held < 1.2 * len(docs.blob), (held, len(docs.blob))


def test_words_with_letters_that_fold_to_two_are_found_as_written() -> None:
    """ "Straße" and "İstanbul" kept in the texts as written were never found:
    the query was folded fully ("strasse", "i̇stanbul"), the texts were not."""
    record = full_record("Rowan family")
    record.reflections[0].family_words = "Die Straße hier, then the İstanbul trip"
    index = SearchIndex()
    index.add(record)
    for query in ("Straße", "straße", "STRAßE", "İstanbul", '"die straße"'):
        assert index.search(query).total == 1, query
    hit = index.search("straße").results[0]
    assert hit.text[hit.spans[0][0] : hit.spans[0][1]] == "Straße"

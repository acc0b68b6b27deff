"""The conversation view's model: each remark its own reflection (a prompt may
have several, or none), kept with its stage and speaker, written before memory
changes; old files stay readable; the letter, search, timeline and exports show
the remarks; packs mark prompts core or extra."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from vig_tui.demo import build_demo_record
from vig_tui.desk.search import SearchIndex
from vig_tui.desk.timeline import build_timeline
from vig_tui.domain import SessionKind
from vig_tui.export.letter import draft_letter
from vig_tui.export.record import record_from_json, record_json, record_markdown
from vig_tui.flows import StepKind, prompt_text, review_stages, stage_index, steps_for
from vig_tui.packs import load_packs
from vig_tui.services.session import FamilySession
from vig_tui.store import CURRENT_SCHEMA, Store, StoreError

from .journey_helpers import FIXED_DAY, PACKS


@pytest.fixture
def family(tmp_path: Path) -> FamilySession:
    store = Store.open(tmp_path / "store")
    record = build_demo_record(today=FIXED_DAY)
    family_id = store.create_family(record).id
    return FamilySession.open(store, family_id)


def _review(family: FamilySession) -> tuple[str, str]:
    review = next(s for s in family.record.sessions if s.kind == SessionKind.SHARED_REVIEW)
    return review.id, family.record.clips_for(1)[0].id


def test_each_remark_is_its_own_reflection(family: FamilySession) -> None:
    review, clip = _review(family)
    talk = family.conversation
    before = len(family.record.remarks(review, clip))
    talk.add_remark(review, clip, "seeing", "He looks up at me", prompt_id="notice-other")
    talk.add_remark(review, clip, "seeing", "And again, twice", prompt_id="notice-other")
    talk.add_remark(review, clip, "inside", "  I felt proud  ")
    said = family.record.remarks(review, clip)
    assert len(said) == before + 3
    mine = said[-3:]
    assert [(r.prompt_id, r.stage, r.family_words) for r in mine] == [
        ("notice-other", "seeing", "He looks up at me"),
        ("notice-other", "seeing", "And again, twice"),
        (None, "inside", "I felt proud"),
    ]
    assert len({r.id for r in mine}) == 3
    assert mine[-1].asked == "own words" and mine[0].asked == "notice-other"
    # and on disk, as in memory
    store_copy = family._store.read_family(family.id)  # what a fresh reader sees
    assert [r.family_words for r in store_copy.remarks(review, clip)][-3:] == [
        "He looks up at me",
        "And again, twice",
        "I felt proud",
    ]


def test_remarks_are_checked_before_anything_is_written(family: FamilySession) -> None:
    review, clip = _review(family)
    talk = family.conversation
    count = len(family.record.reflections)
    with pytest.raises(ValueError, match="no words"):
        talk.add_remark(review, clip, "seeing", "   ")
    with pytest.raises(KeyError):
        talk.add_remark(review, "no-such-clip", "seeing", "words")
    with pytest.raises(KeyError):
        talk.add_remark(review, clip, "seeing", "words", question_id="no-such-question")
    assert len(family.record.reflections) == count


def test_who_is_speaking_is_kept_only_with_several_adults(family: FamilySession) -> None:
    review, clip = _review(family)
    talk = family.conversation
    one = talk.add_remark(review, clip, "seeing", "Only Robin here", speaker="Robin")
    assert one.speaker is None  # one adult: nothing extra is stored
    facts = family.record.family.model_copy(deep=True)
    facts.adults = ["Robin", "Alex"]
    family.save_family(facts)
    two = talk.add_remark(review, clip, "seeing", "Alex saw it too", speaker="Alex")
    assert two.speaker == "Alex"
    with pytest.raises(ValueError, match="not one of this family's adults"):
        talk.add_remark(review, clip, "seeing", "Who?", speaker="Nobody")


def test_a_refused_write_leaves_memory_as_it_was(
    family: FamilySession, monkeypatch: pytest.MonkeyPatch
) -> None:
    review, clip = _review(family)

    def refuse(item: object) -> None:
        raise StoreError("the disk is full")

    monkeypatch.setattr(family._repo, "save", refuse)
    count = len(family.record.reflections)
    with pytest.raises(StoreError):
        family.conversation.add_remark(review, clip, "seeing", "Lost?")
    with pytest.raises(StoreError):
        family.conversation.set_clip_note(review, clip, "A note")
    with pytest.raises(StoreError):
        family.conversation.move_stage(review, clip, "inside")
    assert len(family.record.reflections) == count
    assert family.record.clip_note(review, clip) is None
    assert family.meeting(review).progress.get(f"stage:{clip}") is None


def test_stage_view_and_clip_note_are_remembered(family: FamilySession) -> None:
    review, clip = _review(family)
    talk = family.conversation
    talk.move_stage(review, clip, "made-possible")
    stages = review_stages(PACKS, family.record)
    assert stages[stage_index(family.meeting(review), clip, stages)].id == "made-possible"
    talk.set_clip_note(review, clip, "Look again at the pause")
    talk.set_clip_note(review, clip, "Look again at the pause before he speaks")
    note = family.record.clip_note(review, clip)
    assert note is not None and note.practitioner_note.endswith("before he speaks")
    assert note not in family.record.remarks(review, clip)
    meeting = family.meeting(review)
    kinds = {s.kind for s in steps_for(PACKS, family.record, meeting)}
    assert StepKind.CONVERSATION in kinds and StepKind.WATCH not in kinds
    talk.set_view(review, "steps")
    kinds = {s.kind for s in steps_for(PACKS, family.record, family.meeting(review))}
    assert StepKind.WATCH in kinds and StepKind.CONVERSATION not in kinds
    with pytest.raises(ValueError):
        talk.set_view(review, "sideways")  # type: ignore[arg-type]


def test_remarks_reach_the_letter_search_timeline_and_exports(family: FamilySession) -> None:
    review, clip = _review(family)
    family.finish_meeting(review)
    family.conversation.add_remark(review, clip, "what-next", "Zebra crossings together")
    family.conversation.set_clip_note(review, clip, "Quietnote about timing")
    record = family.record
    assert "Zebra crossings together" in draft_letter(record, PACKS).markdown
    index = SearchIndex()
    index.add(record)
    assert index.search("zebra").results
    hit = index.search("quietnote").results[0]
    assert hit.private
    events = build_timeline(record, PACKS)
    assert any("Zebra crossings together" in e.detail for e in events)
    assert not any("Quietnote" in e.detail for e in events)
    assert any("Quietnote" in e.private_detail for e in events)
    markdown = record_markdown(record, PACKS)
    assert "own words" in markdown and "Zebra crossings together" in markdown
    back = record_from_json(record_json(record))
    remark = next(r for r in back.reflections if r.family_words == "Zebra crossings together")
    assert remark.prompt_id is None and remark.stage == "what-next"


def test_a_schema_3_file_is_read_and_set_aside(tmp_path: Path) -> None:
    root = tmp_path / "store"
    with Store.open(root) as store:
        family_id = store.create_family(build_demo_record(today=FIXED_DAY)).id
        path = store.family_folder(family_id) / "record.json"
    data = json.loads(path.read_bytes())
    data["_meta"]["1"]["schema"] = 3
    old = json.dumps(data).encode()
    path.write_bytes(old)
    with Store.open(root) as store:
        record = store.family(family_id).record
    assert CURRENT_SCHEMA == 4
    assert path.with_name(f"{path.name}.schema3").read_bytes() == old
    assert json.loads(path.read_bytes())["_meta"]["1"]["schema"] == 4
    assert all(r.prompt_id for r in record.reflections)  # every old word kept its prompt


def test_core_prompts_make_a_shorter_review() -> None:
    record = build_demo_record(today=FIXED_DAY)
    review = next(s for s in record.sessions if s.kind == SessionKind.SHARED_REVIEW)
    review.progress["view"] = "steps"
    core = steps_for(PACKS, record, review, "core")
    every = steps_for(PACKS, record, review, "all")
    assert len(core) < len(every)
    assert {s.prompt.id for s in every if s.prompt} - {s.prompt.id for s in core if s.prompt} == {
        "notice-self",
        "self-feeling",
        "self-hoping",
        "turns",
        "next-step",
    }
    for stage in review_stages(PACKS, record, "core"):
        assert 2 <= len(stage.prompts) <= 3, stage.id


def test_a_bad_use_mark_names_the_file_and_field(tmp_path: Path) -> None:
    shipped = Path(__file__).parent.parent / "prompts" / "shared_review.yaml"
    text = shipped.read_text(encoding="utf-8").replace("use: extra", "use: sometimes", 1)
    folder = tmp_path / "packs"
    folder.mkdir()
    (folder / "shared_review.yaml").write_text(text, encoding="utf-8")
    packs = load_packs(folder)
    problems = " ".join(str(e) for e in packs.errors)
    assert "shared_review.yaml" in problems and "'use'" in problems, problems
    assert "core" in problems and "extra" in problems


def test_prompts_use_the_childs_name_or_ask_which_child() -> None:
    record = build_demo_record(today=FIXED_DAY)
    prompt = next(p for p in PACKS.shared_review.stages[0].prompts if p.id == "notice-other")
    assert prompt_text(prompt, record) == "What do you notice Sam doing here?"
    sam = record.family.children[0]
    kit = sam.model_copy(update={"name": "Kit"})
    record.family = record.family.model_copy(update={"children": [sam, kit]})
    asked = prompt_text(prompt, record)
    assert asked.startswith("What do you notice your child doing here?")
    assert "Which child" in asked and "Sam or Kit" in asked


def test_a_pack_without_stages_still_has_one_conversation() -> None:
    record = build_demo_record(today=FIXED_DAY)
    bare = dataclasses.replace(
        PACKS, shared_review=dataclasses.replace(PACKS.shared_review, stages=[])
    )
    (only,) = review_stages(bare, record)
    assert only.prompts == [] and only.title

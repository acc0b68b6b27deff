"""What a prompt does is pack data, not an id in code: packs whose ids are all
renamed keep every feature (keep doing, linking a moment to a helping
question, which questionnaires are offered and ticked, how many helping
questions)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import Select

from vig_tui.demo import build_demo_record
from vig_tui.domain import Session, SessionKind
from vig_tui.flows import StepKind, chosen_questionnaires, offered_questionnaires, steps_for
from vig_tui.packs import PackSet, load_packs
from vig_tui.store import Store
from vig_tui.ui.app import VigApp
from vig_tui.ui.screens.meeting import MeetingScreen

from .journey_helpers import FIXED_DAY, Players, past_read_back

SHIPPED = Path(__file__).resolve().parents[1] / "prompts"
RENAMES = {
    "keep-doing": "hold-on-to",
    "helping-question": "our-goal",
    "link-to-question": "tie-to-goal",
    "goal-rating": "goal-score",
    "checkin": "wellbeing",
    "max_questions: 3": "max_questions: 4",
    "id: celebrating": "id: party",
    "id: ratings": "id: scores",
}


@pytest.fixture
def renamed(tmp_path: Path) -> PackSet:
    folder = tmp_path / "packs"
    shutil.copytree(SHIPPED, folder)
    for path in folder.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        for old, new in RENAMES.items():
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    packs = load_packs(shipped_dir=folder, include_user=False)
    assert not packs.errors, packs.errors
    assert "goal-score" in packs.questionnaires and "goal-rating" not in packs.questionnaires
    return packs


def test_renamed_packs_keep_questionnaire_choices_and_helping_questions(renamed: PackSet) -> None:
    record = build_demo_record(today=FIXED_DAY)
    initial = Session(kind=SessionKind.INITIAL_MEETING)
    offered = offered_questionnaires(renamed, initial)
    assert "goal-score" not in offered, "the helping-question rating is never offered"
    assert set(offered) == {"phq9", "gad7", "wellbeing"}
    offering = next(s.prompt for s in steps_for(renamed, record, initial) if s.key == "qn:choose")
    chosen = chosen_questionnaires(renamed, record, initial, offering)
    assert chosen == ["phq9", "gad7", "wellbeing"]
    keys = [s.key for s in steps_for(renamed, record, initial)]
    assert [k for k in keys if k.startswith("hq:")] == ["hq:0", "hq:1", "hq:2", "hq:3"]
    final = steps_for(renamed, record, Session(kind=SessionKind.FINAL_MEETING))
    kinds = [s.kind for s in final]
    compare, celebrate = kinds.index(StepKind.COMPARE), kinds.index(StepKind.CELEBRATE)
    assert kinds.index(StepKind.CHOOSE_QUESTIONNAIRES) < compare, "after the ratings section"
    assert celebrate == compare + 1 and final[celebrate + 1].title == "Celebrating"


def test_renamed_packs_keep_linking_and_keep_doing(renamed: PackSet) -> None:
    record = build_demo_record(today=FIXED_DAY)
    review = Session(kind=SessionKind.SHARED_REVIEW, cycle=1, progress={"view": "steps"})
    steps = steps_for(renamed, record, review)
    linking = {s.prompt.id for s in steps if s.links_question and s.prompt}
    assert linking == {"tie-to-goal", "question-now"}
    (keep,) = [s for s in steps if s.prompt and s.prompt.keep_doing]
    assert keep.prompt is not None and keep.prompt.id == "hold-on-to"


async def test_a_review_with_renamed_packs_links_and_keeps_doing(
    store: Store, renamed: PackSet
) -> None:
    family_id = store.create_family(build_demo_record(today=FIXED_DAY)).id
    app = VigApp(store, packs=renamed, player_factory=Players())
    async with app.run_test(size=(100, 32)) as pilot:
        app.open_family(family_id)
        await pilot.pause()
        await pilot.press("r")  # the shared review
        await past_read_back(pilot)
        await pilot.pause()
        await pilot.pause()
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen)
        await pilot.press("ctrl+t")  # one prompt at a time
        await pilot.pause()
        keys = [s.key for s in meeting.steps]
        link_key = next(k for k in keys if k.endswith("prompt:tie-to-goal"))
        meeting.go(keys.index(link_key))
        await pilot.pause()
        await pilot.pause()
        assert meeting.query_one("#question-link", Select).display, "the question picker shows"
        meeting.go(keys.index("prompt:hold-on-to"))
        await pilot.pause()
        await pilot.pause()
        meeting.query_one("#family-words").focus()
        await pilot.press(*"Bedtime songs")
        meeting.flush_fields()
        await pilot.pause()
        assert meeting.session.keep_doing.endswith("Bedtime songs")

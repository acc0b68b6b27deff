"""With several children, a prompt about a moment on film names no child.

A tester with two children found "(Which child are you thinking of: Leo or
Ivy?)" after many review prompts, about a clip that plainly showed Leo: the
film shows which child. Prompts that are not about a moment still ask."""

from __future__ import annotations

from textual.widgets import Select

from vig_tui.demo import build_demo_record
from vig_tui.domain import parse_children
from vig_tui.domain.rules.wording import for_family
from vig_tui.store import Store

from .journey_helpers import FIXED_DAY, make_app, screen_text
from .test_conversation_view import open_review, talk

TWO = parse_children("Sam 3, Kit 1")


def test_a_prompt_about_a_moment_keeps_your_child_and_others_ask() -> None:
    record = build_demo_record(today=FIXED_DAY)
    family = record.family.model_copy(update={"children": TWO})
    text = "What do you notice your child doing here?"
    assert for_family(text, family, about_a_moment=True) == text
    assert "Which child" in for_family(text, family)


async def test_the_reviews_prompts_ask_no_which_child(store: Store) -> None:
    record = build_demo_record(today=FIXED_DAY)
    record.family.children = TWO
    family_id = store.create_family(record).id
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        meeting = await open_review(pilot, app, family_id)
        picker = talk(meeting).query_one("#talk-prompt", Select)
        offered = " ".join(str(label) for label, _ in picker._options)
        assert "your child" in offered
        assert "Which child" not in offered and "Which child" not in screen_text(app)

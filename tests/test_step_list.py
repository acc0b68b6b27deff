"""The list of a meeting's steps (Ctrl+O): one line per step, under the part
of the meeting it belongs to, in the words this family sees."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from vig_tui.domain import Family, WorkMode, parse_children
from vig_tui.flows import prompt_text
from vig_tui.services.session import create_family
from vig_tui.store import Store
from vig_tui.ui.dialogs.step_list import StepListScreen

from .journey_helpers import add_demo, make_app, past_read_back, screen_text


async def test_the_step_list_is_one_line_a_step_in_the_familys_words(tmp_path: Path) -> None:
    with Store.open(tmp_path / "store") as store:
        family = create_family(
            store,
            Family(
                label="2B",
                children=parse_children("Leo 6"),
                work_mode=WorkMode.PROFESSIONAL_CHILD,
            ),
        )
        app = make_app(store)
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(3):
                await pilot.pause()
            app.open_family(family.id)
            await pilot.pause()
            await pilot.press("i")
            await pilot.pause()
            meeting = app.screen
            await pilot.press("ctrl+o")
            await pilot.pause()
            assert isinstance(app.screen, StepListScreen)
            options = app.screen.query_one("#steps", OptionList)
            # every step, and every heading, takes exactly one line at 80×24
            assert options.virtual_size.height == options.option_count
            shown = [options.get_option_at_index(n) for n in range(options.option_count)]
            labels = {o.id: str(o.prompt) for o in shown}
            headings = [str(o.prompt) for o in shown if o.disabled]
            assert "About the pupil or group" in headings and "About your child" not in headings
            # a part taken up again after a questionnaire is not a second part of that name
            assert len(headings) == len(set(headings))
            assert "Getting started (continued)" in headings
            record = meeting.record  # type: ignore[attr-defined]
            for i, step in enumerate(meeting.steps):  # type: ignore[attr-defined]
                if step.kind == "prompt" and step.prompt is not None:
                    words = " ".join(prompt_text(step.prompt, record).split())
                    assert labels[str(i)].endswith(words), (labels[str(i)], words)
            # End reaches the last step, and it is on screen (not under the dialog's edge)
            await pilot.press("end")
            await pilot.pause()
            last = options.get_option_at_index(options.option_count - 1)
            assert options.highlighted == options.option_count - 1 and not last.disabled
            assert options.region.bottom <= app.screen.query_one("#step-list").content_region.bottom
            assert str(last.prompt) in screen_text(app)
            # a heading is not a step: choosing it goes nowhere
            heading_index = next(n for n, o in enumerate(shown) if o.disabled)
            options.highlighted = heading_index
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, StepListScreen)
            await pilot.press("down", "enter")
            await pilot.pause()
            assert app.screen is meeting


async def test_in_the_familys_view_the_steps_are_numbered_without_gaps(tmp_path: Path) -> None:
    """The practitioner's own steps are not listed to the family, and the numbers
    don't jump where one was left out (a gap would show that something was)."""
    with Store.open(tmp_path / "store") as store:
        family_id = add_demo(store)
        app = make_app(store)
        async with app.run_test(size=(100, 40)) as pilot:
            for _ in range(3):
                await pilot.pause()
            app.open_family(family_id)
            await pilot.pause()
            await pilot.press("r")
            await past_read_back(pilot)
            for _ in range(3):
                await pilot.pause()
            meeting = app.screen
            assert app.together
            assert any(step.private for step in meeting.steps)  # type: ignore[attr-defined]
            await pilot.press("ctrl+o")
            await pilot.pause()
            assert isinstance(app.screen, StepListScreen)
            options = app.screen.query_one("#steps", OptionList)
            shown = [options.get_option_at_index(n) for n in range(options.option_count)]
            numbers = [int(str(o.prompt).split()[0]) for o in shown if not o.disabled]
            assert numbers == list(range(1, len(numbers) + 1))
            assert "(private)" not in screen_text(app)
